// XSS: every vector of tests/security/xss.json (OWASP filter-evasion style markup and URLs, placed in
// headers, reason phrases, HTML pages, JSON error bodies and their URL fields, HAR entries, axios
// dumps, curl -v lines…) pasted into the served page, into <http-troubleshooter> and into
// mount(el, { text }) inside a shadow root, and given to diagnose(). Nothing may run: no __xss()
// call, no dialog, no new script/iframe/object/svg/img/… element, no javascript: link; every link
// the widget shows is clicked (off-site requests are aborted); the copied report is plain text.
//
//   node --test --test-concurrency=1 tests/e2e/xss.test.mjs
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, fixture, notData, ROOT } from './helpers.mjs';

const vectors = JSON.parse(await readFile(join(ROOT, 'tests', 'security', 'xss.json'), 'utf8'));

// Benign pastes that make the widget show most of what it can show, for the baseline of its own markup.
const BASELINE_FIXTURES = [
  'curl-i-429-retry-after.txt', 'har-mixed.har', 'problem-details-422.txt', 'cloudflare-522.html',
  'curl-6.txt', 'bearer-expired-401.txt', 'github-403-ratelimit.txt', 'stripe-402.txt', 'redirect-302-post.txt',
  'status-405-allow.txt', 'graphql-200-errors.txt', 'axios-401.txt', 'nginx-502-page.html', 's3-signature.xml',
];

// Elements a paste must never create (the widget's own instances are in the baseline).
const DANGEROUS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'img', 'image', 'picture',
  'video', 'audio', 'source', 'track', 'form', 'base', 'meta', 'link', 'style', 'template', 'noscript', 'portal',
  'marquee', 'isindex', 'keygen', 'select', 'input', 'textarea', 'button', 'details', 'area', 'xmp', 'noembed',
  'table', 'body', 'html', 'head', 'title', 'animate', 'set', 'foreignobject',
]);

const EMBED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help center</title><link rel="icon" href="data:,">
<script type="module" src="/embed.js"></script></head>
<body><h1>Why am I getting API errors?</h1>
<http-troubleshooter id="emb"></http-troubleshooter>
<div id="host"></div>
<script type="module">
  const api = await window.HttpTroubleshooter.ready;
  const root = document.querySelector('#host').attachShadow({ mode: 'open' });
  const el = document.createElement('div');
  root.append(el);
  let widget = null;
  window.__mountText = (text) => { widget?.destroy(); widget = api.mount(el, { text }); };
  window.__embedReady = true;
