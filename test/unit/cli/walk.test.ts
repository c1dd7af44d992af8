// Folder walking: .git and node_modules are skipped, and so is whatever git (or .gitignore without git) ignores.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { walk } from '../../../src/cli/walk';
import { compileGlob } from '../../../src/core/text/glob';

const globToRegex = (glob: string) => compileGlob(glob, 'git');
import { git, hasGit, runCli, tempDir } from './helpers';

const EXPOSED = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 445 -j ACCEPT\nCOMMIT\n';

function tree(files: Record<string, string>): string {
  const dir = tempDir('walk');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A project where only rules.v4, scripts/new.sh, keep.bak and the .gitignore files should be walked. */
const PROJECT = {
  '.gitignore': 'build/\n*.bak\n!keep.bak\n/top-only.rules\n',
  'rules.v4': EXPOSED,
  'scripts/new.sh': 'iptables -A INPUT -p tcp --dport 139 -j ACCEPT\n',
  'scripts/top-only.rules': EXPOSED,
  'top-only.rules': EXPOSED,
  'build/rules.v4': EXPOSED,
  'old.bak': EXPOSED,
  'keep.bak': EXPOSED,
  'sub/.gitignore': 'local.rules\n',
  'sub/local.rules': EXPOSED,
  'node_modules/pkg/rules.v4': EXPOSED,
  'deep/node_modules/rules.v4': EXPOSED,
};
const EXPECTED = ['.gitignore', 'keep.bak', 'rules.v4', 'scripts/new.sh', 'scripts/top-only.rules', 'sub/.gitignore'];

const walked = (dir: string, useGit: boolean) => {
  const { files, errors } = walk(dir, { useGit });
  assert.deepEqual(errors, []);
  return files.map((f) => relative(dir, f).split(sep).join('/'));
};

describe('walk', () => {
  it('uses git in a work tree: skips .git, node_modules and ignored files', { skip: !hasGit() && 'git is not installed' }, () => {
    const dir = tree(PROJECT);
    git(dir, 'init', '-q');
    writeFileSync(join(dir, '.git', 'rules.v4'), EXPOSED);
    assert.deepEqual(walked(dir, true), EXPECTED);
    // A subfolder of the work tree: paths from git are relative to it.
    assert.deepEqual(walked(join(dir, 'sub'), true), ['.gitignore']);
  });

  it('falls back to .gitignore patterns without git', () => {
    const dir = tree(PROJECT);
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'rules.v4'), EXPOSED);
    assert.deepEqual(walked(dir, false), EXPECTED);
  });

  it('falls back to .gitignore outside a work tree', () => {
    const dir = tree({ '.gitignore': 'ignored/\n', 'a.rules': EXPOSED, 'ignored/b.rules': EXPOSED });
    assert.deepEqual(walked(dir, true), ['.gitignore', 'a.rules']);
  });

  it('reads a reversed class in .gitignore as git does, without throwing (reproducer C9)', () => {
    const dir = tree({ '.gitignore': '[z-a]\n', 'rules.v4': EXPOSED, z: EXPOSED, a: EXPOSED });
    assert.deepEqual(walked(dir, false), ['.gitignore', 'a', 'rules.v4']);
  });

  it('translates gitignore globs', () => {
    assert.ok(globToRegex('*.bak').test('x.bak'));
    assert.ok(!globToRegex('*.bak').test('a/x.bak'));
    assert.ok(globToRegex('a/**/b').test('a/b'));
    assert.ok(globToRegex('a/**/b').test('a/x/y/b'));
    assert.ok(globToRegex('logs/**').test('logs/x/y'));
    assert.ok(globToRegex('file?.[ch]').test('file1.c'));
    assert.ok(!globToRegex('file?.[!ch]').test('file1.c'));
    assert.ok(!globToRegex('a.b').test('axb'));
  });

  it('reports only files the walk keeps, from the CLI', { skip: !hasGit() && 'git is not installed' }, () => {
    const dir = tree(PROJECT);
    git(dir, 'init', '-q');
    const r = runCli(['scan', '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(r.status, 0, r.stderr);
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, ['keep.bak', 'rules.v4', 'scripts/new.sh', 'scripts/top-only.rules']);
  });
});
