#!/usr/bin/env bash
# Builds pgdeck's browser bundle into target/site/pkg:
#   the `frontend` crate for wasm32 → wasm-bindgen → wasm-opt (when present).
# Usage: scripts/build-site.sh [release|dev]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-release}"
out=target/site/pkg
mkdir -p "$out"
if [ "$mode" = dev ]; then
  # Erasing component types cuts compile time a lot for local iterations.
  RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components" \
    cargo build -p frontend --lib --target wasm32-unknown-unknown
  wasm=target/wasm32-unknown-unknown/debug/frontend.wasm
else
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  wasm=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
fi
wasm-bindgen --target web --no-typescript --out-name pgdeck --out-dir "$out" "$wasm"
if [ "$mode" != dev ] && command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    -o "$out/pgdeck_bg.opt.wasm" "$out/pgdeck_bg.wasm"
  mv "$out/pgdeck_bg.opt.wasm" "$out/pgdeck_bg.wasm"
fi
ls -l "$out"
