// The browser half of the benchmarks: what the widget costs a visitor, each figure next to a
// reference measured in the same run (a bare Yew app, structuredClone, JSON.parse, a small paste).
// It prints a Markdown table and asserts nothing: exit 0 whether or not an aim is met, non-zero only
// when something could not be measured. The Rust host benchmarks live in tests/bench/ (cargo bench).
//
//   node benches/browser.mjs [--dist DIR] [--bare DIR]     (or BENCH_DIST / BENCH_BARE)
//
// Needs built outputs only (dist/ and target/bare-yew-dist/); it compiles nothing.
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { serve, launch, newPage, widgetReady, ROOT } from '../tests/e2e/helpers.mjs';

const { values: args } = parseArgs({
  options: { dist: { type: 'string' }, bare: { type: 'string' } },
});
// Paths given by the caller are relative to where they run it; the defaults are in the repository.
const DIST_DIR = resolve(args.dist ?? process.env.BENCH_DIST ?? join(ROOT, 'dist'));
const BARE_DIR = resolve(args.bare ?? process.env.BENCH_BARE ?? join(ROOT, 'target', 'bare-yew-dist'));

const KiB = 1024;
const MB = 1_000_000; // inputs are sized in decimal MB, like MB/s
const COLD_LOADS = 12; // per app, interleaved
const EXPLAIN_ROUNDS = 6; // × ≥ 9 000 calls each: ≥ 54 000 timed calls per function
const KEYSTROKES = 12; // per paste size
const DIAGNOSE_ROUNDS = 7; // every generated input once per round
// Mirrors src/ui/app.rs: LARGE_INPUT and the two debounce delays.
const LARGE_INPUT = 20_000;
const debounceFor = (length) => (length > LARGE_INPUT ? 450 : 180);
// Aims, where the project has one (the rest print "—"). `ratio` compares widget/reference.
// Keys are figure names or their beginnings; the longest matching key wins (issues 8 and 17).
const BUDGET = 280 * KiB;
const AIMS = {
  'transfer gzip -9': { text: '≤ 3× (aim beyond issue 17: ~170 KiB)', met: (r) => r.ratio <= 3 },
  'budget: widget gzip -9': { text: '≤ 280 KiB', met: (r) => r.widget <= BUDGET },
  'start-up to interactive': { text: '≤ 1.3×', met: (r) => r.ratio <= 1.3 },
  'explainStatus per call': { text: '≤ 3×', met: (r) => r.ratio <= 3 },
  'diagnose: HAR': { text: '≤ 2×', met: (r) => r.ratio <= 2 },
  'diagnose: raw response': { text: '≤ 2.5×', met: (r) => r.ratio <= 2.5 },
};
const aimFor = (figure) =>
  AIMS[figure] ?? Object.entries(AIMS).filter(([k]) => figure.startsWith(k)).sort((a, b) => b[0].length - a[0].length)[0]?.[1];
/** The aim column for a figure given its ratio (widget / reference). */
const aimCell = (figure, ratioValue) => {
  const aim = aimFor(figure);
  return aim ? `${aim.text}${aim.met({ ratio: ratioValue }) ? '' : ' (missed)'}` : '—';
};

// ---------------------------------------------------------------------------------------------
// Small utilities

const median = (xs) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const min = (xs) => Math.min(...xs);
const max = (xs) => Math.max(...xs);
const kib = (bytes) => `${(bytes / KiB).toFixed(1)} KiB`;
const ms = (x, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : 'n/a');
const spread = (xs, digits = 1) => `${ms(median(xs), digits)} (${min(xs).toFixed(digits)}–${max(xs).toFixed(digits)})`;
const ratio = (a, b) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');

