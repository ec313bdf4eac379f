// Hostile calls to the JavaScript API: every export with wrong types and extremes (the cases that
// api.test.mjs does not already cover), mount() with non-elements and options of every wrong type,
// and the widget lifecycle abused (update/destroy twice, update after destroy, re-entrant calls).
// Each call must either return a sane value or throw a TypeError/RangeError that says what was
// given — never a wasm trap (RuntimeError: unreachable) — and the module must keep working.
//
//   node --test --test-concurrency=1 tests/e2e/api-hostile.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, notData } from './helpers.mjs';

let server;
let browser;
let page;

const BARE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title><link rel="icon" href="data:,"></head><body><p>docs</p><iframe id="frame" srcdoc="<p>in a frame</p>"></iframe></body></html>';

before(async () => {
  server = await serve(undefined, { pages: { '/bare.html': BARE } });
  browser = await launch();
  page = await newPage(browser);
  await page.goto(server.url + 'bare.html');
  await page.evaluate(async (notDataSrc) => {
    const m = await import('./http_troubleshooter.js');
    await m.default();
    window.m = m;

    // --- shared in-page helpers ---------------------------------------------------------------
    const FIVE_MB = 5 * 1024 * 1024;
    const throwingHandler = new Proxy({}, { get: (_, trap) => () => { throw new Error(`proxy trap ${String(trap)}`); } });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const getterBomb = { get code() { throw new Error('getter code'); }, get text() { throw new Error('getter text'); }, get theme() { throw new Error('getter theme'); }, get compact() { throw new Error('getter compact'); }, get routing() { throw new Error('getter routing'); } };
    const throwingValueOf = { valueOf() { throw new Error('valueOf'); }, toString() { throw new Error('toString'); }, [Symbol.toPrimitive]() { throw new Error('toPrimitive'); } };

    // [label, factory]: factories so each call gets a fresh value.
    window.HOSTILE = [
      ['undefined', () => undefined],
      ['null', () => null],
      ['true', () => true],
      ['false', () => false],
      ['NaN', () => NaN],
      ['Infinity', () => Infinity],
      ['-Infinity', () => -Infinity],
      ['-0', () => -0],
      ['0', () => 0],
      ['-1', () => -1],
      ['99', () => 99],
      ['100', () => 100],
      ['429.5', () => 429.5],
      ['999', () => 999],
      ['1000', () => 1000],
      ['2**53', () => 2 ** 53],
      ['2**53 + 429 (loses precision)', () => 2 ** 53 + 429],
      ['-2**53', () => -(2 ** 53)],
      ['1e308', () => 1e308],
      ['Number.MIN_VALUE', () => Number.MIN_VALUE],
      ['"429"', () => '429'],
      ['" 429 "', () => ' 429 '],
      ['"\\t429\\n"', () => '\t429\n'],
      ['"4e2"', () => '4e2'],
      ['"0x1ad"', () => '0x1ad'],
      ['"+429"', () => '+429'],
      ['"-429"', () => '-429'],
      ['"429.0"', () => '429.0'],
      ['"0429"', () => '0429'],
      ['"429abc"', () => '429abc'],
      ['"٤٢٩" (Arabic-Indic digits)', () => '٤٢٩'],
      ['"４２９" (full-width digits)', () => '４２９'],
      ['"9" × 400', () => '9'.repeat(400)],
      ['""', () => ''],
      ['"   "', () => '   '],
      ['"\\ud800" (lone surrogate)', () => '\ud800'],
      ['"429\\udc00"', () => '429\udc00'],
      ['"\\u0000"', () => '\u0000'],
      ['"429\\u0000"', () => '429\u0000'],
      ['5 MB string of "4"', () => '4'.repeat(FIVE_MB)],
      ['5 MB string of "x"', () => 'x'.repeat(FIVE_MB)],
      ['{}', () => ({})],
      ['[]', () => []],
      ['[429]', () => [429]],
      ['["429"]', () => ['429']],
      ['{valueOf(){return 429}}', () => ({ valueOf() { return 429; } })],
      ['{toString(){return "429"}}', () => ({ toString() { return '429'; } })],
      ['object whose valueOf/toString/toPrimitive throw', () => throwingValueOf],
      ['new Number(429)', () => new Number(429)], // eslint-disable-line no-new-wrappers
      ['new String("429")', () => new String('429')], // eslint-disable-line no-new-wrappers
      ['Object.create(null)', () => Object.create(null)],
      ['Symbol()', () => Symbol('hostile')],
      ['10n', () => 10n],
      ['429n', () => 429n],
      ['function', () => function f() { return 429; }],
      ['arrow function', () => () => 429],
      ['class', () => class Foo {}],
      ['Proxy that throws on every access', () => new Proxy({}, throwingHandler)],
      ['revoked Proxy', () => revocable.proxy],
      ['object with throwing getters', () => getterBomb],
      ['new Date()', () => new Date()],
      ['/429/', () => /429/],
      ['Promise.resolve(429)', () => Promise.resolve(429)],
      ['new Uint8Array([52,50,57])', () => new Uint8Array([52, 50, 57])],
      ['new Error("429")', () => new Error('429')],
      ['document.body', () => document.body],
      ['window', () => window],
    ];

    // The exports whose errors the module writes itself ("explainStatus() was given …").
    const OWN = new Set(['explainStatus', 'diagnose', 'searchStatuses', 'listStatuses', 'mount', 'update']);
    const realmOk = (e) => e instanceof TypeError || e instanceof RangeError;
    const isTrap = (e) => e instanceof WebAssembly.RuntimeError
      || /unreachable|RuntimeError|out of bounds|recursive use of an object|null pointer passed to rust|already mutably borrowed|already borrowed|panicked/i.test(String(e?.message ?? e));

    /** Does `message` say what `value` was? */
    window.mentions = (value, message) => {
      const t = typeof value;
      if (value === undefined) return /undefined/.test(message);
      if (value === null) return /null/.test(message);
      if (t === 'boolean') return /boolean|true|false/.test(message);
      if (t === 'number') {
        if (Number.isNaN(value)) return /NaN/.test(message);
        if (!Number.isFinite(value)) return message.includes(String(value));
        return (message.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) || []).some((tok) => Number(tok) === value || Number(tok) === Math.abs(value) && value === 0);
      }
      if (t === 'string') {
        if (!/string/.test(message)) return false;
        const head = value.slice(0, 40);
        // Printable ASCII without quotes: the message quotes it as JSON would.
        if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(head)) return message.includes(JSON.stringify(head));
        return true;
      }
      if (t === 'bigint') return /bigint|\d+n/i.test(message);
      if (t === 'symbol') return /symbol/i.test(message);
      if (t === 'function') return /function|class/i.test(message);
      let isArray = false;
      try { isArray = Array.isArray(value); } catch { /* a revoked Proxy */ }
      if (isArray) return /array/i.test(message);
      return /object|element|node|proxy/i.test(message);
    };

    const safeMentions = (value, message) => { try { return window.mentions(value, message); } catch (e) { return false; } };

    window.notData = new Function(`return (${notDataSrc})`)();

    /** Is the module still healthy? */
    window.healthy = () => {
      try {
        const a = m.explainStatus(404).phrase;
        const b = m.diagnose('HTTP/1.1 503 Service Unavailable').code;
        return a === 'Not Found' && b === 503 ? null : `explainStatus(404).phrase=${a}, diagnose(503).code=${b}`;
      } catch (e) {
        return `the module is broken: ${e?.constructor?.name}: ${e?.message}`;
      }
    };

    /**
     * Call `fn`; classify the outcome. `sane(value)` returns null or why the returned value is not
     * sane; `given` is the value the error message should describe (or undefined to skip that check).
     */
    window.attempt = (label, fn, { sane = () => null, given, describeGiven = true, allowPlainError = null } = {}) => {
      const started = performance.now();
      const out = { label };
      const fnName = label.match(/^(\w+)\(/)?.[1];
      try {
        const value = fn();
        out.outcome = 'returned';
        out.problem = sane(value);
      } catch (e) {
        out.outcome = 'threw';
        out.name = e?.constructor?.name ?? typeof e;
        const fullMessage = String(e?.message ?? e);
        out.message = fullMessage.length > 300 ? `${fullMessage.slice(0, 300)}… (${fullMessage.length} characters)` : fullMessage;
        if (isTrap(e)) out.problem = `wasm trap or internal error: ${out.name}: ${out.message}`;
        else if (!realmOk(e) && !(allowPlainError && e instanceof Error && allowPlainError.test(out.message))) out.problem = `threw ${out.name} (not a TypeError/RangeError): ${out.message}`;
        else if (describeGiven && OWN.has(fnName) && !fullMessage.includes(`${fnName}()`)) out.problem = `a ${out.name} that is not the module's own (a JavaScript exception escaped through the wasm code): ${out.message}`;
        else if (describeGiven && !safeMentions(given, fullMessage)) out.problem = `the ${out.name} does not say what was given: ${out.message}`;
      }
      out.ms = Math.round(performance.now() - started);
      const health = healthy();
      if (health) out.problem = `${out.problem ? `${out.problem}; ` : ''}afterwards ${health}`;
      return out;
    };
  }, notData.toString());
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Fail with every problem found, one per line. */
function report(results, title, t) {
  for (const r of results.filter((x) => x.ms > 1000)) t?.diagnostic(`${r.label}: ${r.ms} ms`);
  const problems = results.filter((r) => r.problem && !r.info).map((r) => `${r.label} → ${r.outcome}${r.name ? ` ${r.name}` : ''}: ${r.problem}`);
  const slow = results.filter((r) => r.ms > 3000).map((r) => `${r.label}: ${r.ms} ms`);
  assert.deepEqual(problems, [], `${title}: ${problems.length} of ${results.length} calls misbehaved${slow.length ? `\nslow: ${slow.join(', ')}` : ''}`);
  return slow;
}

test('explainStatus() with every hostile value', async (t) => {
  page.errors.length = 0;
  const results = await page.evaluate(() => HOSTILE.map(([label, make]) => {
    const v = make();
    return attempt(`explainStatus(${label})`, () => m.explainStatus(v), {
      given: v,
      sane: (r) => notData(r) ?? (Number.isInteger(r?.code) && r.code >= 100 && r.code <= 999 && typeof r.phrase === 'string' ? null : `returned ${JSON.stringify(r)?.slice(0, 120)}`),
    });
  }));
  // The accepted forms must work, not throw.
  const byLabel = Object.fromEntries(results.map((r) => [r.label, r]));
  for (const ok of ['explainStatus(100)', 'explainStatus(999)', 'explainStatus("429")', 'explainStatus(" 429 ")']) {
    assert.equal(byLabel[ok].outcome, 'returned', `${ok} is accepted: ${byLabel[ok].message}`);
  }
  for (const bad of ['explainStatus(99)', 'explainStatus(1000)', 'explainStatus(-0)', 'explainStatus(429.5)', 'explainStatus("4e2")', 'explainStatus("0x1ad")', 'explainStatus(2**53)', 'explainStatus(1e308)', 'explainStatus("")', 'explainStatus(Symbol())', 'explainStatus(10n)']) {
    assert.equal(byLabel[bad].outcome, 'threw', `${bad} is refused`);
  }
  report(results, 'explainStatus', t);
  assert.deepEqual(page.errors, []);
});

test('diagnose() with every hostile value, 5 MB pastes and odd text', async (t) => {
  page.errors.length = 0;
  const results = await page.evaluate(() => {
    const FIVE_MB = 5 * 1024 * 1024;
    const saneDiagnosis = (r) => notData(r) ?? (typeof r?.headline === 'string' && typeof r.report === 'string' && (r.code === null || (Number.isInteger(r.code) && r.code >= 100 && r.code <= 999)) ? null : `returned ${JSON.stringify(r)?.slice(0, 160)}`);
    const out = HOSTILE.map(([label, make]) => {
      const v = make();
      return attempt(`diagnose(${label})`, () => m.diagnose(v), { given: v, sane: saneDiagnosis });
    });
    const texts = [
      ['5 MB raw response with a 5 MB header value', () => `HTTP/1.1 500 Internal Server Error\nX-Pad: ${'a'.repeat(FIVE_MB)}\n\n`],
      ['5 MB JSON error message', () => `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"message":"${'a'.repeat(FIVE_MB)}"}`],
      ['5 MB of "<"', () => '<'.repeat(FIVE_MB)],
      ['5 MB of newlines', () => '\n'.repeat(FIVE_MB)],
      ['5 MB of "{"', () => '{'.repeat(FIVE_MB)],
      ['5 MB of "[" (deep JSON nesting)', () => `HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n${'['.repeat(FIVE_MB)}`],
      ['100 000 headers', () => `HTTP/1.1 502 Bad Gateway\n${'X-A: b\n'.repeat(100000)}\n`],
      ['100 000 status lines', () => 'HTTP/1.1 503 Service Unavailable\n'.repeat(100000)],
      ['HAR with 20 000 entries', () => JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: Array.from({ length: 20000 }, (_, i) => ({ request: { method: 'GET', url: `https://a.example/${i}`, headers: [] }, response: { status: 500, statusText: '', headers: [], content: { text: '' } } })) } })],
      ['lone surrogates inside a response', () => 'HTTP/1.1 404 Not\ud800 Found\nX-A: \udc00\n\n{"message":"\ud83d"}'],
      ['NUL bytes inside a response', () => 'HTTP/1.1 404\u0000 Not Found\nX-A:\u0000b\n\n\u0000'],
      ['status line with a huge code', () => `HTTP/1.1 ${'9'.repeat(400)} Nope\n\n`],
      ['Retry-After: 1e308 and a year-9999 date', () => 'HTTP/1.1 503 Service Unavailable\nRetry-After: 100000000000000000000000000000000000000\nX-RateLimit-Reset: 99999999999999999999\n\n'],
      ['Retry-After far-future date', () => 'HTTP/1.1 429 Too Many Requests\nRetry-After: Fri, 31 Dec 9999 23:59:59 GMT\n\n'],
      ['Retry-After negative', () => 'HTTP/1.1 429 Too Many Requests\nRetry-After: -5\n\n'],
      ['HAR with negative and huge numbers', () => JSON.stringify({ log: { version: '1.2', entries: [{ time: -1e308, request: { method: 'GET', url: 'https://a.example/', headers: [] }, response: { status: 1e308, statusText: '', headers: [], content: { size: -1, text: null } } }] } })],
      ['HAR with status -1, 0.5, "429"', () => JSON.stringify({ log: { entries: [{ request: { method: 'GET', url: 'x' }, response: { status: -1 } }, { request: {}, response: { status: 0.5 } }, { response: { status: '429' } }] } })],
      ['JSON with "__proto__" and "constructor" keys', () => 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"message":"x","request_id":"r1"}'],
      ['every control character', () => `HTTP/1.1 400 Bad Request\n\n${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}`],
      ['RTL override and zero-width characters', () => 'HTTP/1.1 403 Forbidden\u202e\u200b\nX-Request-Id: \u202eabc\u200d\n\n'],
    ];
    for (const [label, make] of texts) out.push(attempt(`diagnose(${label})`, () => m.diagnose(make()), { sane: saneDiagnosis, describeGiven: false }));
    out.push({ label: 'no prototype pollution', outcome: 'checked', problem: ({}).polluted !== undefined || Object.prototype.polluted !== undefined ? 'Object.prototype was polluted' : null });
    return out;
  });
  report(results, 'diagnose', t);
  assert.deepEqual(page.errors, []);
});

