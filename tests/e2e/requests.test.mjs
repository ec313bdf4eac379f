// Help-center visitors with more than one response (issue 19): a file opened through the button or
// dropped on the box, a HAR of 212 requests walked request by request, the report of every failure,
// the same list from diagnose() in JavaScript, and printing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST, ROOT, newPage, widgetReady, headline, withServerAndBrowser } from './helpers.mjs';

const require = createRequire(import.meta.url);
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2aXNpdG9yLTQyIn0.c2VjcmV0LXNpZ25hdHVyZS1oZXJl';
const API_KEY = 'pk_live_Q8v2Lm4Zt7Xw1Rb9';

/**
 * A HAR 1.2 export of 212 requests, as Chrome writes it: 209 answered 200, two 429s from
 * api.example.com (one with Retry-After), one 502 from api.example.com; every request carries a
 * bearer token, and one URL an api_key.
 */
function har() {
  const entries = [];
  for (let i = 0; i < 212; i++) {
    const status = i === 57 || i === 58 ? 429 : i === 140 ? 502 : 200;
    const text = status === 200 ? `{"id":${i}}` : status === 429 ? '{"error":{"code":"rate_limited","message":"Too many requests"}}' : '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    entries.push({
      startedDateTime: new Date(Date.UTC(2024, 4, 14, 9, 21, 0) + i * 250).toISOString(),
      time: 40 + (i % 13) * 7.25,
      request: {
        method: i % 5 === 0 ? 'POST' : 'GET',
        url: i === 140 ? `https://api.example.com/v1/export?api_key=${API_KEY}` : `https://api.example.com/v1/items/${i}`,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }],
        queryString: [], cookies: [], headersSize: -1, bodySize: 0,
      },
      response: {
        status,
        statusText: { 200: 'OK', 429: 'Too Many Requests', 502: 'Bad Gateway' }[status],
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Content-Type', value: status === 502 ? 'text/html' : 'application/json' },
          ...(i === 58 ? [{ name: 'Retry-After', value: '30' }] : []),
          ...(status === 502 ? [{ name: 'Server', value: 'nginx/1.25.3' }] : []),
        ],
        cookies: [], content: { size: text.length, mimeType: status === 502 ? 'text/html' : 'application/json', text },
        redirectURL: '', headersSize: -1, bodySize: text.length,
      },
      cache: {}, timings: { send: 1, wait: 30, receive: 2 },
    });
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } }, null, 2);
}

const HAR = har();
const env = withServerAndBrowser();

async function page(options = {}) {
  const p = await newPage(env.browser, { viewport: { width: 1280, height: 900 }, ...options });
  await p.goto(env.server.url);
  await widgetReady(p);
  return p;
}

