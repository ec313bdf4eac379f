// Secrets: every paste of tests/security/secrets.json (bearer/basic/digest/SigV4 auth, JWTs in
// headers, URLs, bodies and cookies, session cookies, API keys in headers and URLs, vendor keys,
// passwords in URLs and bodies, HAR request headers/cookies/postData, axios dumps, curl -v lines…).
// For each one: (1) diagnose() returns none of the secrets, (2) the rendered widget (the Diagnosis
// section's text and markup, and the rest of the widget except the user's own paste box) shows none,
// (3) the report copied with "Copy report for support" holds none, and (4) what support needs (request
// ids, the server's message, the status code) is still in the diagnosis and the report. A partial
// leak counts: a distinctive 12-character prefix or suffix of a secret must not appear either, nor
// the URL-decoded form of a secret.
//
//   node --test --test-concurrency=1 tests/e2e/secrets.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, ROOT } from './helpers.mjs';

const entries = JSON.parse(await readFile(join(ROOT, 'tests', 'security', 'secrets.json'), 'utf8'));

// Vendor prefixes are public: the distinctive prefix starts after them.
const VENDOR_PREFIX = /^(?:(?:sk|rk|pk)_(?:live|test)_|github_pat_|gh[pousr]_|xox[abprs]-|AIza|glpat-|npm_|SG\.|sk-proj-|sk-|AKIA|ASIA|ya29\.|at_|rt_|pw_|Pw-|opaque_|hunter2-|S3cr3t-|Hx-|Lc-|s%3A|IQoJb3JpZ2luX2Vj|EAAB)/;

/** What must not appear: the secret, its URL-decoded form, and a distinctive 12-char prefix and suffix. */
function needles(secret) {
  const out = [{ kind: 'secret', value: secret }];
  try {
    const decoded = decodeURIComponent(secret);
    if (decoded !== secret) out.push({ kind: 'URL-decoded secret', value: decoded });
  } catch { /* not URL-encoded */ }
  if (secret.length >= 20) {
    const parts = secret.split('.');
    if (secret.startsWith('eyJ') && parts.length === 3) {
      // A JWT: its header is not secret; the payload and the signature are.
      out.push({ kind: '12-char prefix of the JWT payload', value: parts[1].slice(0, 12) });
      out.push({ kind: '12-char suffix', value: secret.slice(-12) });
    } else {
      const rest = secret.replace(VENDOR_PREFIX, '');
      out.push({ kind: '12-char prefix', value: rest.slice(0, 12) });
      out.push({ kind: '12-char suffix', value: secret.slice(-12) });
    }
  }
  return out;
}

function leaks(entry, where, text) {
  const found = [];
  if (typeof text !== 'string') return found;
  for (const secret of entry.secrets) {
    for (const n of needles(secret)) {
      const at = text.indexOf(n.value);
      if (at >= 0) {
        const context = text.slice(Math.max(0, at - 50), at + n.value.length + 30).replace(/\s+/g, ' ');
        found.push(`${where}: ${n.kind} ${JSON.stringify(n.value.length > 40 ? `${n.value.slice(0, 40)}…` : n.value)} of secret ${JSON.stringify(`${secret.slice(0, 16)}…`)} — …${context}…`);
        break; // one finding per secret and place is enough
      }
    }
  }
  return found;
}

let server;
let browser;
let context;
let page;
let moduleUrl;

async function openPage() {
  page = await newPage(context);
  await page.goto(server.url);
  await page.waitForSelector('.ht-root textarea', { timeout: 15000 });
}

