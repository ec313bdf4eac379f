// Where the wasm's bytes go: code size per crate and the largest functions, from the name section.
// wasm-opt strips names, so build one with them kept:
//   cargo build --release --target wasm32-unknown-unknown --lib
//   wasm-bindgen --target web --out-dir target/sizes target/wasm32-unknown-unknown/release/http_troubleshooter.wasm
//   wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
//     --enable-mutable-globals target/sizes/http_troubleshooter_bg.wasm -o target/sizes/named.wasm
//   node benches/wasm-sizes.mjs target/sizes/named.wasm [how many functions]
import fs from 'fs';
const buf = fs.readFileSync(process.argv[2]);
let p = 8;
function leb() { let r = 0, s = 0, b; do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; }
let imports = 0, bodies = [], names = new Map(), secs = [];
while (p < buf.length) {
  const id = buf[p++]; const len = leb(); const start = p; const end = p + len;
  let name = '';
  if (id === 0) { const nl = leb(); name = buf.slice(p, p + nl).toString(); p += nl;
    if (name === 'name') { while (p < end) { const sid = buf[p++]; const sl = leb(); const se = p + sl;
      if (sid === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(); const l = leb(); names.set(idx, buf.slice(p, p + l).toString()); p += l; } }
      p = se; } } }
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { let l = leb(); p += l; l = leb(); p += l; const k = buf[p++];
      if (k === 0) { leb(); imports++; } else if (k === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); } else if (k === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); } else if (k === 3) { p += 2; } } }
  if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const l = leb(); bodies.push(l); p += l; } }
  secs.push([id, name, len]); p = end;
}
console.log('sections', secs.map(s => `${s[0]}${s[1] ? ':' + s[1] : ''}=${s[2]}`).join(' '));
const rows = bodies.map((l, i) => [l, names.get(i + imports) || `f${i + imports}`]);
const groups = new Map();
const demangle = n => n.replace(/::h[0-9a-f]{16}$/, '');
for (const [l, n] of rows) {
  const d = demangle(n);
  let m = d.match(/^<?&?(?:mut )?([a-z_0-9]+)::/);
  const key = m ? m[1] : d.slice(0, 30);
  groups.set(key, (groups.get(key) || 0) + l);
}
console.log([...groups].sort((a, b) => b[1] - a[1]).slice(0, 35).map(([k, v]) => `${v}\t${k}`).join('\n'));
console.log('--- top functions');
console.log(rows.sort((a, b) => b[0] - a[0]).slice(0, +process.argv[3] || 40).map(([l, n]) => `${l}\t${demangle(n).slice(0, 150)}`).join('\n'));
