// Trunk post-build hook (see Trunk.toml). Runs on the staged build before it replaces dist/:
//  1. checks the fixed output names other tools depend on;
//  2. stamps the service worker with a hash of the built files (a new release = a new cache);
//  3. writes http-troubleshooter.html: the same page with the JS glue, the wasm (base64), the styles
//     and the icon inline, so it works opened from disk (file://) with no server. It is made from the
//     very files of this build, so it cannot drift from the served page.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, renameSync, mkdirSync, unlinkSync } from 'node:fs';
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
// Patches to the glue, each checked so that a new wasm-bindgen that changes the glue fails the build
// here instead of shipping unpatched:
//  - every exported function throws "call `await init()` first" when called before init, instead
//    of "Cannot read properties of undefined";
//  - `await init()` in Node reads the wasm from beside the glue (Node's fetch cannot read file: URLs);
//  - a wasm from another release than the glue (a half-updated cache) fails with a clear message.
//  - `annotate()` (www/annotate.js) is added at the end: DOM code that calls the module's own
//    explainStatus, the same in the full and the catalog module.
// esbuild (a dev dependency) minifies it: whitespace, syntax and the names inside its own scope.
let annotateJs = readFileSync('www/annotate.js', 'utf8');
try {
  const { transformSync } = await import('esbuild');
  annotateJs = `\n${transformSync(annotateJs, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' }).code}`;
} catch (error) {
  console.warn(`postbuild: annotate() is not minified (esbuild: ${error.message.split('\n')[0]})`);
}
function patchGlue(text, { rename = true, exports = 6 } = {}) {
  const replace = (what, by) => {
    if (!text.includes(what)) throw new Error(`postbuild: the glue no longer contains ${what.slice(0, 80)}`);
    text = text.replace(what, by);
  };
  if (rename) {
    replace(`new URL('${from}_bg.wasm', import.meta.url)`, `new URL('${to}_bg.wasm', import.meta.url)`);
    replace(`@ts-self-types="./${from}.d.ts"`, `@ts-self-types="./${to}.d.ts"`);
  }
  let guarded = 0;
  text = text.replace(/^export function (\w+)\(([^)]*)\) \{$/gm, (line, name) => {
    guarded++;
    return `${line}\n    __htInitialised('${name}');`;
  });
  if (guarded < exports) throw new Error(`postbuild: guarded only ${guarded} exported functions in the glue`);
  replace('let wasmModule, wasmInstance, wasm;', `let wasmModule, wasmInstance, wasm;
// A name, not a literal, so that bundlers for the browser leave Node's module alone.
const __htNodeFs = 'node:fs/promises';
function __htInitialised(name) {
    if (wasm === undefined) throw new Error(\`http-troubleshooter: \${name}() was called before the module was initialised: call \\\`await init()\\\` first (or initSync({ module: bytes })).\`);
}`);
  replace('        module_or_path = fetch(module_or_path);', `        const href = String(module_or_path instanceof Request ? module_or_path.url : module_or_path);
        module_or_path = href.startsWith('file:') && typeof process === 'object' && process.versions && process.versions.node
            ? import(/* @vite-ignore */ /* webpackIgnore: true */ __htNodeFs).then((fs) => fs.readFile(new URL(href)))
            : fetch(module_or_path);`);
  replace('    const { instance, module } = await __wbg_load(await module_or_path, imports);', `    let loaded;
    try {
        loaded = await __wbg_load(await module_or_path, imports);
    } catch (error) {
        if (error instanceof WebAssembly.LinkError) {
            throw new Error(\`http-troubleshooter: the wasm file is not from the same release as http_troubleshooter.js (a cache or CDN served a mix of two versions; copy one release's dist/ whole): \${error.message}\`);
        }
        throw error;
    }
    const { instance, module } = loaded;`);
  // The minified annotate() has one top-level name of its own: it must not be one of the glue's.
  const own = annotateJs.match(/export\s*\{\s*([\w$]+) as annotate\s*\}/)?.[1] ?? 'annotate';
  if (new RegExp(`(?:const|let|var|function|class)\\s+${own.replace('$', '\\$')}\\b`).test(text)) {
    throw new Error(`postbuild: annotate()'s name ${own} is already used by the glue`);
  }
  return text + annotateJs;
}
if (existsSync(join(dir, to + '.js'))) {
  writeFileSync(join(dir, to + '.js'), patchGlue(readFileSync(join(dir, to + '.js'), 'utf8')));
}

