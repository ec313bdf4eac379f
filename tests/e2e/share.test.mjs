// Share a safe link (issue 19): "Copy link" puts the masked paste, compressed, in the address's
// fragment; opening the link in a fresh browser shows the same diagnosis; no secret of the secrets
// corpus is ever in a link; damaged, hostile and oversized fragments get a clear message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ROOT, newPage, widgetReady, headline, withServerAndBrowser } from './helpers.mjs';

const CORPUS = JSON.parse(readFileSync(join(ROOT, 'tests', 'security', 'secrets.json'), 'utf8'));
const b64url = (bytes) => Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unpack = (link) => inflateRawSync(Buffer.from(link.split('#share=')[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64')).toString('utf8');

const env = withServerAndBrowser();

async function copyLink(p, text) {
  await p.fill('.ht-paste textarea', text);
  await p.click('button:has-text("Diagnose")');
  await p.waitForSelector('.ht-headline h2');
  await p.evaluate(() => navigator.clipboard.writeText(''));
  await p.click('button:has-text("Copy link")');
  await p.waitForFunction(() => /Link copied|too large/.test(document.querySelector('.ht-report .ht-status-note')?.textContent ?? ''));
  return p.evaluate(() => navigator.clipboard.readText());
}

test('a link round-trips in a fresh browser, with the paste masked', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const p = await newPage(context);
  await p.goto(env.server.url);
  await widgetReady(p);
  const c = CORPUS.find((x) => x.id === 's01-curl-bearer-opaque');
  const link = await copyLink(p, c.paste);
  const before = await headline(p);
  assert.ok(link.startsWith(`${env.server.url}#share=`), link.slice(0, 80));
  const shared = unpack(link);
  for (const secret of c.secrets) assert.ok(!shared.includes(secret), `${secret} is not in the link`);
  assert.match(shared, /Authorization: Bearer \[masked\]/);
  await context.close();

  const fresh = await env.browser.newContext();
  const q = await newPage(fresh);
  await q.goto(link);
  await q.waitForSelector('.ht-notice');
  assert.match(await q.textContent('.ht-notice'), /Opened from a shared link/);
  await q.waitForSelector('.ht-headline h2');
  assert.equal(await headline(q), before);
  assert.equal(await q.inputValue('.ht-paste textarea'), shared);
  assert.deepEqual(q.errors, []);
  await fresh.close();
});

test('no secret of the secrets corpus is in any share link', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const p = await newPage(context);
  await p.goto(env.server.url);
  await widgetReady(p);
  const leaks = [];
  for (const c of CORPUS) {
    const link = await copyLink(p, c.paste);
    assert.ok(link.includes('#share='), `${c.id}: a link was made`);
    const shared = unpack(link);
    for (const secret of c.secrets) if (link.includes(secret) || shared.includes(secret)) leaks.push(`${c.id}: ${secret}`);
  }
  assert.deepEqual(leaks, []);
  assert.deepEqual(p.errors, []);
  await context.close();
});

test('damaged, hostile and oversized links get a clear message and never run anything', async () => {
  const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const cases = [
    ['characters a link never has', encodeURIComponent(xss), /characters a troubleshooter link never has/],
    ['random bytes', b64url(Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 73 + 11) % 256))), /could not be unpacked/],
    ['cut short', b64url(deflateRawSync(Buffer.from('HTTP/1.1 503 Service Unavailable\n'.repeat(50)))).slice(0, 20), /could not be unpacked|holds no text/],
    ['far too long', 'A'.repeat(200_000), /far longer than any troubleshooter link/],
    ['a compression bomb', b64url(deflateRawSync(Buffer.alloc(6_000_000, 32))), /more text than the troubleshooter reads/],
    ['empty', '', /holds no text|could not be unpacked/],
  ];
  for (const [label, payload, message] of cases) {
    const p = await newPage(env.browser);
    await p.goto(`${env.server.url}#share=${payload}`);
    await widgetReady(p);
    await p.waitForSelector('.ht-notice', { timeout: 10000 });
    assert.match(await p.textContent('.ht-notice'), message, label);
    assert.deepEqual(p.errors, [], label);
    await p.close();
  }
  // Markup in a valid link is pasted as text: shown in the box, never rendered or run.
  const p = await newPage(env.browser);
  await p.goto(`${env.server.url}#share=${b64url(deflateRawSync(Buffer.from(`HTTP/1.1 400 Bad Request\nContent-Type: text/html\n\n${xss}`)))}`);
  await p.waitForSelector('.ht-headline h2');
  assert.equal(await headline(p), '400 Bad Request');
  assert.equal(await p.evaluate(() => window.__xss), undefined);
  assert.equal(await p.evaluate(() => document.querySelectorAll('img[onerror], .ht-root script').length), 0);
  assert.ok((await p.inputValue('.ht-paste textarea')).includes('<img src=x'));
  assert.deepEqual(p.errors, []);
  await p.close();
});
