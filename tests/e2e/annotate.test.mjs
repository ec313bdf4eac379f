// Docs sites (issue 18): the lean catalog module, annotate() on the docs-site page and on a hostile
// page from another origin, and dist/ installed as an npm package in Node and through a bundler.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, writeFile, mkdir, copyFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, ROOT, serve, launch, newPage, readmeSnippet } from './helpers.mjs';

const require = createRequire(import.meta.url);
const KiB = 1024;
const run = (cmd, args, opts = {}) => new Promise((ok, fail) => execFile(cmd, args, { maxBuffer: 64e6, ...opts }, (e, stdout, stderr) => (e ? fail(new Error(`${cmd} ${args.join(' ')}: ${stderr}${stdout}${e.message}`)) : ok(stdout))));

let server, browser;
before(async () => {
  server = await serve(DIST, { cors: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the lean catalog module: its exports, its size, and the same answers and errors as the full module', async () => {
  const lean = await import(join(DIST, 'http_troubleshooter_catalog.js'));
  const full = await import(join(DIST, 'http_troubleshooter.js') + '?catalog-compare');
  await lean.default();
  await full.default();
  assert.deepEqual(Object.keys(lean).sort(), ['annotate', 'default', 'explainStatus', 'initSync', 'listStatuses', 'searchStatuses', 'version']);
  assert.equal(typeof full.annotate, 'function', 'the full module exports annotate too');
  for (let code = 100; code <= 999; code++) {
    assert.equal(JSON.stringify(lean.explainStatus(code)), JSON.stringify(full.explainStatus(code)), `explainStatus(${code})`);
  }
  assert.equal(JSON.stringify(lean.listStatuses()), JSON.stringify(full.listStatuses()));
  for (const q of ['gateway', 'rate limit', '40', 'cloudflare', '', 'x'.repeat(300)]) {
    assert.equal(JSON.stringify(lean.searchStatuses(q)), JSON.stringify(full.searchStatuses(q)), `searchStatuses(${q.slice(0, 20)})`);
  }
  for (const bad of [undefined, null, NaN, {}, 'abc', 12, 1e9, '429x', 42.5]) {
    const error = (m) => { try { m.explainStatus(bad); return null; } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
    assert.ok(error(lean), `explainStatus(${String(bad)}) throws`);
    assert.equal(error(lean), error(full), `the same error for ${String(bad)}`);
  }
  assert.equal(lean.version(), full.version());

  // No widget and no engine inside: a fraction of the full module's size.
  const wasm = readFileSync(join(DIST, 'http_troubleshooter_catalog_bg.wasm'));
  const glue = readFileSync(join(DIST, 'http_troubleshooter_catalog.js'));
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const fullGz = gz(readFileSync(join(DIST, 'http_troubleshooter_bg.wasm')));
  console.log(`catalog module: wasm ${(wasm.length / KiB).toFixed(1)} KiB, gzip ${(gz(wasm) / KiB).toFixed(1)} KiB; glue gzip ${(gz(glue) / KiB).toFixed(1)} KiB (full wasm gzip ${(fullGz / KiB).toFixed(1)} KiB; the aim is 90 KiB in all)`);
  assert.ok(gz(wasm) + gz(glue) <= 140 * KiB, `the catalog module is ${gz(wasm) + gz(glue)} bytes of gzip; the line is 140 KiB`);
  assert.ok(gz(wasm) < fullGz / 3);
  const types = await readFile(join(DIST, 'http_troubleshooter_catalog.d.ts'), 'utf8');
  assert.match(types, /export function annotate\(root\?: ParentNode \| null, options\?: AnnotateOptions\): AnnotateHandle;/);
  assert.match(types, /export function explainStatus\(code: number \| string\): StatusEntry;/);
  assert.doesNotMatch(types, /interface Diagnosis\b|export function mount/);
});

/** The page with the embed's handle kept in window.__annotated (the event may fire before a test looks). */
async function docsPage(options = {}) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
  await page.addInitScript(() => addEventListener('http-troubleshooter-annotated', (e) => { window.__annotated = e.detail; }));
  await page.goto(`${server.url}examples/docs-site.html`);
  await page.waitForFunction(() => window.__annotated && document.querySelector('#status-table tr[data-code]'), null, { timeout: 15000 });
  return page;
}

const noteText = (page) => page.evaluate(() => document.querySelector('http-troubleshooter-note')?.shadowRoot.textContent ?? null);

test('annotate on the docs-site page: what it finds, keyboard, hover, Escape, focus leaving, axe', async () => {
  const page = await docsPage();
  const found = await page.evaluate(() => [...document.querySelectorAll('[data-ht-trigger]')].map((t) => `${t.tagName.toLowerCase()}:${t.dataset.htTrigger}`));
  assert.deepEqual(found, [
    'code:429', 'code:503', // the prose
    'span:400', 'span:401', 'span:403', 'span:404', 'span:409', 'span:422', 'span:429', 'span:500', 'span:502', 'span:503', // the table's status column
    'span:524', 'kbd:504', // data-http-status, and a <kbd>
  ]);
  assert.equal(await page.evaluate(() => window.__annotated.count), 14);
  // Left alone: the <pre> example, the other columns, the buttons of the status table, 4xx.
  assert.equal(await page.evaluate(() => document.querySelector('pre [data-ht-trigger], #status-table [data-ht-trigger], .explain [data-ht-trigger]')), null);

  // Reachable by Tab: the first code of the prose comes after the page's links.
  let reached = null;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset.htTrigger ?? null);
  }
  assert.equal(reached, '429');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'false');
  await page.keyboard.press('Enter');
  const opened = await page.evaluate(() => {
    const t = document.activeElement;
    const note = document.querySelector('http-troubleshooter-note');
    const r = note.getBoundingClientRect();
    return { expanded: t.getAttribute('aria-expanded'), describedBy: t.getAttribute('aria-describedby'), id: note.id, next: t.nextElementSibling === note, w: r.width, h: r.height, link: note.shadowRoot.querySelector('a').href };
  });
  assert.equal(opened.expanded, 'true');
  assert.equal(opened.describedBy, opened.id, 'the trigger is described by its popover');
  assert.ok(opened.next && opened.w > 150 && opened.h > 60, JSON.stringify(opened));
  assert.equal(opened.link, `${server.url}index.html#429`, 'the link goes to the troubleshooter page beside embed.js');
  const text = await noteText(page);
  assert.match(text, /429 Too Many Requests/);
  assert.match(text, /rate limited/);
  assert.match(text, /client/i);
  assert.match(text, /Retry: Retry after the time the server names/);

  // axe, with a popover open: nothing serious about the triggers or the popover.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);

  // Escape closes and leaves the focus on the trigger.
  await page.keyboard.press('Escape');
  assert.equal(await noteText(page), null);
  assert.equal(await page.evaluate(() => [document.activeElement.dataset.htTrigger, document.activeElement.getAttribute('aria-expanded'), document.activeElement.hasAttribute('aria-describedby')].join()), '429,false,false');
  // Space opens; Tab goes into the popover's link; Tab again leaves, and the popover closes.
  await page.keyboard.press(' ');
  assert.match(await noteText(page), /429 Too Many Requests/);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.localName === 'http-troubleshooter-note' && document.activeElement.shadowRoot.activeElement?.localName), 'a');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(50);
  assert.equal(await noteText(page), null, 'focus left: closed');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.htTrigger), '503', 'the next code in the text');

  // Hover opens, leaving closes.
  await page.keyboard.press('Shift+Tab');
  await page.evaluate(() => document.activeElement.blur());
  const cell = page.locator('td [data-ht-trigger="502"]');
  await cell.hover();
  await page.waitForFunction(() => /502 Bad Gateway/.test(document.querySelector('http-troubleshooter-note')?.shadowRoot.textContent ?? ''));
  await page.mouse.move(5, 890);
  await page.waitForFunction(() => !document.querySelector('http-troubleshooter-note'), null, { timeout: 2000 });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('annotate: no layout shift, idempotent, observe follows new content, destroy restores the page exactly', async () => {
  const page = await docsPage();
  const result = await page.evaluate(async () => {
    const m = await import('/http_troubleshooter_catalog.js'); // the instance the page initialised
    window.__annotated.destroy();
    const main = document.querySelector('main');
    const all = () => [...main.querySelectorAll('*')];
    all().forEach((el, i) => el.setAttribute('data-box', i));
    const boxes = () => Object.fromEntries([...main.querySelectorAll('[data-box]')].map((el) => {
      const r = el.getBoundingClientRect();
      return [el.dataset.box, [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10).join()];
    }));
    const pristine = main.innerHTML;
    const before = boxes();
    const handle = m.annotate(main);
    const afterBoxes = boxes();
    const moved = Object.keys(before).filter((k) => before[k] !== afterBoxes[k]).map((k) => `${main.querySelector(`[data-box="${k}"]`).outerHTML.slice(0, 60)}: ${before[k]} → ${afterBoxes[k]}`);
    const annotated = main.innerHTML;
    const again = m.annotate(main);
    const second = { count: again.count, same: main.innerHTML === annotated };
    again.destroy();
    const count = handle.count;
    handle.destroy();
    const restored = main.innerHTML === pristine;

    // observe: a code rendered later is explained; a longer number is not.
    const watch = m.annotate(main, { observe: true, href: '/errors/{code}' });
    const p = document.createElement('p');
    p.innerHTML = 'Later: <code>502</code>, <code>12345</code>, <code>200 OK</code>, <code>404 Not Here</code>.';
    main.append(p);
    await new Promise((r) => setTimeout(r, 50));
    const later = [...p.querySelectorAll('[data-ht-trigger]')].map((t) => t.dataset.htTrigger);
    p.querySelector('code').focus();
    p.querySelector('code').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const link = document.querySelector('http-troubleshooter-note')?.shadowRoot.querySelector('a').getAttribute('href');
    watch.destroy();
    p.remove();
    return { moved, count, second, restored, later, link, restoredAfterObserve: main.innerHTML === pristine };
  });
  assert.deepEqual(result.moved, [], 'no element moved or changed size');
  assert.equal(result.count, 14);
  assert.deepEqual(result.second, { count: 0, same: true }, 'a second call annotates nothing twice');
  assert.ok(result.restored, 'destroy() put every attribute, style and text node back');
  assert.deepEqual(result.later, ['502', '200'], 'observe: new codes are explained, other numbers are not');
  assert.equal(result.link, '/errors/502');
  assert.ok(result.restoredAfterObserve);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('annotate on a hostile page from another origin: its CSS cannot hide or restyle the popover, ours does not leak', async () => {
  const hostile = `<!doctype html><html><head><meta charset="utf-8"><title>hostile</title><link rel="icon" href="data:,"><style>
    * { font-size: 31px !important; line-height: 3 !important; color: rgb(255, 0, 0) !important; letter-spacing: 4px !important; }
    http-troubleshooter-note, [popover], [role="tooltip"] { display: none !important; visibility: hidden !important; opacity: 0 !important; }
    div { padding: 40px !important; background: lime !important; }
    a { font-size: 60px !important; }
  </style></head><body>
    <p id="control">Errors: <code>404</code> and <code>418</code>.</p>
    <div id="box">A box</div>
    <script type="module" src="${server.url}embed.js" data-annotate data-annotate-href="https://docs.example.com/errors/{code}"></script>
  </body></html>`;
  const other = await serve(DIST, { pages: { '/hostile.html': hostile } });
  const page = await newPage(browser, { viewport: { width: 1000, height: 700 } });
  try {
    await page.goto(`${other.url}hostile.html`);
    const styleOf = () => page.evaluate(() => ['control', 'box'].map((id) => { const s = getComputedStyle(document.getElementById(id)); return [s.fontSize, s.color, s.padding, s.background, s.display].join('|'); }).join(' / '));
    await page.waitForSelector('[data-ht-trigger="404"]', { state: 'attached', timeout: 15000 });
    const before = await styleOf();
    await page.evaluate(() => document.querySelector('[data-ht-trigger="404"]').focus());
    await page.keyboard.press('Enter');
    const note = await page.evaluate(() => {
      const n = document.querySelector('http-troubleshooter-note');
      const box = n.shadowRoot.querySelector('.box');
      const r = n.getBoundingClientRect();
      const s = getComputedStyle(box);
      return { w: r.width, h: r.height, display: getComputedStyle(n).display, visibility: getComputedStyle(n).visibility, font: s.fontSize, color: s.color, link: n.shadowRoot.querySelector('a').href, linkFont: getComputedStyle(n.shadowRoot.querySelector('a')).fontSize };
    });
    assert.equal(note.display, 'block');
    assert.equal(note.visibility, 'visible');
    assert.ok(note.w > 150 && note.h > 60 && note.h < 500, JSON.stringify(note));
    assert.equal(note.font, '14px');
    assert.equal(note.linkFont, '14px');
    assert.notEqual(note.color, 'rgb(255, 0, 0)');
    assert.equal(note.link, 'https://docs.example.com/errors/404');
    assert.equal(await styleOf(), before, "the page's own styles are untouched");
    assert.equal(await page.evaluate(() => document.querySelector('[data-ht-trigger="418"]')?.dataset.htTrigger), '418');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
    await other.close();
  }
});

test('the README annotate snippet runs as written', async () => {
  const snippet = (await readmeSnippet('annotate')).replace("'./dist/http_troubleshooter_catalog.js'", "'/http_troubleshooter_catalog.js'");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>snippet</title><link rel="icon" href="data:,"></head><body><main><p>Got a <code>429</code>?</p></main>
    <script type="module">${snippet}\nwindow.__done = document.querySelector('main').innerHTML;</script></body></html>`;
  const site = await serve(DIST, { pages: { '/snippet.html': html } });
  const page = await newPage(browser);
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  try {
    await page.goto(`${site.url}snippet.html`);
    await page.waitForFunction(() => window.__done !== undefined, null, { timeout: 15000 });
    assert.ok(logs.includes('1 status codes explained'), logs.join('\n'));
    assert.equal(await page.evaluate(() => window.__done), '<p>Got a <code>429</code>?</p>');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
    await site.close();
  }
});

test('dist/ as an npm package: Node (init and initSync), TypeScript, and a bundled page (esbuild)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ht-package-'));
  try {
    const pkg = JSON.parse(await readFile(join(DIST, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'http-troubleshooter');
    assert.equal(pkg.version, (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^version = "(.+)"/m)[1]);
    const tarball = (await run('npm', ['pack', DIST, '--pack-destination', dir, '--silent'])).trim().split('\n').pop();
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'docs-site', private: true, type: 'module' }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], { cwd: dir });

    // Node: the README's snippet, as a file of the project.
    await writeFile(join(dir, 'readme.mjs'), await readmeSnippet('package-node'));
    const out = (await run(process.execPath, ['readme.mjs'], { cwd: dir })).trim().split('\n');
    assert.equal(out[0], 'You sent more requests than the API allows in a period: you are rate limited.');
    assert.match(out[1], /^500 501 502 503 504/);
    // initSync with the bytes, found through the package's exports.
    await writeFile(join(dir, 'sync.mjs'), `import { readFileSync } from 'node:fs';
import { initSync, explainStatus } from 'http-troubleshooter/catalog';
initSync({ module: readFileSync(new URL(import.meta.resolve('http-troubleshooter/http_troubleshooter_catalog_bg.wasm'))) });
console.log(explainStatus('404').phrase);`);
    assert.equal((await run(process.execPath, ['sync.mjs'], { cwd: dir })).trim(), 'Not Found');
    // The full module through the package's main entry.
    await writeFile(join(dir, 'full.mjs'), "import init, { diagnose } from 'http-troubleshooter'; await init(); console.log(diagnose('HTTP/1.1 503 Service Unavailable').headline);");
    assert.equal((await run(process.execPath, ['full.mjs'], { cwd: dir })).trim(), '503 Service Unavailable');

    // TypeScript resolves the types of both entry points.
    await writeFile(join(dir, 'check.ts'), `import init, { explainStatus, annotate, type StatusEntry } from 'http-troubleshooter/catalog';
import { diagnose } from 'http-troubleshooter';
await init();
const e: StatusEntry = explainStatus(429);
const h = annotate(null, { observe: true, href: (code: number) => '/e/' + code });
h.destroy();
const n: number | null = diagnose('429').code;
console.log(e.phrase, n);`);
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'esnext', module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['esnext', 'dom'], skipLibCheck: false }, files: ['check.ts'] }));
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir });

    // A bundler: the README's bundler snippet in a page, bundled by esbuild, served with the wasm.
    const site = join(dir, 'site');
    await mkdir(join(site, 'assets'), { recursive: true });
    await writeFile(join(dir, 'entry.js'), await readmeSnippet('package-bundler'));
    const { build } = await import('esbuild');
    await build({ entryPoints: [join(dir, 'entry.js')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(site, 'app.js'), absWorkingDir: dir, logLevel: 'silent' });
    await copyFile(join(dir, 'node_modules/http-troubleshooter/http_troubleshooter_catalog_bg.wasm'), join(site, 'assets/http_troubleshooter_catalog_bg.wasm'));
    await writeFile(join(site, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundled</title><link rel="icon" href="data:,"></head><body><p id="phrase"></p><p>Retry a <code>503</code>.</p><script type="module" src="/app.js"></script></body></html>');
    const siteServer = await serve(site);
    const page = await newPage(browser);
    try {
      await page.goto(siteServer.url);
      await page.waitForFunction(() => document.querySelector('#phrase').textContent !== '', null, { timeout: 15000 });
      assert.equal(await page.textContent('#phrase'), 'Service Unavailable');
      await page.focus('[data-ht-trigger="503"]');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.querySelector('http-troubleshooter-note').shadowRoot.querySelector('a').getAttribute('href')), '/errors/503');
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
      await siteServer.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