// The lean catalog module for docs sites (issue 18): the same crate without its default `widget`
// feature (no Yew, no diagnosis engine), built beside the widget with every release under fixed
// names: http_troubleshooter_catalog.js, http_troubleshooter_catalog_bg.wasm and its .d.ts.
{
  const catalogTarget = 'target/catalog';
  const run = (command, args) => {
    const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      console.error(`postbuild: ${command} ${args.join(' ')} failed${r.error ? `: ${r.error.message}` : ''}`);
      process.exit(1);
    }
  };
  run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features', '--target-dir', catalogTarget]);
  const bindgenOut = join(catalogTarget, 'bindgen');
  run('wasm-bindgen', ['--target', 'web', '--out-dir', bindgenOut, '--out-name', 'http_troubleshooter_catalog',
    join(catalogTarget, 'wasm32-unknown-unknown/release/http_troubleshooter.wasm')]);
  const wasmOpt = existsSync('node_modules/.bin/wasm-opt') ? 'node_modules/.bin/wasm-opt' : 'wasm-opt';
  run(wasmOpt, ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
    join(bindgenOut, 'http_troubleshooter_catalog_bg.wasm'), '-o', join(dir, 'http_troubleshooter_catalog_bg.wasm')]);
  writeFileSync(join(dir, 'http_troubleshooter_catalog.js'),
    patchGlue(readFileSync(join(bindgenOut, 'http_troubleshooter_catalog.js'), 'utf8'), { rename: false, exports: 4 }));
  writeFileSync(join(dir, 'http_troubleshooter_catalog.d.ts'), readFileSync(join(bindgenOut, 'http_troubleshooter_catalog.d.ts')));
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

// The embed loads the glue and wasm of its own release by these names (the fixed names stay for
// direct users), so a cache holding one file of an older release cannot break it.
const pkgVersion = readFileSync('Cargo.toml', 'utf8').match(/^version = "([^"]+)"/m)[1];
const build = createHash('sha256').update(glue).update(wasm).digest('hex').slice(0, 12);
writeFileSync(join(dir, `http_troubleshooter.${build}.js`), glue);
writeFileSync(join(dir, `http_troubleshooter_bg.${build}.wasm`), wasm);
const embed = read('embed.js').toString('utf8');
for (const placeholder of ['__HT_PKG_VERSION__', '__HT_BUILD__']) {
  if (!embed.includes(`'${placeholder}'`)) throw new Error(`postbuild: embed.js has no '${placeholder}' to stamp`);
}
writeFileSync(join(dir, 'embed.js'), embed.replace("'__HT_PKG_VERSION__'", `'${pkgVersion}'`).replace("'__HT_BUILD__'", `'${build}'`));

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

// The example pages live under examples/, out of search engines' indexes.
mkdirSync(join(dir, 'examples'), { recursive: true });
for (const name of ['help-center.html', 'docs-site.html']) {
  let page = read(name).toString('utf8');
  const fixes = [
    ['<meta charset="utf-8">', '<meta charset="utf-8">\n  <meta name="robots" content="noindex">'],
    ['"./embed.js"', '"../embed.js"'],
    ["'./http_troubleshooter.js'", "'../http_troubleshooter.js'"],
    ["'./http_troubleshooter_catalog.js'", "'../http_troubleshooter_catalog.js'"],
  ];
  for (const [what, by] of fixes) page = page.replaceAll(what, by);
  if (!page.includes('noindex')) throw new Error(`postbuild: ${name} has no <meta charset="utf-8"> to put noindex after`);
  writeFileSync(join(dir, 'examples', name), page);
  unlinkSync(join(dir, name));
}

