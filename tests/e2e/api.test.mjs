// The JavaScript API and the embed, as outside users meet them: the ES module on a page that never
// shows the widget, Node (initSync) for static-site generators, <http-troubleshooter> on a foreign
// page with hostile CSS loading embed.js from another origin, two instances, attribute changes and
// removal, and the two example pages in www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, readmeSnippet, DIST } from './helpers.mjs';

let cdn; // dist/ with CORS, as a docs host would serve it
let site; // a second origin: the page that embeds it
let browser;

// A foreign help-center page with hostile CSS; `body` holds the embed markup.
const embedPage = (cdnUrl, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help</title><link rel="icon" href="data:,">
<style>
  * { color: red !important; font-family: "Comic Sans MS", cursive !important; }
  textarea { display: none !important; }
  button { visibility: hidden !important; }
  section { display: none !important; }
  .ht-root { background: lime !important; }
</style>
</head><body><h1>Why am I getting API errors?</h1><p class="host-text">Host page text.</p>${body}</body></html>`;

before(async () => {
  cdn = await serve(DIST, { cors: true });
  site = await serve(DIST, {
    pages: {
      '/bare.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title><link rel="icon" href="data:,"></head><body><p>docs</p></body></html>',
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await cdn?.close();
  await site?.close();
});

test('the module API on a bare page: every export, bad arguments, unregistered codes', async () => {
  const page = await newPage(browser);
  await page.goto(site.url + 'bare.html');
  const result = await page.evaluate(async () => {
    const m = await import('./http_troubleshooter.js');
    await m.default();
    const mountedBefore = document.querySelectorAll('.ht-root').length;
    const out = { mountedBefore };
    out.e429 = m.explainStatus(429);
    out.e404s = m.explainStatus('404');
    out.e299 = m.explainStatus(299);
    out.list = m.listStatuses();
    out.search = m.searchStatuses('rate limit').map((s) => s.code);
    out.diag = m.diagnose('HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n');
    out.net = m.diagnose('curl: (6) Could not resolve host: api.example.invalid');
    out.json = JSON.parse(JSON.stringify(out.diag)).code;
    out.errors = [];
    for (const bad of [undefined, null, NaN, {}, 'abc', 12, 1e9]) {
      try {
        m.explainStatus(bad);
        out.errors.push({ bad: String(bad), threw: false });
      } catch (e) {
        out.errors.push({ bad: String(bad), name: e.constructor.name, message: e.message });
      }
    }
    try { m.diagnose(42); } catch (e) { out.diagnoseRange = e.constructor.name; }
    try { m.diagnose(Symbol('x')); } catch (e) { out.diagnoseError = e.constructor.name; }
    out.after = m.explainStatus(503).phrase;
    const el = document.createElement('div');
    document.body.append(el);
    // Yew renders on its own schedule: wait for what is asserted (up to 5 s on a loaded machine),
    // never a fixed sleep, so a slow CI run cannot read the element before its first render.
    const until = async (read, want) => {
      for (let i = 0; i < 100; i++) {
        const got = read();
        if (want(got)) return got;
        await new Promise((r) => setTimeout(r, 50));
      }
      return read();
    };
    const headline = () => el.querySelector('.ht-headline h2')?.textContent;
    const w = m.mount(el, { code: 503, theme: 'dark', compact: true });
    out.mounted = await until(headline, (t) => t !== undefined);
    out.mountedTheme = el.querySelector('.ht-root')?.dataset.theme;
    w.update({ code: 404 });
    out.updated = await until(headline, (t) => t !== out.mounted);
    w.destroy();
    out.destroyed = await until(() => el.children.length, (n) => n === 0);
    try { m.mount('not an element'); } catch (e) { out.mountError = e.constructor.name; }
    return out;
  });
  assert.equal(result.mountedBefore, 0, 'importing and initialising mounts nothing');
  assert.equal(result.e429.phrase, 'Too Many Requests');
  assert.equal(result.e429.class, 'client-error');
  assert.ok(result.e429.callerSteps.length > 2 && result.e429.ownerSteps.length > 0);
  assert.equal(result.e429.retry.policy, 'retry-after');
  assert.ok(result.e429.headers.some((h) => h.name === 'Retry-After'));
  assert.equal(result.e429.spec.document, 'RFC 6585');
  assert.equal(result.e404s.code, 404);
  assert.equal(result.e299.known, false, 'unregistered codes get the class fallback');
  assert.equal(result.e299.class, 'success');
  assert.ok(result.list.length >= 90);
  assert.deepEqual(result.list.map((s) => s.code), [...result.list.map((s) => s.code)].sort((a, b) => a - b));
  assert.equal(result.search[0], 429);
  assert.equal(result.diag.code, 429);
  assert.equal(result.diag.retry.afterSeconds, 30);
  assert.equal(result.net.code, null);
  assert.equal(result.net.side, 'network');
  assert.equal(result.json, 429, 'results are JSON-serialisable');
  for (const e of result.errors) {
    assert.ok(['TypeError', 'RangeError'].includes(e.name), JSON.stringify(e));
    assert.match(e.message, /100 to 999/, JSON.stringify(e));
  }
  assert.match(result.errors.find((e) => e.bad === 'abc').message, /"abc"/, 'says what was given');
  assert.match(result.errors.find((e) => e.bad === '1000000000').message, /1000000000/);
  assert.equal(result.diagnoseError, 'TypeError');
  assert.equal(result.diagnoseRange, 'RangeError', '42 is no status code');
  assert.equal(result.after, 'Service Unavailable', 'the module keeps working after errors');
  assert.equal(result.mounted, '503 Service Unavailable');
  assert.equal(result.mountedTheme, 'dark');
  assert.equal(result.updated, '404 Not Found');
  assert.equal(result.destroyed, 0);
  assert.equal(result.mountError, 'TypeError');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Node: `await init()` reads the wasm from beside the module; calls before it say so', async () => {
  const fresh = await import(join(DIST, 'http_troubleshooter.js') + '?node-init');
  for (const call of [() => fresh.explainStatus(404), () => fresh.diagnose('404'), () => fresh.listStatuses()]) {
    assert.throws(call, /call `await init\(\)` first/);
  }
  await fresh.default();
  assert.equal(fresh.explainStatus(404).phrase, 'Not Found');
  assert.equal(fresh.version(), (await readFile(join(DIST, '..', 'Cargo.toml'), 'utf8')).match(/^version = "(.+)"/m)[1]);
  assert.match(fresh.diagnose('404').report, new RegExp(`http-troubleshooter ${fresh.version().replaceAll('.', '\\.')}`));
});

test('Node: the README\'s Node snippet runs as written', async () => {
  const snippet = (await readmeSnippet('node')).replace("'./dist/http_troubleshooter.js'", JSON.stringify(join(DIST, 'http_troubleshooter.js')));
  const { execFile } = await import('node:child_process');
  const out = await new Promise((ok, fail) => execFile(process.execPath, ['--input-type=module', '-e', snippet], (e, stdout, stderr) => (e ? fail(new Error(stderr)) : ok(stdout))));
  const rows = out.trim().split('\n');
  assert.ok(rows.length >= 90, `${rows.length} rows`);
  assert.ok(rows.some((r) => r.startsWith('| 429 | Too Many Requests | ')));
});

test('Node: diagnose() takes what developers hold: a number, an Error from fetch or axios, a Response', async () => {
  const m = await import(join(DIST, 'http_troubleshooter.js') + '?node-objects');
  await m.default();
  assert.equal(m.diagnose(429).code, 429);
  assert.equal(m.diagnose(0).code, null, 'status 0: no response reached the page');
  // axios: the response's status, headers and parsed body are read.
  const axiosError = Object.assign(new Error('Request failed with status code 401'), {
    name: 'AxiosError', code: 'ERR_BAD_REQUEST',
    response: { status: 401, statusText: 'Unauthorized', headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' }, data: { error: 'invalid_token' } },
  });
  const a = m.diagnose(axiosError);
  assert.equal(a.code, 401);
  assert.ok(a.findings.some((f) => f.kind === 'token-invalid'), a.findings.map((f) => f.kind).join());
  assert.equal(a.client, 'axios', 'the error line names the client library');
  // Node's fetch: "fetch failed" with the connection error as its cause.
  const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), { code: 'ECONNREFUSED' }) });
  const r = m.diagnose(refused);
  assert.equal(r.code, null);
  assert.equal(r.side, 'network');
  assert.ok(r.findings.some((f) => f.kind === 'connection-refused'));
  // diagnoseResponse reads status, headers and body from a clone: the caller can still read it.
  const response = new Response('{"error":{"message":"Rate limit reached for requests"}}', { status: 429, headers: { 'retry-after': '20', 'content-type': 'application/json' } });
  const d = await m.diagnoseResponse(response);
  assert.equal(d.code, 429);
  assert.equal(d.retry.afterSeconds, 20);
  assert.equal(d.serverMessage, 'Rate limit reached for requests');
  assert.equal(JSON.parse(await response.text()).error.message, 'Rate limit reached for requests');
  // A body already read: the status and headers still count.
  const used = new Response('gone', { status: 503, headers: { 'retry-after': '30' } });
  await used.text();
  assert.equal((await m.diagnoseResponse(used)).retry.afterSeconds, 30);
  // Bad arguments say what is accepted.
  assert.throws(() => m.diagnose({}), { name: 'TypeError', message: /no message, status or response/ });
  assert.throws(() => m.diagnose([]), TypeError);
  assert.throws(() => m.diagnose(1e9), RangeError);
  await assert.rejects(m.diagnoseResponse('HTTP/1.1 404'), { name: 'TypeError', message: /accepts a Response/ });
});

test('Node: initSync with the wasm bytes, for static-site generators', async () => {
  const m = await import(join(DIST, 'http_troubleshooter.js'));
  m.initSync({ module: await readFile(join(DIST, 'http_troubleshooter_bg.wasm')) });
  assert.equal(m.explainStatus(418).phrase, '(Unused)');
  assert.equal(m.explainStatus('451').also[0].source.name.includes('Exchange'), true);
  const rows = m.listStatuses().map((s) => `| ${s.code} | ${s.phrase} |`);
  assert.ok(rows.includes('| 404 | Not Found |'));
  const d = m.diagnose('HTTP/1.1 503 Service Unavailable\nRetry-After: 120\n');
  assert.equal(d.code, 503);
  assert.equal(d.retry.afterSeconds, 120);
  assert.throws(() => m.explainStatus(12), RangeError);
  assert.throws(() => m.explainStatus({}), TypeError);
});

test('the embed on a foreign page with hostile CSS, loaded from another origin', async () => {
  // Exactly the README's snippet, with its example host replaced by the second origin.
  const snippet = (await readmeSnippet('embed')).replace('https://docs.example.com/http-troubleshooter/', cdn.url);
  assert.match(snippet, /<http-troubleshooter code="429"><\/http-troubleshooter>/);
  await site.close();
  site = await serve(DIST, { pages: { '/help.html': embedPage(cdn.url, snippet) } });
  const page = await newPage(browser);
  await page.goto(site.url + 'help.html');
  const widget = page.locator('http-troubleshooter');
  await widget.locator('.ht-headline h2').waitFor({ timeout: 15000 });
  assert.equal(await widget.locator('.ht-headline h2').textContent(), '429 Too Many Requests');
  // The host's CSS does not reach into the widget…
  const styles = await widget.locator('textarea').evaluate((t) => {
    const s = getComputedStyle(t);
    const root = t.closest('.ht-root');
    return { display: s.display, color: getComputedStyle(root).color, background: getComputedStyle(root).backgroundColor, font: getComputedStyle(root).fontFamily };
  });
  assert.notEqual(styles.display, 'none');
  assert.notEqual(styles.color, 'rgb(255, 0, 0)');
  assert.notEqual(styles.background, 'rgb(0, 255, 0)');
  assert.ok(!styles.font.includes('Comic'));
  assert.ok(await widget.locator('button:has-text("Diagnose")').isVisible());
  // …and the widget's CSS does not reach the host page.
  const hostFont = await page.locator('.host-text').evaluate((p) => getComputedStyle(p).fontFamily);
  assert.ok(hostFont.includes('Comic'), 'host styles are untouched');
  assert.equal(await page.evaluate(() => document.querySelectorAll('style, link[rel="stylesheet"]').length), 1, 'no style added to the host document');
  // It really works: paste into it.
  await widget.locator('textarea').fill('HTTP/1.1 502 Bad Gateway\nServer: nginx\n');
  await widget.locator('button:has-text("Diagnose")').click();
  await page.waitForFunction(() => document.querySelector('http-troubleshooter').shadowRoot.querySelector('.ht-headline h2').textContent === '502 Bad Gateway');
  // The module and wasm came from the other origin.
  assert.ok(cdn.requests.some((p) => /^\/http_troubleshooter_bg\.[0-9a-f]{12}\.wasm$/.test(p)), cdn.requests.join(' '));
  assert.ok(!site.requests.some((p) => p.endsWith('.wasm')));
  // window.HttpTroubleshooter.ready for pages that cannot import modules.
  const phrase = await page.evaluate(async () => (await window.HttpTroubleshooter.ready).explainStatus(504).phrase);
  assert.equal(phrase, 'Gateway Timeout');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('two instances, attribute changes and removal', async () => {
  await site.close();
  site = await serve(DIST, {
    pages: {
      '/two.html': embedPage(cdn.url, `<script type="module" src="${cdn.url}embed.js"></script><http-troubleshooter id="a" code="401"></http-troubleshooter><http-troubleshooter id="b" code="503" theme="dark" compact></http-troubleshooter>`),
    },
  });
  const page = await newPage(browser);
  await page.goto(site.url + 'two.html');
  const h2 = (id) => page.locator(`#${id}`).locator('.ht-headline h2');
  await h2('a').waitFor();
  await h2('b').waitFor();
  assert.equal(await h2('a').textContent(), '401 Unauthorized');
  assert.equal(await h2('b').textContent(), '503 Service Unavailable');
  assert.equal(await page.locator('#b').locator('.ht-root').getAttribute('data-theme'), 'dark');
  assert.equal(await page.locator('#b').locator('.ht-catalog').count(), 0, 'compact');
  assert.equal(await page.locator('#a').locator('.ht-catalog').count(), 1);

  // Independent: pasting in one leaves the other alone.
  await page.locator('#a textarea').fill('418');
  await page.locator('#a button:has-text("Diagnose")').click();
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('.ht-headline h2').textContent.startsWith('418'));
  assert.equal(await h2('b').textContent(), '503 Service Unavailable');

  // Attribute changes update the widget.
  await page.evaluate(() => { document.querySelector('#b').setAttribute('code', '404'); document.querySelector('#b').setAttribute('theme', 'light'); });
  await page.waitForFunction(() => document.querySelector('#b').shadowRoot.querySelector('.ht-headline h2')?.textContent === '404 Not Found');
  assert.equal(await page.locator('#b').locator('.ht-root').getAttribute('data-theme'), 'light');

  // A bad attribute is ignored (a console warning says what is accepted): the widget keeps showing.
  await page.evaluate(() => document.querySelector('#b').setAttribute('code', 'abc'));
  await page.waitForTimeout(200);
  assert.equal(await h2('b').textContent(), '404 Not Found');

  // Removal destroys it; the other keeps working.
  await page.evaluate(() => document.querySelector('#a').remove());
  assert.equal(await page.locator('http-troubleshooter').count(), 1);
  // Re-adding a fresh element works.
  await page.evaluate(() => { const el = document.createElement('http-troubleshooter'); el.id = 'c'; el.setAttribute('code', '429'); document.body.append(el); });
  await page.waitForFunction(() => document.querySelector('#c').shadowRoot.querySelector('.ht-headline h2')?.textContent === '429 Too Many Requests');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('www/help-center.html (dist/examples/) embeds the widget mid-article', async () => {
  const local = await serve(DIST);
  const page = await newPage(browser);
  await page.goto(local.url + 'examples/help-center.html');
  const widget = page.locator('http-troubleshooter').first();
  await widget.locator('textarea').waitFor({ timeout: 15000 });
  await widget.locator('textarea').fill('HTTP/1.1 429 Too Many Requests\nRetry-After: 60\n');
  await widget.locator('button:has-text("Diagnose")').click();
  // The article's section is an h2, so the widget's headline is an h3 (heading-level="3").
  await page.waitForFunction(() => document.querySelector('http-troubleshooter').shadowRoot.querySelector('.ht-headline h3')?.textContent === '429 Too Many Requests');
  // Mid-article: there is article text before and after the widget.
  const placement = await page.evaluate(() => {
    const el = document.querySelector('http-troubleshooter');
    const all = [...document.querySelectorAll('p, h2, h3, li')];
    const before = all.filter((n) => n.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).length;
    const after = all.filter((n) => n.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING).length;
    return { before, after };
  });
  assert.ok(placement.before > 2 && placement.after > 2, JSON.stringify(placement));
  assert.deepEqual(page.errors, []);
  await page.close();
  await local.close();
});

