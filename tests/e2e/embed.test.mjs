// The embed as a help-center team adopts it (issue 16): what content authors write in attributes,
// the diagnosis event, dark mode that follows the host, lazy loading, heading levels and landmark
// names, a visitor-friendly message when the files cannot load, classic scripts, and releases that
// cannot mix. The widget is embedded from another origin, as a docs host would serve it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, readmeSnippet, DIST } from './helpers.mjs';

let cdn;
let browser;
before(async () => {
  cdn = await serve(DIST, { cors: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await cdn?.close();
});

const page = (head, body) => `<!doctype html><html lang="en" ${head}><head><meta charset="utf-8"><title>Help</title><link rel="icon" href="data:,"></head><body><h1>Help</h1>${body}</body></html>`;

/** Open a page (served from its own origin) that embeds the widget from the CDN origin. */
async function open(body, { head = '', script = true, cdnUrl = cdn.url, colorScheme } = {}) {
  const tag = script ? `<script type="module" src="${cdnUrl}embed.js"></script>` : '';
  const site = await serve(DIST, { pages: { '/help.html': page(head, tag + body) } });
  const context = await browser.newContext(colorScheme ? { colorScheme } : {});
  const p = await newPage(context);
  p.warnings = [];
  p.on('console', (m) => { if (m.type() === 'warning') p.warnings.push(m.text()); });
  await p.goto(site.url + 'help.html');
  p.done = async () => { await context.close(); await site.close(); };
  return p;
}

const shadowText = (p, selector, inner) => p.evaluate(([s, i]) => document.querySelector(s)?.shadowRoot?.querySelector(i)?.textContent ?? null, [selector, inner]);
const waitHeadline = (p, selector, text) => p.waitForFunction(([s, t]) => document.querySelector(s)?.shadowRoot?.querySelector('.ht-headline [tabindex]')?.textContent === t, [selector, text], { timeout: 15000 });

test('content authors: text pre-fills the paste; "404 Not Found" is read as 404; bad values are ignored with one warning and a valid one recovers', async () => {
  const p = await open(`
    <http-troubleshooter id="t" text="HTTP/1.1 503 Service Unavailable&#10;Retry-After: 120"></http-troubleshooter>
    <http-troubleshooter id="c" code="404 Not Found" theme="night"></http-troubleshooter>
    <http-troubleshooter id="x" code="abc"></http-troubleshooter>`);
  await waitHeadline(p, '#t', '503 Service Unavailable');
  const box = await p.evaluate(() => document.querySelector('#t').shadowRoot.querySelector('textarea').value);
  assert.equal(box, 'HTTP/1.1 503 Service Unavailable\nRetry-After: 120');
  await waitHeadline(p, '#c', '404 Not Found');
  assert.equal(await p.evaluate(() => document.querySelector('#c').shadowRoot.querySelector('.ht-root').dataset.theme), 'auto');
  // code="abc": an empty, working widget, no developer text shown to visitors.
  await p.waitForFunction(() => document.querySelector('#x').shadowRoot.querySelector('textarea') !== null);
  const shown = await p.evaluate(() => document.querySelector('#x').shadowRoot.textContent);
  assert.doesNotMatch(shown, /mount\(\)|options\.code|could not/);
  // One warning per mistake, naming what is accepted.
  await p.evaluate(() => document.querySelector('#x').setAttribute('compact', ''));
  await p.waitForTimeout(100);
  const codeWarnings = p.warnings.filter((w) => w.includes('code="abc"'));
  assert.equal(codeWarnings.length, 1, p.warnings.join('\n'));
  assert.match(codeWarnings[0], /100 to 999/);
  assert.equal(p.warnings.filter((w) => w.includes('theme="night"') && /"light", "dark" or "auto"/.test(w)).length, 1);
  // A valid value later brings the answer.
  await p.evaluate(() => document.querySelector('#x').setAttribute('code', 'HTTP/1.1 429 Too Many Requests'));
  await waitHeadline(p, '#x', '429 Too Many Requests');
  assert.deepEqual(p.errors, []);
  await p.done();
});

test('each diagnosis shown dispatches a bubbling, composed event with the code, finding kinds and input kind, never the paste', async () => {
  // The README's snippet, with a stand-in for the site's analytics.
  const snippet = await readmeSnippet('events');
  const p = await open(`<div id="wrap"><http-troubleshooter id="w"></http-troubleshooter></div>
    <script>window.tracked = []; window.analytics = { track: (name, data) => window.tracked.push([name, data]) };</script>
    <script>${snippet}</script>`);
  await p.evaluate(() => {
    window.seen = [];
    document.addEventListener('http-troubleshooter-diagnosis', (e) => window.seen.push({ target: e.target.id, detail: e.detail, composed: e.composed }));
  });
  await p.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('textarea') !== null, null, { timeout: 15000 });
  const secret = 'sk_live_51HsecretSECRETsecret000';
  const textarea = p.locator('#w textarea');
  await textarea.fill(`HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\nAuthorization: Bearer ${secret}\n\n{"error":"invalid_token"}`);
  await p.locator('#w button:has-text("Diagnose")').click();
  await p.waitForFunction(() => window.seen.length >= 1);
  // Typing starts a diagnosis and the button another, of the same text: one event, not two (a
  // host's analytics would count every paste twice). Past the typing debounce (180 ms):
  await p.waitForTimeout(600);
  assert.equal(await p.evaluate(() => window.seen.length), 1, 'one paste, one event');
  // Pressing Diagnose again on the same paste is not a new diagnosis either.
  await p.locator('#w button:has-text("Diagnose")').click();
  await p.waitForTimeout(600);
  assert.equal(await p.evaluate(() => window.seen.length), 1, 'the same paste diagnosed again, no event');
  const [event] = await p.evaluate(() => window.seen);
  assert.equal(event.target, 'w');
  assert.equal(event.composed, true);
  assert.equal(event.detail.code, 401);
  assert.equal(event.detail.inputKind, 'raw-response');
  assert.ok(event.detail.kinds.includes('token-invalid'), event.detail.kinds.join());
  assert.deepEqual(Object.keys(event.detail).sort(), ['code', 'inputKind', 'kinds', 'side']);
  assert.ok(!JSON.stringify(event.detail).includes('secret'), 'nothing from the paste');
  const tracked = await p.evaluate(() => window.tracked);
  assert.deepEqual(tracked[0], ['api-error-troubleshot', { code: 401, kind: event.detail.kinds[0], inputKind: 'raw-response', side: event.detail.side }]);
  // A second diagnosis, a second event.
  await textarea.fill('net::ERR_NAME_NOT_RESOLVED');
  await p.locator('#w button:has-text("Diagnose")').click();
  await p.waitForFunction(() => window.seen.length >= 2);
  await p.waitForTimeout(600);
  assert.equal(await p.evaluate(() => window.seen.length), 2, 'a different paste, one more event');
  const second = (await p.evaluate(() => window.seen))[1].detail;
  assert.equal(second.code, null);
  assert.equal(second.side, 'network');
  await p.done();
});

test('theme="auto" follows the host page: html.dark, data-theme, color-scheme; then the system', async () => {
  const theme = (p, id) => p.evaluate((i) => document.querySelector(`#${i}`)?.shadowRoot?.querySelector('.ht-root')?.dataset.theme, id);
  const bg = (p, id) => p.evaluate((i) => getComputedStyle(document.querySelector(`#${i}`).shadowRoot.querySelector('.ht-root')).backgroundColor, id);
  // A light OS, a dark host (Tailwind/VitePress style class).
  let p = await open('<http-troubleshooter id="a" code="429"></http-troubleshooter><http-troubleshooter id="l" code="429" theme="light"></http-troubleshooter>', { head: 'class="dark"', colorScheme: 'light' });
  await waitHeadline(p, '#a', '429 Too Many Requests');
  assert.equal(await theme(p, 'a'), 'dark');
  assert.equal(await theme(p, 'l'), 'light', 'an explicit theme wins');
  assert.notEqual(await bg(p, 'a'), await bg(p, 'l'));
  // The host switches to light: the widget follows.
  await p.evaluate(() => document.documentElement.classList.remove('dark'));
  await p.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.ht-root').dataset.theme === 'auto');
  await p.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await p.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.ht-root').dataset.theme === 'dark');
  assert.deepEqual(p.errors, []);
  await p.done();
  // A host that declares only a dark color-scheme, on a light OS.
  p = await open('<http-troubleshooter id="a" code="404"></http-troubleshooter>', { head: 'style="color-scheme: dark"', colorScheme: 'light' });
  await waitHeadline(p, '#a', '404 Not Found');
  assert.equal(await theme(p, 'a'), 'dark');
  await p.done();
  // A light host (Docusaurus data-theme="light") on a dark OS stays light.
  p = await open('<http-troubleshooter id="a" code="404"></http-troubleshooter>', { head: 'data-theme="light"', colorScheme: 'dark' });
  await waitHeadline(p, '#a', '404 Not Found');
  assert.equal(await theme(p, 'a'), 'light');
  await p.done();
  // No host signal: the system decides (the widget's own media query).
  p = await open('<http-troubleshooter id="a" code="404"></http-troubleshooter>', { colorScheme: 'dark' });
  await waitHeadline(p, '#a', '404 Not Found');
  assert.equal(await theme(p, 'a'), 'auto');
  const darkBg = await bg(p, 'a');
  await p.done();
  p = await open('<http-troubleshooter id="a" code="404"></http-troubleshooter>', { colorScheme: 'light' });
  await waitHeadline(p, '#a', '404 Not Found');
  assert.notEqual(await bg(p, 'a'), darkBg);
  await p.done();
});

test('lazy: a page with embed.js and no widget downloads no wasm until an element appears or the API is asked for', async () => {
  const before = cdn.requests.length;
  const p = await open('<p>No widget here.</p>');
  await p.waitForFunction(() => window.HttpTroubleshooter !== undefined);
  await p.waitForTimeout(500);
  const fetched = () => cdn.requests.slice(before);
  assert.deepEqual(fetched(), ['/embed.js']);
  const cargo = await readFile(join(DIST, '..', 'Cargo.toml'), 'utf8');
  assert.equal(await p.evaluate(() => window.HttpTroubleshooter.version), cargo.match(/^version = "(.+)"/m)[1], 'the version is known before anything loads');
  // An element appears: now the module and the wasm load.
  await p.evaluate(() => document.body.append(Object.assign(document.createElement('http-troubleshooter'), { id: 'late' })));
  await p.waitForFunction(() => document.querySelector('#late').shadowRoot.querySelector('textarea') !== null, null, { timeout: 15000 });
  assert.ok(fetched().some((r) => r.endsWith('.wasm')), fetched().join(' '));
  await p.done();
  // The API asked for, no element: it loads then.
  const before2 = cdn.requests.length;
  const q = await open('<p>API only.</p>');
  await q.waitForFunction(() => window.HttpTroubleshooter !== undefined);
  await q.waitForTimeout(300);
  assert.ok(!cdn.requests.slice(before2).some((r) => r.endsWith('.wasm')));
  const phrase = await q.evaluate(async () => (await window.HttpTroubleshooter.ready).explainStatus(418).phrase);
  assert.equal(phrase, '(Unused)');
  assert.ok(cdn.requests.slice(before2).some((r) => r.endsWith('.wasm')));
  await q.done();
});

test('a classic script after the embed tag waits on the documented event (the README snippet)', async () => {
  const snippet = await readmeSnippet('classic');
  const p = await open(snippet);
  const logged = [];
  p.on('console', (m) => { if (m.type() === 'log') logged.push(m.text()); });
  await p.waitForFunction(() => window.HttpTroubleshooter !== undefined);
  await p.waitForTimeout(100);
  for (let i = 0; i < 100 && !logged.length; i++) await p.waitForTimeout(100);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /overloaded|unavailable|down/i, 'the summary of 503');
  assert.deepEqual(p.errors, []);
  await p.done();
});