test('a HAR file opened through the button: summary, table, keyboard selection, every failure in the report', async () => {
  const p = await page();
  assert.match(await p.textContent('.ht-file-status'), /nothing is uploaded/);
  const [chooser] = await Promise.all([p.waitForEvent('filechooser'), p.click('label:has-text("Open a file")')]);
  await chooser.setFiles({ name: 'session.har', mimeType: 'application/json', buffer: Buffer.from(HAR) });
  await p.waitForSelector('.ht-requests-summary');
  assert.equal(await p.textContent('.ht-requests-summary'), '3 of 212 requests failed: 2 × 429 from api.example.com, 1 × 502 from api.example.com');
  assert.match(await p.textContent('.ht-file-status'), /^session\.har \(0\.\d MB\) was read on this device\.$/);
  // The most significant failure is diagnosed (an API's JSON error before a proxy's HTML page; the
  // later of equals): the second 429, whose Retry-After says 30 s. The table lists the failures.
  assert.equal(await headline(p), '429 Too Many Requests');
  assert.match(await p.textContent('section[aria-label="Diagnosis"]'), /30 s/);
  const rows = await p.$$eval('.ht-req-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => r[1]), ['429', '429', '502']);
  assert.match(rows[0][0], /^GET api\.example\.com\/v1\/items\/57$/);
  assert.match(rows[2][0], /api_key=\[masked/);
  assert.match(rows[0][2], /^\d+ ms$/);
  assert.equal(await p.$eval('tr.ht-selected', (tr) => tr.rowIndex), 2);

  // Keyboard: Tab reaches a row; Down moves to the next; Enter diagnoses it.
  await p.focus('.ht-req-table button.ht-req');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown');
  assert.equal(await p.evaluate(() => document.activeElement.closest('tr').rowIndex), 3);
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '502 Bad Gateway');
  assert.equal(await p.$eval('tr.ht-selected .ht-req', (b) => b.getAttribute('aria-pressed')), 'true');
  assert.equal(await p.$eval('tr.ht-selected', (tr) => tr.rowIndex), 3);
  // All requests, then back to the failures.
  await p.click('button:has-text("All (212)")');
  assert.equal(await p.$$eval('.ht-req-table tbody tr', (trs) => trs.length), 212);
  await p.click('button:has-text("Failed (3)")');
  assert.equal(await p.$$eval('.ht-req-table tbody tr', (trs) => trs.length), 3);

  // The report of every failed request, and no secret anywhere on the page.
  await p.click('button:has-text("All 3 failed requests")');
  await p.click('button:has-text("Show report")');
  const report = await p.inputValue('.ht-report textarea');
  assert.match(report, /every failed request/);
  assert.equal((report.match(/^- `(GET|POST) https:\/\/api\.example\.com/gm) || []).length, 3, report);
  // (The paste box holds the visitor's own file; what the widget says must not repeat its secrets.)
  const answer = `${await p.innerText('section[aria-label="Diagnosis"]')}\n${report}`;
  for (const secret of [TOKEN, API_KEY, TOKEN.split('.')[2]]) assert.ok(!answer.includes(secret), `no ${secret.slice(0, 12)}… in the answer`);
  assert.ok(!report.includes(API_KEY) && !report.includes(TOKEN));

  // axe on the new parts: nothing serious.
  await p.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await p.evaluate(async () => (await window.axe.run(document.querySelector('.ht-root'), { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  assert.deepEqual(p.errors, []);
  await p.close();
});

test('a file dropped on the box is diagnosed; a file that is not text gets a clear message', async () => {
  const p = await page();
  const drop = (name, type, content) => p.evaluate(async ({ name, type, content }) => {
    const data = new DataTransfer();
    data.items.add(new File([typeof content === 'string' ? content : new Uint8Array(content)], name, { type }));
    const box = document.querySelector('.ht-paste textarea');
    box.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 30));
    const highlighted = box.classList.contains('ht-drop');
    const accepted = !box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    return { highlighted, accepted };
  }, { name, type, content });
  const log = '203.0.113.9 - - [14/May/2024:09:21:07 +0000] "GET /v1/orders HTTP/1.1" 504 167 "-" "curl/8.5.0" rt=60.001 uct="0.000" urt="60.000"\n';
  const r = await drop('nginx-access.log', '', log);
  assert.deepEqual(r, { highlighted: true, accepted: true });
  await p.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '504 Gateway Timeout');
  assert.equal(await p.inputValue('.ht-paste textarea'), log);
  assert.match(await p.textContent('.ht-file-status'), /nginx-access\.log \(0\.\d MB\) was read on this device/);
  // A PNG: its bytes are not text.
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 400 }, (_, i) => (i * 37) % 256)];
  await drop('screenshot.png', 'image/png', png);
  await p.waitForFunction(() => /not a text file/.test(document.querySelector('.ht-file-status').textContent));
  assert.equal(await headline(p), '504 Gateway Timeout', 'the previous answer stays');
  assert.deepEqual(p.errors, []);
  await p.close();
});

test('diagnose() in JavaScript returns the requests, and diagnoses the one asked for', async () => {
  const m = await import(join(DIST, 'http_troubleshooter.js') + '?requests');
  await m.default();
  const d = m.diagnose(HAR);
  assert.equal(d.exchanges.length, 212);
  assert.equal(d.exchangesSummary, '3 of 212 requests failed: 2 × 429 from api.example.com, 1 × 502 from api.example.com');
  assert.equal(d.selectedExchange, 58);
  assert.equal(d.retry.afterSeconds, 30);
  assert.deepEqual(Object.keys(d.exchanges[0]).sort(), ['failed', 'host', 'index', 'line', 'method', 'path', 'status', 'timeMs']);
  assert.deepEqual(d.exchanges[0], { index: 0, method: 'POST', host: 'api.example.com', path: '/v1/items/0', status: 200, timeMs: 40, failed: false, line: '200 OK' });
  assert.equal(d.exchanges[140].status, 502);
  assert.ok(d.reportAll.includes('/v1/items/57') && d.reportAll.includes('/v1/items/58'));
  const chosen = m.diagnose(HAR, { exchange: 140 });
  assert.equal(chosen.code, 502);
  assert.equal(chosen.selectedExchange, 140);
  assert.match(chosen.answeredBy, /nginx/);
  assert.equal(m.diagnose(HAR, {}).selectedExchange, 58);
  assert.equal(m.diagnose('429', { exchange: 3 }).code, 429, 'a paste of one exchange ignores the option');
  assert.throws(() => m.diagnose(HAR, { exchange: -1 }), (e) => e instanceof RangeError && /options\.exchange was the number -1/.test(e.message));
  assert.throws(() => m.diagnose(HAR, { exchange: 'x' }), (e) => e instanceof TypeError && /options\.exchange was the string "x"/.test(e.message));
  assert.throws(() => m.diagnose(HAR, 5), (e) => e instanceof TypeError && /as options/.test(e.message));
  for (const secret of [TOKEN, API_KEY]) assert.ok(!JSON.stringify(d).includes(secret));
});

test('printing gives the answer in one column, without the paste box, the examples or the catalog', async () => {
  const p = await page();
  await p.fill('.ht-paste textarea', 'HTTP/1.1 503 Service Unavailable\nRetry-After: 120\nServer: nginx\n\n<html><title>503</title></html>');
  await p.click('button:has-text("Diagnose")');
  await p.waitForSelector('.ht-headline h2');
  await p.emulateMedia({ media: 'print' });
  const hidden = await p.evaluate(() => ['.ht-paste', '.ht-examples', '.ht-catalog', '.ht-report textarea'].map((s) => {
    const el = document.querySelector(s);
    return el ? getComputedStyle(el).display : 'none';
  }));
  assert.deepEqual(hidden, ['none', 'none', 'none', 'none']);
  assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector('.ht-headline')).display), 'flex');
  // The print-media picture, for looking at (tests/e2e/artifacts/ is not committed).
  const shot = await p.screenshot({ path: join(ROOT, 'tests', 'e2e', 'artifacts', 'print.png'), fullPage: true });
  assert.ok(shot.length > 10_000);
  await p.close();
});

test('an access log of several lines is walked the same way', async () => {
  const p = await page();
  const log = readFileSync(join(ROOT, 'tests', 'fixtures', 'access-log.txt'), 'utf8');
  await p.fill('.ht-paste textarea', log);
  await p.click('button:has-text("Diagnose")');
  await p.waitForSelector('.ht-requests-summary');
  assert.equal(await p.textContent('.ht-requests-summary'), '2 of 3 requests failed: 1 × 499, 1 × 502');
  assert.equal(await headline(p), '502 Bad Gateway');
  await p.click('.ht-req-table tbody tr:first-child button.ht-req');
  await p.waitForFunction(() => /^499 /.test(document.querySelector('.ht-headline h2')?.textContent ?? ''));
  assert.equal(await p.$eval('tr.ht-selected .ht-req-status', (td) => td.textContent), '499');
  assert.deepEqual(p.errors, []);
  await p.close();
});
