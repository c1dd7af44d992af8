/** The order the open documents are analysed in when the readers load: the one that made them load first. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analysisOrder } from '../../../src/vscode/open-order';

const key = (d: { uri: string }) => d.uri;
const docs = ['a.json', 'b.yml', 'main.tf', 'c.sh', 'rules.v4'].map((uri) => ({ uri }));

test('the named documents go first, in the order named; the rest keep theirs', () => {
  assert.deepEqual(analysisOrder(docs, key, ['main.tf', 'rules.v4']).map(key), ['main.tf', 'rules.v4', 'a.json', 'b.yml', 'c.sh']);
  // A name given twice (the trigger is also the active editor's) or not open at all changes nothing else.
  assert.deepEqual(analysisOrder(docs, key, ['rules.v4', 'gone.tf', 'rules.v4', 'b.yml']).map(key), ['rules.v4', 'b.yml', 'a.json', 'main.tf', 'c.sh']);
  assert.deepEqual(analysisOrder(docs, key, []).map(key), docs.map(key));
});
