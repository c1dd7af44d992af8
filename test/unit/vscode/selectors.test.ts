/** Cheap pre-filters and globs: which documents reach the core, and what smbGuard.exclude skips. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compiledGlob, matchesAnyGlob } from '../../../src/vscode/glob';
import { formats } from '../../../src/core/index';
import { documentSelector, HINTS, isCandidate, workspaceIncludeGlob } from '../../../src/vscode/selectors';

test('globs: ** spans folders, * stays in one, braces and classes work', () => {
  assert.ok(compiledGlob('**/node_modules/**').test('a/b/node_modules/x/y.json'));
  assert.ok(compiledGlob('**/node_modules/**').test('node_modules/x'));
  assert.ok(!compiledGlob('*.rules').test('etc/x.rules'));
  assert.ok(compiledGlob('**/*.rules').test('x.rules'));
  assert.ok(compiledGlob('**/{rules.v4,*.sh}').test('deploy/fw.sh'));
  assert.ok(compiledGlob('rules.v[46]').test('rules.v6'));
  assert.ok(!compiledGlob('rules.v[46]').test('rules.v5'));
  assert.ok(!compiledGlob('a.b').test('aXb'), 'dots are literal');
});

test('exclude globs match workspace-relative paths, and bare name globs match in any folder', () => {
  assert.ok(matchesAnyGlob('vendor/fw/rules.v4', ['vendor/**']));
  assert.ok(matchesAnyGlob('a/b/old.rules', ['*.rules']));
  assert.ok(!matchesAnyGlob('etc/rules.v4', ['vendor/**', '**/.git/**']));
});

// A hang guard, not a benchmark: the old glob-to-RegExp took 29 s on this; a workspace's settings can hold it.
test('hostile exclude globs: nested ** stays fast, a reversed class does not throw', () => {
  const path = Array.from({ length: 24 }, (_, k) => `folder${k}`).join('/') + '/rules.v4';
  const started = Date.now();
  assert.ok(!matchesAnyGlob(path, ['**/'.repeat(10) + 'nothing']));
  assert.ok(matchesAnyGlob(path, ['**/'.repeat(10) + 'rules.v4']));
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  assert.ok(!matchesAnyGlob('a/b', ['[z-a]']));
  assert.ok(matchesAnyGlob('a/z', ['[z-a]']));
});

test('candidates: by language or file name; editor-internal schemes never', () => {
  assert.ok(isCandidate('file', 'iptables', '/etc/iptables/rules.v4'));
  assert.ok(isCandidate('file', 'shellscript', '/srv/firewall'));
  assert.ok(isCandidate('file', 'unknown', '/srv/fw.sh'));
  assert.ok(isCandidate('untitled', 'plaintext', 'Untitled-1'));
  assert.ok(!isCandidate('file', 'typescript', '/src/app.ts'));
  assert.ok(!isCandidate('git', 'iptables', '/etc/iptables/rules.v4'));
  assert.ok(!isCandidate('output', 'plaintext', 'extension-output'));
  assert.ok(!isCandidate('file', 'iptables', '/etc/iptables/rules.v4', []), 'every format disabled');
});

test('the workspace glob and the selector cover the iptables file names', () => {
  const include = compiledGlob(workspaceIncludeGlob());
  for (const p of ['etc/iptables/rules.v4', 'rules.v6', 'x/fw.sh', 'a/legacy.rules', 'deploy/iptables.conf']) assert.ok(include.test(p), p);
  assert.ok(!include.test('src/app.ts'));
  const sel = documentSelector();
  assert.ok(sel.some((f) => f.language === 'iptables'));
  assert.ok(sel.some((f) => f.pattern === workspaceIncludeGlob()));
});

test('every format of the core has its hints, so the editor offers it documents', () => {
  assert.deepEqual(Object.keys(HINTS).sort(), formats.map((f) => f.id).sort());
});
