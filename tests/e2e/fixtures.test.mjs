// The area fixtures in the page (issue 14): a deterministic sample of the non-pending cases of
// tests/fixtures/<area>/expect*.toml, spread over every area folder, pasted one after another into
// one widget page. For each, what a visitor needs is in the DOM: the expected status in the headline
// (or no status claimed), a finding for every expected kind, a filled-in verdict, and the same first
// step as the JavaScript API's diagnose() for the same text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, newPage, widgetReady, FIXTURES } from './helpers.mjs';

const AREAS = ['browsers', 'cli', 'clients', 'edges', 'logs', 'messages', 'network', 'pages', 'rate-limits', 'vendors'];
const MIN_PER_AREA = 4;
// About one case in twelve, at least MIN_PER_AREA per area.
const ONE_IN = 12;
const MIN_TOTAL = 48;
// Words that mark a fake secret in a paste; only without them must the verdict show no "[masked]".
const SECRET_WORDS = /bearer|token|key|password|secret|sk_|ghp_|xox/i;

/**
 * The few TOML forms the expect files use: comments, `[[case]]` headers and `key = value` lines whose
 * value is a basic string, an integer or a one-line array of strings (all of them valid JSON).
 */
function parseCases(text, where) {
  const cases = [];
  let current = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line === '[[case]]') {
      current = {};
      cases.push(current);
      return;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.+)$/.exec(line);
    if (!m || !current) throw new Error(`${where}:${i + 1}: cannot read ${JSON.stringify(line)}`);
    try {
      current[m[1]] = JSON.parse(m[2]);
    } catch {
      throw new Error(`${where}:${i + 1}: unsupported value ${m[2]}`);
    }
  });
  return cases;
}

/** Every non-pending case of an area, in expect-file order then case order. */
function areaCases(area) {
  const dir = join(FIXTURES, area);
  const out = [];
  for (const name of readdirSync(dir).filter((f) => /^expect.*\.toml$/.test(f)).sort()) {
    for (const c of parseCases(readFileSync(join(dir, name), 'utf8'), `${area}/${name}`)) {
      if (typeof c.file !== 'string') throw new Error(`${area}/${name}: a case without file`);
      if (c.pending !== undefined) continue;
      out.push({
        area,
        file: c.file,
        path: join(dir, c.file),
        code: Number.isInteger(c.code) ? c.code : null,
        kinds: c.kinds ?? [],
      });
    }
  }
  return out;
}

/** k cases spread evenly over the list: indices floor(i·n/k). */
function spread(list, k) {
  return Array.from({ length: Math.min(k, list.length) }, (_, i) => list[Math.floor((i * list.length) / k)]);
}

const foldersOnDisk = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(FIXTURES, d.name)).some((f) => /^expect.*\.toml$/.test(f)))
  .map((d) => d.name)
  .sort();
const all = Object.fromEntries(AREAS.map((area) => [area, areaCases(area)]));
const sample = AREAS.flatMap((area) => spread(all[area], Math.max(MIN_PER_AREA, Math.ceil(all[area].length / ONE_IN))));

let server;
let browser;
let page;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await newPage(browser);
  await page.goto(server.url);
  // These cases check every finding the engine makes reaches the page: the full answer, as a
  // visitor who chose "Show the full answer" sees it (tests/e2e/short.test.mjs checks the short one).
  await page.evaluate(() => localStorage.setItem('http-troubleshooter:view', 'full'));
  await page.reload();
  await widgetReady(page);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test(`the sample: ${sample.length} cases over ${AREAS.length} area folders`, (t) => {
  assert.deepEqual(foldersOnDisk, [...AREAS].sort(), 'every area folder with expect files is sampled');
  for (const area of AREAS) {
    const chosen = sample.filter((c) => c.area === area);
    t.diagnostic(`${area}: ${chosen.length} of ${all[area].length}: ${chosen.map((c) => c.file).join(', ')}`);
    assert.ok(chosen.length >= MIN_PER_AREA, `${area}: only ${chosen.length} cases`);
  }
  assert.ok(sample.length >= MIN_TOTAL, `only ${sample.length} cases`);
});