</script></body></html>`;

let server;
let browser;
let context;
const hits = []; // __xss(id) calls, from any frame or popup
const dialogs = [];
const offsite = []; // aborted off-site requests (expected when links are clicked)

before(async () => {
  server = await serve(undefined, { pages: { '/embed-xss.html': EMBED_PAGE } });
  browser = await launch();
  // The page's Content-Security-Policy would stop most of these vectors by itself (csp.test.mjs shows
  // it does). It is bypassed here, so this test shows the widget never injects anything at all.
  context = await browser.newContext({ bypassCSP: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  // Never leave 127.0.0.1.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  await context.exposeFunction('__xss', (id) => { hits.push(String(id)); });
  // Fallback if the binding is missing in some frame: record in the top window.
  await context.addInitScript(() => {
    if (typeof window.__xss !== 'function') {
      window.__xss = (id) => { try { (window.top.__xssHits ||= []).push(String(id)); } catch { /* cross-origin */ } };
    }
  });
  context.on('page', (p) => {
    p.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  });
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

// ---------------------------------------------------------------------------------------------------
// In-page scanners (run with page.evaluate; they walk open shadow roots too).

/** Signatures of dangerous elements, suspicious attributes and all links, over the document and shadow roots. */
function scanPage(dangerousTags) {
  const dangerous = new Set(dangerousTags);
  const out = { signatures: [], suspicious: [], links: [], fallbackHits: window.__xssHits || [] };
  const describe = (el) => {
    const parts = [];
    for (let n = el, depth = 0; n && n.nodeType === 1 && depth < 5; n = n.parentNode, depth++) {
      const cls = typeof n.className === 'string' && n.className ? `.${n.className.trim().split(/\s+/).join('.')}` : '';
      parts.push(n.localName + cls);
      if (!n.parentNode || n.parentNode.nodeType !== 1) {
        if (n.parentNode && n.parentNode.host) parts.push('#shadow');
        break;
      }
    }
    return parts.join(' < ');
  };
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName.toLowerCase();
      const names = el.getAttributeNames().map((n) => n.toLowerCase());
      if (dangerous.has(tag)) {
        out.signatures.push(`${describe(el)} [${names.filter((n) => !/^(id|for|value|aria-.*|tabindex|style|title)$/.test(n)).sort().join(',')}]${el.getAttribute('type') ? ` type=${el.getAttribute('type')}` : ''}`);
      }
      const reasons = [];
      if (el.hasAttribute('data-xss')) reasons.push('data-xss');
      if ((el.id || '').startsWith('xss-')) reasons.push('id xss-');
      for (const n of names) {
        const v = el.getAttribute(n) || '';
        if (n.startsWith('on')) reasons.push(`event attribute ${n}`);
        if (/__xss/.test(v)) reasons.push(`attribute ${n} calls __xss`);
        if (/^\s*(javascript|vbscript|data\s*:\s*text\/html)/i.test(v.replace(/[\u0000-\u0020]/g, ''))) reasons.push(`attribute ${n}=${v.slice(0, 60)}`);
      }
      if (reasons.length) out.suspicious.push(`${describe(el)}: ${reasons.join('; ')} — ${el.outerHTML.slice(0, 200)}`);
      if (tag === 'a' && el.hasAttribute('href')) {
        out.links.push({ raw: el.getAttribute('href'), resolved: el.href, where: describe(el), inDiagnosis: !!el.closest('section[aria-label="Diagnosis"]') });
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return out;
}


// ---------------------------------------------------------------------------------------------------

function sinceBaseline(scan, baseline) {
  const known = new Set(baseline.signatures);
  const knownSuspicious = new Set(baseline.suspicious);
  return {
    newElements: [...new Set(scan.signatures.filter((s) => !known.has(s)))],
    suspicious: scan.suspicious.filter((s) => !knownSuspicious.has(s)),
  };
}

function badHref(link) {
  const raw = (link.raw || '').trim();
  if (raw.startsWith('#')) return null;
  let protocol;
  try { protocol = new URL(link.resolved).protocol; } catch { return `unparsable href ${JSON.stringify(link.raw)}`; }
  if (protocol !== 'http:' && protocol !== 'https:') return `href with protocol ${protocol}: ${JSON.stringify(link.raw).slice(0, 120)}`;
  return null;
}

function snippet(text, max = 300) {
  const s = JSON.stringify(text);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

async function scan(page) {
  return page.evaluate(scanPage, [...DANGEROUS]);
}

// ---------------------------------------------------------------------------------------------------
// The served page.

let page;
let pageBaseline;
let moduleUrl;

async function openWidgetPage() {
  page = await newPage(context);
  await page.goto(server.url);
  await page.waitForSelector('.ht-root textarea', { timeout: 15000 });
}

/** Clear, paste, diagnose; resolves when the fresh diagnosis is shown (or returns false). */
async function pasteFresh(p, text, scope = '') {
  const root = scope ? p.locator(scope) : p;
  await root.locator('button:has-text("Clear")').first().click();
  await root.locator('.ht-headline h2').first().waitFor({ state: 'detached', timeout: 3000 }).catch(() => {});
  await root.locator('textarea').first().fill(text);
  await root.locator('button:has-text("Diagnose")').first().click();
  try {
    await root.locator('.ht-headline h2').first().waitFor({ timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

async function closePopups() {
  for (const other of context.pages()) if (other !== page && other !== embedPage) await other.close().catch(() => {});
}

async function healthy() {
  const ok = page && !page.isClosed() && page.url().startsWith(server.url)
    && (await page.locator('.ht-root textarea').count().catch(() => 0)) > 0;
  if (!ok) {
    await page?.close().catch(() => {});
    await openWidgetPage();
    return false;
  }
  return true;
}

async function baselineOf(p, pasteFn) {
  const union = { signatures: new Set(), suspicious: new Set() };
  const add = (s) => { s.signatures.forEach((x) => union.signatures.add(x)); s.suspicious.forEach((x) => union.suspicious.add(x)); };
  add(await scan(p));
  for (const name of BASELINE_FIXTURES) {
    await pasteFn(await fixture(name));
    add(await scan(p));
  }
  // A catalog entry opened from the catalog, and the report shown.
  return { signatures: [...union.signatures], suspicious: [...union.suspicious] };
}

describe('the served page (dist/index.html)', () => {
  before(async () => {
    await openWidgetPage();
    moduleUrl = new URL('http_troubleshooter.js', server.url).href;
    pageBaseline = await baselineOf(page, (t) => pasteFresh(page, t));
    // Show the report once too, so its text box is part of the baseline.
    await page.locator('button:has-text("Show report")').first().click();
    const s = await scan(page);
    pageBaseline.signatures.push(...s.signatures);
    await page.locator('button:has-text("Hide report")').first().click();
  });
  after(async () => { await page?.close().catch(() => {}); });

  test('control: the detectors catch a real injection', async () => {
    const probe = await newPage(context);
    await probe.goto(server.url);
    await probe.waitForSelector('.ht-root textarea', { timeout: 15000 });
    const before = await probe.evaluate(scanPage, [...DANGEROUS]);
    const hitsBefore = hits.length;
    await probe.evaluate(() => {
      const d = document.createElement('div');
      d.innerHTML = '<img src=x onerror="__xss(\'control-img\')" data-xss="control"><a href="javascript:__xss(\'control-a\')">x</a>';
      document.querySelector('section[aria-label="Diagnosis"]').append(d);
      const f = document.createElement('iframe');
      f.srcdoc = '<script>__xss("control-srcdoc")<\/script>';
      document.body.append(f);
    });
    await probe.waitForTimeout(500);
    const after = await probe.evaluate(scanPage, [...DANGEROUS]);
    const diff = sinceBaseline(after, before);
    assert.ok(hits.slice(hitsBefore).includes('control-img'), 'the __xss binding records calls from the page');
    assert.ok(hits.slice(hitsBefore).includes('control-srcdoc'), 'the __xss binding records calls from a srcdoc iframe');
    assert.ok(diff.newElements.some((s) => s.startsWith('img')), 'a new <img> is detected');
    assert.ok(diff.newElements.some((s) => s.startsWith('iframe')), 'a new <iframe> is detected');
    assert.ok(diff.suspicious.some((s) => s.includes('data-xss')), 'a data-xss marker is detected');
    assert.ok(after.links.some((l) => l.inDiagnosis && badHref(l)), 'a javascript: link is detected');
    hits.splice(hitsBefore);
    await probe.close();
  });

  for (const v of vectors) {
    test(`${v.id} (${v.where})`, async (t) => {
      await healthy();
      await closePopups();
      hits.length = 0;
      dialogs.length = 0;
      page.errors.length = 0;
      const problems = [];

      const shown = await pasteFresh(page, v.paste);
      if (!shown) problems.push('no diagnosis headline was shown within 5 s');
      await page.waitForTimeout(150); // let onerror/onload/autofocus handlers fire if anything was injected

      const s1 = await scan(page);
      const d1 = sinceBaseline(s1, pageBaseline);
      if (d1.newElements.length) problems.push(`new elements: ${d1.newElements.join(' | ')}`);
      if (d1.suspicious.length) problems.push(`marked/suspicious elements: ${d1.suspicious.join(' | ')}`);
      if (s1.fallbackHits.length) problems.push(`__xss fallback hits: ${s1.fallbackHits.join(', ')}`);
      const links = s1.links.filter((l) => l.inDiagnosis);
      for (const l of s1.links) {
        const bad = badHref(l);
        if (bad) problems.push(`${l.inDiagnosis ? 'diagnosis' : 'page'} link: ${bad}`);
      }

      // Click every link the Diagnosis section shows (off-site navigation is aborted by the route).
      if (shown) {
        const anchors = page.locator('section[aria-label="Diagnosis"] a[href]');
        const count = await anchors.count();
        for (let k = 0; k < count; k++) {
          const a = anchors.nth(k);
          if (!(await a.isVisible().catch(() => false))) {
            await a.evaluate((el) => el.closest('details')?.setAttribute('open', '')).catch(() => {});
          }
          await a.click({ noWaitAfter: true, timeout: 2000 }).catch((e) => problems.push(`could not click link ${k}: ${e.message.split('\n')[0]}`));
        }
        if (count) await page.waitForTimeout(100);
        await closePopups();
        if (!page.url().startsWith(server.url)) problems.push(`clicking a link navigated the page to ${page.url()}`);
      }

      // The copied report: plain text only, the same as diagnose().report.
      if (shown && page.url().startsWith(server.url)) {
        await page.evaluate(() => navigator.clipboard.writeText('__sentinel__'));
        await page.locator('button:has-text("Copy report for support")').first().click();
        const copied = await page.waitForFunction(async () => {
          const text = await navigator.clipboard.readText();
          return text !== '__sentinel__' ? text : null;
        }, null, { timeout: 3000, polling: 50 }).then((h) => h.jsonValue()).catch(() => null);
        if (copied === null) {
          problems.push('the report was not copied');
        } else {
          const info = await page.evaluate(async ({ url, text }) => {
            const items = await navigator.clipboard.read();
            const m = await import(url);
            return { types: items.flatMap((i) => i.types), report: m.diagnose(text).report };
          }, { url: moduleUrl, text: v.paste });
          if (info.types.some((ty) => ty !== 'text/plain')) problems.push(`clipboard holds ${info.types.join(', ')}, not only text/plain`);
          // The retry moment ("until 2024-…Z") is computed from the clock, so it may differ by a second.
          const stable = (r) => r.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>').replace(/\b\d+ s\b/g, "<n> s").replace(/\b\d\d:\d\d:\d\d UTC\b/g, "<hh:mm:ss> UTC");
          if (stable(copied) !== stable(info.report)) problems.push(`the copied report differs from diagnose().report: ${snippet(copied, 400)} vs ${snippet(info.report, 400)}`);
          if (/<(script|img|svg|iframe|object|embed|a\s)[^>]*(on\w+\s*=|javascript:|__xss)/i.test(copied) || /\]\(\s*javascript:/i.test(copied)) {
            t.diagnostic(`${v.id}: the Markdown report quotes live markup verbatim (support tools that render Markdown/HTML would see it): ${snippet(copied.match(/.*(<|\]\()[^\n]*__xss[^\n]*/)?.[0] ?? '', 200)}`);
          }
        }
      }

      await page.waitForTimeout(50);
      if (hits.length) problems.push(`__xss() was called: ${[...new Set(hits)].join(', ')}`);
      if (dialogs.length) problems.push(`dialogs: ${dialogs.join(' | ')}`);
      if (page.errors.length) problems.push(`page errors: ${page.errors.join(' | ')}`);
      const linkNote = links.length ? ` (${links.length} links clicked)` : '';
      assert.deepEqual(problems, [], `${v.id} [${v.where}]${linkNote}\npaste: ${snippet(v.paste)}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// The embed: <http-troubleshooter> (typing into its shadow root) and mount(el, { text }) in a shadow root.

