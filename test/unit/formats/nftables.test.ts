/** nftables: detection, spans, tolerance, and the semantics nft has that other formats do not. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { detectFormat } from '../../../src/core/formats/registry';
import { nftables } from '../../../src/core/formats/nftables/index';
import type { AccessRule, RuleList } from '../../../src/core/model/rule';
import { DEFAULT_SMB_SERVICES } from '../../../src/core/model/ports';
import type { Span } from '../../../src/core/types';

const at = (text: string, s: Span | undefined) => (s ? text.slice(s.offset, s.offset + s.length) : undefined);

function lists(text: string, uri = 'fw.nft'): RuleList[] {
  return nftables.extract(text, uri).lists;
}

function chain(text: string, name = 'input', uri = 'fw.nft'): RuleList {
  const l = lists(text, uri).find((x) => x.name === name);
  assert.ok(l, `chain ${name}`);
  return l;
}

/** An inet input chain (policy drop) holding these rule lines. */
function inet(body: string, policy = 'drop'): string {
  return `table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0; policy ${policy};\n${body
    .split('\n')
    .map((l) => `\t\t${l}`)
    .join('\n')}\n\t}\n}\n`;
}

function findings(text: string, uri = 'fw.nft', trusted: string[] = []) {
  return analyzeText({ uri, text, options: { trustedSources: trusted } }).findings;
}

describe('nftables detection', () => {
  test('claims its file names, even empty', () => {
    assert.ok(nftables.detect('/etc/nftables.conf', ''));
    assert.ok(nftables.detect('/srv/fw/edge.nft', ''));
    assert.ok(nftables.detect('C:\\fw\\Edge.NFT', ''));
  });

  test('claims nft content in files of other names', () => {
    assert.ok(nftables.detect('/etc/firewall.conf', 'table inet filter {\n}\n'));
    assert.ok(nftables.detect('/etc/fw/main', '#!/usr/sbin/nft -f\n'));
    assert.ok(nftables.detect('/etc/fw/rules.txt', '# reset\nflush ruleset\n'));
    assert.ok(nftables.detect('setup.sh', '#!/bin/sh\nnft add rule inet filter input tcp dport 22 accept\n'));
    assert.ok(nftables.detect('setup.sh', '#!/bin/sh\nsudo nft "add rule inet filter input tcp dport 22 accept"\n'));
    assert.ok(nftables.detect('setup', '$NFT add chain inet filter input\n'));
  });

  test('leaves other .conf files and other formats alone', () => {
    const others: [string, string][] = [
      ['/etc/sysctl.conf', 'net.ipv4.ip_forward = 1\n'],
      ['/etc/nginx/nginx.conf', 'http {\n  server {\n    listen 445;\n  }\n}\n'],
      ['/etc/pf.conf', 'table <bruteforce> persist\nblock in quick from <bruteforce>\npass in proto tcp to port 445\n'],
      ['/etc/samba/smb.conf', '[global]\n  # the firewall is nftables, see /etc/nftables.conf\n  smb ports = 445\n'],
      ['rules.v4', '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n'],
      ['fw.sh', '#!/bin/sh\niptables -A INPUT -p tcp --dport 445 -j ACCEPT\n'],
      ['notes.md', 'Run `nft list ruleset` to see the rules.\n'],
    ];
    for (const [uri, text] of others) assert.equal(nftables.detect(uri, text), false, uri);
    assert.equal(detectFormat('rules.v4', others[4][1])?.id, 'iptables');
  });
});