before(async () => {
  server = await serve();
  browser = await launch();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  moduleUrl = new URL('http_troubleshooter.js', server.url).href;
  await openPage();
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Clear, paste, diagnose; true when a fresh diagnosis is shown. */
async function pasteFresh(text) {
  await page.click('button:has-text("Clear")');
  await page.locator('.ht-headline h2').waitFor({ state: 'detached', timeout: 3000 }).catch(() => {});
  await page.fill('#ht-input', text);
  await page.click('button:has-text("Diagnose")');
  try {
    await page.locator('.ht-headline h2').waitFor({ timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

test('the corpus is well formed', () => {
  assert.ok(entries.length >= 30, `${entries.length} entries`);
  const ids = new Set();
  for (const e of entries) {
    assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
    ids.add(e.id);
    assert.ok(e.secrets.length > 0 && e.keep.length > 0, e.id);
    for (const s of e.secrets) assert.ok(s.length >= 16, `${e.id}: secret ${s} is too short to be distinctive`);
    for (const k of e.keep) assert.ok(e.paste.includes(k), `${e.id}: keep ${k} is not in the paste`);
    // A keep string must not itself contain a secret (or the test would contradict itself).
    for (const k of e.keep) for (const s of e.secrets) for (const n of needles(s)) assert.ok(!k.includes(n.value), `${e.id}: keep ${k} holds ${n.kind}`);
  }
});

for (const entry of entries) {
  test(entry.id, async () => {
    if (page.isClosed() || !page.url().startsWith(server.url)) {
      await page.close().catch(() => {});
      await openPage();
    }
    page.errors.length = 0;
    const problems = [];

    // (1) diagnose() through the module, in the page.
    const result = await page.evaluate(async ({ url, text }) => {
      const m = await import(url);
      try {
        return { json: JSON.stringify(m.diagnose(text)) };
      } catch (e) {
        return { threw: `${e?.constructor?.name}: ${e?.message}` };
      }
    }, { url: moduleUrl, text: entry.paste });
    if (result.threw) problems.push(`diagnose() threw ${result.threw}`);
    const json = result.json ?? '';
    problems.push(...leaks(entry, 'diagnose() JSON', json));
    const diagnosis = result.json ? JSON.parse(result.json) : null;

    // (2) The rendered widget, except the paste box (the user's own text).
    const shown = await pasteFresh(entry.paste);
    if (!shown) problems.push('the widget showed no diagnosis headline within 5 s');
    const rendered = await page.evaluate(() => {
      const section = document.querySelector('section[aria-label="Diagnosis"]');
      const root = document.querySelector('.ht-root');
      const clone = root.cloneNode(true);
      clone.querySelector('#ht-input')?.remove();
      const fields = [...root.querySelectorAll('textarea, input')].filter((el) => el.id !== 'ht-input').map((el) => el.value).join('\n');
      return {
        sectionText: section?.innerText ?? '',
        sectionHtml: section?.innerHTML ?? '',
        rootHtml: clone.innerHTML,
        rootText: root.innerText,
        fields,
        title: document.title,
        address: location.href,
      };
    });
    problems.push(...leaks(entry, 'Diagnosis section innerText', rendered.sectionText));
    problems.push(...leaks(entry, 'Diagnosis section innerHTML', rendered.sectionHtml));
    problems.push(...leaks(entry, 'widget markup outside the paste box', rendered.rootHtml));
    problems.push(...leaks(entry, 'widget text', rendered.rootText));
    problems.push(...leaks(entry, 'other form fields of the widget', rendered.fields));
    problems.push(...leaks(entry, 'document.title', rendered.title));
    problems.push(...leaks(entry, 'the page address', rendered.address));

    // (3) The copied report.
    let report = null;
    if (shown) {
      await page.evaluate(() => navigator.clipboard.writeText('__sentinel__'));
      await page.click('button:has-text("Copy report for support")');
      report = await page.waitForFunction(async () => {
        const text = await navigator.clipboard.readText();
        return text !== '__sentinel__' ? text : null;
      }, null, { timeout: 3000, polling: 50 }).then((h) => h.jsonValue()).catch(() => null);
      if (report === null) problems.push('"Copy report for support" put nothing on the clipboard');
      else problems.push(...leaks(entry, 'copied report', report));
    }
    if (diagnosis) problems.push(...leaks(entry, 'diagnose().report', diagnosis.report));

    // (4) What support needs is kept.
    for (const k of entry.keep) {
      if (diagnosis && !json.includes(k)) problems.push(`keep ${JSON.stringify(k)} is missing from the diagnose() JSON`);
      if (report !== null && !report.includes(k)) problems.push(`keep ${JSON.stringify(k)} is missing from the copied report`);
    }
    if (page.errors.length) problems.push(`page errors: ${page.errors.join(' | ')}`);

    const summary = diagnosis ? `diagnosed as ${JSON.stringify(diagnosis.headline)} (${diagnosis.inputKind})` : 'no diagnosis';
    assert.deepEqual(problems, [], `${entry.id}: ${summary}\npaste: ${JSON.stringify(entry.paste).slice(0, 300)}…`);
  });
}
