#!/usr/bin/env bash
# Builds pgdeck's browser bundle into target/site/pkg:
#   the `frontend` crate for wasm32 → wasm-split (one chunk per lazily
#   loaded page) → wasm-bindgen → wasm-opt (when present) → one pack of
#   chunks per page (scripts/pack-pages.js) → terser on the JavaScript (when
#   present) → brotli and gzip forms.
# Usage: scripts/build-site.sh [release|dev]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-release}"
out=target/site/pkg
split=target/site/split
if [ "$mode" = dev ]; then
  cargo build -p frontend --lib --target wasm32-unknown-unknown
  wasm=target/wasm32-unknown-unknown/debug/frontend.wasm
else
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  wasm=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
fi
rm -rf "$out" "$split"
mkdir -p "$out" "$split"
# The main module and the page chunks; the chunks load through
# __wasm_split.js, which takes the main module's memory and table from pgdeck.js.
wasm-split-cli "$wasm" "$split" --target web --out-name pgdeck
# --keep-lld-exports: the chunks import the main module's function table.
wasm-bindgen --keep-lld-exports --target web --no-typescript --out-name pgdeck --out-dir "$out" "$split/pgdeck.wasm"
rm "$split/pgdeck.wasm"
cp "$split"/* "$out"/
if [ "$mode" != dev ] && command -v wasm-opt >/dev/null 2>&1; then
  # Two at a time: one per core, and the main module needs the memory.
  # --converge: passes again until nothing shrinks (−0.7 KiB of the main
  # module, compressed, for some 15 s more on it).
  ls "$out"/*.wasm | xargs -P 2 -I{} wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue -o {}.opt {}
  for f in "$out"/*.wasm; do mv "$f.opt" "$f"; done
fi
# One file for the chunks of each page opened by its address.
# The modules' custom sections (producers, target_features) say how they
# were built and nothing the browser uses: 0.4 KiB of the main module and
# 1.2–1.4 KiB of a page's pack, compressed.
node - "$out" <<'JS'
const fs = require('fs');
const path = require('path');
function leb(b, i) { let r = 0, s = 0; for (;;) { const x = b[i++]; r |= (x & 0x7f) << s; s += 7; if (x < 0x80) return [r >>> 0, i]; } }
for (const name of fs.readdirSync(process.argv[2]).filter((n) => n.endsWith('.wasm'))) {
  const f = path.join(process.argv[2], name);
  const b = fs.readFileSync(f);
  const kept = [b.subarray(0, 8)];
  for (let i = 8; i < b.length;) {
    const start = i;
    const id = b[i++];
    let n;
    [n, i] = leb(b, i);
    if (id !== 0) kept.push(b.subarray(start, i + n));
    i += n;
  }
  fs.writeFileSync(f, Buffer.concat(kept));
}
JS
node scripts/pack-pages.js "$out"
# The wasm-bindgen glue and the chunk loader, minified: 3.3 KiB less on the
# wire for every page (pgdeck.js 8.9 → 7.1 KiB, __wasm_split.js 8.6 → 7.1
# KiB, compressed). Exported names stay; scripts/size.sh reads either form.
if [ "$mode" != dev ] && command -v terser >/dev/null 2>&1; then
  for f in pgdeck.js __wasm_split.js; do
    terser "$out/$f" --module --compress --mangle -o "$out/$f.min"
    mv "$out/$f.min" "$out/$f"
  done
fi
# Compressed once here, served as the browser accepts (Content-Encoding br or
# gzip): brotli at quality 11 and gzip at level 9, with Node's zlib.
# The style sheet without its comments and runs of white space (−0.7 KiB
# on every page, compressed); the source it was made from is kept beside it,
# and the server serves it only while style/main.css is still that source.
mkdir -p target/site/style
cp style/main.css target/site/style/main.source
node -e '
const fs = require("fs");
const css = fs.readFileSync("style/main.css", "utf8")
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\s+/g, " ")
  .replace(/\s*([{};])\s*/g, "$1")
  .replace(/;}/g, "}")
  .trim();
fs.writeFileSync("target/site/style/main.css", css + "\n");
'
node - "$out" target/site/style <<'JS'
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
for (const dir of process.argv.slice(2)) {
  for (const name of fs.readdirSync(dir)) {
    if (!/\.(js|wasm|json|css|bin)$/.test(name)) continue;
    const f = path.join(dir, name);
    const raw = fs.readFileSync(f);
    fs.writeFileSync(f + '.br', zlib.brotliCompressSync(raw, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
    fs.writeFileSync(f + '.gz', zlib.gzipSync(raw, { level: 9 }));
  }
}
JS
echo "$(ls "$out" | grep -cv '\.\(br\|gz\)$') files in $out (each also .br and .gz): $(du -sh "$out" | cut -f1)"
