/** Grades that follow the source and the list: a few public hosts, cloud tags by name, lists applied nowhere,
 *  the conditions a rule carries. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessRule } from '../../../src/core/model/rule';
import { analyzeModel } from '../../../src/core/analysis/analyze';
import { resolveOptions } from '../../../src/core/analysis/options';
import { build, grades, run, STUB, type L } from './model-builder';

const input = (...rules: L['rules']): L[] => [{ id: 'INPUT', policy: 'deny', rules }];

test('a few public hosts are a warning; wide public ranges and anywhere stay errors', () => {
  const [host] = run(input({ src: '45.33.32.7/32' }));
  assert.equal(host.severity, 'warning');
  assert.match(host.message, /accepted from the public host\(s\) 45\.33\.32\.7\/32 by this rule/);
  assert.deepEqual(grades(input({ src: '45.33.32.0/24' })), ['smb-internet-exposure@warning']);
  assert.deepEqual(grades(input({ src: '45.33.32.0/23' })), ['smb-internet-exposure@error']);
  assert.deepEqual(grades(input({ src: '0.0.0.0/0' })), ['smb-internet-exposure@error']);
  // The threshold is a setting; on an unknown interface the grade drops once more.
  assert.deepEqual(grades(input({ src: '45.33.32.0/23' }), { publicHostPrefixV4: 22 }), ['smb-internet-exposure@warning']);
  assert.deepEqual(grades(input({ src: '45.33.32.0/24' }), { publicHostPrefixV4: 28 }), ['smb-internet-exposure@error']);
  assert.deepEqual(grades(input({ src: '45.33.32.7/32', in: 'eth1' })), ['smb-internet-exposure@info']);
});

test('cloud tags are named as written, not as their CIDRs', () => {
  const { text, model } = build(input({}));
  const rule = model.lists[0].rules[0] as AccessRule;
  rule.sources = { items: [{ text: 'VirtualNetwork', span: rule.span, value: { kind: 'private' } }], negated: false };
  const [f] = analyzeModel(text, model, STUB, resolveOptions({ broadPrefixV4: 16 }));
  assert.equal(f.ruleId, 'smb-broad-private-exposure');
  assert.match(f.message, /broad private range VirtualNetwork by this rule/);
  assert.equal(f.details.source, 'VirtualNetwork');
});

test('a list applied nowhere reports at information level and says so', () => {
  const lists: L[] = [{ id: 'OUTSIDE_IN', policy: 'deny', unapplied: true, rules: [{}] }];
  const [f] = run(lists);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /OUTSIDE_IN is applied to no interface: this is latent/);
});

test('messages name the conditions a rule carries', () => {
  const { text, model } = build(input({ conditional: true }));
  model.lists[0].rules[0].conditions = ['--sport 25'];
  const [f] = analyzeModel(text, model, STUB, resolveOptions({}));
  assert.match(f.message, /by this rule \(only with --sport 25\);/);
});

test('an accept shadowed only by an earlier accept is latent: one level lower, pointing at the accept', () => {
  const { text, model } = build(input({}, {}));
  const findings = analyzeModel(text, model, STUB, resolveOptions({}));
  assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.severity}`), ['smb-internet-exposure@error', 'smb-internet-exposure@warning']);
  const latent = findings[1];
  assert.match(latent.message, /Today INPUT rule 1 accepts this traffic first: this rule exposes it as soon as that one goes\./);
  const first = model.lists[0].rules[0].span;
  assert.ok(latent.related.some((r) => r.span.offset === first.offset && /INPUT rule 1 accepts this traffic first/.test(r.message)));
  // A deny between them decides the traffic once the first accept goes: nothing latent.
  assert.deepEqual(grades(input({}, { action: 'deny' }, {})), ['smb-internet-exposure@error']);
  // Partly shadowed: the open part is the finding, at full grade.
  assert.deepEqual(grades(input({ src: '45.0.0.0/8' }, {})), ['smb-internet-exposure@error', 'smb-internet-exposure@error']);
  // Allow-only lists report every allow anyway.
  assert.deepEqual(grades([{ id: 'SG', policy: 'deny', independentAllows: true, rules: [{}, {}] }]), ['smb-internet-exposure@error', 'smb-internet-exposure@error']);
});
