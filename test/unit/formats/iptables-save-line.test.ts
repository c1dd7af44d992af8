/** The fast iptables-save line reader against the general parser: on every line it reads, both must build the
 *  same rule; lines it does not know it must leave alone. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addressSet } from '../../../src/core/analysis/addresses';
import { generalSaveRule } from '../../../src/core/formats/iptables/extract';
import { SaveLineReader } from '../../../src/core/formats/iptables/save-line';
import type { AccessRule, AddressMatch } from '../../../src/core/model/rule';
import { analyzeText } from '../../../src/core/index';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'iptables');

/** Everything a rule shows the engine, the rules and the fix writers, getters included. */
function view(r: AccessRule, family: 4 | 6) {
  const address = (m: AddressMatch) => ({
    items: m.items.map((i) => ({ text: i.text, span: i.span, value: i.value })),
    negated: m.negated,
    span: m.span,
    set: addressSet(m, family === 4 ? 'ipv4' : 'ipv6')?.describe(50),
  });
  return {
    action: r.action, target: r.target, protocol: r.protocol, conditional: r.conditional, establishedOnly: r.establishedOnly,
    span: r.span, actionSpan: r.actionSpan, protocolSpan: r.protocolSpan, text: r.text, label: r.label, native: r.native,
    ports: { ranges: r.ports.ranges, negated: r.ports.negated, span: r.ports.span, items: r.ports.items.map((i) => ({ range: i.range, text: i.text, span: i.span })) },
    sources: address(r.sources),
    destinations: address(r.destinations),
    scope: r.scope, conditions: r.conditions,
  };
}

interface Tally {
  fast: number;
  general: number;
}

/** Compares the two readers on every "-A" line of `text`; returns how many lines each took. */
function compareLines(text: string, family: 4 | 6, where: string): Tally {
  const reader = new SaveLineReader(text, family);
  const tally = { fast: 0, general: 0 };
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, end);
    const fast = reader.read(pos, end);
    if (fast) {
      tally.fast++;
      const general = generalSaveRule(text, pos, end, family);
      assert.deepEqual(general.problems, [], `${where}: the fast reader took a line with problems: ${line}`);
      assert.ok(general.rule, `${where}: the general parser finds no rule in ${line}`);
      assert.deepEqual(view(fast, family), view(general.rule, family), `${where}: ${line}`);
      assert.equal(reader.chain, line.trim().split(/\s+/)[1], `${where}: chain of ${line}`);
    } else if (/^\s*-A\s/.test(line)) tally.general++;
    pos = nl < 0 ? text.length : nl + 1;
  }
  return tally;
}

/** A deterministic generator in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Match fragments, common and odd: the reader must either agree on each or leave the line alone. */
const FRAGMENTS = [
  '-s 10.0.0.0/8', '-s 81.2.69.160/27', '! -s 192.168.1.0/24', '-s 0.0.0.0/0', '-s 300.1.1.1', '-s 10.0.0.0/33', '-s fileserver.lan',
  '-s 10.0.0.0/255.0.0.0', '-s 10.1.1.1,10.2.2.2', '-s ! 10.0.0.1', '-d 192.168.1.10/32', '! -d 10.0.0.0/8', '--src 10.0.0.0/8',
  '--source 172.16.0.0/12', '-s 2001:db8::/32', '-s fe80::1', '-m iprange --src-range 10.0.0.1-10.0.0.9',
  '-p tcp', '-p udp', '! -p tcp', '-p TCP', '-p 6', '-p icmp', '-p all', '--protocol udp',
  '-m tcp --dport 445', '-m udp --dport 137:138', '! --dport 445', '--dport 139:', '--dport :1024', '--dport microsoft-ds',
  '--dport bogus', '--dport 70000', '-m multiport --dports 139,445', '-m multiport --dports 80,135:139,445',
  '-m multiport ! --dports 445', '--sport 1024:65535', '-m multiport --sports 137,138',
  '-i eth0', '-i lo', '! -i lo', '-o eth1', '! -o eth1', '--in-interface wg0', '-i br+', '-o lo', '! -o lo', '--out-interface ppp0',
  '-f', '! -f', '-m mark --mark 0x1', '-m mark ! --mark 0x1/0xff', '-i eth0 -i eth1',
  '-m conntrack --ctstate NEW', '-m conntrack --ctstate RELATED,ESTABLISHED', '-m state --state ESTABLISHED',
  '-m conntrack ! --ctstate NEW', '-m state --state INVALID', '--ctstate NEW,ESTABLISHED',
  '-m comment --comment "smb for the lab"', '-m comment --comment plain', '-m comment --comment "-x"', '-m comment --comment "!"',
  '-m comment --comment "say \\"hi\\""', '-m comment --comment "!fw3"', '-m comment --comment "!fw3: Allow-SMB"', '-m comment --comment "!\\"x"',
  '-m conntrack --ctstate DNAT', '-m conntrack ! --ctstate DNAT', '-m recent --set', '-m limit --limit 5/min', '-m set --match-set blocked src',
  '! -m tcp --dport 139', '-m comment ! --comment "x"', '-m addrtype --dst-type LOCAL', '--tcp-flags SYN,ACK SYN', '--syn', '-t nat', '!', 'stray',
];
const TARGETS = [
  '-j ACCEPT', '-j DROP', '-j REJECT --reject-with icmp-port-unreachable', '-j REJECT --reject-with tcp-reset', '-j RETURN',
  '-j LOG --log-prefix "smb " --log-level 4', '-j BLOCKLIST', '-g SMB_CHECK', '-j', '-j "ACCEPT"', '! -j DROP', '-j MARK --set-mark 1',
  '',
];

