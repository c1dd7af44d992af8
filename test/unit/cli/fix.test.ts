// --fix: preferred fixes are written, re-scans find nothing fixable, and clean files stay byte-identical.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/core/index';
import { fixText, shiftOffset } from '../../../src/cli/fix';
import { autoFix, selectAutoFixes } from '../../../src/core/index';
import { copyOfFixtures, FIXTURE_PROJECT, runCli, scanFolder, tempDir } from './helpers';

const FILES = ['etc/iptables/rules.v4', 'etc/iptables/clean.rules', 'scripts/firewall.sh', 'README.md'];
const snapshot = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f))]));
const fixable = (dir: string, trusted: string[] = []) =>
  scanFolder(dir, { trusted }).files.flatMap((f) => f.findings.filter((x) => autoFix(x)).map((x) => `${f.path} ${x.ruleId}`));

describe('--fix', () => {
  it('rewrites exposed rules, leaves clean files alone, and leaves nothing fixable', () => {
    const dir = copyOfFixtures();
    const before = snapshot(dir);
    assert.ok(fixable(dir).length > 0, 'the fixtures have fixable findings');
    const r = runCli(['scan', '--fix'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Applied 4 fixes\nNo findings in 3 files\n$/);
    const after = snapshot(dir);
    assert.notDeepEqual(after['etc/iptables/rules.v4'], before['etc/iptables/rules.v4']);
    assert.match(after['etc/iptables/rules.v4'].toString(), /^-A INPUT -p tcp -m tcp --dport 445 -j DROP$/m);
    assert.match(after['scripts/firewall.sh'].toString(), /^iptables -A INPUT -p udp --dport 137:138 -j DROP$/m);
    assert.ok(after['etc/iptables/clean.rules'].equals(before['etc/iptables/clean.rules']), 'clean file unchanged');
    assert.ok(after['README.md'].equals(before['README.md']));
    assert.deepEqual(fixable(dir), []);
    // A second run has nothing to do and changes no byte.
    assert.match(runCli(['scan', '--fix'], dir).stdout, /^Applied 0 fixes\n/);
    assert.deepEqual(snapshot(dir), after);
  });

  it('restricts sources to --trusted, across passes when a fix uncovers a shadowed rule', () => {
    const dir = copyOfFixtures();
    const r = runCli(['scan', '--fix', '--trusted', '192.168.10.0/24', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).summary.fixesApplied, 4);
    const v4 = readFileSync(join(dir, 'etc/iptables/rules.v4'), 'utf8');
    assert.match(v4, /^-A INPUT -s 192\.168\.10\.0\/24 -p tcp -m tcp --dport 445 -j ACCEPT$/m);
    // Rule 5 was shadowed by rule 4 and only became a finding after rule 4 was fixed.
    assert.match(v4, /^-A INPUT -s 192\.168\.10\.0\/24 -p tcp -m multiport --dports 80,443,445 -j ACCEPT$/m);
    assert.deepEqual(fixable(dir, ['192.168.10.0/24']), []);
  });

  it('keeps a byte-order mark and CRLF line ends', () => {
    const dir = tempDir('crlf');
    const file = join(dir, 'fw.rules');
    writeFileSync(file, '\uFEFF*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 445 -j ACCEPT\r\nCOMMIT\r\n');
    assert.equal(runCli(['scan', '--fix'], dir).status, 0);
    assert.equal(readFileSync(file, 'utf8'), '\uFEFF*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 445 -j DROP\r\nCOMMIT\r\n');
  });

  it('does not touch the fixture project itself', () => {
    assert.ok(readFileSync(join(FIXTURE_PROJECT, 'etc/iptables/rules.v4'), 'utf8').includes('--dport 445 -j ACCEPT'));
  });
});

describe('fix selection', () => {
  const finding = (offset: number, length: number, edits: [number, number, string][], preferred = true): Finding => ({
    ruleId: 'smb-internet-exposure',
    severity: 'error',
    message: '',
    span: { offset, length },
    ruleSpan: { offset, length },
    related: [],
    advisories: [],
    fixes: [
      { title: 'suppress', kind: 'suppress', edits: [{ span: { offset, length: 0 }, newText: '# x\n' }], needsInput: 'reason' },
      { title: 'deny', kind: 'deny', isPreferred: preferred, edits: edits.map(([o, l, t]) => ({ span: { offset: o, length: l }, newText: t })) },
    ],
    details: { format: 'iptables', services: [], source: '', place: '', ruleText: '' },
  });

  it('skips fixes needing input, non-preferred fixes and overlapping edits', () => {
    const picked = selectAutoFixes([finding(0, 5, [[2, 3, 'A']]), finding(0, 5, [[3, 2, 'B']]), finding(10, 5, [[10, 0, 'C']]), finding(20, 2, [[20, 2, 'D']], false)]);
    assert.deepEqual(picked.edits.map((e) => e.newText), ['A', 'C']);
    assert.equal(picked.count, 2);
  });

  it('maps offsets past earlier edits', () => {
    const edits = [{ span: { offset: 0, length: 0 }, newText: 'abc' }, { span: { offset: 5, length: 2 }, newText: '' }];
    assert.equal(shiftOffset(0, edits), 3);
    assert.equal(shiftOffset(10, edits), 11);
  });

  it('stops when a fixed rule is still flagged instead of fixing it again', () => {
    // An "analysis" whose finding survives its own fix (an insertion before the rule).
    const analyze = (text: string) => {
      const at = text.indexOf('RULE');
      return [finding(at, 4, [[at, 0, 'deny\n']])];
    };
    const out = fixText('RULE', analyze);
    assert.equal(out.applied, 1);
    assert.equal(out.text, 'deny\nRULE');
  });
});
