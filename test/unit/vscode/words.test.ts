/** Counts in words: the plural follows the number ("1 error", "18 errors"), and only present severities are named. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countsText, digits, plural } from '../../../src/vscode/words';

test('plural follows the number', () => {
  assert.equal(plural(1, 'error'), '1 error');
  assert.equal(plural(18, 'error'), '18 errors');
  assert.equal(plural(0, 'exposure'), '0 exposures');
  assert.equal(plural(2, 'fix', 'fixes'), '2 fixes');
  assert.equal(plural(12000, 'file'), '12,000 files');
});

test('counts name the severities present, worst first', () => {
  assert.equal(countsText({ error: 18, warning: 1, info: 0, total: 19 }), '18 errors, 1 warning');
  assert.equal(countsText({ error: 0, warning: 0, info: 2, total: 2 }), '2 info');
  assert.equal(countsText({ error: 0, warning: 0, info: 0, total: 0 }), 'no exposure');
});

test('digits are grouped as en-US groups them, small whole numbers included', () => {
  for (const n of [0, 7, -7, 999, -999, 1000, 1234, -1234, 12000, 1234567, 0.5, 999.5, 1e21]) assert.equal(digits(n), n.toLocaleString('en-US'), String(n));
});