test('heading-level sets the top heading; two widgets get distinct landmark names', async () => {
  const p = await open('<h2>Troubleshooting</h2><http-troubleshooter id="a" code="429" heading-level="3"></http-troubleshooter><http-troubleshooter id="b" code="503" heading-level="6"></http-troubleshooter><http-troubleshooter id="c" code="404" heading-level="seven"></http-troubleshooter>');
  await waitHeadline(p, '#a', '429 Too Many Requests');
  await waitHeadline(p, '#b', '503 Service Unavailable');
  await waitHeadline(p, '#c', '404 Not Found');
  const outline = (id) => p.evaluate((i) => [...document.querySelector(`#${i}`).shadowRoot.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
    .map((h) => `${h.getAttribute('aria-level') ? `aria${h.getAttribute('aria-level')}` : h.tagName.toLowerCase()} ${h.textContent.trim().slice(0, 40)}`), id);
  const a = await outline('a');
  assert.equal(a[0], 'h3 429 Too Many Requests');
  assert.ok(a.includes('h4 What to do next'), a.join(' | '));
  assert.ok(!a.some((h) => h.startsWith('h2') || h.startsWith('h1')));
  const b = await outline('b');
  assert.equal(b[0], 'h6 503 Service Unavailable');
  assert.ok(b.includes('aria7 What to do next'), b.join(' | '));
  // A bad level is ignored (h2, the default) with a warning.
  assert.equal((await outline('c'))[0], 'h2 404 Not Found');
  assert.ok(p.warnings.some((w) => w.includes('heading-level="seven"')));
  // Landmarks: each region's name is unique on the page.
  const names = await p.evaluate(() => [...document.querySelectorAll('http-troubleshooter')].flatMap((el) => [...el.shadowRoot.querySelectorAll('section[aria-label]')].map((s) => s.getAttribute('aria-label'))));
  assert.equal(new Set(names).size, names.length, names.join(' | '));
  assert.ok(names.includes('Diagnosis'));
  assert.deepEqual(p.errors, []);
  await p.done();
});

/**
 * Embed the widget from a changed copy of dist/ (`change` gets the copy's folder) and return the page
 * once the element shows its alert; the copy is removed afterwards.
 */
async function embedBrokenCopy(change, check) {
  const dir = await mkdtemp(join(tmpdir(), 'ht-copy-'));
  try {
    await cp(DIST, dir, { recursive: true });
    await change(dir);
    const host = await serve(dir, { cors: true });
    const p = await open('<http-troubleshooter code="429"></http-troubleshooter>', { cdnUrl: host.url });
    await p.waitForFunction(() => document.querySelector('http-troubleshooter').shadowRoot.querySelector('[role="alert"]'), null, { timeout: 15000 });
    await check(p);
    await p.done();
    await host.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('when the files cannot load, visitors see a short message in place; the details go to the console', async () => {
  // A host without the wasm: the embed itself loads.
  await embedBrokenCopy(
    async (dir) => { for (const name of await readdir(dir)) if (name.endsWith('.wasm')) await rm(join(dir, name)); },
    async (p) => {
      const message = await p.evaluate(() => document.querySelector('http-troubleshooter').shadowRoot.textContent);
      assert.equal(message, 'The HTTP troubleshooter could not load here. Reload the page to try again.');
      assert.ok(p.errors.some((e) => e.includes('application/wasm') && e.includes('Access-Control-Allow-Origin')), p.errors.join('\n'));
    },
  );
});

test('releases cannot mix: embed.js loads its own build by name, and a stale glue is named as such', async () => {
  const embed = await readFile(join(DIST, 'embed.js'), 'utf8');
  const build = embed.match(/const BUILD = '([0-9a-f]{12})'/)[1];
  // The build's own copies are byte-identical to the fixed names direct users load.
  assert.deepEqual(await readFile(join(DIST, `http_troubleshooter.${build}.js`)), await readFile(join(DIST, 'http_troubleshooter.js')));
  assert.deepEqual(await readFile(join(DIST, `http_troubleshooter_bg.${build}.wasm`)), await readFile(join(DIST, 'http_troubleshooter_bg.wasm')));
  // An embed.js of another version in front of this build's files: a clear message in the console.
  await embedBrokenCopy(
    (dir) => writeFile(join(dir, 'embed.js'), embed.replace(/const VERSION = '[^']+'/, "const VERSION = '0.0.1'")),
    async (p) => {
      assert.ok(p.errors.some((e) => /embed\.js is version 0\.0\.1 but .* is version \d/.test(e)), p.errors.join('\n'));
    },
  );
});

test('dist/csp.txt prints the policy a host needs, and the examples are noindex under examples/', async () => {
  const csp = await readFile(join(DIST, 'csp.txt'), 'utf8');
  assert.match(csp, /^script-src ORIGIN 'wasm-unsafe-eval'$/m);
  assert.match(csp, /^style-src 'sha256-[A-Za-z0-9+/=]+'$/m);
  const index = await readFile(join(DIST, 'index.html'), 'utf8');
  assert.ok(csp.includes(index.match(/Content-Security-Policy" content="([^"]+)"/)[1]));
  for (const name of ['help-center.html', 'docs-site.html']) {
    const example = await readFile(join(DIST, 'examples', name), 'utf8');
    assert.match(example, /<meta name="robots" content="noindex">/);
  }
});
