#!/usr/bin/env bash
# Prints the brotli-compressed size of what the first page downloads (the
# hydration JS, the chunk loader, the main WASM module and the CSS), then
# what each lazily loaded page adds on top (its chunk and the shared chunks
# it needs). Run scripts/build-site.sh release first.
set -euo pipefail
cd "$(dirname "$0")/.."
node - <<'JS'
const fs = require('fs');
const zlib = require('zlib');
const pkg = 'target/site/pkg/';
const br = (f) => zlib.brotliCompressSync(fs.readFileSync(f), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (b) => (b / 1024).toFixed(1) + ' KiB';
const first = [pkg + 'pgdeck.js', pkg + '__wasm_split.js', pkg + 'pgdeck_bg.wasm', 'style/main.css'].filter((f) => fs.existsSync(f));
let total = 0;
for (const f of first) {
  const raw = fs.statSync(f).size;
  const b = br(f);
  total += b;
  console.log(`${f.padEnd(36)} ${String(raw).padStart(9)} B raw  ${String(b).padStart(8)} B brotli`);
}
console.log(`${'total (first page)'.padEnd(36)} ${''.padStart(9)}          ${String(total).padStart(8)} B brotli = ${kib(total)}`);
const budget = 350 * 1024;
console.log(total <= budget ? `within the 350 KiB budget (${kib(budget - total)} left)` : `OVER the 350 KiB budget by ${kib(total - budget)}`);

// Each page's chunk and the shared chunks __wasm_split.js loads with it.
const loader = pkg + '__wasm_split.js';
if (fs.existsSync(loader)) {
  const js = fs.readFileSync(loader, 'utf8');
  const re = /export const __wasm_split_load_+(\w+?)_route_view_\d+ = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g;
  const chunkFile = (name) => {
    const m = js.match(new RegExp(`const ${name} = [\\s\\S]*?new URL\\("\\./([^"]+)"`));
    return m ? m[1] : null;
  };
  const pages = new Map();
  for (const m of js.matchAll(re)) {
    const files = [m[2], ...m[3].split(',').map((s) => s.trim()).filter(Boolean).map(chunkFile).filter(Boolean)];
    pages.set(m[1], files);
  }
  if (pages.size) {
    // An instance tab opens inside the instance page: both chunks load.
    const views = new Map();
    for (const [page, files] of pages) {
      if (page.endsWith('_tab')) views.set('instance ' + page, new Set([...(pages.get('instance') || []), ...files]));
      else if (page !== 'instance') views.set(page, new Set(files));
    }
    console.log('\nloaded when a page opens (on top of the first page):');
    let worst = 0;
    for (const [page, files] of [...views].sort()) {
      const b = [...files].reduce((s, f) => s + br(pkg + f), 0);
      worst = Math.max(worst, total + b);
      console.log(`  ${page.padEnd(28)} ${String(files.size).padStart(3)} files ${String(b).padStart(8)} B brotli = ${kib(b).padStart(10)}  (page total ${kib(total + b)})`);
    }
    console.log(`largest page total: ${kib(worst)} ${worst <= budget ? 'within' : 'OVER'} the budget`);
  }
}
JS
