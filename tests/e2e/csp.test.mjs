// The strict Content-Security-Policy both pages carry (written by www/build/postbuild.mjs): the
// page works under it with no violation, and the policy is really in force — an injected inline
// script does not run, and a request to another host is refused by the browser itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, newPage, fixture, widgetReady, paste, headline, DIST } from './helpers.mjs';

let server;
let browser;
let folder;
before(async () => {
  server = await serve();
  browser = await launch();
  folder = await mkdtemp(join(tmpdir(), 'ht-csp-'));
  await copyFile(join(DIST, 'http-troubleshooter.html'), join(folder, 'http-troubleshooter.html'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Record CSP violations before any script of the page runs. */
async function watchedPage() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`);
    });
  });
  return newPage(context);
}

async function checkUnderPolicy(page, { network }) {
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src [^;]*'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*/, policy);
  assert.equal(policy.includes("connect-src 'self'"), network, policy);

  await widgetReady(page);
  await paste(page, await fixture('curl-i-429-retry-after.txt'));
  assert.match(await headline(page), /429 Too Many Requests/);
  // The widget's stylesheet applied (it is allowed by hash, not by 'unsafe-inline').
  const radius = await page.$eval('.ht-button', (b) => getComputedStyle(b).borderRadius);
  assert.notEqual(radius, '0px');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);

  // In force: an inline script added at run time does not run, and is reported.
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
    await new Promise((ok) => setTimeout(ok, 50));
    return window.__injected === true;
  });
  assert.equal(ran, false, 'an injected inline script ran');
  // …and a request to another host is refused before it leaves (connect-src).
  const fetched = await page.evaluate(() =>
    fetch('https://example.com/collect').then(() => 'sent', () => 'refused'));
  assert.equal(fetched, 'refused');
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.some((v) => v.startsWith('script-src')), violations.join('; '));
  assert.ok(violations.some((v) => v.startsWith('connect-src')), violations.join('; '));
}

test('the served page works under its strict Content-Security-Policy', async () => {
  const page = await watchedPage();
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(server.url);
  await checkUnderPolicy(page, { network: true });
  await page.context().close();
});

test('the single file works from disk under its strict Content-Security-Policy', async () => {
  const page = await watchedPage();
  await page.goto(pathToFileURL(join(folder, 'http-troubleshooter.html')).href);
  await checkUnderPolicy(page, { network: false });
  await page.context().close();
});

test('the policy names no host: nothing may load from elsewhere', async () => {
  for (const name of ['index.html', 'http-troubleshooter.html']) {
    const html = await readFile(join(DIST, name), 'utf8');
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.ok(policy, `${name} has no CSP`);
    assert.doesNotMatch(policy, /https?:|\/\/|\*/, `${name}: ${policy}`);
  }
});