describe('nftables spans', () => {
  test('ports, sources and the verdict point at their tokens', () => {
    const text = inet('ip saddr { 10.1.0.0/24, 45.76.12.0/24 } tcp dport { 139, microsoft-ds } accept');
    const r = chain(text).rules[0];
    assert.deepEqual(r.ports.items.map((p) => at(text, p.span)), ['139', 'microsoft-ds']);
    assert.deepEqual(r.ports.ranges, [[139, 139], [445, 445]]);
    assert.deepEqual(r.sources.items.map((i) => at(text, i.span)), ['10.1.0.0/24', '45.76.12.0/24']);
    assert.equal(at(text, r.sources.span), 'ip saddr { 10.1.0.0/24, 45.76.12.0/24 }');
    assert.equal(at(text, r.actionSpan), 'accept');
    assert.equal(at(text, r.protocolSpan), 'tcp');
    assert.equal(at(text, r.span), 'ip saddr { 10.1.0.0/24, 45.76.12.0/24 } tcp dport { 139, microsoft-ds } accept');
  });

  test('values from a define or a named set point at the reference in the rule', () => {
    const text = `define NET = { 10.0.0.0/24, 10.0.1.0/24 }\ntable ip f {\n\tset smb { type inet_service; elements = { 139, 445 } }\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\tip saddr $NET tcp dport @smb accept\n\t}\n}\n`;
    const r = chain(text).rules[0];
    assert.deepEqual(r.sources.items.map((i) => [i.text, at(text, i.span)]), [['10.0.0.0/24', '$NET'], ['10.0.1.0/24', '$NET']]);
    assert.deepEqual(r.ports.ranges, [[139, 139], [445, 445]]);
    assert.deepEqual(r.ports.items.map((p) => at(text, p.span)), ['@smb', '@smb']);
  });

  test('shell quoting is removed and spans map back into the script', () => {
    const text = "#!/bin/sh\nLAN='192.168.5.0/24'\nnft add table inet filter\nnft 'add chain inet filter input { type filter hook input priority 0; policy drop; }'\nnft add rule inet filter input ip saddr $LAN tcp dport \\{ 139, 445 \\} accept\nnft add rule inet filter input tcp dport '{ 22, 445 }' \"accept\"\n";
    const l = chain(text, 'input', 'fw.sh');
    assert.equal(l.policy, 'deny');
    assert.deepEqual(l.rules[0].sources.items.map((i) => i.text), ['192.168.5.0/24']);
    assert.deepEqual(l.rules[0].ports.items.map((p) => at(text, p.span)), ['139', '445']);
    assert.deepEqual(l.rules[1].ports.items.map((p) => at(text, p.span)), ['22', '445']);
    assert.equal(at(text, l.rules[1].actionSpan), 'accept');
  });
});

describe('nftables tolerance', () => {
  const sample = inet('iif lo accept\nct state established,related accept\nip saddr @nope tcp dport { 139, 445 } accept comment "x"\ntcp dport vmap { 22 : accept, 445 : drop }\nudp dport 137-138 log prefix "nb " drop');

  test('every prefix of a file extracts without throwing', () => {
    for (let i = 0; i <= sample.length; i++) {
      const m = nftables.extract(sample.slice(0, i), 'fw.nft');
      assert.ok(Array.isArray(m.lists) && Array.isArray(m.problems));
    }
  });

  test('empty files and garbage give no lists; garbage gives problems', () => {
    assert.deepEqual(nftables.extract('', 'fw.nft'), { lists: [], problems: [], maxJumpDepth: 16 });
    const g = nftables.extract('}}} {{ ;; "open\n\u0000\u0001 table', 'fw.nft');
    assert.ok(g.problems.length > 0);
    assert.ok(nftables.extract('table inet filter { chain input { type filter hook input priority 0; tcp dport { 445', 'fw.nft').problems.length >= 2);
  });

  test('a half-typed rule keeps the rules before it', () => {
    const m = nftables.extract('table ip f {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 445 accept\n\t\tip saddr 10.1.', 'fw.nft');
    assert.ok(m.problems.length > 0);
    assert.deepEqual(m.lists[0].rules[0].ports.ranges, [[445, 445]]);
  });

  test('include is noted, not followed, and not a problem', () => {
    const m = nftables.extract('include "/etc/nftables.d/*.nft"\ntable ip f {\n}\n', 'fw.nft');
    assert.deepEqual(m.problems, []);
  });
});

