/** iptables specifics the fixtures do not pin down: how a save line splits into words, and fixes on rules
 *  whose parsed words were dropped after extraction. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractIptables, hasTableLine, SAVE_TABLE_LINE } from '../../../src/core/formats/iptables/extract';
import { lexSaveLine } from '../../../src/core/formats/iptables/lexer';
import { applyEdits, analyzeText } from '../../../src/core/index';
import type { AccessRule } from '../../../src/core/model/rule';
import type { Span } from '../../../src/core/types';

const at = (text: string, s: Span | undefined) => (s ? text.slice(s.offset, s.offset + s.length) : undefined);

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

describe('where iptables rules apply (issue 13)', () => {
  const model = (text: string, uri = 'rules.v4') => extractIptables(text, uri);
  const input = (text: string, uri?: string) => model(text, uri).lists.find((l) => l.name === 'INPUT')?.rules ?? [];
  const scopeText = (text: string, r: AccessRule) =>
    (['in', 'out'] as const).map((side) => {
      const m = r.scope?.[side];
      return m && [side, m.negated, m.unknown ?? false, at(text, m.span), m.items.map((i) => `${i.name}${i.prefix ? '+' : ''}@${at(text, i.span)}`).join()];
    });

  test('-i and -o are the scope, with + wildcards and !, not conditions: in save lines and in scripts', () => {
    const save = '*filter\n:INPUT DROP [0:0]\n-A INPUT -i br+ -j ACCEPT\n-A INPUT ! -i eth0 -o ppp0 -p tcp --dport 445 -j ACCEPT\n-A INPUT -p tcp --sport 25 --dport 445 -j ACCEPT\nCOMMIT\n';
    const rules = input(save);
    assert.deepEqual(rules.map((r) => r.conditional), [false, false, true]);
    assert.deepEqual(scopeText(save, rules[0]), [['in', false, false, '-i br+', 'br+@br+'], undefined]);
    assert.deepEqual(scopeText(save, rules[1]), [['in', true, false, '! -i eth0', 'eth0@eth0'], ['out', false, false, '-o ppp0', 'ppp0@ppp0']]);
    assert.deepEqual(rules[2].conditions, ['--sport 25']);
    const script = 'LAN_IF=br0\niptables -A INPUT -i "$LAN_IF" -j ACCEPT\niptables -A INPUT -i $UNSET -j ACCEPT\n';
    const [lan, unset] = input(script, 'fw.sh');
    assert.deepEqual(scopeText(script, lan), [['in', false, false, '-i "$LAN_IF"', 'br0@"$LAN_IF"'], undefined]);
    assert.equal(unset.scope?.in?.unknown, true);
    assert.equal(unset.conditional, false);
  });

  test('conditions are named as written: a module with its options, a stray word with its option', () => {
    const save = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m mark --mark 0x1 -p tcp --dport 445 -j ACCEPT\n-A INPUT -p tcp --tcp-flags SYN,ACK SYN -m conntrack --ctstate INVALID -j ACCEPT\nCOMMIT\n';
    assert.deepEqual(input(save).map((r) => r.conditions), [['-m mark --mark 0x1'], ['--tcp-flags SYN,ACK SYN', '--ctstate INVALID']]);
  });

  test('-f matches only second and further fragments: it neither admits nor shadows SMB; ! -f is no condition', () => {
    const save = '*filter\n:INPUT DROP [0:0]\n-A INPUT -f -j ACCEPT\n-A INPUT ! -f -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
    const rules = input(save);
    assert.deepEqual(rules.map((r) => [r.establishedOnly, r.conditional]), [[true, false], [false, false], [false, false]]);
    const f = analyzeText({ uri: 'rules.v4', text: save }).findings;
    assert.deepEqual(f.map((x) => [x.ruleId, at(save, x.span)]), [['smb-internet-exposure', '--dport 445']]);
  });

  test('evidence: MASQUERADE/SNAT out of an interface, DNAT on one, a default route, variables named WAN or LAN', () => {
    const save = '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -s 10.0.0.0/8 -o ppp0 -j MASQUERADE\n-A POSTROUTING -o eth2 -j SNAT --to-source 198.51.100.7\n-A POSTROUTING ! -o docker0 -j MASQUERADE\n-A PREROUTING -i eth3 -p tcp --dport 80 -j DNAT --to-destination 10.0.0.5\nCOMMIT\n';
    assert.deepEqual(model(save).interfaces?.map((e) => [e.name, e.class, e.reason, at(save, e.span)]), [
      ['ppp0', 'internet', 'the interface this file masquerades out of', 'ppp0'],
      ['eth2', 'internet', 'the interface this file source-NATs out of', 'eth2'],
      ['eth3', 'internet', 'the interface this file forwards ports from (DNAT)', 'eth3'],
    ]);
    const script = 'EXT_IF=enp1s0\nINTIF=enp2s0\nip route add default via 198.51.100.1 dev enp9s0\niptables -A INPUT -i $EXT_IF -j DROP\niptables -A INPUT -i ${INTIF} -j ACCEPT\niptables -t nat -A POSTROUTING -o $EXT_IF -j MASQUERADE\n';
    assert.deepEqual(model(script, 'fw.sh').interfaces?.map((e) => [e.name, e.class, e.reason]), [
      ['enp9s0', 'internet', "the interface this file's default route leaves by"],
      ['enp1s0', 'internet', 'named by $EXT_IF'],
      ['enp2s0', 'internal', 'named by $INTIF'],
      ['enp1s0', 'internet', 'the interface this file masquerades out of'],
    ]);
  });

  test('MASQUERADE in a chain POSTROUTING jumps to with -o (OpenWrt fw3) is evidence for that interface', () => {
    const save = '*nat\n:POSTROUTING ACCEPT [0:0]\n:zone_wan_postrouting - [0:0]\n-A POSTROUTING -o eth0.2 -m comment --comment "!fw3" -j zone_wan_postrouting\n-A zone_wan_postrouting -m comment --comment "!fw3" -j MASQUERADE\nCOMMIT\n';
    assert.deepEqual(model(save).interfaces?.map((e) => [e.name, e.class, e.reason, at(save, e.span)]), [['eth0.2', 'internet', 'the interface this file masquerades out of', 'eth0.2']]);
  });

  test('--ctstate DNAT admits what the DNAT and REDIRECT rules forward, wherever they are written; nothing without them', () => {
    const filter = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack --ctstate DNAT -j ACCEPT\nCOMMIT\n';
    const nat = '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i eth0 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.5:80\n-A PREROUTING -i eth0 -p tcp -m multiport --dports 139,445 -j REDIRECT\nCOMMIT\n';
    const [alone] = input(filter);
    assert.equal(alone.action, 'log');
    for (const text of [nat + filter, filter + nat]) {
      const [r] = input(text);
      assert.deepEqual([r.action, r.protocol, r.ports.ranges, r.conditional], ['allow', 'tcp', [[139, 139], [445, 445], [8080, 8080]], false]);
    }
    assert.deepEqual(analyzeText({ uri: 'rules.v4', text: filter }).findings, []);
  });

  test('an inserted deny copies the arrival interface, so it clears the finding it was made for', () => {
    const save = '*filter\n:INPUT DROP [0:0]\n-A INPUT -i eth1 -p tcp --dport 445 -j ACCEPT\n-A INPUT -i eth2 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n';
    const [finding] = analyzeText({ uri: 'rules.v4', text: save }).findings;
    const insert = finding.fixes.find((x) => x.kind === 'insert-deny' && /before/.test(x.title));
    assert.ok(insert);
    const fixed = applyEdits(save, insert.edits);
    assert.match(fixed, /^-A INPUT -i eth1 -p tcp -m tcp --dport 445 -j DROP$/m);
    assert.deepEqual(analyzeText({ uri: 'rules.v4', text: fixed }).findings, []);
  });
});

describe('iptables: save file or script', () => {
  test('the table-line search finds what the table-line pattern finds', () => {
    const cases = ['*filter', '  *nat\n', 'x\n\t*mangle \r\n-A INPUT', '# *filter', 'x *filter', '*filterx', '*filter x', '**filter', '* filter',
      'a\r*raw', 'a\u2028*security', '*nat\u2028y', 'echo "*"\n*filter', 'a * b * c', '', '*', '\n\n*', '*FILTER', '  \t  *filter\t\r'];
    for (const c of cases) assert.equal(hasTableLine(c), SAVE_TABLE_LINE.test(c), JSON.stringify(c));
  });

  test('save output is known by its head; a script that feeds a restore a here-document is read as a script', () => {
    const ports = (text: string) => analyzeText({ uri: 'firewall', text, formatId: 'iptables' }).findings.map((f) => text.slice(f.ruleSpan.offset, f.ruleSpan.offset + f.ruleSpan.length));
    const save = '# Generated by iptables-save v1.8.9\n\n*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
    assert.deepEqual(ports(save), ['-A INPUT -p tcp --dport 445 -j ACCEPT']);
    // The first table line is a file written for later, not what is loaded: only the restore's rules count.
    const script = "cat > /tmp/spare.rules <<'EOF'\n*filter\n-A INPUT -p tcp --dport 139 -j ACCEPT\nCOMMIT\nEOF\niptables-restore <<'EOF'\n*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\nEOF\n";
    assert.deepEqual(ports(script), ['-A INPUT -p tcp --dport 445 -j ACCEPT']);
  });
});