test('searchStatuses() and listStatuses() with every hostile value', async (t) => {
  page.errors.length = 0;
  const results = await page.evaluate(() => {
    const saneList = (r) => (Array.isArray(r) ? notData(r) : `returned ${typeof r}`);
    const out = [];
    for (const [label, make] of HOSTILE) {
      const v = make();
      out.push(attempt(`searchStatuses(${label})`, () => m.searchStatuses(v), { given: v, sane: saneList }));
      out.push(attempt(`listStatuses(${label})`, () => m.listStatuses(v), { given: v, sane: (r) => saneList(r) ?? (r.length >= 90 ? null : `${r.length} entries`) }));
    }
    for (const q of ['.*', '(', '[', '\\', '%', '?', '*', '^$', 'a'.repeat(100000), '429 '.repeat(10000), '\u0000', '\ud800']) {
      out.push(attempt(`searchStatuses(${JSON.stringify(q.slice(0, 12))}${q.length > 12 ? '…' : ''})`, () => m.searchStatuses(q), { sane: saneList, describeGiven: false }));
    }
    // A search reads only the start of a long query (a pasted megabyte used to freeze the page):
    // the result is the same as for its first 200 characters. (Timings are printed, not asserted.)
    const codes = (list) => list.map((e) => e.code).join(',');
    const long = '429 too many requests '.repeat(50000);
    if (codes(m.searchStatuses(long)) !== codes(m.searchStatuses(long.slice(0, 200)))) {
      out.push({ label: 'searchStatuses(1 MB query)', outcome: 'returned', problem: 'a long query is not cut to its first 200 characters' });
    }
    return out;
  });
  report(results, 'searchStatuses/listStatuses', t);
  assert.deepEqual(page.errors, []);
});