describe('nftables semantics', () => {
  test('base chains: hook, direction, written and implicit policy; a chain without hook is no entry', () => {
    const text = 'table ip f {\n\tchain input { type filter hook input priority 0; }\n\tchain out { type filter hook output priority 0; policy drop; }\n\tchain helper {\n\t\taccept\n\t}\n\tchain nat_pre { type nat hook prerouting priority -100; }\n}\n';
    const [input, out, helper, pre] = lists(text);
    assert.deepEqual([input.entry, input.direction, input.policy, at(text, input.policySpan)], [true, 'in', 'allow', 'type filter hook input priority 0']);
    assert.deepEqual([out.direction, out.policy, out.policyText], ['out', 'deny', 'policy drop']);
    assert.deepEqual([helper.entry, helper.policy], [false, undefined]);
    assert.equal(pre.entry, false);
  });

  test('table families: ip, ip6, inet; bridge tables are skipped', () => {
    const text = 'table ip a { chain c { type filter hook input priority 0; } }\ntable ip6 b { chain c { type filter hook input priority 0; } }\ntable inet c { chain c { type filter hook input priority 0; } }\ntable bridge d { chain c { type filter hook input priority 0; } }\n';
    assert.deepEqual(lists(text).map((l) => [l.id, l.families]), [['ip/a/c', 'ipv4'], ['ip6/b/c', 'ipv6'], ['inet/c/c', 'both']]);
  });

  test('ports: ranges, names, negation, comparisons, th with l4proto', () => {
    const rules = chain(inet('tcp dport 137-139 accept\ntcp dport != 445 accept\ntcp dport < 1024 accept\nmeta l4proto { tcp, udp } th dport 445 accept\nudp dport netbios-ns accept\nmeta l4proto tcp accept\nip protocol udp accept')).rules;
    assert.deepEqual(rules.map((r) => [r.protocol, r.ports.ranges, r.ports.negated]), [
      ['tcp', [[137, 139]], false],
      ['tcp', [[445, 445]], true],
      ['tcp', [[0, 1023]], false],
      ['any', [[445, 445]], false],
      ['udp', [[137, 137]], false],
      ['tcp', undefined, false],
      ['udp', undefined, false],
    ]);
  });

  test('verdicts and statements: reject with tcp reset, log only, counter, goto', () => {
    const rules = chain(inet('ip saddr 45.76.12.9 reject with tcp reset\ntcp dport 445 log prefix "smb "\ntcp dport 22 counter packets 3 bytes 180 accept\ntcp dport 445 goto smb\nreturn')).rules;
    assert.deepEqual(rules.map((r) => [r.action, r.protocol]), [['deny', 'any'], ['log', 'tcp'], ['allow', 'tcp'], ['jump', 'tcp'], ['return', 'tcp'], ['return', 'any']]);
  });

  test('ct state: established-only, new, invalid; interfaces and loopback', () => {
    const rules = chain(inet('ct state established,related accept\nct state { new } tcp dport 445 accept\nct state invalid drop\niifname "lo" accept\niif lo accept\niifname "eth0" tcp dport 445 accept\niifname != "lo" drop')).rules;
    assert.deepEqual(rules.map((r) => [r.establishedOnly, r.conditional, r.sources.items.map((i) => i.value.kind).join()]), [
      [true, false, ''],
      [false, false, ''],
      [false, true, ''],
      [false, false, 'loopback'],
      [false, false, 'loopback'],
      [false, false, ''],
      [false, false, ''],
    ]);
    // Interfaces are where a rule applies, not conditions.
    assert.deepEqual(rules.map((r) => r.scope?.in && [r.scope.in.negated, r.scope.in.items.map((i) => i.name).join()]), [undefined, undefined, undefined, [false, 'lo'], [false, 'lo'], [false, 'eth0'], [true, 'lo']]);
  });

  test('an inet rule qualified by one family matches only that family', () => {
    const f = findings(inet('ip6 saddr ::/0 tcp dport 445 drop\ntcp dport 445 accept'));
    assert.equal(f.length, 1);
    assert.equal(f[0].details.source, 'anywhere over IPv4');
    const g = findings(inet('meta nfproto ipv4 tcp dport 445 drop\ntcp dport 445 accept'));
    assert.equal(g[0].details.source, 'anywhere over IPv6');
    // "everything except 10/8" in an ip saddr match never admits IPv6.
    const h = findings(inet('ip saddr != 10.0.0.0/8 tcp dport 445 accept\nip6 saddr fd00::/64 tcp dport 445 accept'));
    assert.equal(h.length, 1);
    assert.doesNotMatch(h[0].details.source, /:/);
  });

  test('first match: an earlier drop shadows a later accept; a conditional drop does not', () => {
    assert.equal(findings(inet('tcp dport 445 drop\ntcp dport { 445, 80 } accept')).length, 0);
    assert.equal(findings(inet('meta mark 0x1 tcp dport 445 drop\ntcp dport { 445, 80 } accept')).length, 1);
  });

  test('goto does not come back; jump does', () => {
    const body = (verb: string) => `table ip f {\n\tchain smb { ip saddr 192.168.7.0/24 accept; }\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 445 ${verb} smb\n\t\ttcp dport 445 accept\n\t}\n}\n`;
    assert.equal(findings(body('goto')).length, 0);
    assert.deepEqual(findings(body('jump')).map((f) => f.ruleId), ['smb-internet-exposure']);
  });

  test('named sets: static ones resolve; dynamic or rule-filled ones are unknown', () => {
    const text = 'table ip f {\n\tset a { type ipv4_addr; elements = { 45.76.12.0/24 } }\n\tset b { type ipv4_addr; flags dynamic; }\n\tset c { type ipv4_addr; }\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tip saddr @a tcp dport 445 accept\n\t\tip saddr @b tcp dport 445 accept\n\t\tip saddr @c tcp dport 445 accept\n\t\tadd @c { ip saddr }\n\t}\n}\nadd element ip f a { 81.2.69.160/27 }\n';
    const [a, b, c] = chain(text).rules;
    assert.deepEqual(a.sources.items.map((i) => i.text), ['45.76.12.0/24', '81.2.69.160/27']);
    assert.deepEqual(b.sources.items.map((i) => i.value.kind), ['unknown']);
    assert.deepEqual(c.sources.items.map((i) => i.value.kind), ['unknown']);
  });

  test('flush ruleset forgets what came before; insert rule goes first', () => {
    const text = 'table ip old { chain input { type filter hook input priority 0; } }\nflush ruleset\nadd table ip f\nadd chain ip f input { type filter hook input priority 0; policy drop; }\nadd rule ip f input tcp dport 22 accept\ninsert rule ip f input tcp dport 445 drop\n';
    const all = lists(text);
    assert.deepEqual(all.map((l) => l.id), ['ip/f/input']);
    assert.deepEqual(all[0].rules.map((r) => r.action), ['deny', 'allow']);
  });

  test('an undefined $variable is unknown, not a problem, and not flagged', () => {
    const text = inet('ip saddr $TRUSTED_SMB_SOURCES tcp dport 445 accept');
    assert.deepEqual(nftables.extract(text, 'fw.nft').problems, []);
    assert.equal(findings(text).length, 0);
  });
});