test('www/docs-site.html builds its table and tooltips from the API without the widget', async () => {
  const local = await serve(DIST);
  const page = await newPage(browser);
  await page.goto(local.url + 'examples/docs-site.html');
  await page.waitForSelector('#status-table tr[data-code="404"]', { timeout: 15000 });
  assert.equal(await page.locator('.ht-root').count(), 0, 'no widget on the docs page');
  assert.ok((await page.locator('#status-table tr[data-code]').count()) >= 90);
  await page.fill('#status-filter', '429');
  await page.waitForFunction(() => [...document.querySelectorAll('#status-table tr[data-code]')].filter((r) => r.offsetParent !== null).length < 10);
  assert.ok(await page.locator('#status-table tr[data-code="429"]').isVisible());
  // The tooltip on keyboard focus.
  await page.locator('#status-table tr[data-code="429"] button, #status-table tr[data-code="429"] [tabindex], #status-table tr[data-code="429"] abbr').first().focus();
  const tip = page.locator('[role="tooltip"]:visible');
  await tip.first().waitFor();
  assert.match(await tip.first().textContent(), /rate limited|too many requests|more requests/i);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="tooltip"]')].some((t) => t.offsetParent !== null && getComputedStyle(t).visibility !== 'hidden'));
  // Explain a code, and a bad one.
  await page.fill('#explain-input', '503');
  await page.click('#explain-button');
  await page.waitForFunction(() => document.querySelector('#explain-output').textContent.includes('Service Unavailable'));
  await page.fill('#explain-input', '12');
  await page.click('#explain-button');
  await page.waitForFunction(() => document.querySelector('#explain-output').textContent.includes('100 to 999'));
  assert.deepEqual(page.errors, []);
  await page.close();
  await local.close();
});
