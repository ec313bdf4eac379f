// Shared helpers for the end-to-end tests: a static server for dist/ on 127.0.0.1 (random port),
// Debian's Chromium driven by playwright-core, and small page utilities.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// HT_DIST runs the tests against another build folder (default: dist/, the release build).
export const DIST = process.env.HT_DIST ? resolve(process.env.HT_DIST) : join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Serve `dir` on 127.0.0.1 at a random port. Options: `cors` adds Access-Control-Allow-Origin: *;
 * `pages` maps extra paths to HTML strings (test pages that live only in the test).
 */
export async function serve(dir = DIST, { cors = false, pages = {} } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const headers = cors ? { 'Access-Control-Allow-Origin': '*' } : {};
    if (pages[path] !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
      res.end(pages[path]);
      return;
    }
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page that records console errors and uncaught exceptions in `page.errors`. */
export async function newPage(browserOrContext, options = {}) {
  const page = await browserOrContext.newPage(options);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  return page;
}

export async function fixture(name) {
  return readFile(join(FIXTURES, name), 'utf8');
}

/** Wait until the widget has mounted in the page. */
export async function widgetReady(page) {
  await page.waitForSelector('.ht-root textarea', { timeout: 15000 });
}

/** Paste text into the box and diagnose at once (the Diagnose button). */
export async function paste(page, text) {
  await page.fill('#ht-input', text);
  await page.click('button:has-text("Diagnose")');
  await page.waitForFunction(
    () => document.querySelector('.ht-headline h2') !== null,
    null,
    { timeout: 5000 },
  );
}

/** Open the status code's reference ("About 404 Not Found"), one click away in the short answer. */
export async function openEntry(page) {
  await page.waitForSelector('details.ht-entry summary');
  if (!(await page.$eval('details.ht-entry', (d) => d.open))) await page.click('details.ht-entry summary');
}

export async function headline(page) {
  return (await page.textContent('.ht-headline h2'))?.trim();
}

export async function regionText(page) {
  return page.innerText('section[aria-label="Diagnosis"]');
}

/** The fenced code block after `<!-- snippet: NAME -->` in README.md, so tests run what readers copy. */
export async function readmeSnippet(name) {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- snippet: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`no code block after ${marker}`);
  return match[1];
}

/**
 * Is `value` plain data (what JSON can hold)? Returns the path of the first thing that is not. Pages get
 * it with `new Function(`return (${notData})`)()` (an in-page evaluate cannot close over Node code).
 */
export function notData(value, path = '$', seen = new Set()) {
  if (value === null) return null;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return null;
  if (t === 'number') return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (t !== 'object') return `${path} is a ${t}`;
  if (seen.has(value)) return `${path} is a cycle`;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return `${path} has prototype ${proto?.constructor?.name}`;
  if (Object.getOwnPropertySymbols(value).length) return `${path} has symbol keys`;
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (Array.isArray(value) && k === 'length') continue;
    if (d.get || d.set) return `${path}.${k} is an accessor`;
    const bad = notData(d.value, `${path}.${k}`, seen);
    if (bad) return bad;
  }
  return null;
}

/** For a test file: `dir` served and Chromium launched before its tests, both closed after. */
export function withServerAndBrowser(dir = DIST, options = {}) {
  const env = {};
  before(async () => {
    env.server = await serve(dir, options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
