// The TypeScript declarations shipped in dist/ describe what the module really returns: real results
// (every catalog entry, diagnoses of every fixture) are written out as object literals typed with the
// shipped interfaces, and tsc --strict checks them (a missing, extra or mistyped field fails), along
// with the README's usage snippet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, DIST, FIXTURES, readmeSnippet } from './helpers.mjs';

const run = promisify(execFile);

test('dist/http_troubleshooter.d.ts matches real results and the documented usage', { timeout: 180_000 }, async () => {
  const m = await import(join(DIST, 'http_troubleshooter.js'));
  m.initSync({ module: await readFile(join(DIST, 'http_troubleshooter_bg.wasm')) });
  const declarations = await readFile(join(DIST, 'http_troubleshooter.d.ts'), 'utf8');
  for (const fn of ['explainStatus(code: number | string): StatusEntry', 'diagnose(value: string | number | Error | Response | object, options?: DiagnoseOptions): Diagnosis', 'diagnoseResponse(response: Response): Promise<Diagnosis>', 'version(): string', 'listStatuses(): StatusEntry[]', 'mount(element: Element, options?: MountOptions']) {
    assert.ok(declarations.includes(fn), `declared precisely: ${fn}`);
  }

  const entries = m.listStatuses();
  const fallbacks = [299, 432, 599, 600, 999].map((c) => m.explainStatus(c));
  const diagnoses = [];
  // Every fixture, the area folders' too (their expect*.toml files are not pastes).
  const names = (await readdir(FIXTURES, { recursive: true }))
    .filter((n) => !n.endsWith('README.md') && !n.endsWith('.toml'))
    .sort();
  for (const name of names) {
    if ((await stat(join(FIXTURES, name))).isDirectory()) continue;
    diagnoses.push(m.diagnose(await readFile(join(FIXTURES, name), 'utf8')));
  }
  for (const text of ['', '404', '1000', 'garbage', 'HTTP/1.1 418 I\'m a teapot']) diagnoses.push(m.diagnose(text));

  const dir = join(ROOT, 'target', 'ts-check');
  await mkdir(dir, { recursive: true });
  const module = JSON.stringify(join(DIST, 'http_troubleshooter.js'));
  // One typed constant per diagnosis: tsc gives up on one array literal of a thousand object literals
  // whose fields are large unions (TS2590, "union type that is too complex to represent").
  await writeFile(join(dir, 'results.ts'), [
    `import type { StatusEntry, Diagnosis } from ${module};`,
    `export const entries: StatusEntry[] = ${JSON.stringify(entries)};`,
    `export const fallbacks: StatusEntry[] = ${JSON.stringify(fallbacks)};`,
    ...diagnoses.map((d, i) => `export const diagnosis${i}: Diagnosis = ${JSON.stringify(d)};`),
  ].join('\n'));
  await writeFile(join(dir, 'usage.ts'), `
import init, { explainStatus, diagnose, diagnoseResponse, version, listStatuses, mount, type StatusEntry, type Diagnosis, type DiagnosisSummary } from ${module};
await init();
const entry: StatusEntry = explainStatus(429);
const also: StatusEntry = explainStatus("404");
const phrase: string = entry.phrase;
const retryAfter: number | null = diagnose("HTTP/1.1 429 Too Many Requests").retry.afterSeconds;
const d: Diagnosis = diagnose("curl: (6) Could not resolve host: x");
const code: number | null = d.code;
const all: StatusEntry[] = listStatuses();
const w = mount(document.createElement("div"), { code: 503, theme: "dark", compact: true });
w.update({ code: 404 });
w.destroy();
mount(document.createElement("div"), { headingLevel: 3, onDiagnosis: (s: DiagnosisSummary) => console.log(s.code, s.kinds.join(), s.inputKind) });
const byCode: Diagnosis = diagnose(429);
const fromError: Diagnosis = diagnose(new Error("fetch failed"));
const fromResponse: Promise<Diagnosis> = diagnoseResponse(new Response("x", { status: 503 }));
const release: string = version();
mount(document.createElement("div"));
// @ts-expect-error themes are light, dark or auto
mount(document.createElement("div"), { theme: "blue" });
// @ts-expect-error diagnose takes text, a status code, an error or a response
diagnose(true);
export { also, phrase, retryAfter, code, all, byCode, fromError, fromResponse, release };
`);
  // The README's module snippet, as a reader would paste it beside the module.
  const readme = (await readmeSnippet('module')).replace("'./http_troubleshooter.js'", module);
  assert.ok(readme.includes('explainStatus(429)'));
  await writeFile(join(dir, 'readme.ts'), readme + '\nexport { entry, diagnosis, all };\n');
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
      lib: ['es2022', 'esnext.disposable', 'dom'], exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
    },
    files: ['results.ts', 'usage.ts', 'readme.ts'],
  }));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', dir], { maxBuffer: 20e6 }).catch((e) => e);
  assert.equal(result.code ?? 0, 0, `tsc reported:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
});
