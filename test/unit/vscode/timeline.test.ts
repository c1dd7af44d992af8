/** The timeline of the first analysis: each step keeps the first time it happened, and the steps are bounded. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstTimes } from '../../../src/vscode/timeline';

test('a step keeps its first time; at most `max` steps are kept', () => {
  let now = 0;
  const logged: string[] = [];
  const t = firstTimes(() => now, (step, ms) => logged.push(`${step}@${ms}`), 3);
  t.mark('opened');
  now = 5;
  t.mark('opened');
  t.mark('loaded');
  now = 9;
  t.mark('analysed');
  t.mark('published');
  assert.deepEqual(t.marks, { opened: 0, loaded: 5, analysed: 9 });
  assert.deepEqual(logged, ['opened@0', 'loaded@5', 'analysed@9']);
});
