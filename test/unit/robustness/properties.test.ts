/**
 * Property-based checks (fast-check, fixed seed): text assembled from each format's own vocabulary and from
 * arbitrary characters never breaks the analysis, and applying edits never changes a byte outside them.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, type TextEdit } from '../../../src/core/index';
import { checkInput } from '../../fuzz/check';
import { formatsWithFixtures, seedsOf } from '../../fuzz/corpus';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const SEED = 20261207;
const RUNS = Number(process.env.FUZZ_PROPERTY_RUNS ?? 60);

/** Words and separators of a format's fixtures: what its reader is most sensitive to. */
function vocabulary(format: string): string[] {
  const words = new Set<string>();
  for (const s of seedsOf(format)) for (const w of s.text.split(/[\s,;]+/)) if (w && w.length < 40) words.add(w);
  return [...words].sort().slice(0, 400);
}

for (const format of formatsWithFixtures()) {
  test(`${format}: text made of its own words and stray characters analyses cleanly`, () => {
    const words = vocabulary(format);
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '\n', '\r\n', '\t', '  ', '\n  ', '\n    - ') },
      { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
    );
    const uri = seedsOf(format)[0].uri;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), (pieces) => {
        const r = checkInput(format, uri, pieces.join(''), { fixLimit: 4, determinism: true });
        assert.deepEqual(r.failures, []);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
}

test('applying edits changes nothing outside them', () => {
  const edit = (length: number) =>
    fc.record({ offset: fc.nat({ max: length }), length: fc.nat({ max: 8 }), newText: fc.string({ maxLength: 6 }) }).map(
      ({ offset, length: l, newText }): TextEdit => ({ span: { offset, length: Math.min(l, length - offset) }, newText }),
    );
  fc.assert(
    fc.property(
      fc.string({ maxLength: 200 }).chain((text) => fc.tuple(fc.constant(text), fc.array(edit(text.length), { maxLength: 6 }))),
      ([text, edits]) => {
        // Keep the edits that do not overlap an earlier one (applyEdits drops the others the same way).
        const kept: TextEdit[] = [];
        for (const e of [...edits].sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length)) {
          const last = kept[kept.length - 1];
          if (!last || e.span.offset >= last.span.offset + last.span.length) kept.push(e);
        }
        const out = applyEdits(text, kept);
        // Walk the gaps between edits: each must stand in the output unchanged, in order.
        let pos = 0;
        let at = 0;
        for (const e of kept) {
          const gap = text.slice(pos, e.span.offset);
          assert.equal(out.slice(at, at + gap.length), gap);
          at += gap.length + e.newText.length;
          pos = e.span.offset + e.span.length;
        }
        assert.equal(out.slice(at), text.slice(pos));
      },
    ),
    { seed: SEED, numRuns: 500 },
  );
});
