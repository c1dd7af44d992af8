/** Fix all converges and never writes the same deny twice; "Remove this rule" in allow-only lists. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, applyEdits, fixAllText, selectAutoFixes, type Finding, type Fix } from '../../../src/core/index';
import { removeRuleLines } from '../../../src/core/fixes/remove-rule';
import type { AccessRule } from '../../../src/core/model/rule';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const finding = (offset: number, fix: Omit<Fix, 'isPreferred' | 'title' | 'kind'>): Finding => ({
  ruleId: 'smb-internet-exposure',
  severity: 'error',
  message: '',
  span: { offset, length: 1 },
  ruleSpan: { offset, length: 1 },
  related: [],
  advisories: [],
  fixes: [{ title: 'Insert a deny', kind: 'insert-deny', isPreferred: true, ...fix }],
  details: { format: 'test', services: [], source: '', place: '', ruleText: '' },
});

test('one pass inserts a given deny once; the next pass decides whether the other rule still needs it', () => {
  const deny = 'Block SMB\n';
  const picked = selectAutoFixes([finding(0, { edits: [{ span: { offset: 0, length: 0 }, newText: deny }] }), finding(10, { edits: [{ span: { offset: 10, length: 0 }, newText: deny }] })]);
  assert.equal(picked.edits.length, 1);
  assert.equal(picked.fixed.length, 1);
});

test('fix all stops when a fix leaves its own finding: nothing is applied twice', () => {
  let calls = 0;
  // A fix that never clears its finding (an analysis that always reports the first line).
  const analyze = (text: string): Finding[] => {
    calls++;
    return [finding(0, { edits: [{ span: { offset: 0, length: 0 }, newText: 'deny\n' }] })].map((f) => ({ ...f, ruleSpan: { offset: text.indexOf('allow'), length: 5 } }));
  };
  const out = fixAllText('allow\n', analyze);
  assert.equal(out.text, 'deny\nallow\n');
  assert.equal(out.applied, 1);
  assert.equal(calls, 2);
});

test('fix all converges on a file whose fixes uncover further findings', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const analyze = (t: string) => analyzeText({ uri: 'rules.v4', text: t }).findings;
  const out = fixAllText(text, analyze);
  assert.deepEqual(out.findings.map((f) => f.ruleId), []);
  assert.equal((out.text.match(/--dport 445 -j DROP/g) ?? []).length, (out.text.match(/-j DROP/g) ?? []).length);
  assert.equal(fixAllText(out.text, analyze).applied, 0, 'a second run changes nothing');
});

test('"Remove this rule" is preferred in a security group when no trusted sources are set, and clears it', () => {
  const text = [
    'resource "aws_security_group" "files" {',
    '  name = "files"',
    '  ingress {',
    '    from_port   = 22',
    '    to_port     = 22',
    '    protocol    = "tcp"',
    '    cidr_blocks = ["0.0.0.0/0"]',
    '  }',
    '  ingress {',
    '    from_port   = 445',
    '    to_port     = 445',
    '    protocol    = "tcp"',
    '    cidr_blocks = ["0.0.0.0/0"]',
    '  }',
    '}',
    '',
  ].join('\n');
  const [f] = analyzeText({ uri: 'main.tf', text }).findings;
  const fix = f.fixes.find((x) => x.isPreferred);
  assert.equal(fix?.kind, 'remove-rule');
  const after = applyEdits(text, fix.edits);
  assert.equal(after, text.replace(/ {2}ingress \{\n {4}from_port {3}= 445[^}]*\}\n/, ''));
  assert.deepEqual(analyzeText({ uri: 'main.tf', text: after }), { format: 'terraform', findings: [], problems: [] });
  // With trusted sources the rule is narrowed instead.
  const trusted = analyzeText({ uri: 'main.tf', text, options: { trustedSources: ['192.168.10.0/24'] } }).findings[0];
  assert.equal(trusted.fixes.find((x) => x.isPreferred)?.kind, 'restrict-source');
});

test('removing lines: a JSON array\'s last element takes the comma before it; shared lines are left alone', () => {
  const rule = (text: string, inner: string) => ({ span: { offset: text.indexOf(inner), length: inner.length } }) as AccessRule;
  const json = '[\n  { "a": 1 },\n  { "b": 2 }\n]\n';
  assert.equal(applyEdits(json, removeRuleLines(json, rule(json, '{ "b": 2 }')) ?? []), '[\n  { "a": 1 }\n]\n');
  assert.equal(applyEdits(json, removeRuleLines(json, rule(json, '{ "a": 1 }')) ?? []), '[\n  { "b": 2 }\n]\n');
  const shared = 'ports: [{ a: 1 }, { b: 2 }]\n';
  assert.equal(removeRuleLines(shared, rule(shared, '{ b: 2 }')), undefined);
  // A YAML item whose lines go on below the rule's span: deleting the span's lines would orphan them.
  const yaml = 'ports:\n  - port: 445\n    name: smb\n';
  assert.equal(removeRuleLines(yaml, rule(yaml, 'port: 445')), undefined);
  assert.equal(applyEdits(yaml, removeRuleLines(yaml, rule(yaml, 'port: 445\n    name: smb')) ?? []), 'ports:\n');
});