describe('nftables fixes', () => {
  const rule = (text: string, i = 0): [AccessRule, RuleList] => {
    const l = chain(text);
    return [l.rules[i], l];
  };
  const smb = DEFAULT_SMB_SERVICES.filter((s) => s.protocol === 'tcp');
  const edit = (text: string, r: unknown) => applyEdits(text, Array.isArray(r) ? r : []);

  test('removeServices splits ranges and trims sets, keeping valid nft', () => {
    const a = inet('tcp dport 130-140 accept');
    assert.match(edit(a, nftables.fixes.removeServices?.(a, ...rule(a), smb)), /tcp dport \{ 130-138, 140 \} accept/);
    const b = inet('tcp dport { 22, 139, 445 } accept');
    assert.match(edit(b, nftables.fixes.removeServices?.(b, ...rule(b), smb)), /tcp dport \{ 22 \} accept/);
    const c = inet('tcp dport { 139, 22, 445, 80 } accept');
    assert.match(edit(c, nftables.fixes.removeServices?.(c, ...rule(c), smb)), /tcp dport \{ 22, 80 \} accept/);
    const d = inet('ip saddr 10.0.0.0/24 ip protocol tcp accept');
    assert.match(edit(d, nftables.fixes.removeServices?.(d, ...rule(d), smb)), /ip protocol tcp tcp dport != \{ 139, 445 \} accept/);
    const e = inet('tcp dport 445 accept');
    assert.equal(nftables.fixes.removeServices?.(e, ...rule(e), smb), undefined);
  });

  test('restrictSource writes one rule per family in an inet chain', () => {
    const a = inet('tcp dport 445 accept');
    const out = edit(a, nftables.fixes.restrictSource?.(a, ...rule(a), ['192.168.10.0/24', 'fd00:10::/64']));
    assert.match(out, /\t\tip saddr 192\.168\.10\.0\/24 tcp dport 445 accept\n\t\tip6 saddr fd00:10::\/64 tcp dport 445 accept\n/);
    const b = inet('ip saddr != 10.0.0.0/8 tcp dport 445 accept');
    assert.match(edit(b, nftables.fixes.restrictSource?.(b, ...rule(b), ['192.168.10.0/24', 'fd00:10::/64'])), /\t\tip saddr 192\.168\.10\.0\/24 tcp dport 445 accept\n\t}/);
    assert.match(edit(b, nftables.fixes.restrictSource?.(b, ...rule(b), ['TRUSTED_SMB_SOURCES'])), /ip saddr \$TRUSTED_SMB_SOURCES tcp dport 445/);
  });

  test('appendDeny goes before the closing brace, or as a new command', () => {
    const a = inet('tcp dport 22 accept', 'accept');
    const l = chain(a);
    assert.match(edit(a, nftables.fixes.appendDeny?.(a, l, DEFAULT_SMB_SERVICES.slice())), /tcp dport 22 accept\n\t\ttcp dport \{ 139, 445 \} drop\n\t\tudp dport \{ 137, 138 \} drop\n\t\}/);
    const b = 'add table ip f\nadd chain ip f input { type filter hook input priority 0; policy accept; }\nadd rule ip f input tcp dport 22 accept';
    assert.equal(edit(b, nftables.fixes.appendDeny?.(b, chain(b), smb)), `${b}\nadd rule ip f input tcp dport { 139, 445 } drop\n`);
  });

  test('in scripts, new commands use the same nft prefix and carry no half quotes', () => {
    const text = "#!/bin/sh\nnft add table inet filter\nnft 'add chain inet filter input { type filter hook input priority 0; policy drop; }'\n  sudo nft add rule inet filter input ip saddr '{ 45.76.12.0/24, 81.2.69.160/27 }' tcp dport 445 accept\n";
    const l = chain(text, 'input', 'fw.sh');
    const out = edit(text, nftables.fixes.insertDenyBefore?.(text, l.rules[0], l, smb));
    assert.match(out, /\n  sudo nft add rule inet filter input ip saddr \{ 45\.76\.12\.0\/24, 81\.2\.69\.160\/27 \} tcp dport \{ 139, 445 \} drop\n  sudo nft add rule inet filter input ip saddr '/);
    assert.equal(nftables.extract(out, 'fw.sh').lists[0].rules[0].action, 'deny');
  });

  test('insertDenyBefore keeps the interface and address conditions', () => {
    const a = inet('iifname "wan0" ip saddr 45.76.12.0/24 tcp dport { 80, 445 } accept');
    assert.match(edit(a, nftables.fixes.insertDenyBefore?.(a, ...rule(a), smb)), /\t\tiifname "wan0" ip saddr 45\.76\.12\.0\/24 tcp dport \{ 139, 445 \} drop\n\t\tiifname "wan0" ip saddr/);
  });
});

