#!/usr/bin/env bash
# What each page downloads cold, measured over the wire: starts pgdeck (or
# uses PGDECK_URL), fetches every asset a page needs with
# `Accept-Encoding: br, gzip` as Chromium sends it, and sums the bytes that
# arrive. First the first page (hydration script, chunk loader, main WASM
# module, style sheet), then what each lazily loaded page and instance tab
# adds: the pack of its chunks (scripts/pack-pages.js), and for comparison
# the same chunks fetched one by one. Every page also fetches the messages
# of its language: the base every page loads and its own namespaces
# (/i18n/<lang>.<namespace>.<version>.json, as lang/locales/pages.txt
# lists them), so each page is counted in English and in Korean. Fails when any page is over the 350 KiB budget in
# either language, or the first page over 250 KiB.
# Usage: scripts/build-site.sh release && cargo build -p server --bin pgdeck && scripts/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
url=${PGDECK_URL:-}
if [ -z "$url" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  data=$(mktemp -d)
  PGDECK_DATA_DIR="$data" PGDECK_LISTEN="127.0.0.1:$port" "${PGDECK_BIN:-target/debug/pgdeck}" serve --sandbox >"$data/log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
fi
node - "$url" <<'JS'
const http = require('http');
const base = process.argv[2];
const budget = 350 * 1024;
const firstBudget = 250 * 1024;
const kib = (b) => (b / 1024).toFixed(1) + ' KiB';
function get(path, headers = {}) {
  headers = { 'accept-language': 'en', ...headers };
  return new Promise((resolve, reject) => {
    http.get(base + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const wire = new Map();
async function onWire(file) {
  if (!wire.has(file)) {
    const r = await get(`/${dir}/${file}`, { 'accept-encoding': 'br, gzip' });
    if (r.status !== 200) throw new Error(`${file}: HTTP ${r.status}`);
    wire.set(file, { bytes: r.body.length, encoding: r.headers['content-encoding'] || 'none', cache: r.headers['cache-control'] });
  }
  return wire.get(file).bytes;
}
let dir;
(async () => {
  const page = (await get('/sign-in')).body.toString();
  const m = page.match(/\/(pkg\/[0-9a-f]+)\/pgdeck\.js/);
  if (!m) throw new Error('no versioned bundle address in the sign-in page');
  dir = m[1];
  const first = ['pgdeck.js', '__wasm_split.js', 'pgdeck_bg.wasm', 'main.css'];
  let total = 0;
  for (const f of first) {
    const b = await onWire(f);
    total += b;
    const w = wire.get(f);
    console.log(`${f.padEnd(24)} ${String(b).padStart(8)} B on the wire (${w.encoding}; ${w.cache})`);
  }
  // The messages of each language: the base, which the page names in its
  // head, then each page's own namespaces; the other language's never.
  const msgs = {};
  let version = '';
  const part = async (lang, ns) => {
    const r = await get(`/i18n/${lang}.${ns}.${version}.json`, { 'accept-encoding': 'br, gzip' });
    if (r.status !== 200) throw new Error(`/i18n/${lang}.${ns}.${version}.json: HTTP ${r.status}`);
    return r.body.length;
  };
  for (const lang of ['en', 'ko']) {
    const html = (await get('/sign-in', { 'accept-language': lang })).body.toString();
    const links = [...html.matchAll(/\/i18n\/([a-z]+)\.([a-z_]+)\.([0-9a-f]+)\.json/g)];
    if (!links.length || links.some((l) => l[1] !== lang)) throw new Error(`the ${lang} sign-in page names no ${lang} messages, or another language's`);
    version = links[0][3];
    msgs[lang] = 0;
    for (const l of links) msgs[lang] += await part(lang, l[2]);
    console.log(`${('messages ' + lang + ', base').padEnd(24)} ${String(msgs[lang]).padStart(8)} B on the wire (${links.length} files: ${links.map((l) => l[2]).join(', ')})`);
  }
  // lang/locales/pages.txt: page (its route's name) → its own namespaces.
  const ownNamespaces = new Map();
  for (const line of require('fs').readFileSync('lang/locales/pages.txt', 'utf8').split('\n')) {
    const m = line.trim().match(/^(\w+):(.*)$/);
    if (!m || m[1] === 'base') continue;
    const snake = m[1].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    ownNamespaces.set(snake, m[2].trim().split(/\s+/).filter(Boolean).map((n) => n.replace(/-/g, '_')));
  }
  const pageMessages = async (lang, names) => {
    const seen = new Set();
    let b = 0;
    for (const n of names) for (const ns of ownNamespaces.get(n) || []) if (!seen.has(ns)) { seen.add(ns); b += await part(lang, ns); }
    return b;
  };
  let firstOver = 0;
  for (const lang of ['en', 'ko']) {
    const t = total + msgs[lang];
    if (t > firstBudget) firstOver++;
    console.log(`${('first page, ' + lang).padEnd(24)} ${String(t).padStart(8)} B = ${kib(t)} ${t <= firstBudget ? 'within' : 'OVER'} the 250 KiB first-page budget`);
  }
  const js = (await get(`/${dir}/__wasm_split.js`)).body.toString();
  // Chunks are fetched through the packer (scripts/pack-pages.js). The
  // loader may be minified (scripts/build-site.sh): names of its own
  // functions and of the chunks' constants are then short, so the chunks are
  // found by the file each constant loads.
  const re = /export const __wasm_split_load_+(\w+?)_route_view_\d+\s*=\s*[\w$]+\([\w$]+\("([^"]+)",\s*\[([^\]]*)\]\)\)/g;
  const chunkOf = new Map([...js.matchAll(/([\w$]+)\s*=\s*[\w$]+\("(chunk_\d+\.wasm)",\s*\[/g)].map((c) => [c[1], c[2]]));
  const chunkFile = (name) => chunkOf.get(name) || null;
  const packs = new Set(JSON.parse((js.match(/new Set\((\["[^\]]*\])\)/) || [])[1] || '[]'));
  if (!packs.size) throw new Error('no list of packs in __wasm_split.js');
  const pages = new Map();
  for (const p of js.matchAll(re)) {
    pages.set(p[1], [p[2], ...p[3].split(',').map((s) => s.trim()).filter(Boolean).map(chunkFile).filter(Boolean)]);
  }
  if (!pages.size) throw new Error('no page loaders found in __wasm_split.js');
  const views = new Map();
  for (const [p, files] of pages) {
    if (p.endsWith('_tab')) views.set('instance ' + p, { key: ['instance', p].sort().join('+'), files: new Set([...(pages.get('instance') || []), ...files]) });
    else if (p !== 'instance') views.set(p, { key: p, files: new Set(files) });
  }
  console.log('\nopened cold by its address (first page + messages + what the page fetches: its pack, or its chunks one by one):');
  let worst = total + Math.max(msgs.en, msgs.ko);
  let over = 0;
  for (const [p, { key, files: chunks }] of [...views].sort()) {
    const names = p.startsWith('instance ') ? ['instance', p.slice(9)] : [p];
    const own = { en: await pageMessages('en', names), ko: await pageMessages('ko', names) };
    const packed = packs.has(key);
    const files = packed ? new Set([`pack-${key}.bin`]) : chunks;
    let apart = 0;
    for (const f of chunks) apart += await onWire(f);
    let b = 0;
    for (const f of files) b += await onWire(f);
    const coldEn = total + msgs.en + own.en + b;
    const coldKo = total + msgs.ko + own.ko + b;
    const cold = Math.max(coldEn, coldKo);
    worst = Math.max(worst, cold);
    if (cold > budget) over++;
    console.log(`  ${p.padEnd(30)} ${String(chunks.size).padStart(3)} chunks ${kib(apart).padStart(10)} apart, ${packed ? 'packed' : 'fetched'} ${kib(b).padStart(10)}  cold en ${kib(coldEn).padStart(10)} ko ${kib(coldKo).padStart(10)}${cold > budget ? '  OVER' : ''}`);
  }
  // Pieces a page loads when a member opens them (the confirmation dialog,
  // the access-rule form): not part of any cold page.
  console.log('\nloaded on demand (one pack each; a page takes the chunks it lacks):');
  for (const p of js.matchAll(/export const __wasm_split_load_([a-z]\w*?)_\d+\s*=/g)) {
    if (packs.has(p[1])) console.log(`  ${p[1].padEnd(30)} packed ${kib(await onWire(`pack-${p[1]}.bin`)).padStart(10)}`);
  }
  const apart = [...wire].filter(([f]) => !f.startsWith('pack-'));
  const all = apart.reduce((s, [, w]) => s + w.bytes, 0);
  console.log(`\nlargest cold page: ${kib(worst)}; the whole bundle, file by file: ${apart.length} files, ${kib(all)} on the wire`);
  if (over > 0) { console.log(`${over} page(s) OVER the 350 KiB budget`); process.exit(1); }
  if (firstOver > 0) { console.log('the first page is OVER the 250 KiB budget'); process.exit(1); }
})().catch((e) => { console.error(e.message); process.exit(2); });
JS