let embedPage;
let embedBaseline;

async function openEmbedPage() {
  embedPage = await newPage(context);
  await embedPage.goto(server.url + 'embed-xss.html');
  await embedPage.waitForFunction(() => window.__embedReady === true, null, { timeout: 15000 });
  await embedPage.locator('#emb textarea').waitFor({ timeout: 15000 });
}

async function mountText(text) {
  await embedPage.evaluate((t) => window.__mountText(t), text);
  try {
    await embedPage.waitForFunction(() => document.querySelector('#host').shadowRoot.querySelector('.ht-headline h2'), null, { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

describe('the embed: <http-troubleshooter> and mount(el, { text }) in shadow roots', () => {
  before(async () => {
    await openEmbedPage();
    const union = { signatures: new Set(), suspicious: new Set() };
    const add = (s) => { s.signatures.forEach((x) => union.signatures.add(x)); s.suspicious.forEach((x) => union.suspicious.add(x)); };
    add(await scan(embedPage));
    for (const name of BASELINE_FIXTURES) {
      const text = await fixture(name);
      await pasteFresh(embedPage, text, '#emb');
      await mountText(text);
      add(await scan(embedPage));
    }
    embedBaseline = { signatures: [...union.signatures], suspicious: [...union.suspicious] };
  });
  after(async () => { await embedPage?.close().catch(() => {}); });

  for (const v of vectors) {
    test(`${v.id} (${v.where})`, async () => {
      if (embedPage.isClosed() || !embedPage.url().startsWith(server.url)) {
        await embedPage.close().catch(() => {});
        await openEmbedPage();
      }
      hits.length = 0;
      dialogs.length = 0;
      embedPage.errors.length = 0;
      const problems = [];
      if (!(await pasteFresh(embedPage, v.paste, '#emb'))) problems.push('<http-troubleshooter>: no diagnosis headline within 5 s');
      let mountError = null;
      const mounted = await mountText(v.paste).catch((e) => { mountError = e.message; return false; });
      if (!mounted) problems.push(`mount(el, { text }): no diagnosis headline within 5 s${mountError ? ` (${mountError})` : ''}`);
      await embedPage.waitForTimeout(150);
      const s = await scan(embedPage);
      const d = sinceBaseline(s, embedBaseline);
      if (d.newElements.length) problems.push(`new elements: ${d.newElements.join(' | ')}`);
      if (d.suspicious.length) problems.push(`marked/suspicious elements: ${d.suspicious.join(' | ')}`);
      if (s.fallbackHits.length) problems.push(`__xss fallback hits: ${s.fallbackHits.join(', ')}`);
      for (const l of s.links) {
        const bad = badHref(l);
        if (bad) problems.push(`link in ${l.where}: ${bad}`);
      }
      if (!embedPage.url().startsWith(server.url)) problems.push(`the page navigated to ${embedPage.url()}`);
      if (hits.length) problems.push(`__xss() was called: ${[...new Set(hits)].join(', ')}`);
      if (dialogs.length) problems.push(`dialogs: ${dialogs.join(' | ')}`);
      if (embedPage.errors.length) problems.push(`page errors: ${embedPage.errors.join(' | ')}`);
      assert.deepEqual(problems, [], `${v.id} [${v.where}]\npaste: ${snippet(v.paste)}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// diagnose(): the result is data, for every vector (rendered nowhere).

test('diagnose() returns plain data (no functions, accessors or class instances) for every vector', async () => {
  const p = await newPage(context);
  await p.goto(server.url + 'embed-xss.html');
  hits.length = 0;
  const results = await p.evaluate(async ({ url, list, notDataSrc }) => {
    // eslint-disable-next-line no-new-func
    const notData = new Function(`return (${notDataSrc})`)();
    const m = await import(url);
    await m.default();
    const out = [];
    for (const v of list) {
      try {
        const d = m.diagnose(v.paste);
        const bad = notData(d);
        const roundTrip = JSON.stringify(JSON.parse(JSON.stringify(d))) === JSON.stringify(d);
        out.push({ id: v.id, bad, roundTrip, report: typeof d.report });
      } catch (e) {
        out.push({ id: v.id, threw: `${e?.constructor?.name}: ${e?.message}` });
      }
    }
    return out;
  }, { url: new URL('http_troubleshooter.js', server.url).href, list: vectors, notDataSrc: notData.toString() });
  const problems = [];
  for (const r of results) {
    const v = vectors.find((x) => x.id === r.id);
    if (r.threw) problems.push(`${r.id} [${v.where}]: diagnose() threw ${r.threw}; paste: ${snippet(v.paste, 160)}`);
    else if (r.bad || !r.roundTrip || r.report !== 'string') problems.push(`${r.id} [${v.where}]: ${r.bad ?? 'not JSON round-trippable'}; paste: ${snippet(v.paste, 160)}`);
  }
  assert.deepEqual(hits, [], 'nothing ran');
  assert.deepEqual(problems, []);
  assert.deepEqual(p.errors, []);
  await p.close();
});
