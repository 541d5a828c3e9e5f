#!/usr/bin/env bash
# Installs what pgdeck needs to build and test, skipping whatever is present.
# Every tool comes from a package registry (crates.io, npm, Debian): nothing
# downloads a prebuilt binary from elsewhere.
#   scripts/setup.sh          build tools (wasm target, wasm-bindgen, wasm-split, wasm-opt)
#   scripts/setup.sh --test   also Chromium and the Playwright packages
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must match the library in Cargo.lock to the patch version.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# wasm-split cuts the bundle into the first page's module and one chunk per
# lazily loaded page (the split points come from leptos' lazy routes).
if ! grep -q "^wasm_split_cli_support v0.2.4" <<<"$(cargo install --list)"; then
  say "installing wasm-split-cli 0.2.4 (a minute, once)"
  cargo install --locked wasm_split_cli_support --version 0.2.4 --features build-binary
fi

# wasm-opt shrinks the release bundle; npm's binaryen runs on Node.
if ! command -v wasm-opt >/dev/null 2>&1; then
  say "installing wasm-opt (npm binaryen)"
  npm install -g --no-audit --no-fund binaryen@132 || echo "wasm-opt unavailable: the bundle will be built without it"
fi

# terser minifies the two JavaScript files every page loads (npm, pure JS).
if ! command -v terser >/dev/null 2>&1; then
  say "installing terser (npm)"
  npm install -g --no-audit --no-fund terser@5.51.4 || echo "terser unavailable: the bundle's JavaScript will be served unminified"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    say "installing Chromium (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y --no-install-recommends chromium || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends chromium; }
  fi
  # The README's CI example (docs/examples) is run by the tests: curl and jq.
  for tool in curl jq; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      say "installing $tool (Debian)"
      export DEBIAN_FRONTEND=noninteractive
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
      $SUDO apt-get install -y --no-install-recommends "$tool" || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "$tool"; }
    fi
  done
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -d end2end/node_modules/@axe-core/playwright ] || [ ! -d end2end/node_modules/oidc-provider ]; then
    say "installing Playwright, axe-core and oidc-provider (npm; no browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
