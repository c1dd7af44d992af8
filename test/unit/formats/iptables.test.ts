/** iptables specifics the fixtures do not pin down: how a save line splits into words, and fixes on rules
 *  whose parsed words were dropped after extraction. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lexSaveLine } from '../../../src/core/formats/iptables/lexer';
import { applyEdits, analyzeText } from '../../../src/core/index';

const words = (line: string) => lexSaveLine(line, 0, line.length).map((w) => [w.text, w.span.offset, w.span.length, w.literal]);

test('save lines split on blanks; quotes group, and escaped quotes stay inside the word', () => {
  assert.deepEqual(words('-A INPUT  -s 10.0.0.0/8\t-j DROP\r'), [
    ['-A', 0, 2, true], ['INPUT', 3, 5, true], ['-s', 10, 2, true], ['10.0.0.0/8', 13, 10, true], ['-j', 24, 2, true], ['DROP', 27, 4, true],
  ]);
  assert.deepEqual(words('--comment "lab \\"smb\\" share" -j ACCEPT'), [
    ['--comment', 0, 9, true], ['lab "smb" share', 10, 19, false], ['-j', 30, 2, true], ['ACCEPT', 33, 6, true],
  ]);
  assert.deepEqual(words('--comment "unterminated'), [['--comment', 0, 9, true], ['unterminated', 10, 13, false]]);
});

test('a fix on a save-file rule reads its line again and edits only that rule', () => {
  const text = '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 445 -j ACCEPT\nCOMMIT\n*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m multiport --dports 80,139,445 -j ACCEPT\nCOMMIT\n';
  const [finding] = analyzeText({ uri: 'rules.v4', text }).findings;
  assert.equal(finding.ruleId, 'smb-internet-exposure');
  const remove = finding.fixes.find((f) => f.kind === 'remove-ports');
  assert.ok(remove, 'a remove-ports fix');
  const fixed = applyEdits(text, remove.edits);
  assert.equal(fixed, text.replace('--dports 80,139,445', '--dports 80'));
  assert.deepEqual(analyzeText({ uri: 'rules.v4', text: fixed }).findings, []);
});

test('a port list read before gives the same ranges and item places the second time', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 21,139:140,445 -j ACCEPT\n-A INPUT -p tcp -m multiport --dports 21,139:140,445 -j ACCEPT\nCOMMIT\n';
  const run = () => analyzeText({ uri: 'rules.v4', text }).findings.map((f) => ({ id: f.ruleId, span: f.span, fixes: f.fixes.map((x) => applyEdits(text, x.edits)) }));
  const first = run();
  assert.equal(first.length, 2);
  assert.ok(first[1].fixes.includes(text.replace('--dports 21,139:140,445 -j ACCEPT\nCOMMIT', '--dports 21,140 -j ACCEPT\nCOMMIT')));
  assert.deepEqual(run(), first);
});

test('rule numbers follow inserts and deletes, as iptables numbers them', () => {
  const place = (script: string) => analyzeText({ uri: 'fw.sh', text: `#!/bin/sh\niptables -P INPUT DROP\n${script}` }).findings.map((f) => f.details.place);
  const smb = 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n';
  assert.deepEqual(place(smb), ['INPUT rule 1']);
  assert.deepEqual(place(`${smb}iptables -I INPUT 1 -p tcp --dport 22 -j ACCEPT\n`), ['INPUT rule 2']);
  assert.deepEqual(place(`${smb}iptables -I INPUT 1 -p tcp --dport 22 -j ACCEPT\niptables -D INPUT 1\n`), ['INPUT rule 1']);
  assert.deepEqual(place(`iptables -A INPUT -p tcp --dport 22 -j ACCEPT\n${smb}iptables -R INPUT 1 -p tcp --dport 80 -j ACCEPT\n`), ['INPUT rule 2']);
  const save = (rules: string) => analyzeText({ uri: 'rules.v4', text: `*filter\n:INPUT DROP [0:0]\n${rules}COMMIT\n` }).findings.map((f) => f.details.place);
  assert.deepEqual(save('-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-I INPUT 1 -p udp --dport 53 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 445 -j ACCEPT\n'), ['INPUT rule 3']);
});