/** Deterministic PRNG (mulberry32): generated inputs are the same on every run. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** dist/ can be rewritten by a build for a few seconds: retry a section before giving up. */
async function retry(label, fn, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      console.error(`[${label}] attempt ${i} failed (${error.message.split('\n')[0]}); retrying`);
      await new Promise((ok) => setTimeout(ok, 3000));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Generated inputs (section 4 and 6)

/** A raw HTTP response of about `bytes`: status line, 10 headers, a JSON error plus a big array. */
function rawResponse(bytes, seed = 1) {
  const random = rng(seed);
  const items = [];
  let size = 200;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      id: i,
      sku: `SKU-${(100000 + Math.floor(random() * 900000)).toString(36).toUpperCase()}`,
      name: `Item ${i}`,
      price: Math.round(random() * 100000) / 100,
      tags: ['export', random() < 0.5 ? 'eu' : 'us'],
      updatedAt: new Date(Date.UTC(2024, 4, 14) - Math.floor(random() * 1e10)).toISOString(),
    });
    items.push(item);
    size += item.length + 1;
  }
  const body = `{"error":{"code":"internal_error","message":"Unexpected failure while exporting the report","requestId":"req_8c1f2a7d"},"items":[${items.join(',')}]}`;
  const head = [
    'HTTP/1.1 500 Internal Server Error',
    'Date: Tue, 14 May 2024 09:21:07 GMT',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: keep-alive',
    'Server: nginx/1.25.3',
    'X-Request-Id: 3f6c9e12-8a4b-4c2d-9e1f-7b5a3c2d1e0f',
    'Cache-Control: no-store',
    'Vary: Accept-Encoding',
    'Strict-Transport-Security: max-age=31536000',
    'X-Content-Type-Options: nosniff',
  ].join('\n');
  // LF line ends, as pasted from a terminal (see tests/fixtures/README.md).
  return { text: `${head}\n\n${body}`, body };
}

/** A HAR 1.2 export (Chrome's shape) of about `bytes`: mostly 200s, one 404, one 503 + Retry-After. */
function har(bytes, seed = 2) {
  // Size a first document to learn the bytes per entry, then build the real one.
  const sample = harDocument(1000, seed);
  return harDocument(Math.round((1000 * bytes) / sample.length), seed);
}

function harDocument(count, seed) {
  const random = rng(seed);
  const paths = ['/v1/items', '/v1/orders', '/v1/users/me', '/v1/reports', '/v1/search', '/v1/cart'];
  const start = Date.UTC(2024, 4, 14, 9, 21, 3);
  const entry = (i, status = 200) => {
    const path = paths[Math.floor(random() * paths.length)];
    const url = `https://api.example.com${path}?page=${i % 50}`;
    const method = path === '/v1/orders' && random() < 0.3 ? 'POST' : 'GET';
    const statusText = { 200: 'OK', 404: 'Not Found', 503: 'Service Unavailable' }[status];
    const text = status === 200
      ? JSON.stringify({ data: [{ id: i, name: `item ${i}`, qty: Math.floor(random() * 9) }], page: i % 50 })
      : JSON.stringify({ error: { code: status === 503 ? 'overloaded' : 'not_found', message: status === 503 ? 'Service is temporarily overloaded, retry later' : `No route for GET ${path}x` } });
    const wait = Math.round(random() * 30000) / 100;
    return {
      _resourceType: 'fetch',
      cache: {},
      connection: String(443000 + (i % 7)),
      pageref: 'page_1',
      request: {
        method,
        url,
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Host', value: 'api.example.com' },
          { name: 'Accept', value: 'application/json' },
          { name: 'Authorization', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.fake-signature' },
        ],
        queryString: [{ name: 'page', value: String(i % 50) }],
        cookies: [],
        headersSize: -1,
        bodySize: method === 'POST' ? 42 : 0,
        ...(method === 'POST' ? { postData: { mimeType: 'application/json', text: '{"sku":"SKU-1","qty":1,"currency":"EUR"}' } } : {}),
      },
      response: {
        status,
        statusText,
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Content-Type', value: 'application/json; charset=utf-8' },
          { name: 'Date', value: new Date(start + i * 120).toUTCString() },
          { name: 'X-Request-Id', value: `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}-4b8e-4d2a-9c1e-7a5b3d2f6e01` },
          ...(status === 503 ? [{ name: 'Retry-After', value: '120' }] : []),
        ],
        cookies: [],
        content: { size: text.length, mimeType: 'application/json', text },
        redirectURL: '',
        headersSize: -1,
        bodySize: text.length,
      },
      serverIPAddress: '203.0.113.10',
      startedDateTime: new Date(start + i * 120).toISOString(),
      time: wait + 1.5,
      timings: { blocked: 0.4, dns: -1, connect: -1, send: 0.1, wait, receive: 1 },
    };
  };
  const entries = [];
  for (let i = 0; i < count; i++) {
    entries.push(entry(i, i === Math.floor(count * 0.4) ? 404 : i === Math.floor(count * 0.7) ? 503 : 200));
  }
  const doc = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: new Date(start).toISOString(), id: 'page_1', title: 'https://app.example.org/', pageTimings: { onContentLoad: 612.4, onLoad: 845.9 } }],
      entries,
    },
  };
  // Indented by two spaces, as browsers export it.
  const text = JSON.stringify(doc, null, 2);
  return { text, length: text.length, entries: count };
}

