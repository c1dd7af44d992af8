/**
 * The short fuzz pass that runs with every `npm test`: a fixed number of seeded mutations of each format's
 * fixtures (FUZZ_SHORT per format), and every hostile class at 100 KB. The invariants are those of
 * test/fuzz/check.ts. The time and heap ceilings are hang guards set far above what a linear analysis needs
 * (the defects they guard against took 5 s to hours per 100 KB); speed is measured in `npm run bench`.
 * `npm run fuzz` is the long pass.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { checkInput, msPer100KB } from '../../fuzz/check';
import { formatsWithFixtures, seedsOf } from '../../fuzz/corpus';
import { hostileCases } from '../../fuzz/hostile';
import { inputOf } from '../../fuzz/inputs';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const PER_FORMAT = Number(process.env.FUZZ_SHORT ?? 40);
const SEED = 20261207;
/** Hang guards, not benchmarks: on CPU time, so a busy machine does not trip them. */
const MAX_MS_PER_100KB = 4000;
const MAX_HEAP_MB = 512;

for (const format of formatsWithFixtures()) {
  test(`${format}: ${PER_FORMAT} seeded mutations keep every invariant`, () => {
    const seeds = seedsOf(format);
    const problems: string[] = [];
    for (let i = 0; i < PER_FORMAT; i++) {
      const input = inputOf(format, seeds, SEED, i);
      const r = checkInput(format, input.uri, input.text, { fixLimit: 8, determinism: i % 3 === 0 });
      for (const f of new Set(r.failures)) problems.push(`input ${i} (${input.seed}): ${f}`);
      if (msPer100KB(r.cpuMs, input.text.length) > MAX_MS_PER_100KB) problems.push(`input ${i} (${input.seed}): ${r.cpuMs.toFixed(0)} ms of CPU for ${input.text.length} characters`);
      if (r.heapMB > MAX_HEAP_MB) problems.push(`input ${i} (${input.seed}): heap grew ${r.heapMB.toFixed(0)} MB`);
    }
    assert.deepEqual(problems, []);
  });
}

for (const c of hostileCases()) {
  test(`${c.format}: hostile input "${c.name}" at 100 KB stays linear and keeps every invariant`, () => {
    const text = c.build(100 * 1024);
    const r = checkInput(c.format, c.uri, text, { fixLimit: 3, determinism: true });
    assert.deepEqual(r.failures, []);
    assert.ok(msPer100KB(r.cpuMs, text.length) < MAX_MS_PER_100KB, `${r.cpuMs.toFixed(0)} ms of CPU for ${text.length} characters`);
  });
}