describe('where nftables rules apply (issue 13)', () => {
  const scopeOf = (text: string, r: AccessRule) =>
    (['in', 'out'] as const).map((side) => {
      const m = r.scope?.[side];
      return m && [m.negated, m.unknown ?? false, at(text, m.span), m.items.map((i) => `${i.name}${i.prefix ? '*' : ''}@${at(text, i.span)}`).join()];
    });

  test('iif/iifname/oif/oifname are the scope: !=, defines, anonymous and named sets, wildcards, unknown sets', () => {
    const text = `define WAN_IF = "ppp0"\ndefine LAN_IFS = { "br10", "br20" }\n${inet('iifname "eth*" accept\nmeta iifname != $WAN_IF oifname "br10" accept\niifname $LAN_IFS accept\niifname { "wg0", "tun0" } accept\niifname @vpn accept\niif "eth1" oif $WAN_IF accept\niifname @nowhere accept').replace('chain input', 'set vpn { type ifname; elements = { "wg1" } }\n\tchain input')}`;
    const rules = chain(text).rules;
    assert.deepEqual(rules.map((r) => r.conditional), [false, false, false, false, false, false, false]);
    assert.deepEqual(rules.map((r) => scopeOf(text, r)), [
      [[false, false, 'iifname "eth*"', 'eth*@"eth*"'], undefined],
      [[true, false, 'meta iifname != $WAN_IF', 'ppp0@$WAN_IF'], [false, false, 'oifname "br10"', 'br10@"br10"']],
      [[false, false, 'iifname $LAN_IFS', 'br10@$LAN_IFS,br20@$LAN_IFS'], undefined],
      [[false, false, 'iifname { "wg0", "tun0" }', 'wg0@"wg0",tun0@"tun0"'], undefined],
      [[false, false, 'iifname @vpn', 'wg1@@vpn'], undefined],
      [[false, false, 'iif "eth1"', 'eth1@"eth1"'], [false, false, 'oif $WAN_IF', 'ppp0@$WAN_IF']],
      [[false, true, 'iifname @nowhere', ''], undefined],
    ]);
    assert.deepEqual(nftables.extract(text, 'fw.nft').interfaces?.map((e) => [e.name, e.class, e.reason]), [
      ['ppp0', 'internet', 'named by $WAN_IF'],
      ['br10', 'internal', 'named by $LAN_IFS'],
      ['br20', 'internal', 'named by $LAN_IFS'],
    ]);
  });

  test('conditions are named as written; a second interface match on one side is one of them', () => {
    const rules = chain(inet('meta mark 0x1 tcp dport 445 accept\nlimit rate 10/second tcp dport 445 accept\niifname "br*" iifname != "br-guest" accept')).rules;
    assert.deepEqual(rules.map((r) => r.conditions), [['meta mark 0x1'], ['limit rate 10/second'], ['iifname != "br-guest"']]);
  });

  test('evidence: masquerade and snat out of an interface, dnat on one', () => {
    const text = 'table ip nat {\n\tchain post {\n\t\ttype nat hook postrouting priority srcnat;\n\t\toifname "ppp0" masquerade\n\t\toif "eth2" snat to 198.51.100.7\n\t\toifname != "br0" masquerade\n\t}\n\tchain pre {\n\t\ttype nat hook prerouting priority dstnat;\n\t\tiifname "eth3" tcp dport 80 dnat to 10.0.0.5\n\t}\n}\n';
    assert.deepEqual(nftables.extract(text, 'fw.nft').interfaces?.map((e) => [e.name, e.class, e.reason, at(text, e.span)]), [
      ['ppp0', 'internet', 'the interface this file masquerades out of', '"ppp0"'],
      ['eth2', 'internet', 'the interface this file source-NATs out of', '"eth2"'],
      ['eth3', 'internet', 'the interface this file forwards ports from (DNAT)', '"eth3"'],
    ]);
  });

  test('ct status dnat after a DNAT map admits the map\'s keys, not everything', () => {
    const text = (map: string) => `table ip nat {\n\tset fwd { type inet_service : ipv4_addr; elements = { 8080 : 10.0.0.6 } }\n\tchain pre {\n\t\ttype nat hook prerouting priority dstnat;\n\t\tiifname "ppp0" dnat to tcp dport map ${map}\n\t}\n}\ntable ip filter {\n\tchain forward {\n\t\ttype filter hook forward priority 0; policy drop;\n\t\tct status dnat accept\n\t\ttcp dport 445 accept\n\t}\n}\n`;
    for (const [map, ports] of [['{ 80 : 10.0.0.5, 443:10.0.0.5 }', [[80, 80], [443, 443]]], ['@fwd', [[8080, 8080]]], ['{ 445 : 10.0.0.5 }', [[445, 445]]]] as const) {
      const forward = chain(text(map), 'forward');
      assert.deepEqual([forward.rules[0].protocol, forward.rules[0].ports.ranges], ['tcp', ports], map);
    }
    // The accept after it is reached: the map forwards no SMB.
    assert.deepEqual(findings(text('{ 80 : 10.0.0.5 }')).map((f) => f.span.offset), [text('{ 80 : 10.0.0.5 }').indexOf('tcp dport 445 accept')]);
  });

  test('an inserted deny copies iifname and ends with ";" where the file ends rules with it, and clears its finding', () => {
    const text = inet('iifname "eth1" tcp dport 445 accept;\ntcp dport 22 accept;');
    const [finding] = findings(text);
    const insert = finding.fixes.find((x) => x.kind === 'insert-deny' && /before/.test(x.title));
    assert.ok(insert);
    const fixed = applyEdits(text, insert.edits);
    assert.match(fixed, /^\t\tiifname "eth1" tcp dport 445 drop;$/m);
    assert.deepEqual(findings(fixed), []);
    const plain = inet('iifname "eth1" tcp dport 445 accept');
    const fixedPlain = applyEdits(plain, findings(plain)[0].fixes.find((x) => x.kind === 'insert-deny' && /before/.test(x.title))!.edits);
    assert.match(fixedPlain, /^\t\tiifname "eth1" tcp dport 445 drop$/m);
  });
});