// ---------------------------------------------------------------------------------------------
// 1. Transfer size: every response a cold load fetches, as Chromium saw it.

async function transfer(browser, server, selector, name) {
  const url = server.url;
  const before = server.requests.length;
  // Service workers blocked: the figure is what the page needs to show itself (the precache the
  // widget's sw.js adds on a first visit is measured separately below).
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await newPage(context);
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(url);
  await page.waitForSelector(selector, { timeout: 15000 });
  await page.waitForLoadState('networkidle');
  const files = [];
  for (const r of responses) {
    if (!r.url().startsWith('http')) continue; // data: icons cost nothing on the wire
    if (r.status() !== 200) throw new Error(`${r.url()} answered ${r.status()}`);
    const body = await r.body();
    files.push({
      path: new URL(r.url()).pathname,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
    });
  }
  await context.close();
  // Requests Chromium makes for the browser itself (a /favicon.ico when the page names no icon)
  // are not surfaced as page responses and are not the app's files: say so, count nothing.
  const fetched = new Set(files.map((f) => f.path));
  const other = server.requests.slice(before).filter((p) => !fetched.has(p));
  if (other.length) notes.add(`${name}: the browser also requested ${other.join(', ')} (not an app file; not counted)`);
  if (page.errors.length) notes.add(`${name}: console errors on load: ${page.errors.join('; ')}`);
  const sum = (k) => files.reduce((n, f) => n + f[k], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** What a first visit to the widget page fetches with its service worker allowed to install. */
async function firstVisitWithServiceWorker(browser, pageFiles) {
  const server = await serve(DIST_DIR); // its own server, so its request log is this visit's alone
  try {
    const context = await browser.newContext();
    const page = await newPage(context);
    await page.goto(server.url);
    await widgetReady(page);
    // `ready` resolves once the worker is active, i.e. after its install step cached its files.
    await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready,
      new Promise((_, no) => setTimeout(() => no(new Error('service worker not ready after 10 s')), 10000)),
    ]));
    await context.close();
    // Split what the install adds into files the page never needed and second downloads of the
    // page's own files (cache.addAll refetches them; this test server sends no ETag, so nothing
    // can be revalidated, as a host that sends validators might).
    const pagePaths = new Set(pageFiles.map((f) => f.path));
    const seen = new Set();
    const added = { paths: [], gzip: 0 };
    const again = { paths: [], gzip: 0 };
    for (const path of server.requests) {
      const first = !seen.has(path);
      seen.add(path);
      if (first && pagePaths.has(path)) continue; // the page's own fetch: counted already
      if (path === '/favicon.ico') continue;
      const file = join(DIST_DIR, path.endsWith('/') ? `${path}index.html` : path);
      const gzip = gzipSync(await readFile(file), { level: 9 }).length;
      const into = pagePaths.has(path) ? again : added;
      into.paths.push(path);
      into.gzip += gzip;
    }
    return { added, again };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Start-up: navigation start → the app's input exists, timed inside the page.

/** Init script: note performance.now() (relative to navigation start) when `selector` appears. */
function watchFor(selector) {
  const seen = () => {
    if (window.__interactiveAt !== undefined || !document.querySelector(selector)) return;
    window.__interactiveAt = performance.now();
    observer.disconnect();
  };
  // Mutation records are delivered at the end of the task that mounted the app: the moment its
  // handlers are attached.
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
}

async function coldLoad(browser, url, selector, name) {
  // A fresh context per load: empty HTTP and code caches, so every load is a first visit.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.addInitScript(watchFor, selector);
    const page = await newPage(context);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 15000, polling: 50 });
    const result = await page.evaluate(() => ({
      interactive: window.__interactiveAt,
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
    }));
    if (page.errors.length) notes.add(`${name}: console errors on load: ${page.errors.join('; ')}`);
    return result;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. The module API on a page that imports it (no widget mounted).

