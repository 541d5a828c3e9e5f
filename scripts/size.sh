#!/usr/bin/env bash
# Prints the brotli-compressed size of what the first page downloads
# (the hydration JS, the WASM and the CSS). Run scripts/build-site.sh release first.
set -euo pipefail
cd "$(dirname "$0")/.."
node - <<'JS'
const fs = require('fs');
const zlib = require('zlib');
const files = ['target/site/pkg/pgdeck.js', 'target/site/pkg/pgdeck_bg.wasm', 'style/main.css'];
let total = 0;
for (const f of files) {
  const raw = fs.readFileSync(f);
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  console.log(`${f.padEnd(32)} ${String(raw.length).padStart(9)} B raw  ${String(br).padStart(8)} B brotli`);
}
console.log(`${'total (first page)'.padEnd(32)} ${''.padStart(9)}          ${String(total).padStart(8)} B brotli = ${(total / 1024).toFixed(1)} KiB`);
const budget = 350 * 1024;
console.log(total <= budget ? `within the 350 KiB budget (${((budget - total) / 1024).toFixed(1)} KiB left)` : `OVER the 350 KiB budget by ${((total - budget) / 1024).toFixed(1)} KiB`);
JS
