// Packs the WASM chunks a page needs into one file, and teaches the chunk
// loader to fetch a page's missing chunks from it.
//
// wasm-split gives every page its own chunk plus the chunks it shares with
// other pages: hundreds of small files for an instance tab, each compressed
// on its own. The loader asks for the chunks a page lacks together, in one
// batch; when there is a pack for that set of pages, `pack-{pages}.bin`
// (one file holding every chunk those pages need, compressed as a whole,
// about half the bytes of the files apart), the batch is served from it and
// the chunks already loaded are skipped. Packs exist for each page opened by
// its address (an instance tab with its instance page), for each tab alone
// (moving between tabs), and for each piece a page loads on demand (a
// `#[leptos::lazy]` function such as the confirmation dialog: all its
// chunks, of which the loader takes those still missing). Any other batch
// loads chunk by chunk.
//
// Usage: node scripts/pack-pages.js target/site/pkg
// Pack layout: u32 (little-endian) length of a JSON index
// [[file, bytes], ...], the index, then the files' bytes in index order.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const loaderPath = path.join(dir, '__wasm_split.js');
let js = fs.readFileSync(loaderPath, 'utf8');
if (js.includes('__pgdeck_packs')) throw new Error(`${loaderPath} is packed already: build the site again`);

// The split point each exported loader stands for, with the files it
// fetches: its own module and, through `deps`, the shared chunks.
const chunkFile = (name) => {
  const c = js.match(new RegExp(`const ${name} = [\\s\\S]*?new URL\\("\\./([^"]+)"`));
  return c ? c[1] : null;
};
// Pages are the router's lazy routes (`__{page}_route_view_{hash}`); pieces
// are the `#[leptos::lazy]` functions a page loads on demand
// (`{function}_{hash}`).
const splits = new Map();
const pieces = new Map();
const entry = /export const __wasm_split_load_(_*)(\w+?)(_route_view)?_\d+ = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g;
for (const m of js.matchAll(entry)) {
  const [, lead, name, route, file, depList] = m;
  const deps = depList.split(',').map((s) => s.trim()).filter(Boolean).map(chunkFile);
  if (deps.some((d) => !d)) throw new Error(`${name}: a shared chunk without a file`);
  (lead && route ? splits : pieces).set(name, [file, ...deps]);
}
if (splits.size === 0) throw new Error('no page loaders found in __wasm_split.js');
// What a page asks for at once: opened by its address, the page, and for
// an instance tab the instance page around it too; moving to another tab of
// an instance, the tab alone, less what the instance page brought.
const batches = [];
const instance = new Set(splits.get('instance') || []);
for (const name of splits.keys()) {
  if (name === 'instance') continue;
  if (name.endsWith('_tab') && instance.size) {
    batches.push([['instance', name].sort(), null]);
    batches.push([[name], instance]);
  } else {
    batches.push([[name], null]);
  }
}

for (const name of pieces.keys()) {
  if (splits.has(name)) throw new Error(`${name}: a page and a piece loaded on demand share a name`);
  splits.set(name, pieces.get(name));
  batches.push([[name], null]);
}

const keys = [];
for (const [names, loaded] of batches) {
  const key = names.join('+');
  const files = [...new Set(names.flatMap((n) => splits.get(n)))].filter((f) => !loaded || !loaded.has(f)).sort();
  const parts = files.map((f) => fs.readFileSync(path.join(dir, f)));
  const index = Buffer.from(JSON.stringify(files.map((f, i) => [f, parts[i].length])));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(index.length, 0);
  fs.writeFileSync(path.join(dir, `pack-${key}.bin`), Buffer.concat([head, index, ...parts]));
  keys.push(key);
}

// Every chunk loads through the packer, written once as `__pgdeck_load`
// instead of once per chunk, and without the comments naming the pages
// that share each chunk: the loader is part of every page's download.
const loads = /makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*,\s*\[([^\]]*)\]\)/g;
const count = (js.match(loads) || []).length;
js = js.replace(loads, '__pgdeck_load("$1", [$2])').replace(/^\/\*[^*]*\*\/\n/gm, '');
if (count === 0 || /fetch\(new URL/.test(js)) throw new Error('chunk loads in __wasm_split.js not in the expected form');

const helper = `
// pgdeck: the chunks a page lacks are asked for in one batch, served from
// one pack when there is one for that set of pages (scripts/pack-pages.js).
const __pgdeck_packs = new Set(${JSON.stringify(keys.sort())});
let __pgdeck_batch;
function __pgdeck_load(file, deps) {
    return makeLoad(() => {
        const src = __pgdeck_fetch(file);
        src.catch(() => {});
        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
    }, deps);
}
function __pgdeck_fetch(file) {
    const url = new URL("./" + file, import.meta.url);
    if (__pgdeck_batch === undefined) {
        __pgdeck_batch = new Map();
        queueMicrotask(__pgdeck_flush);
    }
    return new Promise((resolve, reject) => __pgdeck_batch.set(file, { url, resolve, reject }));
}
async function __pgdeck_flush() {
    const batch = __pgdeck_batch;
    __pgdeck_batch = undefined;
    const key = [...batch.keys()]
        .map((f) => (f.match(/^split_+(\\w+?)(?:_route_view)?_\\d+\\.wasm$/) || [])[1])
        .filter(Boolean).sort().join("+");
    let parts = new Map();
    if (__pgdeck_packs.has(key)) {
        try {
            const res = await fetch(new URL("./pack-" + key + ".bin", import.meta.url));
            if (!res.ok) throw new Error("HTTP " + res.status);
            const buf = await res.arrayBuffer();
            const len = new DataView(buf).getUint32(0, true);
            let at = 4 + len;
            for (const [name, size] of JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, len)))) {
                parts.set(name, new Uint8Array(buf, at, size));
                at += size;
            }
        } catch (e) {
            console.warn("pgdeck: loading the page's chunks one by one:", e);
            parts = new Map();
        }
    }
    for (const [file, { url, resolve, reject }] of batch) {
        const part = parts.get(file);
        if (part) resolve(new Response(part, { headers: { "content-type": "application/wasm" } }));
        else fetch(url).then(resolve, reject);
    }
}
`;
js = js.replace(/(import \{ initSync \} from "\.\/pgdeck\.js";\n)/, `$1${helper}`);
if (!js.includes('__pgdeck_packs')) throw new Error('could not place the pack loader in __wasm_split.js');
fs.writeFileSync(loaderPath, js);
console.log(`${keys.length} page packs; ${count} chunks load through the packer`);