test('mount() with non-elements, detached and odd elements', async (t) => {
  page.errors.length = 0;
  const results = await page.evaluate(async () => {
    const tick = () => new Promise((r) => setTimeout(r, 30));
    const out = [];
    const widgets = [];
    const saneWidget = (w) => (w && typeof w.update === 'function' && typeof w.destroy === 'function' ? (widgets.push(w), null) : `returned ${String(w)}`);
    // Non-elements.
    for (const [label, make] of HOSTILE) {
      const v = make();
      let isElement = false;
      try { isElement = v instanceof Element; } catch { /* the throwing Proxy */ }
      if (isElement) continue;
      out.push(attempt(`mount(${label})`, () => m.mount(v), { given: v, sane: saneWidget }));
    }
    const others = [
      ['document', () => document],
      ['a text node', () => document.createTextNode('x')],
      ['a comment node', () => document.createComment('x')],
      ['a DocumentFragment', () => document.createDocumentFragment()],
      ['a ShadowRoot', () => document.createElement('div').attachShadow({ mode: 'open' })],
      ['an Attr', () => document.createAttribute('x')],
      ['a jQuery-like wrapper', () => ({ 0: document.createElement('div'), length: 1, jquery: '3.7.1' })],
      ['a NodeList', () => document.querySelectorAll('p')],
    ];
    for (const [label, make] of others) {
      const v = make();
      out.push(attempt(`mount(${label})`, () => m.mount(v), { given: v, sane: saneWidget }));
    }
    // Elements that are odd hosts: each must mount or throw a TypeError, never trap.
    const oddHosts = [
      ['a detached <div>', () => document.createElement('div')],
      ['a <div> in a detached subtree', () => { const a = document.createElement('section'); const b = document.createElement('div'); a.append(b); return b; }],
      ['an <input> (void element)', () => document.body.appendChild(document.createElement('input'))],
      ['an <img> (void element)', () => document.body.appendChild(document.createElement('img'))],
      ['a <textarea>', () => document.body.appendChild(document.createElement('textarea'))],
      ['a <template>', () => document.body.appendChild(document.createElement('template'))],
      ['an <svg> element', () => document.body.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))],
      ['<head>', () => document.head],
      ['a <div> inside a shadow root', () => { const h = document.body.appendChild(document.createElement('div')); const r = h.attachShadow({ mode: 'closed' }); const d = document.createElement('div'); r.append(d); return d; }],
      ['an element of a same-origin iframe (another realm)', () => document.querySelector('#frame').contentDocument.body],
    ];
    for (const [label, make] of oddHosts) {
      const v = make();
      out.push(attempt(`mount(${label})`, () => m.mount(v), { given: v, sane: saneWidget }));
      await tick();
    }
    // A widget mounted into an element that is then removed, updated, destroyed.
    const gone = document.body.appendChild(document.createElement('div'));
    const w = m.mount(gone, { code: 503 });
    await tick();
    gone.remove();
    out.push(attempt('update() after the host element was removed from the page', () => w.update({ code: 404 })));
    await tick();
    out.push(attempt('destroy() after the host element was removed', () => w.destroy()));
    // Two widgets on one element.
    const twice = document.body.appendChild(document.createElement('div'));
    const w1 = m.mount(twice, { code: 401 });
    await tick();
    out.push(attempt('mount() a second time on the same element', () => m.mount(twice, { code: 403 }), { sane: saneWidget }));
    await tick();
    out.push(attempt('destroy() the first of two widgets on one element', () => w1.destroy()));
    await tick();
    for (const x of widgets.splice(0)) { try { x.destroy(); } catch { /* reported above if it matters */ } }
    await tick();
    out.push({ label: 'all widgets destroyed', outcome: 'checked', problem: healthy() });
    return out;
  });
  for (const r of results.filter((x) => /iframe|another realm/.test(x.label))) t.diagnostic(`${r.label}: ${r.outcome} ${r.name ?? ''} ${r.message ?? ''}`);
  report(results, 'mount(element)', t);
  assert.deepEqual(page.errors, []);
});