describe('long lists never overflow the stack (a spread of their items did, and the whole file was lost)', () => {
  test('a set of 300,000 elements, and the rule that uses it is still read', () => {
    const elements = Array.from({ length: 300_000 }, (_, i) => String(1024 + (i % 60000))).join(', ');
    const text = `table inet f {\n set s { type inet_service; elements = { ${elements}, 445 } }\n chain input { type filter hook input priority 0; policy drop; tcp dport @s accept }\n}\n`;
    const r = analyzeText({ uri: 'fw.nft', text });
    assert.deepEqual(r.problems.map((p) => p.message), []);
    assert.equal(r.findings.filter((f) => f.ruleId === 'smb-internet-exposure').length, 1);
  });

  test('an nft command in a script with a 600,000-character word beside an SMB accept', () => {
    const text = `#!/bin/sh\nnft add table inet f\nnft add chain inet f input '{ type filter hook input priority 0; policy drop; }'\nnft add rule inet f input tcp dport 445 comment "${'A'.repeat(600_000)}" accept\n`;
    const r = analyzeText({ uri: 'fw.sh', text });
    assert.equal(r.format, 'nftables');
    assert.ok(!r.problems.some((p) => /could not read/.test(p.message)), r.problems.map((p) => p.message).join('; '));
    assert.equal(r.findings.filter((f) => f.ruleId === 'smb-internet-exposure').length, 1);
  });
});
