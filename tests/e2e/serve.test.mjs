// The README's serve command (.ci/serve) really serves the page: start it on a spare port, paste
// 404, see the explanation, stop it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, launch, newPage, widgetReady } from './helpers.mjs';

async function sparePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).includes('http_troubleshooter.js')) return;
    } catch {
      // not up yet
    }
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`${url} did not come up within ${ms / 1000} s`);
}

test('.ci/serve serves a page where pasting 404 explains it', { timeout: 600_000 }, async () => {
  const port = await sparePort();
  const server = spawn(join(ROOT, '.ci', 'serve'), [], {
    cwd: ROOT,
    env: { ...process.env, HT_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stdout.on('data', (d) => { output += d; });
  server.stderr.on('data', (d) => { output += d; });
  const browser = await launch();
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitFor(url, 540_000).catch((e) => { throw new Error(`${e.message}\n${output.slice(-3000)}`); });
    const page = await newPage(browser);
    await page.goto(url);
    await widgetReady(page);
    await page.fill('#ht-input', '404');
    await page.waitForSelector('.ht-headline h2');
    assert.equal((await page.textContent('.ht-headline h2')).trim(), '404 Not Found');
    assert.match(await page.innerText('section[aria-label="Diagnosis"]'), /nothing at this URL/);
    // Served as built: under its Content-Security-Policy, with nothing blocked or failing.
    assert.ok(await page.$('meta[http-equiv="Content-Security-Policy"]'), 'the served page has its CSP');
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    // trunk serve and its children run in their own process group.
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
});
