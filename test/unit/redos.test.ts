/**
 * Every regular expression in src/core is linear: the TypeScript compiler finds each regex literal and each
 * `new RegExp(…)`, and the `recheck` ReDoS analyser must rate each one `safe`. A `new RegExp` whose pattern is
 * not built from constants fails, unless the variable part goes through `escapeRegExp` (src/core/text/regexp.ts),
 * which makes it a literal. recheck runs its native binary when installed, else its pure-JS analyser: both offline.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { check, type Diagnostics } from 'recheck';
import { ESCAPE_HELPER, regexesIn, type FoundRegex } from './helpers/regexes';

const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));

/** recheck's verdict, the same on any machine: a fixed seed, and step limits only. Its time limits (the whole check,
 *  and each fuzzing phase, where a slow match counts as an attack) would make a loaded machine see `unknown` or
 *  `vulnerable`; the step limits end every analysis (src/core takes about a minute of one core). */
const rate = (source: string, flags: string): Promise<Diagnostics> =>
  check(source, flags, { randomSeed: 0, timeout: null, attackTimeout: null, incubationTimeout: null, seedingTimeout: null });

const describe = (d: Diagnostics): string =>
  d.status === 'vulnerable' ? `${d.complexity.summary}, attack ${JSON.stringify(d.attack.string.slice(0, 80))}${d.attack.string.length > 80 ? '…' : ''}` : d.status === 'unknown' ? `unknown (${d.error.kind})` : d.status;

test('every regular expression in src/core is rated safe by recheck', { timeout: 600_000 }, async () => {
  const root = process.cwd();
  const found = files(join(root, 'src', 'core'))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => regexesIn(relative(root, f), readFileSync(f, 'utf8')));
  assert.ok(found.length > 200, `only ${found.length} regexes found: the extraction is broken`);
  const dynamic = found.filter((r) => r.dynamic !== undefined);
  assert.deepEqual(dynamic.map((r) => `${r.where}: RegExp built from ${r.dynamic}`), [], `use ${ESCAPE_HELPER} for a variable part`);

  // One analysis per distinct pattern; every place that uses it is named in the failure.
  const byPattern = new Map<string, FoundRegex[]>();
  for (const r of found) {
    const key = `/${r.source}/${r.flags}`;
    byPattern.set(key, [...(byPattern.get(key) ?? []), r]);
  }
  // Two analyses at a time (recheck's agent takes concurrent requests; more only crowd a small machine).
  const queue = [...byPattern];
  const failures: string[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, uses] = next;
      const d = await rate(uses[0].source ?? '', uses[0].flags);
      if (d.status !== 'safe') failures.push(`${uses.map((u) => u.where).join(', ')}: ${key} is ${describe(d)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  failures.sort();
  console.log(`recheck: ${found.length} regexes (${byPattern.size} distinct) in src/core, ${failures.length} not safe`);
  assert.deepEqual(failures, []);
});

test('the ReDoS check finds regexes of every form and catches a vulnerable one', async () => {
  const sample = [
    'const A = /^(a+)+$/;',
    "const B = 'x\\\\d+';",
    'const C = new RegExp(`^${B}(?:y|z)$`, "i");',
    'const D = RegExp(A.source + "q");',
    'const E = new RegExp(`^${escapeRegExp(name)}$`);',
    'const F = new RegExp(`^${name}$`);',
  ].join('\n');
  const found = regexesIn('sample.ts', sample);
  assert.deepEqual(
    found.map((r) => [r.where, r.source, r.flags, r.dynamic]),
    [
      ['sample.ts:1', '^(a+)+$', '', undefined],
      ['sample.ts:3', '^x\\d+(?:y|z)$', 'i', undefined],
      ['sample.ts:4', '^(a+)+$q', '', undefined],
      ['sample.ts:5', '^x$', '', undefined],
      ['sample.ts:6', undefined, '', 'name'],
    ],
  );
  const bad = await rate('^(a+)+$', '');
  assert.equal(bad.status, 'vulnerable', describe(bad));
  const quadratic = await rate('^[0-9a-f:.]*:[0-9a-f:.]*(\\/\\d{1,3})?$', 'i');
  assert.equal(quadratic.status, 'vulnerable', describe(quadratic));
  assert.equal((await rate('^x\\d+(?:y|z)$', 'i')).status, 'safe');
});
