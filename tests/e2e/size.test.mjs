// The release build's fixed file names, and size budgets (deterministic for a given build; the
// figures are printed so a growing bundle is noticed before it hits a budget).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST } from './helpers.mjs';

const KiB = 1024;
const BUDGETS = {
  'index.html': 12 * KiB,
  // annotate() (issue 18) is part of the glue: +9.9 KiB raw, minified.
  'http_troubleshooter.js': 72 * KiB,
  'http_troubleshooter_catalog.js': 40 * KiB,
  'http_troubleshooter_catalog_bg.wasm': 340 * KiB,
  'http_troubleshooter_bg.wasm': 2800 * KiB,
  'embed.js': 16 * KiB, // with data-annotate (issue 18)
  'http-troubleshooter.html': 3800 * KiB,
  'sw.js': 4 * KiB,
};
const GZIP_BUDGET = { 'http_troubleshooter_bg.wasm': 1985 * KiB, 'http_troubleshooter_catalog_bg.wasm': 130 * KiB };
// What a visitor of index.html downloads (the page, the glue and the wasm; the stylesheet is inside
// the wasm), gzip -9. Issue 8 asks for 150 KiB; the measured floor is above it — a bare Yew 0.23 app
// is 57 KiB and the catalog's text alone 60 KiB, before any engine code — so this budget holds the
// line at the size reached to catch growth. See BENCHMARKS.md. The knowledge files (issues 13–14:
// 582 entries, their texts) took it from 355 to 421 KiB, and the breadth work (about 280 more
// entries, readers for evidence inside prose, masking by type) and the catalog's corrections
// (issue 15) to 501 KiB, and issue 16's adoption work (diagnose() reading error objects,
// diagnoseResponse, the diagnosis event, heading levels, the short answer: +9 KiB) and issue 15's
// last codes (LinkedIn's 999, four IIS sub-statuses: +3 KiB) to 520 KiB. Issue 17 took 5 KiB off
// (517 KiB) and issue 18's annotate() added 4 KiB to the glue (521 KiB); issue 19's table of
// requests, file opening and drag-and-drop, and the report of every failure added 17 KiB (539 KiB),
// and its share link (masking a whole paste, compression streams, base64url) 8 KiB (547 KiB).
// Issue 14's breadth work from real pastes (about 310 more knowledge entries with their texts, from
// two sets of pastes gathered from public issues) took it to 672 KiB (540 KiB with brotli), and two
// more sets of real pastes (about 220 entries: edges, clients, cloud, identity, business APIs, CI)
// to 773 KiB (618 KiB with brotli); a fifth set (about 80 shorter entries) to 793 KiB (635 brotli).
// A sixth set (about 90 short entries, and the readers it prompted) took it to 825 KiB (660 brotli),
// a seventh (about 100 more) to 858 KiB (683 brotli). An eighth set (about 85 entries) and Firefox's
// CORS messages in 35 languages (their reasons as needles) took it to 894 KiB (711 brotli), a ninth
// (about 80 entries) to 921 KiB (735 brotli), a tenth (about 90 entries) with Firefox's mixed-content
// and CSP messages in 30 languages to 952 KiB (757 brotli), an eleventh (about 75 entries) to 972 KiB
// (773 brotli), a twelfth, thirteenth and fourteenth (about 240 entries, gRPC codes, public host
// names) to 1044 KiB (827 brotli); the single page is then 3649 KiB. A fifteenth (about 40 entries,
// and readers for the server's own words, stock page titles and JSON arrays) to 1056 KiB (838 brotli),
// a sixteenth (about 60 entries) to 1074 KiB (853 brotli); the single page is then 3760 KiB. A
// seventeenth (about 75 entries, and readers for phrase variants) to 1109 KiB (879 brotli); the
// single page is then 3884 KiB. An eighteenth (about 75 entries with their headlines, and readers for
// constants, quoted status lines, npm's debug log and an error's own words) to 1148 KiB; the single
// page is then 4029 KiB. A nineteenth and twentieth set with two rounds of long-tail vendors taught
// from their own docs (about 300 entries, and readers for printed bodies, ports, flags and wrapped
// statuses) to 1251 KiB (971 KiB brotli for the wasm); the single page is then 4424 KiB. A
// twenty-first and twenty-second set with two more rounds of long-tail vendors (about 270 entries, and
// readers for printed objects, wrapped JSON, tool labels, the AWS SDKs' codes, HEAD requests and JSON
// labelled as HTML) to 1366 KiB (1058 KiB brotli for the wasm); the single page is then 4865 KiB.
// A twenty-third and twenty-fourth set, and depth rounds from vendors' own docs (Entra ID's AADSTS
// codes, Okta, Auth0, Firebase Auth, Keycloak, Google API reasons, AI gateways: about 260 entries,
// and readers for challenges pasted alone, Ruby hashes, phrase-only titles) to 1493 KiB; the single
// page is then 5351 KiB. A twenty-fifth set (about 60 entries) to 1520 KiB; the single page 5449 KiB.
// Depth from registries', Kubernetes' and GitHub's own sources (about 45 entries) to 1539 KiB; the
// single page 5521 KiB. A twenty-seventh and twenty-eighth set with depth on AI model APIs and
// package-manager CLIs (about 180 entries, the generic message pages, and readers for JSON errors
// quoted inside others, prompts before curl, exception codes, error-log causes) to 1611 KiB; the
// single page 5854 KiB. A twenty-ninth set (about 55 entries, statuses in GraphQL error lists) to
// 1638 KiB; the single page 5959 KiB. A thirtieth set with depth from AWS, Azure and Firebase docs
// and from frameworks', gateways' and client libraries' own sources (about 140 entries) to 1727 KiB;
// the single page 6235 KiB. A thirty-first set with depth on Discord, Telegram, Slack and payment APIs'
// codes (about 110 entries, and readers for wrapped lines) to 1784 KiB; the single page 6450 KiB.
// Depth on data services, push and mail APIs and backends-as-a-service (about 40) to 1797 KiB; the
// single page 6500 KiB. A thirty-second and thirty-third set (about 150 entries) with depth on TLS
// errors by runtime, proxies, load balancers, API gateways, object storage, frameworks, hosting and
// package managers (about 130), and readers for headers printed inside errors, runtimes' JSON parse
// errors and "status code" in other languages, to 1938 KiB (the wasm 5231 KiB raw, 1921 KiB gzip);
// the single page 7048 KiB. An eighteenth session's three probe rounds (about 180 entries from 185
// pastes) and readers for pytest's, Terraform's and CI logs' line marks, to 2025 KiB (the wasm
// 5481 KiB raw, 2008 KiB gzip); the single page 7381 KiB. A nineteenth session's four probe rounds
// (about 260 entries from 280 pastes) and a blind set's misses, generic message classes and readers for
// wrapped log lines and go-swagger's status, to 2147 KiB (the wasm 5831 KiB raw, 2130 KiB gzip); the
// single page 7848 KiB. A twentieth session's four blind-then-teach rounds (about 170 entries from 286
// pastes), three generic message classes and readers for vendor codes in prose, a body's own error
// status and cut-off Python dicts, to 2197 KiB (the wasm 5979 KiB raw, 2180 KiB gzip); the single
// page 8045 KiB. A twenty-first session's five blind rounds (about 110 entries, the AI-tool family)
// to 2247 KiB; a twenty-second session's blind rounds (about 90 entries from 170 pastes) and readers
// for printed objects, other protocols' replies and wrapped upstream errors to 2289 KiB (the wasm
// 6238 KiB raw, 2272 KiB gzip; about 1700 KiB with xz: the knowledge's prose is most of it); the
// single page 8390 KiB. A twenty-third session's three blind rounds (about 150 entries from 210
// pastes, SMTP replies, Google's canonical codes with their statuses) to 2336 KiB (the wasm 6379 KiB
// raw, 2319 KiB gzip); the single page 8578 KiB. The budgets below leave room for one more session of
// the same; a compressed knowledge blob, not another move, is what would buy size back. A twenty-fourth
// session (about 80 entries) to 2379 KiB (the wasm 6504 KiB raw, 2362 KiB gzip; the single page 8746
// KiB). The twenty-fifth packed the knowledge's prose with zstd (build.rs; unpacked on first use): 2024
// KiB (the wasm 3309 KiB raw, 2007 KiB gzip; the single page 4481 KiB), and the budgets came down with
// it, leaving room for about three sessions of knowledge, whose prose now costs a quarter of its size.
// Those sessions took it to 2135 KiB. The twenty-ninth turned the tables themselves into data
// (src/knowledge/pack.rs: bytes zstd packs, read back on first use, instead of Rust statics full of
// pointers): 1924 KiB (the wasm 2617 KiB raw, 1907 KiB gzip; the single page 3563 KiB), and the
// budgets came down again, leaving about six rounds of blind-then-taught entries before they move.
// Issue 17's 280 KiB budget is not reached (BENCHMARKS.md lists what stands in the way).
const TRANSFER = ['index.html', 'http_troubleshooter.js', 'http_troubleshooter_bg.wasm'];
const TRANSFER_GZIP_BUDGET = 2000 * KiB;

