/** Inline suppressions: the right id, on the line or the line above, only inside a comment. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../../src/core/index';

const ids = (text: string, uri = 'fw.sh') => analyzeText({ uri, text }).findings.map((f) => f.ruleId);

test('a suppression above or on the line silences exactly that rule id', () => {
  const rule = 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT';
  assert.deepEqual(ids(`${rule}\n`), ['smb-internet-exposure']);
  assert.deepEqual(ids(`# smb-guard-ignore smb-internet-exposure: lab VLAN, reviewed 2026-11\n${rule}\n`), []);
  assert.deepEqual(ids(`${rule} # smb-guard-ignore smb-internet-exposure: test rig\n`), []);
  assert.deepEqual(ids(`# smb-guard-ignore smb-broad-private-exposure: other rule\n${rule}\n`), ['smb-internet-exposure']);
  assert.deepEqual(ids(`# smb-guard-ignore smb-internet-exposure: too far\n\n${rule}\n`), ['smb-internet-exposure']);
  assert.deepEqual(ids(`# smb-guard-ignore smb-broad-private-exposure, smb-internet-exposure: both\n${rule}\n`), []);
});

test('the tag inside a quoted rule comment does not suppress', () => {
  const text = 'iptables -A INPUT -p tcp --dport 445 -m comment --comment "smb-guard-ignore smb-internet-exposure: x" -j ACCEPT\n';
  assert.deepEqual(ids(text), ['smb-internet-exposure']);
});
