// Huge pastes in the page: a 10 MB response and a 50 MB HAR file. The widget keeps only the start of
// the text in the box, reads the first 4 MB, says so, diagnoses what it read, and the page keeps
// working afterwards. (How long the work took is
// printed for information; a test never asserts a timing — benches/browser.mjs measures.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, widgetReady, headline, regionText } from './helpers.mjs';

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

/** Build the text in the page (not over the DevTools protocol) and paste it into the box. Returns
 * the longest main-thread task seen while the widget handled it, for the log. */
async function pasteGenerated(page, kind) {
  await page.evaluate((kind) => {
    let text;
    if (kind === 'raw') {
      const item = '{"id":12345,"name":"an item with a name","tags":["a","b","c"]},';
      text = 'HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nX-Request-Id: huge-raw-1\r\n\r\n{"error":{"message":"upstream failed"},"items":['
        + item.repeat(Math.ceil(10_000_000 / item.length)) + '{}]}';
    } else {
      const ok = JSON.stringify({ request: { method: 'GET', url: 'https://api.example.com/v1/items?page=1', headers: [{ name: 'Accept', value: 'application/json' }] }, response: { status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }], content: { mimeType: 'application/json', size: 900, text: JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })) }) } } });
      const failing = JSON.stringify({ request: { method: 'POST', url: 'https://api.example.com/v1/orders', headers: [] }, response: { status: 503, statusText: 'Service Unavailable', headers: [{ name: 'Retry-After', value: '30' }, { name: 'X-Request-Id', value: 'huge-har-503' }], content: { mimeType: 'application/json', text: '{"message":"busy"}' } } });
      const count = Math.ceil(50_000_000 / ok.length);
      const entries = new Array(count).fill(ok);
      entries[100] = failing; // early enough to be in the part that is read
      text = `{"log":{"version":"1.2","creator":{"name":"test"},"entries":[${entries.join(',')}]}}`;
    }
    window.__huge = text;
  }, kind);
  return page.evaluate(async () => {
    let longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
    await new Promise((ok) => setTimeout(ok, 50));
    const text = window.__huge;
    // A real paste: a paste event carrying the text, as the browser fires it for Ctrl+V.
    const box = document.querySelector('#ht-input');
    box.focus();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (box.dispatchEvent(event)) {
      // Not taken by the widget: insert it as the browser would.
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    await new Promise((ok) => setTimeout(ok, 300));
    return { bytes: text.length, longest };
  });
}

for (const [kind, size, code] of [['raw', '10', /502 Bad Gateway/], ['har', '50', /503 Service Unavailable/]]) {
  test(`a ${size} MB ${kind === 'raw' ? 'response' : 'HAR file'} is read up to 4 MB, diagnosed, and the page keeps working`, async (t) => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await widgetReady(page);
    const { bytes, longest } = await pasteGenerated(page, kind);
    t.diagnostic(`${(bytes / 1e6).toFixed(1)} MB pasted; longest main-thread task ${Math.round(longest)} ms`);
    await page.waitForFunction(() => document.querySelector('.ht-headline h2') !== null, null, { timeout: 30000 });
    assert.match(await headline(page), code);
    const region = await regionText(page);
    assert.match(region, new RegExp(`This paste is ${size}\\.\\d MB long; only its first 4\\.0 MB were read`));
    // A HAR is read entry by entry up to the cut: the failing entry keeps its headers.
    if (kind === 'har') assert.match(region, /Retry-After/);
    // The box shows the start of the paste and says the rest is not shown (megabytes of text in a
    // textarea take the browser seconds to lay out).
    const shown = await page.inputValue('#ht-input');
    assert.ok(shown.length < 25_000, `the box holds ${shown.length} characters`);
    assert.match(shown, new RegExp(`\\[… ${size}\\.\\d MB pasted; only the start is shown here`));
    // Still usable: a code from the catalog search replaces the huge paste.
    await page.fill('#ht-input', '404');
    await page.click('button:has-text("Diagnose")');
    await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent.includes('404'));
    assert.match(await headline(page), /404 Not Found/);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}
