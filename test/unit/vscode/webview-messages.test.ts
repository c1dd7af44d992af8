/** The advisory panel's message validator: only whitelisted, well-shaped messages about known files get through. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebviewMessage } from '../../../src/vscode/webview-messages';

const KNOWN = 'file:///work/rules.v4';
const known = (uri: string) => uri === KNOWN;
const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } };

test('accepts each message type in its documented shape', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }, known), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'scanWorkspace' }, known), { type: 'scanWorkspace' });
  assert.deepEqual(parseWebviewMessage({ type: 'select', uri: KNOWN, findingKey: 'smb-internet-exposure:488:11' }, known), {
    type: 'select',
    uri: KNOWN,
    findingKey: 'smb-internet-exposure:488:11',
  });
  assert.deepEqual(parseWebviewMessage({ type: 'applyFix', uri: KNOWN, findingKey: 'smb-internet-exposure:488:11', fixIndex: 2 }, known), {
    type: 'applyFix',
    uri: KNOWN,
    findingKey: 'smb-internet-exposure:488:11',
    fixIndex: 2,
  });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', uri: KNOWN, range }, known), { type: 'reveal', uri: KNOWN, range });
});

test('copies only known fields', () => {
  const m = parseWebviewMessage({ type: 'select', uri: KNOWN, findingKey: 'smb-parse-error:0:4', extra: { evil: true } }, known);
  assert.deepEqual(Object.keys(m ?? {}).sort(), ['findingKey', 'type', 'uri']);
});

test('rejects unknown types and non-objects', () => {
  for (const raw of [undefined, null, 'ready', 42, [], { type: 'eval' }, { type: 'openExternal', url: 'https://x' }, { type: 'update', model: {} }, { type: 7 }]) {
    assert.equal(parseWebviewMessage(raw, known), undefined, JSON.stringify(raw));
  }
});

test('rejects URIs the extension has not analysed', () => {
  assert.equal(parseWebviewMessage({ type: 'reveal', uri: 'file:///etc/shadow', range }, known), undefined);
  assert.equal(parseWebviewMessage({ type: 'applyFix', uri: 'command:workbench.action.quit', findingKey: 'a:1:1', fixIndex: 0 }, known), undefined);
  assert.equal(parseWebviewMessage({ type: 'select', uri: 123, findingKey: 'a:1:1' }, () => true), undefined);
  assert.equal(parseWebviewMessage({ type: 'select', uri: 'x'.repeat(5000), findingKey: 'a:1:1' }, () => true), undefined);
});

test('rejects malformed keys, fix indexes and ranges', () => {
  const bad = [
    { type: 'select', uri: KNOWN, findingKey: '<img src=x>' },
    { type: 'select', uri: KNOWN },
    { type: 'applyFix', uri: KNOWN, findingKey: 'a:1:1', fixIndex: -1 },
    { type: 'applyFix', uri: KNOWN, findingKey: 'a:1:1', fixIndex: 1.5 },
    { type: 'applyFix', uri: KNOWN, findingKey: 'a:1:1', fixIndex: '0' },
    { type: 'applyFix', uri: KNOWN, findingKey: 'a:1:1', fixIndex: 1000 },
    { type: 'reveal', uri: KNOWN },
    { type: 'reveal', uri: KNOWN, range: { start: { line: 5, character: 0 }, end: { line: 4, character: 0 } } },
    { type: 'reveal', uri: KNOWN, range: { start: { line: -1, character: 0 }, end: { line: 4, character: 0 } } },
    { type: 'reveal', uri: KNOWN, range: { start: { line: 0, character: 'a' }, end: { line: 4, character: 0 } } },
  ];
  for (const raw of bad) assert.equal(parseWebviewMessage(raw, known), undefined, JSON.stringify(raw));
});