test('mount() and update() with options of every wrong type', async (t) => {
  page.errors.length = 0;
  const results = await page.evaluate(async () => {
    const tick = () => new Promise((r) => setTimeout(r, 30));
    const out = [];
    const host = document.body.appendChild(document.createElement('div'));
    host.id = 'opts-host';
    const optionCases = HOSTILE.filter(([label]) => label !== 'undefined' && label !== 'null');
    const FIVE_MB = 5 * 1024 * 1024;
    const fieldCases = [];
    for (const [label, make] of HOSTILE) {
      fieldCases.push([`{ code: ${label} }`, () => ({ code: make() }), 'code']);
      fieldCases.push([`{ text: ${label} }`, () => ({ text: make() }), 'text']);
      fieldCases.push([`{ theme: ${label} }`, () => ({ theme: make() }), 'theme']);
      fieldCases.push([`{ compact: ${label} }`, () => ({ compact: make() }), 'compact']);
      fieldCases.push([`{ routing: ${label} }`, () => ({ routing: make() }), 'routing']);
    }
    fieldCases.push(['{ code: 404, text: "HTTP/1.1 503" } (both)', () => ({ code: 404, text: 'HTTP/1.1 503 Service Unavailable' }), null]);
    fieldCases.push(['{ text: 5 MB response }', () => ({ text: `HTTP/1.1 500 Internal Server Error\nX-Pad: ${'a'.repeat(FIVE_MB)}\n\n` }), null]);
    fieldCases.push(['{ theme: "evil" }', () => ({ theme: 'evil' }), null]);

    // mount(host, options): a widget, or a TypeError/RangeError that leaves the host as it was.
    const mountWith = (label, options, field) => {
      host.replaceChildren(document.createElement('span'));
      host.firstChild.textContent = 'untouched';
      let widget = null;
      const r = attempt(`mount(el, ${label})`, () => (widget = m.mount(host, options)), {
        given: field ? options?.[field] : options,
        describeGiven: true,
        sane: (w) => (w && typeof w.update === 'function' ? null : `returned ${String(w)}`),
      });
      if (r.outcome === 'threw' && !(host.childNodes.length === 1 && host.textContent === 'untouched')) {
        r.problem = `${r.problem ? `${r.problem}; ` : ''}threw but changed the element (${host.innerHTML.slice(0, 80)})`;
      }
      return { r, widget };
    };
    for (const [label, make] of optionCases) {
      const v = make();
      const { r, widget } = mountWith(label, v, null);
      out.push(r);
      if (widget) out.push(attempt(`destroy() after mount(el, ${label})`, () => widget.destroy()));
    }
    for (const [label, make, field] of fieldCases) {
      let options;
      try { options = make(); } catch (e) { out.push({ label, outcome: 'setup', problem: `test setup: ${e.message}` }); continue; }
      // The message should name the value of the field (for options that are refused).
      const { r, widget } = mountWith(label, options, field);
      if (r.outcome === 'threw' && field && !new RegExp(`options\\.${field}|${field}`).test(r.message)) r.problem = `${r.problem ? `${r.problem}; ` : ''}the error does not name options.${field}: ${r.message}`;
      out.push(r);
      await tick();
      if (widget) out.push(attempt(`destroy() after mount(el, ${label})`, () => widget.destroy()));
    }
    // update() with the same hostile options on a live widget: refused updates leave it showing 503.
    host.replaceChildren();
    let w = m.mount(host, { code: 503 });
    await tick();
    for (const [label, make, field] of [...optionCases.map(([l, mk]) => [l, mk, null]), ...fieldCases]) {
      let options;
      try { options = make(); } catch { continue; }
      const r = attempt(`update(${label})`, () => w.update(options), { given: field ? options?.[field] : options });
      if (r.outcome === 'threw' && field && !r.problem && !new RegExp(`options\\.${field}`).test(r.message)) r.problem = `the error does not name options.${field}: ${r.message}`;
      out.push(r);
      await tick();
      if (r.outcome === 'threw') {
        // A refused update must leave the widget usable.
        try {
          w.update({ code: 503 });
        } catch (e) {
          r.problem = `${r.problem ? `${r.problem}; ` : ''}and afterwards the widget is unusable: update({ code: 503 }) throws ${e?.constructor?.name}: ${e?.message}`;
          try { w.destroy(); } catch (e2) { r.problem += `; destroy() throws ${e2?.constructor?.name}: ${e2?.message}`; }
          host.replaceChildren();
          w = m.mount(host, { code: 503 }); // a fresh widget for the next cases
        }
        await tick();
        const h2 = host.querySelector('.ht-headline h2')?.textContent;
        if (h2 !== '503 Service Unavailable') r.problem = `${r.problem ? `${r.problem}; ` : ''}a refused update changed the widget (now ${JSON.stringify(h2)})`;
      } else {
        const back = attempt(`update({ code: 503 }) after update(${label})`, () => w.update({ code: 503 }));
        if (back.problem) out.push(back);
        await tick();
      }
    }
    out.push(attempt('destroy() after all the updates', () => w.destroy()));
    return out;
  });
  report(results, 'mount/update options', t);
  const silentlyIgnored = results.filter((r) => r.outcome === 'returned' && /\{ (text|theme): (true|false|-?\d|NaN|Infinity|\{|\[|Symbol|10n|429n|function|arrow|class|new |Object|Proxy|revoked|object|\/429|Promise|window|document)/.test(r.label));
  if (silentlyIgnored.length) t.diagnostic(`accepted without complaint (the value is ignored or coerced): ${silentlyIgnored.map((r) => r.label).join(', ')}`);
  assert.deepEqual(page.errors, []);
});

test('the widget lifecycle: update/destroy twice, update after destroy, free, re-entrant calls', async (t) => {
  page.errors.length = 0;
  const results = await page.evaluate(async () => {
    const tick = () => new Promise((r) => setTimeout(r, 30));
    const out = [];
    // Beyond the required cases (wasm-bindgen's own free()/dispose and wrong `this`): reported, not failed.
    const info = (r) => ({ ...r, info: true });
    const host = document.body.appendChild(document.createElement('div'));
    const w = m.mount(host, { code: 503 });
    await tick();
    out.push(attempt('update() with no argument', () => w.update()));
    out.push(attempt('update(undefined)', () => w.update(undefined)));
    out.push(attempt('update(null)', () => w.update(null)));
    out.push(attempt('update({ code: 404 }) twice', () => { w.update({ code: 404 }); w.update({ code: 404 }); }));
    await tick();
    out.push({ label: 'the widget shows 404 after the updates', outcome: 'checked', problem: host.querySelector('.ht-headline h2')?.textContent === '404 Not Found' ? null : `shows ${host.querySelector('.ht-headline h2')?.textContent}` });
    // Re-entrant: an option getter that calls back into the same widget / the module.
    out.push(attempt('update() whose options getter calls update() again', () => w.update({ get code() { w.update({ code: 410 }); return 418; } })));
    await tick();
    out.push(attempt('update() whose options getter calls destroy()', () => w.update({ get theme() { w.destroy(); return 'dark'; } }), { allowPlainError: /destroy/i, describeGiven: false }));
    await tick();
    out.push(attempt('destroy() after the re-entrant calls', () => w.destroy()));
    await tick();
    out.push({ label: 'destroy() after the re-entrant calls emptied the element', outcome: 'checked', problem: host.querySelector('.ht-root') ? 'a widget is still shown' : null });
    const host2 = document.body.appendChild(document.createElement('div'));
    let nested = null;
    out.push(attempt('mount() whose options getter mounts again on the same element', () => (nested = m.mount(host2, { get code() { m.mount(host2, { code: 401 }).destroy(); return 402; } }))));
    await tick();
    if (nested) out.push(attempt('destroy() that widget', () => nested.destroy()));
    await tick();
    const w2 = m.mount(host, { code: 500 });
    await tick();
    out.push(attempt('destroy()', () => w2.destroy()));
    out.push(attempt('destroy() again', () => w2.destroy()));
    // After destroy: update must not trap. A clear Error saying the widget was destroyed is accepted
    // for this state error (it is not a wrong argument); TypeError/RangeError are fine too.
    out.push(attempt('update({ code: 404 }) after destroy()', () => w2.update({ code: 404 }), { allowPlainError: /destroy/i, describeGiven: false }));
    out.push(attempt('update(42) after destroy()', () => w2.update(42), { allowPlainError: /destroy/i, describeGiven: false }));
    await tick(); // Yew removes the markup on its next tick
    out.push({ label: 'destroy() emptied the element', outcome: 'checked', problem: host.querySelector('.ht-root') ? 'a widget is still shown' : null });
    // free() / Symbol.dispose (both in the .d.ts), then the other methods.
    const w3 = m.mount(host, { code: 429 });
    await tick();
    out.push(info(attempt('free()', () => w3.free())));
    out.push(info(attempt('free() again', () => w3.free(), { allowPlainError: /free|destroy|disposed|null pointer/i, describeGiven: false })));
    out.push(info(attempt('update() after free()', () => w3.update({ code: 404 }), { allowPlainError: /free|destroy|disposed/i, describeGiven: false })));
    out.push(info(attempt('destroy() after free()', () => w3.destroy(), { allowPlainError: /free|destroy|disposed/i, describeGiven: false })));
    const w4 = m.mount(host, { code: 429 });
    await tick();
    out.push(info(attempt('[Symbol.dispose]() then destroy()', () => { w4[Symbol.dispose](); w4.destroy(); }, { allowPlainError: /free|destroy|disposed/i, describeGiven: false })));
    // Methods called with a wrong `this`.
    const w5 = m.mount(host, { code: 400 });
    await tick();
    out.push(info(attempt('Widget.prototype.update.call({})', () => Object.getPrototypeOf(w5).update.call({}, { code: 404 }), { given: {}, describeGiven: false })));
    out.push(info(attempt('Widget.prototype.destroy.call(null)', () => Object.getPrototypeOf(w5).destroy.call(null), { given: null, describeGiven: false })));
    out.push(info(attempt('new (widget.constructor)()', () => new (w5.constructor)(), { describeGiven: false })));
    w5.destroy();
    await tick();
    // Exports detached from the module object and called with odd `this`.
    const { explainStatus, diagnose } = m;
    out.push(attempt('explainStatus.call(null, 404)', () => explainStatus.call(null, 404), { sane: (r) => (r.phrase === 'Not Found' ? null : `phrase ${r.phrase}`) }));
    out.push(attempt('diagnose.apply(undefined, [])', () => diagnose.apply(undefined, []), { given: undefined }));
    out.push(attempt('new explainStatus(404)', () => new explainStatus(404), { describeGiven: false }));
    return out;
  });
  for (const r of results.filter((x) => x.outcome === 'threw' || x.info)) t.diagnostic(`${r.info ? '[informational] ' : ''}${r.label}: ${r.outcome}${r.name ? ` ${r.name}: ${r.message}` : ''}${r.problem ? ` — ${r.problem}` : ''}`);
  report(results, 'lifecycle', t);
  assert.deepEqual(page.errors, []);
});

test('after all of it the module still works', async () => {
  const result = await page.evaluate(() => ({
    phrase: m.explainStatus(404).phrase,
    code: m.diagnose('HTTP/1.1 503 Service Unavailable').code,
    headline: m.diagnose('HTTP/1.1 503 Service Unavailable').headline,
    list: m.listStatuses().length,
    search: m.searchStatuses('rate limit')[0]?.code,
  }));
  assert.equal(result.phrase, 'Not Found');
  assert.equal(result.code, 503);
  assert.match(result.headline, /503/);
  assert.ok(result.list >= 90);
  assert.equal(result.search, 429);
  // And a fresh widget still mounts and renders.
  const h2 = await page.evaluate(async () => {
    const el = document.body.appendChild(document.createElement('div'));
    const w = m.mount(el, { text: 'HTTP/1.1 503 Service Unavailable' });
    // Wait for the first render (up to 5 s), not a fixed sleep a loaded machine can outrun.
    let text;
    for (let i = 0; i < 100 && text === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      text = el.querySelector('.ht-headline h2')?.textContent;
    }
    w.destroy();
    return text;
  });
  assert.equal(h2, '503 Service Unavailable');
});
