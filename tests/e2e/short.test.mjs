// Short first (issue 16): the first screen holds the verdict, the findings that decide it and the
// most useful steps; the rest is one click away and the visitor's choice is remembered. On a phone
// the answer comes into view after Diagnose. `compact` shows a code's answer in under 500 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, widgetReady, fixture } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve(undefined, { pages: { '/blank.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>column</title><link rel="icon" href="data:,"></head><body style="font: 16px system-ui; margin: 1rem"></body></html>' } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a long answer starts short; "Show the full answer" shows the rest and is remembered', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context);
  await page.goto(server.url);
  await widgetReady(page);
  // A 503 with Retry-After as a date, a Date header, a request id and an HTML body: 4 findings, 4 steps.
  const text = await fixture('raw-503-retry-after-date.txt');
  const full = await page.evaluate(async (t) => {
    const m = await import('./http_troubleshooter.js');
    const d = m.diagnose(t);
    return { findings: d.findings.length, steps: d.steps.length };
  }, text);
  assert.ok(full.findings > 2 && full.steps > 3, JSON.stringify(full));
  await page.fill('#ht-input', text);
  await page.click('button:has-text("Diagnose")');
  await page.waitForSelector('.ht-headline h2');
  const count = async () => ({
    findings: await page.locator('.ht-finding').count(),
    steps: await page.locator('.ht-steps li').count(),
    entryOpen: await page.locator('details.ht-entry').evaluate((d) => d.open),
  });
  assert.deepEqual(await count(), { findings: 2, steps: 3, entryOpen: false });
  const more = page.locator('button.ht-more');
  assert.equal(await more.textContent(), `Show the full answer (${full.findings - 2} more ${full.findings - 2 === 1 ? 'finding' : 'findings'}, ${full.steps - 3} more ${full.steps - 3 === 1 ? 'step' : 'steps'})`);
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  assert.deepEqual(await count(), { findings: full.findings, steps: full.steps, entryOpen: true });
  assert.equal(await more.textContent(), 'Show the short answer');
  // Remembered for this visitor: a reload shows the full answer at once.
  await page.reload();
  await widgetReady(page);
  await page.fill('#ht-input', text);
  await page.click('button:has-text("Diagnose")');
  await page.waitForSelector('.ht-headline h2');
  assert.deepEqual(await count(), { findings: full.findings, steps: full.steps, entryOpen: true });
  // And back.
  await page.click('button.ht-more');
  assert.equal((await count()).steps, 3);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('on a desktop, Diagnose brings the verdict and the first steps on screen', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await widgetReady(page);
  await page.fill('#ht-input', await fixture('raw-503-retry-after-date.txt'));
  await page.click('button:has-text("Diagnose")');
  await page.waitForSelector('.ht-headline h2');
  await page.waitForFunction(() => {
    const visible = (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
    return visible(document.querySelector('.ht-headline h2')) && visible(document.querySelector('.ht-verdict'))
      && visible(document.querySelector('.ht-steps li'));
  }, null, { timeout: 3000 });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('on a phone, Diagnose brings the answer into view', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  await page.goto(server.url);
  await widgetReady(page);
  await page.fill('#ht-input', await fixture('raw-cloudflare-522.txt'));
  await page.click('button:has-text("Diagnose")');
  await page.waitForSelector('.ht-headline h2');
  await page.waitForFunction(() => {
    const r = document.querySelector('.ht-headline h2').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }, null, { timeout: 3000 });
  // Typing alone never scrolls the page away from the box.
  await page.evaluate(() => scrollTo(0, 0));
  await page.fill('#ht-input', '404');
  await page.waitForTimeout(600);
  assert.equal(await page.evaluate(() => scrollY), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('compact: every code\'s answer fits in under 500 px in a 960 px column at 1280 px wide', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + 'blank.html');
  const heights = await page.evaluate(async () => {
    const m = await import('./http_troubleshooter.js');
    await m.default();
    const out = [];
    for (const { code } of m.listStatuses()) {
      const el = document.createElement('div');
      el.style.width = '960px';
      document.body.prepend(el);
      const w = m.mount(el, { code, compact: true });
      // Rendering is asynchronous: wait for the answer's steps (at most a second), not a fixed time,
      // so a busy machine does not measure a half-drawn answer.
      for (let t = 0; t < 100 && !el.querySelector('.ht-steps li'); t++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 30));
      out.push([code, Math.round(el.querySelector('.ht-result').getBoundingClientRect().height), el.querySelectorAll('.ht-steps li').length]);
      w.destroy();
      el.remove();
    }
    return out;
  });
  assert.ok(heights.length >= 90);
  const over = heights.filter(([, h]) => h >= 500);
  assert.deepEqual(over, [], 'answers taller than 500 px');
  // It is still an answer: the verdict, steps and retry advice are there.
  assert.ok(heights.every(([, h, steps]) => h > 250 && steps >= 1), JSON.stringify(heights.filter(([, h, s]) => h <= 250 || s < 1)));
  await page.close();
});
