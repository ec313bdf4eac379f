// Trunk post-build hook (see Trunk.toml). Runs on the staged build before it replaces dist/:
//  1. checks the fixed output names other tools depend on;
//  2. stamps the service worker with a hash of the built files (a new release = a new cache);
//  3. writes http-troubleshooter.html: the same page with the JS glue, the wasm (base64), the styles
//     and the icon inline, so it works opened from disk (file://) with no server. It is made from the
//     very files of this build, so it cannot drift from the served page.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';

// trunk names its output after the package (http-troubleshooter.js); the fixed names other tools
// depend on use the crate's module name (http_troubleshooter.js), so rename and patch the one URL
// the glue uses to find the wasm. (The "./http-troubleshooter_bg.js" import namespace inside the
// glue must stay: it is the module name the wasm's imports refer to.)
const from = 'http-troubleshooter';
const to = 'http_troubleshooter';
for (const suffix of ['.js', '_bg.wasm', '.d.ts']) {
  if (existsSync(join(dir, from + suffix))) renameSync(join(dir, from + suffix), join(dir, to + suffix));
}
if (existsSync(join(dir, to + '.js'))) {
  const patched = readFileSync(join(dir, to + '.js'), 'utf8')
    .replace(`new URL('${from}_bg.wasm', import.meta.url)`, `new URL('${to}_bg.wasm', import.meta.url)`)
    .replace(`@ts-self-types="./${from}.d.ts"`, `@ts-self-types="./${to}.d.ts"`);
  writeFileSync(join(dir, to + '.js'), patched);
}
const need = ['index.html', 'http_troubleshooter.js', 'http_troubleshooter_bg.wasm', 'embed.js', 'sw.js'];
const missing = need.filter((name) => !existsSync(join(dir, name)));
if (missing.length) {
  console.error(`postbuild: the build is missing ${missing.join(', ')} in ${dir}`);
  process.exit(1);
}

const read = (name) => readFileSync(join(dir, name));
const html = read('index.html').toString('utf8');
const glue = read('http_troubleshooter.js').toString('utf8');
const wasm = read('http_troubleshooter_bg.wasm');

const version = createHash('sha256')
  .update(html).update(glue).update(wasm).update(read('embed.js'))
  .digest('hex').slice(0, 16);
writeFileSync(join(dir, 'sw.js'), read('sw.js').toString('utf8').replaceAll('__HT_VERSION__', version));

// A strict Content-Security-Policy for both pages, as a <meta> so it holds on any host and from
// disk: nothing from other hosts, no inline code but the blocks this build wrote (by hash), and the
// widget's own stylesheet (a <style> the wasm renders; www/troubleshooter.css is its exact text).
// The served page may fetch its own wasm and register its service worker; the single file needs no
// network at all.
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const blocks = (page, tag) =>
  [...page.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
const widgetCss = readFileSync('www/troubleshooter.css', 'utf8');
function withCsp(page, { network }) {
  const scripts = blocks(page, 'script').filter((code) => code.trim() !== '').map(sha256);
  const styles = [...blocks(page, 'style'), widgetCss].map(sha256);
  const policy = [
    "default-src 'none'",
    `script-src ${network ? "'self' " : ''}'wasm-unsafe-eval' ${scripts.join(' ')}`,
    `style-src ${[...new Set(styles)].join(' ')}`,
    'img-src data:',
    `connect-src ${network ? "'self'" : "'none'"}`,
    ...(network ? ["worker-src 'self'", "manifest-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const at = page.indexOf('<meta charset="utf-8">');
  if (at < 0) throw new Error('postbuild: the page has no <meta charset="utf-8"> to put the CSP after');
  const end = at + '<meta charset="utf-8">'.length;
  return page.slice(0, end) + '\n  ' + meta + page.slice(end);
}

// The single file: replace the loader's dynamic import of the module with the module itself,
// initialised synchronously from the inlined bytes.
const loaderStart = html.indexOf('<script type="module" id="ht-loader">');
const loaderEnd = html.indexOf('</script>', loaderStart);
if (loaderStart < 0 || loaderEnd < 0) {
  console.error('postbuild: index.html has no <script type="module" id="ht-loader"> to inline');
  process.exit(1);
}
const loader = html.slice(loaderStart + '<script type="module" id="ht-loader">'.length, loaderEnd);
const importCall = "await import('./http_troubleshooter.js')";
if (!loader.includes(importCall)) {
  console.error(`postbuild: the loader no longer contains ${importCall}`);
  process.exit(1);
}
const swStart = loader.indexOf('// service-worker:');
const swEnd = loader.indexOf('// :service-worker');
if (swStart < 0 || swEnd < 0) {
  console.error('postbuild: the loader no longer marks its service-worker block');
  process.exit(1);
}
const inlined = (loader.slice(0, swStart) + loader.slice(swEnd + '// :service-worker'.length))
  .replace(importCall, '__htModule');
// </script> inside the inlined code would end the element early; the glue has none, but be safe.
const safe = (code) => code.replaceAll('</script', '<\\/script');
const single = html.slice(0, loaderStart)
  + '<script type="module" id="ht-loader">\n'
  + '// http-troubleshooter, single-file build ' + version + ': the wasm-bindgen glue, then the wasm as base64, then the page loader.\n'
  + safe(glue) + '\n'
  + `const __htWasmBase64 = "${wasm.toString('base64')}";\n`
  + 'function __htWasmBytes() { const s = atob(__htWasmBase64); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; }\n'
  // The glue's exports, under the names the page's loader destructures from import().
  + 'const __htModule = { default: async () => initSync({ module: __htWasmBytes() }), mount };\n'
  + safe(inlined)
  + html.slice(loaderEnd)
    // The page's own link to the single file points to itself here.
    .replace('<a href="./http-troubleshooter.html" download>single-file version</a>', 'single-file version (this file)');
writeFileSync(join(dir, 'http-troubleshooter.html'), withCsp(single, { network: false }));
writeFileSync(join(dir, 'index.html'), withCsp(html, { network: true }));
console.log(`postbuild: sw.js version ${version}; http-troubleshooter.html ${(single.length / 1024).toFixed(0)} KiB (wasm ${(wasm.length / 1024).toFixed(0)} KiB)`);