/** In the page: ns per explainStatus call over every listed code, vs structuredClone of its result. */
async function explainInPage({ rounds }) {
  const m = await import('./http_troubleshooter.js');
  await m.default();
  const codes = m.listStatuses().map((s) => s.code);
  const results = codes.map((c) => m.explainStatus(c));
  const passes = Math.ceil(9000 / codes.length); // ≥ 9 000 calls per round
  const calls = passes * codes.length;
  let sink = 0; // consumed, so no call can be optimised away
  const run = (fn) => {
    const t = performance.now();
    for (let p = 0; p < passes; p++) for (let i = 0; i < codes.length; i++) sink += fn(i).code;
    return ((performance.now() - t) * 1e6) / calls;
  };
  const explain = (i) => m.explainStatus(codes[i]);
  const clone = (i) => structuredClone(results[i]);
  run(explain); run(clone); // warm-up: JIT, wasm tier-up, allocator
  const out = { explain: [], clone: [], calls: calls * rounds, codes: codes.length };
  for (let r = 0; r < rounds; r++) { // interleaved so a noisy moment hits both
    out.explain.push(run(explain));
    out.clone.push(run(clone));
  }
  out.sink = sink;
  return out;
}

/**
 * In the page: fetch the generated inputs, then time diagnose() of each against JSON.parse of its
 * JSON part, in interleaved rounds (every input once per round), so a busy moment on the machine
 * lands on all inputs alike rather than on whichever was being measured.
 */
async function diagnoseInPage({ inputs, rounds }) {
  const m = await import('./http_troubleshooter.js');
  await m.default();
  const time = (fn) => { const t = performance.now(); fn(); return performance.now() - t; };
  const loaded = [];
  for (const { path, bodyOnly } of inputs) {
    const text = await (await fetch(path)).text();
    // The JSON part: the whole HAR, or a raw response's body (after the first blank line).
    const ref = bodyOnly ? text.slice(text.indexOf('\n\n') + 2) : text;
    const first = m.diagnose(text); // warm-up, and a check that it read the input as meant
    JSON.parse(ref);
    loaded.push({
      text, ref, diagnose: [], parse: [],
      check: { code: first.code, inputKind: first.inputKind, headline: first.headline, retryAfter: first.retry?.afterSeconds },
    });
  }
  for (let r = 0; r < rounds; r++) {
    for (const input of loaded) {
      input.diagnose.push(time(() => m.diagnose(input.text)));
      input.parse.push(time(() => JSON.parse(input.ref)));
    }
  }
  return loaded.map(({ diagnose, parse, check }) => ({ diagnose, parse, check }));
}

// ---------------------------------------------------------------------------------------------
// 6. Keystroke latency in the widget with a big paste.

/**
 * In the page: for every `input` event on #ht-input, note when it happened, the next frame, when
 * the debounce timer fired, the next DOM change in the Diagnosis section and the frame after it,
 * and collect long tasks.
 */
