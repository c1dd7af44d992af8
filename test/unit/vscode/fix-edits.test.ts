/** "Fix all" edit selection and reason filling, on real findings from the iptables fixtures. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeText, applyEdits, autoFix, REASON_PLACEHOLDER, selectAutoFixes, type Finding } from '../../../src/core/index';
import { cleanReason, fillReason, fillTrustedSource, networkProblem } from '../../../src/vscode/fix-edits';

const fixAllEdits = (findings: readonly Finding[]) => selectAutoFixes(findings).edits;

const DIR = join(process.cwd(), 'test', 'fixtures', 'iptables');
const cases = readdirSync(DIR).filter((n) => !n.includes('.fixed.') && !n.endsWith('.md'));

test('fix-all edits are sorted, never overlap, and only come from preferred fixes that need no input', () => {
  for (const name of cases) {
    const text = readFileSync(join(DIR, name), 'utf8');
    const { findings } = analyzeText({ uri: name, text });
    const edits = fixAllEdits(findings);
    const allowed = new Set(findings.flatMap((f) => autoFix(f)?.edits ?? []));
    for (const e of edits) assert.ok(allowed.has(e), `${name}: edit from a fix that is not automatic`);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i].span.offset >= edits[i - 1].span.offset + edits[i - 1].span.length, `${name}: overlap`);
  }
});

test('fix-all removes what it can fix: re-analysing leaves no finding with an automatic fix', () => {
  const text = readFileSync(join(DIR, 'fileserver-internet.rules'), 'utf8');
  const before = analyzeText({ uri: 'fileserver-internet.rules', text }).findings;
  assert.ok(before.some(autoFix));
  const after = analyzeText({ uri: 'fileserver-internet.rules', text: applyEdits(text, fixAllEdits(before)) }).findings;
  assert.deepEqual(after.filter(autoFix), []);
});

test('a fix that would only partly apply is left out whole', () => {
  const edit = (offset: number, length: number, newText = 'x') => ({ span: { offset, length }, newText });
  const finding = (edits: ReturnType<typeof edit>[]): Finding =>
    ({ fixes: [{ title: 't', kind: 'deny', edits, isPreferred: true }] }) as unknown as Finding;
  const a = finding([edit(0, 5)]);
  const b = finding([edit(20, 2), edit(3, 4)]); // its second edit overlaps a's
  const c = finding([edit(30, 1)]);
  assert.deepEqual(fixAllEdits([a, b, c]), [edit(0, 5), edit(30, 1)]);
});

test('fixes needing input are never applied by fix-all', () => {
  const f = { fixes: [{ title: 't', kind: 'suppress', edits: [{ span: { offset: 0, length: 0 }, newText: 'x' }], isPreferred: true, needsInput: 'reason' }] } as unknown as Finding;
  assert.deepEqual(fixAllEdits([f]), []);
});

test('the reason replaces the placeholder and stays on one line', () => {
  const text = readFileSync(join(DIR, 'fileserver-internet.rules'), 'utf8');
  const finding = analyzeText({ uri: 'fileserver-internet.rules', text }).findings[0];
  const suppress = finding.fixes.find((x) => x.needsInput === 'reason');
  assert.ok(suppress);
  assert.ok(suppress.edits[0].newText.includes(REASON_PLACEHOLDER));
  const edits = fillReason(suppress.edits, '  lab only,\nisolated  upstream ');
  assert.ok(!edits[0].newText.includes(REASON_PLACEHOLDER));
  assert.match(edits[0].newText, /smb-guard-ignore smb-internet-exposure: lab only, isolated upstream\n$/);
  // The filled comment really suppresses the finding.
  const fixed = applyEdits(text, edits);
  assert.deepEqual(analyzeText({ uri: 'fileserver-internet.rules', text: fixed }).findings.filter((f) => f.ruleId === finding.ruleId), []);
  assert.equal(cleanReason('a\r\nb\u2028c'), 'a b c');
});

test('"Restrict the source" without trusted sources: the network entered replaces the placeholder, and the file stays valid', () => {
  const uri = 'file:///w/rules.v4';
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const fix = analyzeText({ uri, text }).findings[0].fixes.find((f) => f.needsInput === 'trusted-sources');
  assert.ok(fix, 'with no trusted sources the core marks the fix as needing them');
  const after = applyEdits(text, fillTrustedSource(fix.edits, ' 10.20.0.0/24 '));
  assert.match(after, /-s 10\.20\.0\.0\/24\b/);
  assert.doesNotMatch(after, /TRUSTED_SMB_SOURCES/);
  const again = analyzeText({ uri, text: after });
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.findings.filter((f) => f.ruleId === 'smb-internet-exposure'), []);
});

test('the network box accepts one address or CIDR of either family and says what is wrong otherwise', () => {
  for (const ok of ['10.20.0.0/24', '192.168.1.7', 'fd00:20::/64']) assert.equal(networkProblem(ok), undefined, ok);
  assert.match(networkProblem('') ?? '', /Enter the network/);
  assert.match(networkProblem('10.0.0.0/8, 192.168.0.0/16') ?? '', /One network at a time/);
  assert.match(networkProblem('TRUSTED_SMB_SOURCES') ?? '', /is not an IPv4 or IPv6 address/);
  assert.match(networkProblem('10.0.0.0/33') ?? '', /is not an IPv4/);
});