// Third-party notices: the licences of every crate compiled into the wasm, by cargo-about (installed
// by .ci/setup; about.toml says which crates and licences), so they can never drift from Cargo.lock.
{
  const about = spawnSync('cargo', ['about', 'generate', '--locked', '--offline', '--fail', '-c', 'about.toml', 'www/build/notices.hbs'], { encoding: 'utf8', maxBuffer: 64e6 });
  if (about.status !== 0 || !about.stdout.includes('</html>')) {
    console.error(`postbuild: cargo about generate failed (is cargo-about installed? .ci/setup installs it):\n${about.stderr}`);
    process.exit(1);
  }
  writeFileSync(join(dir, 'THIRD-PARTY-NOTICES.html'), about.stdout);
}

// The Content-Security-Policy a host page needs to embed the widget, and the ones the two pages
// carry, so nobody has to dig them out of index.html.
const pagePolicy = (page) => page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
writeFileSync(join(dir, 'csp.txt'), `# http-troubleshooter ${pkgVersion} (build ${build}): Content-Security-Policy

# A help-center page that embeds the widget (<script type="module" src=".../embed.js">) needs, beside
# its own sources, with ORIGIN the origin that serves dist/ ('self' when it is the page's own):
script-src ORIGIN 'wasm-unsafe-eval'
connect-src ORIGIN
style-src ${sha256(widgetCss)}

# (The script loads the module, the wasm is fetched, and the widget's one stylesheet is a <style>
# with exactly this text inside its shadow root. Nothing else is loaded, from anywhere.)

# A docs page with <script type="module" src=".../embed.js" data-annotate> (or that imports the catalog
# module itself) needs the same script-src and connect-src; the popover's styles are a constructed
# stylesheet in its shadow root and the triggers' underline is set through the CSSOM, so style-src
# needs nothing more.

# dist/index.html carries this policy as a <meta>:
${pagePolicy(readFileSync(join(dir, 'index.html'), 'utf8'))}

# dist/http-troubleshooter.html (the single file, no network at all) carries:
${pagePolicy(readFileSync(join(dir, 'http-troubleshooter.html'), 'utf8'))}
`);
// An installable package: `npm install path/to/dist` (or a registry later), then
// `import init, { explainStatus } from 'http-troubleshooter/catalog'` in Node or a bundler.
for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) writeFileSync(join(dir, licence), readFileSync(licence));
writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
  name: 'http-troubleshooter',
  version: pkgVersion,
  description: readFileSync('Cargo.toml', 'utf8').match(/^description = "([^"]+)"/m)[1],
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './http_troubleshooter.js',
  types: './http_troubleshooter.d.ts',
  exports: {
    '.': { types: './http_troubleshooter.d.ts', default: './http_troubleshooter.js' },
    './catalog': { types: './http_troubleshooter_catalog.d.ts', default: './http_troubleshooter_catalog.js' },
    './http_troubleshooter_bg.wasm': './http_troubleshooter_bg.wasm',
    './http_troubleshooter_catalog_bg.wasm': './http_troubleshooter_catalog_bg.wasm',
    './embed.js': './embed.js',
    './package.json': './package.json',
  },
  files: [
    'http_troubleshooter.js', 'http_troubleshooter.d.ts', 'http_troubleshooter_bg.wasm',
    'http_troubleshooter_catalog.js', 'http_troubleshooter_catalog.d.ts', 'http_troubleshooter_catalog_bg.wasm',
    'embed.js', 'THIRD-PARTY-NOTICES.html', 'LICENSE-MIT', 'LICENSE-APACHE',
  ],
  sideEffects: false,
}, null, 2)}\n`);

console.log(`postbuild: build ${build}, version ${pkgVersion}; sw.js version ${version}; http-troubleshooter.html ${(single.length / 1024).toFixed(0)} KiB (wasm ${(wasm.length / 1024).toFixed(0)} KiB)`);
