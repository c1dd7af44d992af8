/** The core's project view: folder arithmetic, the in-memory tree, memos dropped when what they read changes. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { folderOf, joinUri, memorySource, nameOf, Project } from '../../../src/core/index';

describe('project: URIs', () => {
  test('folders, names and relative paths', () => {
    assert.equal(folderOf('file:///repo/m/main.tf'), 'file:///repo/m/');
    assert.equal(nameOf('file:///repo/m/'), 'm');
    assert.equal(joinUri('file:///repo/envs/prod/', '../../modules/sg', true), 'file:///repo/modules/sg/');
    assert.equal(joinUri('file:///repo/', './net/a.tfvars'), 'file:///repo/net/a.tfvars');
    assert.equal(joinUri('file:///repo/', '../../x'), undefined);
    assert.equal(joinUri('C:\\c\\m\\', '..\\n', true), 'C:\\c\\n\\');
    assert.equal(joinUri('/tmp/a/', '../b/c.tf'), '/tmp/b/c.tf');
    assert.equal(joinUri('vscode-vfs://github/o/r/m/', 'vars/p.tfvars'), 'vscode-vfs://github/o/r/m/vars/p.tfvars');
  });

  test('an in-memory tree lists folders with sub-folders marked', () => {
    const src = memorySource({ 'file:///r/a/main.tf': '', 'file:///r/a/b/x.tf': '', 'file:///r/top.tf': '' });
    assert.deepEqual(src.list('file:///r/'), ['a/', 'top.tf']);
    assert.deepEqual(src.list('file:///r/a/'), ['b/', 'main.tf']);
    assert.equal(src.list('file:///r/none/'), null);
    assert.equal(src.read('file:///r/none.tf'), null);
  });
});

describe('project: memos and dependents', () => {
  test('a memo is computed once and dropped when a file it read changes; readers are the dependents', () => {
    const p = new Project();
    p.putText('u:/a', 'A');
    let runs = 0;
    const derived = () => p.derive('k', () => (runs++, `${p.read('u:/a')}!`));
    assert.equal(p.analysing('u:/doc', derived), 'A!');
    assert.equal(p.analysing('u:/doc', derived), 'A!');
    assert.equal(runs, 1);
    assert.deepEqual(p.readsBy('u:/doc'), ['u:/a'], 'a memo hit still records what it read');
    assert.deepEqual(p.changed('u:/a'), ['u:/doc']);
    p.putText('u:/a', 'B');
    assert.equal(p.analysing('u:/doc', derived), 'B!');
    assert.equal(runs, 2);
  });

  test('untracked reads make no dependents', () => {
    const p = new Project();
    p.putText('u:/a', 'A');
    p.analysing('u:/doc', () => p.untracked(() => p.read('u:/a')));
    assert.deepEqual(p.changed('u:/a'), []);
  });
});