test('dist/ has the fixed names and stays within its size budgets', async () => {
  const rows = [];
  for (const [name, budget] of Object.entries(BUDGETS)) {
    const bytes = await readFile(join(DIST, name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    rows.push(`${name.padEnd(30)} ${(bytes.length / KiB).toFixed(1).padStart(8)} KiB  gzip ${(gzip / KiB).toFixed(1).padStart(7)} KiB  budget ${budget / KiB} KiB`);
    assert.ok(bytes.length <= budget, `${name} is ${bytes.length} bytes, over its ${budget} budget`);
    if (GZIP_BUDGET[name]) assert.ok(gzip <= GZIP_BUDGET[name], `${name} gzips to ${gzip} bytes, over ${GZIP_BUDGET[name]}`);
  }
  console.log(rows.join('\n'));
  let transfer = 0;
  for (const name of TRANSFER) transfer += gzipSync(await readFile(join(DIST, name)), { level: 9 }).length;
  console.log(`transfer (${TRANSFER.join(' + ')}), gzip -9: ${(transfer / KiB).toFixed(1)} KiB, budget ${TRANSFER_GZIP_BUDGET / KiB} KiB`);
  assert.ok(transfer <= TRANSFER_GZIP_BUDGET, `a visitor downloads ${transfer} bytes gzipped, over the ${TRANSFER_GZIP_BUDGET} budget`);
  // The examples and the declarations ship too.
  for (const name of ['examples/help-center.html', 'examples/docs-site.html', 'http_troubleshooter.d.ts', 'csp.txt']) {
    assert.ok((await stat(join(DIST, name))).size > 0, name);
  }
  // No hashed names.
  const index = await readFile(join(DIST, 'index.html'), 'utf8');
  assert.ok(!/http_troubleshooter-[0-9a-f]{8,}/.test(index));
});
