/**
 * Runs every fixture: findings must match the "expect:" markers; every fix is applied and must leave a file
 * that parses, without its finding and without new ones; preferred fixes together must clear the fixable ones.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeWithFiles, applyEdits, autoFix, fixAllText, REASON_PLACEHOLDER, type Finding } from '../../../src/core/index';
import { initAllFormats } from '../helpers/assets';
import { FIXTURES, actualMarkers, expectedMarkers, fixtureSettings, fixtureSource, findingKey, fixtureFiles, read } from '../helpers/fixtures';

before(() => initAllFormats());

const TRUSTED = ['192.168.10.0/24', 'fd00:10::/64'];

/** A fixture in a sub-folder is analysed with the files of that folder, as a host would hand them over. */
function analyze(path: string, text: string, trusted: string[] = []) {
  return analyzeWithFiles({ uri: path, text, options: { trustedSources: trusted }, projectSettings: fixtureSettings(path) }, fixtureSource(path));
}

function fixedPath(path: string): string {
  const name = basename(path);
  const dot = name.indexOf('.');
  const fixed = dot < 0 ? `${name}.fixed` : `${name.slice(0, dot)}.fixed${name.slice(dot)}`;
  return path.slice(0, path.length - name.length) + fixed;
}

/** "Fix all" as the hosts run it: apply, analyse again, until it converges. */
function fixAll(path: string, text: string, trusted: string[]): string {
  return fixAllText(text, (t) => analyze(path, t, trusted).findings).text;
}

/** FIXTURE_FORMATS=nftables,pf limits the run to those formats' fixtures (for work on one format). */
const only = process.env.FIXTURE_FORMATS?.split(',');

for (const format of readdirSync(FIXTURES).filter((d) => d !== 'cli' && (!only || only.includes(d)))) {
  describe(`fixtures: ${format}`, () => {
    for (const path of fixtureFiles(format)) {
      const name = relative(FIXTURES, path);
      const text = read(path);
      const expected = expectedMarkers(text);

      test(`${name}: findings match the expect markers`, () => {
        const result = analyze(path, text);
        assert.equal(result.format, format, 'detected format');
        assert.deepEqual(actualMarkers(text, result.findings), expected);
      });

      test(`${name}: each fix re-parses, removes its finding, adds none`, () => {
        for (const trusted of [[], TRUSTED]) {
          const before = analyze(path, text, trusted);
          const keysBefore = new Set(before.findings.map((f) => findingKey(text, f)));
          for (const finding of before.findings) {
            for (const fix of finding.fixes) {
              const edits = fix.edits.map((e) => ({ ...e, newText: e.newText.replace(REASON_PLACEHOLDER, 'reviewed in test') }));
              const after = applyEdits(text, edits);
              assert.notEqual(after, text, `${fix.title} changes the text`);
              const again = analyze(path, after, trusted);
              const label = `${name} / ${finding.ruleId} / ${fix.title}`;
              assert.equal(again.format, format, `${label}: still ${format}`);
              assert.equal(again.problems.length, before.problems.length, `${label}: no new parse problems`);
              const keys = again.findings.map((f: Finding) => findingKey(after, f));
              assert.ok(!keys.includes(findingKey(text, finding)), `${label}: finding gone`);
              for (const k of keys) assert.ok(keysBefore.has(k) || fix.needsInput === 'trusted-sources', `${label}: no new finding ${k}`);
            }
          }
        }
      });

      test(`${name}: fix-all leaves no fixable finding`, () => {
        const fixed = fixAll(path, text, TRUSTED);
        const left = analyze(path, fixed, TRUSTED).findings.filter((f) => autoFix(f));
        assert.deepEqual(left.map((f) => f.message), []);
        const golden = fixedPath(path);
        if (process.env.UPDATE_GOLDEN && fixed !== text) writeFileSync(golden, fixed);
        if (existsSync(golden)) assert.equal(fixed, read(golden), `matches ${relative(FIXTURES, golden)}`);
      });
    }
  });
}
