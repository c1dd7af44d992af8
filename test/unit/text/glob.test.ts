/** The core glob matcher: the three syntaxes, git's reading of odd classes, and its polynomial bound. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob, type GlobSyntax } from '../../../src/core/text/glob';

const yes = (syntax: GlobSyntax, pattern: string, ...texts: string[]) => {
  const g = compileGlob(pattern, syntax);
  for (const t of texts) assert.ok(g.test(t), `${syntax} ${pattern} should match ${t}`);
};
const no = (syntax: GlobSyntax, pattern: string, ...texts: string[]) => {
  const g = compileGlob(pattern, syntax);
  for (const t of texts) assert.ok(!g.test(t), `${syntax} ${pattern} should not match ${t}`);
};

test('git: *, ?, ** and classes', () => {
  yes('git', '*.log', 'a.log', '.log');
  no('git', '*.log', 'a/b.log', 'a.logx');
  yes('git', 'a?c', 'abc');
  no('git', 'a?c', 'a/c', 'ac');
  yes('git', '**/foo', 'foo', 'a/foo', 'a/b/foo');
  yes('git', 'a/**/b', 'a/b', 'a/x/b', 'a/x/y/b');
  no('git', 'a/**/b', 'ab', 'a/xb');
  yes('git', 'foo/**', 'foo/a', 'foo/a/b');
  // Not a whole segment: `**` is a plain `*`, as git reads it.
  yes('git', 'a**b', 'axyb');
  no('git', 'a**b', 'ax/yb');
  yes('git', '[a-c]x', 'ax', 'bx', 'cx');
  no('git', '[a-c]x', 'dx', '/x');
  yes('git', '[!a-c]x', 'dx');
  no('git', '[!a-c]x', 'ax', '/x');
  yes('git', '[]a]', ']', 'a');
  yes('git', '\\*', '*');
  no('git', '\\*', 'a');
  no('git', 'A', 'a');
});

test('git: a reversed range matches its first character, an unclosed class nothing (git check-ignore)', () => {
  yes('git', '[z-a]', 'z');
  no('git', '[z-a]', 'a', 'm', 'b');
  yes('git', '[!z-a]', 'a', 'm');
  no('git', '[!z-a]', 'z');
  no('git', '[ab', '[ab', 'a', 'b');
});

test('vscode: braces, any case, ** anywhere, literal unclosed [', () => {
  yes('vscode', '**/node_modules/**', 'node_modules/x', 'a/node_modules/b/c');
  yes('vscode', '**/*.{tf,TFVARS}', 'main.tf', 'a/b/x.tfvars', 'X.TF');
  no('vscode', '**/*.{tf,tfvars}', 'main.tfx', 'a/tf');
  yes('vscode', '{a,{b,c}d,}x', 'ax', 'bdx', 'cdx', 'x');
  no('vscode', '{a,{b,c}d,}x', 'bx', 'dx');
  yes('vscode', '{a,b', 'a', 'b');
  yes('vscode', '[ab', '[ab', '[AB');
  yes('vscode', 'a**b', 'ax/yb');
  yes('vscode', '[!a]x', 'bx');
});

test('wildcard: only * is special and it spans everything', () => {
  yes('wildcard', 'file and printer sharing*', 'file and printer sharing (smb-in)');
  yes('wildcard', '*(smb-in)', 'file and printer sharing (smb-in)');
  yes('wildcard', 'a?[b]', 'a?[b]');
  no('wildcard', 'a?[b]', 'axb');
  yes('wildcard', '*', '', 'a/b');
  no('wildcard', 'x*', '');
});

// Hang guards, not benchmarks: a backtracking matcher takes minutes on these; the ceiling is generous.
test('hostile patterns stay polynomial', () => {
  const started = Date.now();
  const name = 'a'.repeat(2000);
  assert.ok(!compileGlob('*a*a*a*b', 'wildcard').test(name));
  assert.ok(!compileGlob('*'.repeat(60) + 'x', 'wildcard').test(name));
  const deep = Array.from({ length: 24 }, (_, k) => `d${k}`).join('/') + '/file.txt';
  assert.ok(!compileGlob('**/'.repeat(10) + 'nomatch', 'vscode').test(deep));
  assert.ok(compileGlob('**/'.repeat(10) + 'file.txt', 'git').test(deep));
  assert.ok(!compileGlob('{a,b,'.repeat(200) + 'z', 'vscode').test('ab'.repeat(2000)));
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
});
