// The served page (dist/ on 127.0.0.1): pasting real inputs, examples, related codes, the catalog,
// deep links with Back, copying the report, keyboard use, and axe-core in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, fixture, widgetReady, paste, headline, regionText, openEntry } from './helpers.mjs';

const require = createRequire(import.meta.url);
let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path = '', options = {}) {
  const page = await newPage(browser, options);
  await page.goto(server.url + path);
  await widgetReady(page);
  return page;
}

test('pasting 404 shows the 404 explanation from the catalog', async () => {
  const page = await open();
  await page.fill('#ht-input', '404');
  // No button needed: the diagnosis follows typing.
  await page.waitForSelector('.ht-headline h2');
  assert.equal(await headline(page), '404 Not Found');
  // The short answer keeps the code's reference one click away.
  await openEntry(page);
  const text = await regionText(page);
  assert.match(text, /The server has nothing at this URL/);
  assert.match(text, /405 Method Not Allowed/, 'related codes are listed');
  // The steps that help with any API error are part of the entry (they used to be compiled in and
  // never shown).
  assert.match(text, /For any API error/);
  assert.match(text, /host names are not/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('eight realistic pastes show the right verdicts', async () => {
  const page = await open();
  const cases = [
    ['curl-v-404.txt', '404 Not Found', /No route for GET \/v1\/userz\/42/],
    ['curl-i-429-retry-after.txt', '429 Too Many Requests', /rate limited.*2 min/],
    ['raw-cloudflare-522.txt', '522 Connection Timed Out', /fault is at the API's origin server/],
    ['bearer-expired-401.txt', '401 Unauthorized', /access token you sent had expired/],
    ['cors-console.txt', 'Blocked by CORS: the page may not read the response', /Access-Control-Allow-Origin/],
    ['har-mixed.har', '401 Unauthorized', /partner\.example\.net/],
    ['graphql-200-errors.txt', '200 OK', /not authenticated.*200 OK/],
    ['aws-throttling-400.txt', '400 Bad Request', /throttled by AWS/],
    ['python-requests-404.txt', '404 Not Found', /api\.example\.com\/v1\/users\/42/],
    ['net-err-name-not-resolved.txt', 'Host name not found (DNS)', /The network, not HTTP/],
    ['reason-mismatch-413.txt', '413 Content Too Large', /Request Entity Too Large/],
  ];
  for (const [name, title, pattern] of cases) {
    await paste(page, await fixture(name));
    assert.equal(await headline(page), title, name);
    assert.match(await regionText(page), pattern, name);
  }
  // Secrets in the pastes never reach the page.
  const html = await page.content();
  assert.ok(!html.includes('dozjgNryP4J3jVmNHl0w5N'), 'the JWT is masked');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('pasted markup is shown as text, never run', async () => {
  const page = await open();
  await paste(page, 'HTTP/1.1 500 Internal Server Error\nContent-Type: text/plain\n\n<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('section[aria-label="Diagnosis"] img').count(), 0);
  assert.match(await regionText(page), /<img src=x onerror=/);
  await page.close();
});

test('an example button fills the box and diagnoses it', async () => {
  const page = await open();
  await page.click('button:has-text("Cloudflare 522")');
  await page.waitForSelector('.ht-headline h2');
  assert.equal(await headline(page), '522 Connection Timed Out');
  assert.match(await page.inputValue('#ht-input'), /Server: cloudflare/);
  await page.click('button:has-text("429 with Retry-After")');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent.startsWith('429'));
  assert.match(await page.textContent('[role="timer"]'), /^(2:00|1:59|1:58)$/, 'a live countdown');
  await page.close();
});

test('a related code and a catalog entry can be clicked, and the address follows', async () => {
  const page = await open();
  await paste(page, '502');
  await openEntry(page);
  await page.click('.ht-related button:has-text("504 Gateway Timeout")');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '504 Gateway Timeout');
  assert.ok(page.url().endsWith('#504'));
  // The headline takes the focus, for keyboard and screen-reader users.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '504 Gateway Timeout');

  await page.fill('#ht-catalog-search', 'teapot');
  await page.click('.ht-catalog .ht-code-button:has-text("418")');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent.startsWith('418'));
  await openEntry(page);
  assert.match(await regionText(page), /I'm a teapot/i);
  assert.ok(page.url().endsWith('#418'));

  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '504 Gateway Timeout');
  await page.close();
});

test('the catalog corrections of the independent review are what the page shows', async () => {
  const page = await open('#524');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent?.startsWith('524'));
  await openEntry(page);
  assert.match(await regionText(page), /120 s/);
  await page.goto(server.url + '#415');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '415 Unsupported Media Type');
  await openEntry(page);
  const text = await regionText(page);
  assert.match(text, /Accept\b/);
  assert.match(text, /RFC 9110 §15\.5\.16/);
  // Status 0: what a browser reports when no response arrived.
  await page.fill('#ht-input', '0');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === 'The request failed before any HTTP response');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('deep links: #503 and ?code=429 open the code; Back returns', async () => {
  const page = await open('#503');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '503 Service Unavailable');
  await openEntry(page);
  await page.click('.ht-related button:has-text("429")');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '429 Too Many Requests');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '503 Service Unavailable');
  assert.ok(page.url().endsWith('#503'));
  await page.close();

  const query = await open('?code=429');
  await query.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '429 Too Many Requests');
  await query.close();
});

test('"Copy report for support" puts the masked report on the clipboard', async () => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await newPage(context);
  await page.goto(server.url);
  await widgetReady(page);
  await paste(page, await fixture('bearer-expired-401.txt'));
  await page.click('button:has-text("Copy report for support")');
  await page.waitForSelector('text=Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /## HTTP error report/);
  assert.match(copied, /401 Unauthorized/);
  assert.match(copied, /5d2b7e90-1c4a-4f3e-8b6d-0a9c7e3f1b24/, 'the request id');
  assert.ok(!copied.includes('eyJ'), 'no token in the report');
  await context.close();

  // Without clipboard permission the report is shown, selected, for copying by hand.
  const denied = await browser.newContext();
  const page2 = await newPage(denied);
  await page2.goto(server.url);
  await widgetReady(page2);
  await page2.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }); });
  await paste(page2, '404');
  await page2.click('button:has-text("Copy report for support")');
  await page2.waitForSelector('#ht-report-text');
  assert.match(await page2.inputValue('#ht-report-text'), /404 Not Found/);
  await denied.close();
});

test('keyboard: Enter diagnoses, Tab reaches the controls with a visible focus', async () => {
  const page = await open();
  await page.focus('#ht-input');
  await page.keyboard.type('503');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.ht-headline h2');
  assert.equal(await headline(page), '503 Service Unavailable');
  assert.equal(await page.inputValue('#ht-input'), '503', 'Enter did not add a line');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { text: el.textContent, outline: style.outlineStyle, width: style.outlineWidth };
  });
  assert.equal(focused.text, 'Diagnose');
  assert.equal(focused.outline, 'solid', 'focus is visible');
  await page.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no serious or critical violation (${colorScheme})`, async () => {
    const page = await open('', { colorScheme });
    await paste(page, await fixture('curl-i-429-retry-after.txt'));
    // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an added <script>.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.ok(results.passes.length > 10, 'axe really checked the page');
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    assert.deepEqual(bad, []);
    await page.close();
  });
}