/** Empty the box, paste the text, diagnose at once; the DOM facts and the API's answer for the text. */
async function diagnoseInPage(text) {
  await page.click('.ht-paste button:text-is("Clear")');
  await page.waitForSelector('section[aria-label="Diagnosis"] .ht-empty', { timeout: 5000 });
  await page.fill('#ht-input', text);
  await page.click('.ht-paste button:text-is("Diagnose")');
  await page.waitForSelector('section[aria-label="Diagnosis"] .ht-headline h2', { timeout: 5000 });
  return page.evaluate(async (pasted) => {
    const region = document.querySelector('section[aria-label="Diagnosis"]');
    const api = (await import('./http_troubleshooter.js')).diagnose(pasted);
    return {
      box: document.querySelector('#ht-input').value,
      headline: region.querySelector('.ht-headline h2').textContent,
      classBadge: region.querySelector('.ht-headline [data-class]')?.textContent ?? null,
      entry: region.querySelector('details.ht-entry summary')?.textContent ?? null,
      verdict: region.querySelector('.ht-verdict')?.textContent ?? '',
      kinds: [...region.querySelectorAll('.ht-findings [data-kind]')].map((el) => el.dataset.kind),
      steps: [...region.querySelectorAll('.ht-steps li label')].map((el) => el.textContent),
      api: { code: api.code, headline: api.headline, verdict: api.verdict, steps: api.steps },
    };
  }, text);
}

for (const c of sample) {
  test(`${c.area}/${c.file} (${c.code ?? 'no status'}; ${c.kinds.join(', ') || 'no kinds'})`, async () => {
    const text = readFileSync(c.path, 'utf8');
    const got = await diagnoseInPage(text);
    const seen = `headline ${JSON.stringify(got.headline)}, verdict ${JSON.stringify(got.verdict)}`;
    assert.equal(got.box, text, 'the box holds the fixture');

    // (1) The status.
    if (c.code !== null) {
      assert.match(got.headline, new RegExp(`(^|\\D)${c.code}(\\D|$)`), `the headline shows ${c.code}: ${seen}`);
      assert.ok(got.classBadge, `a status class badge for ${c.code}: ${seen}`);
    } else {
      assert.doesNotMatch(got.headline, /^\s*\d{3}\b/, `no status in the headline: ${seen}`);
      assert.equal(got.classBadge, null, `no status class badge: ${seen}`);
      assert.equal(got.entry, null, `no status catalog entry: ${seen}`);
    }

    // (2) A finding for every expected kind.
    for (const kind of c.kinds) {
      assert.ok(got.kinds.includes(kind), `a finding with data-kind="${kind}" (shown: ${got.kinds.join(', ') || 'none'}); ${seen}`);
    }

    // (3) A verdict with every slot filled, and no mask where the paste holds no secret.
    assert.ok(got.verdict.trim().length > 0, `a verdict: ${seen}`);
    assert.ok(!got.verdict.includes('{'), `no unfilled slot in the verdict: ${seen}`);
    if (!SECRET_WORDS.test(text)) {
      assert.ok(!got.verdict.includes('[masked]'), `no "[masked]" in the verdict of a paste without secrets: ${seen}`);
    }

    // (4) The steps, as the JavaScript API gives them for the same text.
    assert.equal(got.headline, got.api.headline, 'the page and the API agree on the headline');
    assert.equal(got.verdict, got.api.verdict, 'the page and the API agree on the verdict');
    if (got.api.steps.length > 0) {
      assert.ok(got.steps.length > 0, `at least one step shown (the API gives ${got.api.steps.length}); ${seen}`);
      assert.equal(got.steps[0], got.api.steps[0], 'the first step is the API\'s first step');
    } else {
      assert.deepEqual(got.steps, [], 'no steps shown when the API gives none');
    }
    assert.deepEqual(page.errors, [], 'no console errors');
  });
}