function instrumentKeystrokes() {
  const input = document.querySelector('#ht-input');
  const section = document.querySelector('section[aria-label="Diagnosis"]');
  const ks = { events: [], longtasks: [] };
  window.__ks = ks;
  let current = null;
  // After rAF, a posted message runs once that frame's style, layout and paint are done.
  const afterFrame = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(null);
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) ks.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  // Capture on window runs before Yew's delegated listener.
  window.addEventListener('input', (e) => {
    if (e.target !== input) return;
    const rec = { t0: performance.now(), length: input.value.length };
    current = rec;
    ks.events.push(rec);
    afterFrame((t) => { rec.frame = t; });
  }, true);
  // The widget debounces with gloo's Timeout, which calls the global setTimeout when it is
  // created: wrapping it tells when the debounced diagnosis starts, so its work can be told apart
  // from the wait.
  const setTimeoutOriginal = window.setTimeout;
  window.setTimeout = function (fn, delay, ...rest) {
    if (typeof fn === 'function' && (delay === 180 || delay === 450)) {
      const rec = current;
      const wrapped = function (...a) { rec.timer = performance.now(); return fn.apply(this, a); };
      return setTimeoutOriginal.call(this, wrapped, delay, ...rest);
    }
    return setTimeoutOriginal.call(this, fn, delay, ...rest);
  };
  new MutationObserver(() => {
    const rec = current;
    if (!rec || rec.dom !== undefined) return;
    rec.dom = performance.now();
    afterFrame((t) => { rec.after = t; });
  }).observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function keystrokes(browser, url, text) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await newPage(context);
    await page.goto(url);
    await widgetReady(page);
    await page.fill('#ht-input', text);
    await page.waitForSelector('.ht-headline h2', { timeout: 10000 });
    await page.waitForTimeout(300);
    await page.evaluate(instrumentKeystrokes);
    await page.focus('#ht-input');
    await page.evaluate(() => { const a = document.querySelector('#ht-input'); a.selectionStart = a.selectionEnd = a.value.length; });
    for (let k = 0; k < KEYSTROKES; k++) {
      // A character, then Backspace: appending to a valid JSON body gives "not valid JSON" and the
      // Backspace makes it valid again, so every keystroke changes the Diagnosis and can be timed.
      // (Appending one more character to an already broken body often yields the identical
      // diagnosis, and Yew then rightly changes nothing in the DOM.)
      await page.keyboard.press(k % 2 === 0 ? 'x' : 'Backspace');
      await page.waitForFunction((i) => window.__ks.events[i]?.after !== undefined, k, { timeout: 5000, polling: 50 });
      await page.waitForTimeout(100); // let it settle before the next key
    }
    const { events, longtasks } = await page.evaluate(() => window.__ks);
    if (events.length !== KEYSTROKES) throw new Error(`${events.length} input events for ${KEYSTROKES} keystrokes`);
    if (page.errors.length) notes.add(`console errors while typing: ${page.errors.join('; ')}`);
    return events.map((e) => {
      const delay = debounceFor(e.length);
      const tasks = longtasks.filter((t) => t.start >= e.t0 - 1 && t.start <= e.after);
      return {
        delay,
        toDom: e.dom - e.t0,
        beyondDebounce: e.dom - e.t0 - delay,
        // Work of the debounced task: timer fired → DOM changed (diagnose + Yew's render).
        work: e.timer !== undefined ? e.dom - e.timer : NaN,
        toFrame: e.frame - e.t0,
        longtask: tasks.reduce((n, t) => n + t.duration, 0),
        longtaskMax: tasks.length ? max(tasks.map((t) => t.duration)) : 0,
      };
    });
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Run everything and print.

const rows = [];
const breakdown = []; // the per-file table and other lines printed under the main table
const notes = new Set(); // a Set: twelve cold loads with the same console error give one note
const failures = [];
/** A table row; `widget`/`reference` are numbers (ratio) with their display strings. */
function row(figure, widget, reference, { show = (x) => x, refLabel = '', ratioText } = {}) {
  const r = { widget, reference, ratio: widget / reference };
  const aim = aimFor(figure);
  const aimText = aim ? `${aim.text}${aim.met(r) ? '' : ' (missed)'}` : '—';
  rows.push(`| ${figure} | ${show(widget)} | ${show(reference)}${refLabel ? ` (${refLabel})` : ''} | ${ratioText ?? ratio(widget, reference)} | ${aimText} |`);
}
async function section(label, fn) {
  const mark = { rows: rows.length, breakdown: breakdown.length };
  try {
    await retry(label, () => {
      // A retried attempt starts from a clean table: drop what a failed attempt printed.
      rows.length = mark.rows;
      breakdown.length = mark.breakdown;
      return fn();
    });
  } catch (error) {
    rows.length = mark.rows;
    breakdown.length = mark.breakdown;
    failures.push(`${label}: ${error.stack || error}`);
    rows.push(`| ${label} | not measured | | | |`);
  }
}

