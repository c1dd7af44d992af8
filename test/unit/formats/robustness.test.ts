/**
 * Bad input never crashes: every fixture, cut off at twenty places and with a stray quote or brace
 * spliced in, still analyses without throwing, in its own format, with at most one parse-error finding.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { initAllFormats } from '../helpers/assets';
import { FIXTURES, fixtureFiles, read } from '../helpers/fixtures';

before(() => initAllFormats());

const SPLICES = ['"', "'", '{', '}', '[', '<', '!', '\\', '\u0000', '${'];

for (const format of readdirSync(FIXTURES).filter((d) => d !== 'cli')) {
  test(`${format}: truncated and spliced fixtures analyse without throwing`, () => {
    for (const path of fixtureFiles(format)) {
      const text = read(path);
      const name = relative(FIXTURES, path);
      for (let k = 1; k <= 20; k++) {
        const cut = Math.floor((text.length * k) / 21);
        const variants = [text.slice(0, cut), text.slice(0, cut) + SPLICES[k % SPLICES.length] + text.slice(cut)];
        for (const variant of variants) {
          const result = analyzeText({ uri: path, text: variant, formatId: format });
          assert.equal(result.format, format, name);
          const parseErrors = result.findings.filter((f) => f.ruleId === 'smb-parse-error').length;
          assert.ok(parseErrors <= 1, `${name} cut at ${cut}: ${parseErrors} parse-error findings`);
          for (const f of result.findings) assert.ok(f.span.offset >= 0 && f.span.offset + f.span.length <= variant.length, `${name} cut at ${cut}: span outside the text`);
        }
      }
    }
  });
}

/** Fixes still write whole lines when the file's last line has no line break (a common state while typing). */
for (const format of readdirSync(FIXTURES).filter((d) => d !== 'cli')) {
  test(`${format}: fixes on a file without a final line break keep it readable`, () => {
    for (const path of fixtureFiles(format)) {
      const text = read(path).replace(/(\r?\n)+$/, '');
      const name = relative(FIXTURES, path);
      const before = analyzeText({ uri: path, text, formatId: format });
      for (const finding of before.findings) {
        for (const fix of finding.fixes) {
          const fixed = applyEdits(text, fix.edits);
          const after = analyzeText({ uri: path, text: fixed, formatId: format });
          assert.ok(after.problems.length <= before.problems.length, `${name}: "${fix.title}" adds parse problems: ${after.problems.map((p) => p.message).join('; ')}`);
        }
      }
    }
  });
}
