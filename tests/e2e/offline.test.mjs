// "Works offline" taken literally: the served dist/ makes no request off the machine, the single
// file works from disk with no server, and after one visit the page works with the network gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, newPage, fixture, widgetReady, paste, headline, regionText, DIST } from './helpers.mjs';

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

const loopback = (url) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || protocol === 'file:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
};

test('the served pages make no request that leaves the machine', async () => {
  const context = await browser.newContext();
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (loopback(url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await newPage(context);
  await page.goto(server.url);
  await widgetReady(page);
  await paste(page, await fixture('raw-cloudflare-522.txt'));
  for (const label of ['429 with Retry-After', 'CORS error', 'nginx 502']) {
    await page.click(`button:has-text("${label}")`);
  }
  await page.fill('#ht-catalog-search', 'timeout');
  await page.click('.ht-code-button:has-text("504")');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent.startsWith('504'));
  for (const path of ['examples/help-center.html', 'examples/docs-site.html', 'http-troubleshooter.html']) {
    await page.goto(server.url + path);
    await page.waitForTimeout(1500);
  }
  assert.deepEqual(outside, [], 'no request left the machine');
  assert.ok(server.requests.length > 5, 'the page did load its own files');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the single file works opened from disk, alone, with deep links', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ht-single-'));
  try {
    const file = join(dir, 'http-troubleshooter.html');
    await copyFile(join(DIST, 'http-troubleshooter.html'), file);
    const context = await browser.newContext();
    const outside = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await newPage(context);
    await page.goto(pathToFileURL(file).href);
    await widgetReady(page);
    await paste(page, await fixture('curl-i-429-retry-after.txt'));
    assert.equal(await headline(page), '429 Too Many Requests');
    assert.match(await regionText(page), /rate limited/);
    await page.goto(pathToFileURL(file).href + '#451');
    await page.reload();
    await widgetReady(page);
    await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent.startsWith('451'));
    assert.deepEqual(outside, []);
    assert.deepEqual(page.errors, []);
    await context.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('after one visit the served page works offline, deep links too', async () => {
  const context = await browser.newContext();
  const page = await newPage(context);
  await page.goto(server.url);
  await widgetReady(page);
  // The service worker has installed and cached this release's files.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    return registration.active.state;
  });
  const version = await page.evaluate(async () => (await caches.keys()).join(','));
  assert.match(version, /^http-troubleshooter-[0-9a-f]{16}$/, 'one versioned cache');

  await context.setOffline(true);
  await page.reload();
  await widgetReady(page);
  await paste(page, await fixture('bearer-expired-401.txt'));
  assert.equal(await headline(page), '401 Unauthorized');
  await page.goto(server.url + '#503');
  await page.waitForFunction(() => document.querySelector('.ht-headline h2')?.textContent === '503 Service Unavailable');
  await context.close();
});

test('a clear message when WebAssembly is missing or fails to load', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => { delete globalThis.WebAssembly; });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[role="alert"]');
  assert.match(await page.textContent('[role="alert"]'), /cannot run WebAssembly/);
  await context.close();

  const broken = await browser.newContext({ serviceWorkers: 'block' });
  await broken.route('**/http_troubleshooter_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page2 = await broken.newPage();
  await page2.goto(server.url);
  await page2.waitForSelector('[role="alert"]');
  assert.match(await page2.textContent('[role="alert"]'), /could not load its WebAssembly module/);
  await broken.close();

  // And without JavaScript, the <noscript> text is there.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page3 = await noJs.newPage();
  await page3.goto(server.url);
  assert.match(await page3.textContent('body'), /needs JavaScript and WebAssembly/);
  await noJs.close();
});