// A page that loads nothing: the module API benches import the module into it.
const BENCH_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"></head><body></body></html>';
const browser = await launch();
const chromiumVersion = browser.version();
const widgetServer = await serve(DIST_DIR, {
  pages: {
    '/bench.html': BENCH_PAGE,
  },
});
const bareServer = await serve(BARE_DIR);
const started = performance.now();

try {
  await section('transfer', async () => {
    const widget = await transfer(browser, widgetServer, '#ht-input', 'widget');
    const bare = await transfer(browser, bareServer, '#q', 'bare Yew');
    row('transfer raw', widget.raw, bare.raw, { show: kib, refLabel: 'bare Yew' });
    row('transfer gzip -9', widget.gzip, bare.gzip, { show: kib, refLabel: 'bare Yew' });
    row('transfer brotli q11', widget.brotli, bare.brotli, { show: kib, refLabel: 'bare Yew' });
    row('budget: widget gzip -9', widget.gzip, BUDGET, { show: kib, refLabel: 'budget' });
    breakdown.push('Widget files (as fetched by Chromium, service worker blocked):', '', '| file | raw | gzip -9 | brotli q11 |', '|---|---|---|---|');
    for (const f of widget.files) breakdown.push(`| ${f.path} | ${kib(f.raw)} (${f.raw} B) | ${kib(f.gzip)} (${f.gzip} B) | ${kib(f.brotli)} (${f.brotli} B) |`);
    breakdown.push('', `Bare Yew files: ${bare.files.map((f) => `${f.path} ${f.raw} B / gzip ${f.gzip} B`).join(', ')}`);
    // A build rewriting dist/ mid-run would show as a mismatch with the files on disk.
    for (const f of widget.files) {
      const onDisk = (await readFile(join(DIST_DIR, f.path === '/' ? 'index.html' : f.path))).length;
      if (onDisk !== f.raw) notes.add(`${f.path}: fetched ${f.raw} B but ${onDisk} B on disk now (dist/ rewritten during the run?)`);
    }
    try {
      const sw = await firstVisitWithServiceWorker(browser, widget.files);
      breakdown.push('', `First visit with the service worker allowed (gzip -9): the page's ${kib(widget.gzip)}, plus ${kib(sw.added.gzip)} of files it never needed (${sw.added.paths.join(', ')}), plus ${kib(sw.again.gzip)} downloading ${sw.again.paths.join(', ')} a second time (the install's cache.addAll; no ETag from this test server) = ${kib(widget.gzip + sw.added.gzip + sw.again.gzip)}.`);
    } catch (error) {
      notes.add(`service-worker first visit not measured: ${error.message}`);
    }
  });

  await section('start-up', async () => {
    const widget = [];
    const bare = [];
    for (let i = 0; i < COLD_LOADS; i++) {
      // Alternate which app goes first so drift (thermal, the other build) hits both alike.
      const order = i % 2 ? ['bare', 'widget'] : ['widget', 'bare'];
      for (const which of order) {
        if (which === 'widget') widget.push(await coldLoad(browser, widgetServer.url, '#ht-input', 'widget'));
        else bare.push(await coldLoad(browser, bareServer.url, '#q', 'bare Yew'));
      }
    }
    const w = widget.map((r) => r.interactive);
    const b = bare.map((r) => r.interactive);
    rows.push(`| start-up to interactive, median (min–max) of ${COLD_LOADS} cold loads | ${spread(w)} | ${spread(b)} (bare Yew) | ${ratio(median(w), median(b))} | ${aimCell('start-up to interactive', median(w) / median(b))} |`);
    const ww = widget.map((r) => r.wasm).filter((x) => x !== undefined);
    const bw = bare.map((r) => r.wasm).filter((x) => x !== undefined);
    if (ww.length && bw.length) {
      rows.push(`| … .wasm fully received (its responseEnd), median | ${ms(median(ww))} | ${ms(median(bw))} (bare Yew) | ${ratio(median(ww), median(bw))} | — |`);
      rows.push(`| … from .wasm received to interactive (rest of compile, instantiate, mount), median | ${ms(median(widget.map((r) => r.interactive - r.wasm)))} | ${ms(median(bare.map((r) => r.interactive - r.wasm)))} (bare Yew) | ${ratio(median(widget.map((r) => r.interactive - r.wasm)), median(bare.map((r) => r.interactive - r.wasm)))} | — |`);
    }
  });

  await section('explainStatus', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(widgetServer.url + 'bench.html');
      const r = await page.evaluate(explainInPage, { rounds: EXPLAIN_ROUNDS });
      const ns = (x) => `${Math.round(x).toLocaleString('en')} ns`;
      rows.push(`| explainStatus per call, median of ${EXPLAIN_ROUNDS} rounds (${r.calls.toLocaleString('en')} calls over ${r.codes} codes) | ${ns(median(r.explain))} | ${ns(median(r.clone))} (structuredClone of its result) | ${ratio(median(r.explain), median(r.clone))} | ${aimCell('explainStatus per call', median(r.explain) / median(r.clone))} |`);
      if (page.errors.length) notes.add(`console errors in the API page: ${page.errors.join('; ')}`);
    } finally {
      await page.close();
    }
  });

  await section('diagnose', async () => {
    // Generated once, served as plain files: each crosses to the page once, by fetch, not CDP.
    const rounds = DIAGNOSE_ROUNDS;
    const inputs = [
      { name: 'HAR', path: '/bench/har.txt', gen: har(4 * MB), bodyOnly: false, ref: 'JSON.parse of the whole HAR' },
      { name: 'raw 1 MB', path: '/bench/raw-1mb.txt', gen: rawResponse(1 * MB), bodyOnly: true, ref: 'JSON.parse of the body' },
      { name: 'raw 10 MB', path: '/bench/raw-10mb.txt', gen: rawResponse(10 * MB), bodyOnly: true, ref: 'JSON.parse of the body' },
    ];
    const server = await serve(DIST_DIR, { pages: { '/bench.html': BENCH_PAGE, ...Object.fromEntries(inputs.map((i) => [i.path, i.gen.text])) } });
    const page = await newPage(browser);
    try {
      await page.goto(server.url + 'bench.html');
      const results = await page.evaluate(diagnoseInPage, { inputs: inputs.map(({ path, bodyOnly }) => ({ path, bodyOnly })), rounds });
      const best = {};
      inputs.forEach((input, i) => {
        const r = results[i];
        const mb = Buffer.byteLength(input.gen.text) / MB;
        const refMB = Buffer.byteLength(input.bodyOnly ? input.gen.body : input.gen.text) / MB;
        const d = median(r.diagnose);
        const p = median(r.parse);
        const label = input.name === 'HAR' ? `HAR ${mb.toFixed(2)} MB, ${input.gen.entries.toLocaleString('en')} entries` : `raw response ${mb.toFixed(2)} MB`;
        rows.push(`| diagnose: ${label}, median (best) of ${rounds} | ${ms(d)} (${min(r.diagnose).toFixed(1)}) = ${(mb / (d / 1000)).toFixed(1)} MB/s | ${ms(p)} (${min(r.parse).toFixed(1)}) = ${(refMB / (p / 1000)).toFixed(1)} MB/s (${input.ref}, ${refMB.toFixed(2)} MB) | ${ratio(d, p)} | ${aimCell(`diagnose: ${label}`, d / p)} |`);
        notes.add(`diagnose(${input.name}) read it as ${r.check.inputKind}, code ${r.check.code}, "${r.check.headline}"${r.check.retryAfter != null ? `, retry after ${r.check.retryAfter} s` : ''}`);
        best[input.name] = { median: d / mb, best: min(r.diagnose) / mb };
      });
      const [ten, one] = [best['raw 10 MB'], best['raw 1 MB']];
      rows.push(`| diagnose linearity: ms per MB at 10 MB vs at 1 MB (raw response), median (best) | ${ten.median.toFixed(1)} (${ten.best.toFixed(1)}) ms/MB | ${one.median.toFixed(1)} (${one.best.toFixed(1)}) ms/MB (at 1 MB) | ${ratio(ten.median, one.median)} (${ratio(ten.best, one.best)}) | — |`);
      if (page.errors.length) notes.add(`console errors in the diagnose page: ${page.errors.join('; ')}`);
    } finally {
      await page.close();
      await server.close();
    }
  });

  await section('first diagnose', async () => {
    // The knowledge's prose is packed with zstd and unpacked on the first diagnosis that shows any
    // (the widget does it 250 ms after mounting; a docs site's first diagnose() call pays it).
    const first = [];
    const again = [];
    for (let i = 0; i < COLD_LOADS; i++) {
      const page = await newPage(browser);
      try {
        await page.goto(widgetServer.url + 'bench.html');
        const r = await page.evaluate(async () => {
          const m = await import('./http_troubleshooter.js');
          await m.default();
          const time = (fn) => { const t = performance.now(); fn(); return performance.now() - t; };
          const paste = 'curl: (6) Could not resolve host: api.example.com';
          return { first: time(() => m.diagnose(paste)), again: time(() => m.diagnose(paste)) };
        });
        first.push(r.first);
        again.push(r.again);
      } finally {
        await page.close();
      }
    }
    rows.push(`| first diagnose() after load (includes unpacking the prose), median (min–max) of ${COLD_LOADS} fresh pages | ${spread(first)} | ${spread(again)} (the same paste again) | ${ratio(median(first), median(again))} | — |`);
  });

  await section('keystrokes', async () => {
    const big = rawResponse(200_000, 3).text;
    const small = rawResponse(1_000, 3).text;
    const b = await keystrokes(browser, widgetServer.url, big);
    const s = await keystrokes(browser, widgetServer.url, small);
    const label = (t) => `${(Buffer.byteLength(t) / 1000).toFixed(0)} KB`;
    const ref = `(${label(small)} paste)`;
    const med = (xs, k) => median(xs.map((x) => x[k]));
    const line = (figure, k) => rows.push(`| ${figure} | ${ms(med(b, k))} | ${ms(med(s, k))} ${ref} | ${ratio(med(b, k), med(s, k))} | — |`);
    rows.push(`| keystroke → Diagnosis updated, median of ${KEYSTROKES}, ${label(big)} paste (incl. debounce ${b[0].delay} vs ${s[0].delay} ms) | ${ms(med(b, 'toDom'))} | ${ms(med(s, 'toDom'))} ${ref} | ${ratio(med(b, 'toDom'), med(s, 'toDom'))} | — |`);
    line('… minus the debounce', 'beyondDebounce');
    line('… debounced task: timer fired → Diagnosis updated', 'work');
    line('keystroke → next frame painted (the edit itself)', 'toFrame');
    line('long tasks per keystroke, total (> 50 ms each)', 'longtask');
    line('long tasks per keystroke, longest', 'longtaskMax');
  });
} finally {
  await browser.close().catch(() => {});
  await widgetServer.close();
  await bareServer.close();
}

// Machine line first, so figures are never read without the machine they came from.
const cpu = cpus();
console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; Chromium ${chromiumVersion}; Node ${process.version}; ${new Date().toISOString()}`);
console.log(`Widget: ${DIST_DIR}; reference app: ${BARE_DIR}; run took ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log('');
console.log('| figure | widget | reference | ratio | aim |');
console.log('|---|---|---|---|---|');
console.log(rows.join('\n'));
if (breakdown.length) console.log(`\n${breakdown.join('\n')}`);
if (notes.size) console.log(`\nNotes:\n${[...notes].map((n) => `- ${n}`).join('\n')}`);
if (failures.length) {
  console.error(`\nNot measured:\n${failures.join('\n')}`);
  process.exit(1);
}
