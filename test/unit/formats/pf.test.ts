import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { detectFormat } from '../../../src/core/formats/registry';
import { pf } from '../../../src/core/formats/pf/index';
import type { RuleList } from '../../../src/core/model/rule';
import { at, edits, SMB } from '../helpers/format-test';


const inbound = (text: string): RuleList => pf.extract(text, 'pf.conf').lists.find((l) => l.direction === 'in')!;
const findings = (text: string) => analyzeText({ uri: 'pf.conf', text }).findings.map((f) => `${f.ruleId}@${text.slice(0, f.span.offset).split('\n').length}`);

describe('pf detection', () => {
  test('claims pf.conf and *.pf by name, rule files by content', () => {
    assert.equal(pf.detect('/etc/pf.conf', ''), true);
    assert.equal(pf.detect('/etc/pf.conf.orig', ''), true);
    assert.equal(pf.detect('rules/gateway.pf', ''), true);
    assert.equal(pf.detect('gateway-rules', 'set skip on lo0\nblock in all\n'), true);
    assert.equal(pf.detect('untitled', 'block drop in quick on em0 proto tcp to port 445\n'), true);
  });
  test('never claims other .conf files, documentation, prose or other formats', () => {
    assert.equal(pf.detect('/etc/nginx/nginx.conf', 'block in all\n'), false);
    assert.equal(pf.detect('README.md', 'pass in on em0 proto tcp to port 22\n'), false);
    assert.equal(pf.detect('notes.txt', 'Pass in the token, then block in time.\npass in the value\n'), false);
    assert.equal(pf.detect('fw.sh', 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n'), false);
    assert.equal(pf.detect('setup.sh', 'ufw allow 445/tcp\n'), false);
    assert.equal(pf.detect('rules.nft', 'table inet filter {\n chain input { type filter hook input priority 0; policy drop; }\n}\n'), false);
    assert.equal(detectFormat('/etc/pf.conf', 'block in all\n')?.id, 'pf');
  });
});

describe('pf extraction', () => {
  test('exact spans of ports, sources and the action', () => {
    const text = 'pass in quick proto tcp from 45.76.12.0/24 to any port { 139, 445 }\n';
    const [r] = inbound(text).rules;
    assert.equal(at(text, r.actionSpan), 'pass');
    assert.equal(at(text, r.sources.items[0].span), '45.76.12.0/24');
    assert.deepEqual(r.ports.items.map((i) => at(text, i.span)), ['139', '445']);
    assert.equal(at(text, r.ports.span!), '{ 139, 445 }');
    assert.equal(at(text, r.protocolSpan!), 'tcp');
    assert.equal(r.label, 'rule 1 (line 1)');
  });
  test('last match wins, quick stops: quick rules first, then plain rules in reverse', () => {
    const text = 'pass in proto tcp to port 22\nblock in quick proto tcp to port 445\npass in proto tcp to port 139\n';
    assert.deepEqual(inbound(text).rules.map((r) => r.label), ['rule 2 (line 2)', 'rule 3 (line 3)', 'rule 1 (line 1)']);
  });
  test('a plain "block in all" is the default; plain rules before it never decide', () => {
    const l = inbound('pass in proto tcp to port 445\nblock in all\npass in proto tcp to port 22\n');
    assert.equal(l.policy, 'deny');
    assert.equal(l.policyText, 'catch-all block (line 2)');
    assert.deepEqual(l.rules.map((r) => r.label), ['rule 3 (line 3)']);
    assert.equal(inbound('block in on em0 all\n').policy, 'allow', 'a block tied to an interface is no default');
  });
  test('findings follow pf semantics', () => {
    assert.deepEqual(findings('block in all\npass in proto tcp to port 445\n'), ['smb-internet-exposure@2']);
    assert.deepEqual(findings('pass in proto tcp to port 445\nblock in all\n'), []);
    assert.deepEqual(findings('block in all\npass in proto tcp to port 445\nblock in quick proto tcp to port 445\n'), []);
    assert.deepEqual(findings('block in all\npass in quick proto tcp to port 445\nblock in proto tcp to port 445\n'), ['smb-internet-exposure@2']);
    assert.deepEqual(findings('block in all\npass in proto tcp to port 445\nblock in on em0 proto tcp to port 445\n'), ['smb-internet-exposure@2']);
  });
  test('directions: no direction means both lists', () => {
    const m = pf.extract('pass proto tcp to port 445\npass out proto tcp to port 139\n', 'pf.conf');
    assert.equal(m.lists.find((l) => l.direction === 'in')!.rules.length, 1);
    assert.equal(m.lists.find((l) => l.direction === 'out')!.rules.length, 2);
  });
  test('port operators and ranges', () => {
    const ports = (spec: string) => inbound(`pass in proto tcp to port ${spec}\n`).rules[0].ports.ranges;
    assert.deepEqual(ports('137:139'), [[137, 139]]);
    assert.deepEqual(ports('137 >< 139'), [[138, 138]]);
    assert.deepEqual(ports('137 <> 139'), [[0, 136], [140, 65535]]);
    assert.deepEqual(ports('= 445'), [[445, 445]]);
    assert.deepEqual(ports('!= 445'), [[0, 444], [446, 65535]]);
    assert.deepEqual(ports('< 140'), [[0, 139]]);
    assert.deepEqual(ports('>= 1024'), [[1024, 65535]]);
    assert.deepEqual(ports('{ microsoft-ds netbios-ssn }'), [[139, 139], [445, 445]]);
    assert.equal(ports('$undefined'), 'unknown');
  });
  test('macros and tables expand; file tables and undefined ones are unknown', () => {
    const text = [
      'smb = "{ 139 445 }"',
      'lan = "192.168.5.0/24"',
      'table <trusted> { 10.1.0.0/24 192.168.5.0/24 }',
      'table <bad> persist file "/etc/pf.bad"',
      'pass in proto tcp from <trusted> to port $smb',
      'pass in proto tcp from $lan to port $smb',
      'pass in proto tcp from <bad> to port 445',
      'pass in proto tcp from <nowhere> to port 445',
      '',
    ].join('\n');
    const rules = inbound(text).rules.reverse();
    assert.deepEqual(rules[0].sources.items.map((i) => i.text), ['10.1.0.0/24', '192.168.5.0/24']);
    assert.deepEqual(rules[0].ports.ranges, [[139, 139], [445, 445]]);
    assert.equal(at(text, rules[0].ports.span!), '$smb');
    assert.deepEqual(rules[1].sources.items[0].value, { kind: 'cidr', cidr: '192.168.5.0/24' });
    assert.equal(rules[2].sources.items[0].value.kind, 'unknown');
    assert.equal(rules[3].sources.items[0].value.kind, 'unknown');
  });
  test('negation, interfaces, lo0 and address families', () => {
    const text = 'pass in on lo0 all\npass in on em0 from ! 10.0.0.0/8 to port 445\npass in inet6 proto tcp to port 445\n';
    const [af, neg, lo] = inbound(text).rules;
    assert.equal(lo.sources.items[0].value.kind, 'loopback');
    assert.equal(lo.conditional, false);
    assert.equal(neg.sources.negated, true);
    assert.equal(neg.conditional, false, 'an interface is scope, not a condition');
    assert.deepEqual(neg.scope?.in?.items.map((i) => i.name), ['em0']);
    assert.deepEqual(af.sources.items[0].value, { kind: 'cidr', cidr: '::/0' });
  });
  test('conditions are named as written', () => {
    const [r] = inbound('pass in proto tcp from any port 25 to any port 445 user www tagged VPN\n').rules;
    assert.equal(r.conditional, true);
    assert.deepEqual(r.conditions, ['from port 25', 'user www', 'tagged VPN']);
    assert.equal(inbound('pass in on em0 proto tcp to port 445\n').rules[0].conditions, undefined);
  });
  test('line continuations, CRLF, comments and skipped statements', () => {
    const text = 'set skip on lo0\r\nscrub in all\r\nantispoof quick for em0\r\npass in proto tcp \\\r\n  to port 445 # smb\r\n';
    const m = pf.extract(text, 'pf.conf');
    assert.deepEqual(m.problems, []);
    const [r] = m.lists[0].rules;
    assert.equal(at(text, r.ports.span!), '445');
  });
  test('a quoted macro continued with a backslash joins the next line, CRLF too; an open quote ends at its line', () => {
    const text = 'smb = "{ 139 \\\r\n  445 }"\r\npass in proto tcp to port $smb\r\n';
    const m = pf.extract(text, 'pf.conf');
    assert.deepEqual(m.problems, []);
    assert.deepEqual(m.lists[0].rules[0].ports.ranges, [[139, 139], [445, 445]]);
    const open = pf.extract('x = "{ 139\npass in proto tcp to port 445\n', 'pf.conf');
    assert.equal(open.lists[0].rules.length, 1, 'an unclosed quote does not swallow the next rule');
  });
  test('tolerates garbage, truncation and empty input', () => {
    for (const t of ['', 'pass', 'pass in proto', 'pass in proto tcp to port {', 'table <', 'x = "', '{{{{', '}}}} pass', 'block return-icmp(', '$']) {
      assert.doesNotThrow(() => pf.extract(t, 'pf.conf'), t);
    }
    const m = pf.extract('pass in proto tcp to port\npass in proto tcp to port 445\nfoo bar\n', 'pf.conf');
    assert.equal(m.problems.length, 2);
    assert.equal(m.lists[0].rules.length, 1, 'the complete rule still counts');
    const unclosed = pf.extract('pass in proto tcp to port { 139\npass in proto tcp to port 445\n', 'pf.conf');
    assert.equal(unclosed.lists[0].rules.length, 1, 'an unclosed brace does not swallow the next rule');
  });
});

const outbound = (text: string): RuleList => pf.extract(text, 'pf.conf').lists.find((l) => l.direction === 'out')!;

describe('pf interfaces', () => {
  test('"on IF" is the in scope of inbound rules and the out scope of outbound ones; no direction means both', () => {
    const text = 'pass in on em1 proto tcp to port 445\npass out on em0 proto tcp to port 445\npass on em2 proto tcp to port 445\n';
    const [both, into] = inbound(text).rules;
    assert.deepEqual(into.scope, { in: { items: [{ name: 'em1', span: into.scope!.in!.items[0].span }], negated: false, span: into.scope!.in!.span } });
    assert.equal(at(text, into.scope!.in!.span!), 'on em1');
    assert.equal(into.conditional, false);
    assert.deepEqual(both.scope?.in?.items.map((i) => i.name), ['em2']);
    const out = outbound(text).rules;
    assert.deepEqual(out.map((r) => [r.scope?.in, r.scope?.out?.items.map((i) => i.name)]), [[undefined, ['em2']], [undefined, ['em0']]]);
  });
  test('macros, lists, negation, groups, any, rdomain and undefined macros', () => {
    const scope = (on: string, defs = '') => inbound(`${defs}pass in ${on} proto tcp to port 445\n`).rules[0].scope?.in;
    const lan = 'lan_if = "em1"\nifs = "{ em1 vio0 }"\n';
    const viaMacro = scope('on $lan_if', lan)!;
    assert.deepEqual(viaMacro.items.map((i) => i.name), ['em1']);
    assert.equal(at(`${lan}pass in on $lan_if`, viaMacro.items[0].span), '$lan_if');
    assert.deepEqual(scope('on $ifs', lan)!.items.map((i) => i.name), ['em1', 'vio0']);
    assert.deepEqual(scope('on { em1, em2 }')!.items.map((i) => i.name), ['em1', 'em2']);
    assert.deepEqual([scope('on ! em0')!.negated, scope('on ! em0')!.items.map((i) => i.name)], [true, ['em0']]);
    assert.deepEqual(scope('on egress')!.items.map((i) => i.name), ['egress']);
    assert.deepEqual(scope('on any'), { items: [{ name: 'lo', span: scope('on any')!.items[0].span }], negated: true, span: scope('on any')!.span });
    assert.equal(scope('on rdomain 1')!.unknown, true);
    assert.equal(scope('on $nowhere')!.unknown, true);
    assert.equal(scope('on { em0 !em1 }')!.unknown, true);
    assert.equal(scope('from (em0:network)'), undefined, '"(if:network)" stays an address');
  });
  test('evidence: egress, nat-to and nat on out of an interface, macros named like WAN or LAN', () => {
    const text = [
      'ext_if = "em0"',
      'lan_if = "em1"',
      'uplink = "pppoe0"',
      'match out on $uplink inet from $lan_if:network nat-to ($uplink)',
      'nat on vio1 from 10.9.0.0/24 to any -> (vio1)',
      'pass in on egress proto tcp to port 22',
      'pass in quick on $lan_if',
      'pass in on $ext_if proto tcp to port 80',
      'pass in on ! $ext_if proto tcp to port 8080',
      '',
    ].join('\n');
    const m = pf.extract(text, 'pf.conf');
    assert.deepEqual(m.problems, []);
    assert.deepEqual(m.interfaces?.map((e) => [e.name, e.class, e.reason, at(text, e.span!)]), [
      ['pppoe0', 'internet', 'named by $uplink', '$uplink'],
      ['pppoe0', 'internet', 'the interface this file NATs out of (nat-to)', '$uplink'],
      ['vio1', 'internet', 'the interface this file NATs out of (nat on)', 'vio1'],
      ['egress', 'internet', "pf's egress group, the interfaces that hold the default route", 'egress'],
      ['em1', 'internal', 'named by $lan_if', '$lan_if'],
      ['em0', 'internet', 'named by $ext_if', '$ext_if'],
    ]);
    assert.equal(pf.extract('pass in on em0 all\n', 'pf.conf').interfaces, undefined);
    const groups = pf.extract('pass in on { trusted_lan wan_uplink wg } inet\n', 'pf.conf').interfaces;
    assert.deepEqual(groups?.map((e) => [e.name, e.class, e.reason]), [
      ['trusted_lan', 'internal', 'an interface group whose name says it is internal'],
      ['wan_uplink', 'internet', 'an interface group whose name says it is internet-facing'],
    ]);
  });
});

describe('pf fixes', () => {
  test('restrictSource writes a literal list, inserting "from" where there is none', () => {
    const text = 'block in all\npass in proto tcp to port 445\npass in proto tcp from any to port 139\npass in all\n';
    const l = inbound(text);
    const out = (i: number) => applyEdits(text, edits(pf.fixes.restrictSource?.(text, l.rules[i], l, ['10.1.0.0/24', '10.2.0.0/24'])));
    assert.equal(out(0).split('\n')[3], 'pass in from { 10.1.0.0/24 10.2.0.0/24 } to any');
    assert.equal(out(1).split('\n')[2], 'pass in proto tcp from { 10.1.0.0/24 10.2.0.0/24 } to port 139');
    assert.equal(out(2).split('\n')[1], 'pass in proto tcp from { 10.1.0.0/24 10.2.0.0/24 } to port 445');
  });
  test('removeServices trims port lists and ranges', () => {
    const text = 'pass in proto tcp to port { 22 139 445 }\npass in proto tcp to port 100:500\npass in proto tcp to port 445\n';
    const rules = inbound(text).rules;
    const l = inbound(text);
    assert.equal(applyEdits(text, edits(pf.fixes.removeServices?.(text, rules[2], l, SMB))).split('\n')[0], 'pass in proto tcp to port 22');
    assert.equal(applyEdits(text, edits(pf.fixes.removeServices?.(text, rules[1], l, SMB))).split('\n')[1], 'pass in proto tcp to port { 100:138 140:444 446:500 }');
    assert.equal(pf.fixes.removeServices?.(text, rules[0], l, SMB), undefined);
  });
  test('deny turns pass into block and drops state options pfctl refuses on block', () => {
    const text = 'pass in on em0 proto tcp to port 445 flags S/SA keep state (max 100) label "smb"\n';
    const l = inbound(text);
    assert.equal(applyEdits(text, edits(pf.fixes.deny?.(text, l.rules[0], l))), 'block in on em0 proto tcp to port 445 flags S/SA label "smb"\n');
    const rdr = 'pass in proto tcp to port 445 rdr-to 10.0.0.5\n';
    assert.equal(pf.fixes.deny?.(rdr, inbound(rdr).rules[0], inbound(rdr)), undefined);
  });
  test('insertDenyBefore: a quick block before a quick pass; a plain block after a plain pass', () => {
    const quick = '  pass in quick proto tcp from any to port 445\n';
    const lq = inbound(quick);
    assert.equal(applyEdits(quick, edits(pf.fixes.insertDenyBefore?.(quick, lq.rules[0], lq, SMB))), '  block in quick proto tcp from any to any port { 139 445 }\n  pass in quick proto tcp from any to port 445\n');
    const plain = 'block in all\npass in inet proto tcp from 45.76.12.0/24 to port 445 \\\n  keep state\npass in proto tcp from 10.0.0.0/24 to port 445';
    const lp = inbound(plain);
    const out = applyEdits(plain, edits(pf.fixes.insertDenyBefore?.(plain, lp.rules[1], lp, SMB)));
    assert.equal(out, `${plain.replace('keep state\n', 'keep state\nblock in inet proto tcp from 45.76.12.0/24 to any port { 139 445 }\n')}`);
    assert.deepEqual(findings(out), []);
  });
  test('insertDenyBefore copies the rule\'s "on" part as written, so the block applies where the pass does', () => {
    const text = 'lan_if = "em1"\nblock in all\npass in quick on $lan_if proto tcp to port 445\npass in on { em2, em3 } inet proto tcp from any to port 139\npass on egress proto tcp to port 445\n';
    const l = inbound(text);
    const q = applyEdits(text, edits(pf.fixes.insertDenyBefore?.(text, l.rules[0], l, SMB)));
    assert.equal(q.split('\n')[2], 'block in quick on $lan_if proto tcp from any to any port { 139 445 }');
    const p = applyEdits(text, edits(pf.fixes.insertDenyBefore?.(text, l.rules[2], l, SMB)));
    assert.equal(p.split('\n')[4], 'block in on { em2, em3 } inet proto tcp from any to any port { 139 445 }');
    const o = outbound(text);
    const out = applyEdits(text, edits(pf.fixes.insertDenyBefore?.(text, o.rules[0], o, SMB)));
    assert.equal(out.split('\n')[5], 'block out on egress proto tcp from any to any port { 139 445 }');
    const commented = 'pass in on { em2 # office\n em3 } proto tcp to port 445\n';
    assert.equal(pf.fixes.insertDenyBefore?.(commented, inbound(commented).rules[0], inbound(commented), SMB), undefined);
  });
  test('appendDeny puts a plain block before the first filter rule, where later passes still override it', () => {
    const text = 'ext_if = "em0"\r\nset skip on lo0\r\npass in quick proto tcp to port 22\r\n';
    const l = inbound(text);
    const out = applyEdits(text, edits(pf.fixes.appendDeny?.(text, l, SMB)));
    assert.equal(out, 'ext_if = "em0"\r\nset skip on lo0\r\nblock in proto tcp from any to any port { 139 445 }\r\nblock in proto udp from any to any port { 137 138 }\r\npass in quick proto tcp to port 22\r\n');
    assert.deepEqual(findings(out), []);
  });
});