function generatedLines(r: () => number, count: number): string {
  const lines = ['*filter', ':INPUT DROP [0:0]'];
  for (let i = 0; i < count; i++) {
    const parts = ['-A', r() < 0.8 ? 'INPUT' : 'SMB_CHECK'];
    const n = Math.floor(r() * 4);
    for (let k = 0; k < n; k++) parts.push(FRAGMENTS[Math.floor(r() * FRAGMENTS.length)]);
    parts.push(TARGETS[Math.floor(r() * TARGETS.length)]);
    lines.push(parts.join(r() < 0.1 ? ' \t ' : ' ') + (r() < 0.1 ? '\r' : r() < 0.1 ? '  ' : ''));
  }
  return `${lines.join('\n')}\nCOMMIT\n`;
}

test('the fast reader builds the same rule as the general parser on every fixture line it reads', () => {
  const total: Tally = { fast: 0, general: 0 };
  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.rules'))) {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const t = compareLines(text, /ip6|v6/.test(name) ? 6 : 4, name);
    total.fast += t.fast;
    total.general += t.general;
  }
  // The fixtures are ordinary iptables-save output: the reader must take nearly all of it.
  assert.ok(total.fast >= 40 && total.general <= total.fast / 4, JSON.stringify(total));
});

test('the fast reader agrees with the general parser on generated lines, odd ones included, in both families', () => {
  for (const family of [4, 6] as const) {
    const t = compareLines(generatedLines(rng(445 + family), 4000), family, `generated v${family}`);
    // Odd fragments send many lines to the general parser; plenty must still go the fast way.
    assert.ok(t.fast > 400 && t.general > 400, `v${family}: ${JSON.stringify(t)}`);
  }
});

test('ordinary iptables-save lines take the fast way', () => {
  const lines = [
    '-A INPUT -s 45.76.12.0/24 -p tcp -m tcp --dport 445 -j ACCEPT',
    '-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 139,445 -m conntrack --ctstate NEW -m comment --comment "file shares" -j ACCEPT',
    '-A INPUT -p udp -m udp --dport 137:138 -j REJECT --reject-with icmp-port-unreachable',
    '-A FORWARD -i eth0 -o eth1 -j SMB_CHECK',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -p tcp -m tcp --dport 22 -j LOG --log-prefix "ssh " --log-level 6',
  ];
  const text = `${lines.join('\n')}\n`;
  assert.deepEqual(compareLines(text, 4, 'ordinary'), { fast: lines.length, general: 0 });
});

test('a REJECT written by iptables-save, with its --reject-with, blocks SMB like a DROP', () => {
  const text = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 445 -j REJECT --reject-with tcp-reset\n-A INPUT -p tcp -m tcp --dport 139 -j REJECT --reject-with icmp-port-unreachable\nCOMMIT\n';
  const [finding, ...rest] = analyzeText({ uri: 'rules.v4', text }).findings;
  assert.equal(rest.length, 0);
  assert.equal(finding.ruleId, 'smb-default-policy-exposure');
  assert.deepEqual(finding.details.services, ['UDP 137 (NetBIOS name)', 'UDP 138 (NetBIOS datagram)']);
});
