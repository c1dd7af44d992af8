/** Cisco IOS/ASA ACLs: spans, detection, tolerance, first-match semantics, objects, and fix writing. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cisco } from '../../../src/core/formats/cisco/index';
import { POLICY_TEXT } from '../../../src/core/formats/cisco/extract';
import { analyzeText, applyEdits } from '../../../src/core/index';
import type { AccessRule, RuleList } from '../../../src/core/model/rule';
import { DEFAULT_SMB_SERVICES } from '../../../src/core/model/ports';

const at = (text: string, s: { offset: number; length: number } | undefined) => (s ? text.slice(s.offset, s.offset + s.length) : undefined);
const lists = (text: string) => cisco.extract(text, 'router.cfg').lists;
const only = (text: string): RuleList => {
  const l = lists(text);
  assert.equal(l.length, 1);
  return l[0];
};
const findings = (text: string, uri = 'router.cfg', trusted: string[] = []) => analyzeText({ uri, text, options: { trustedSources: trusted } }).findings;
const ids = (text: string, uri = 'router.cfg') => findings(text, uri).map((f) => f.ruleId);
const applied = (acl: string) => `interface Gi0/0\n ip access-group ${acl} in\n!\n`;

describe('cisco: spans', () => {
  test('items and ports point at their tokens', () => {
    const text = 'access-list 101 permit tcp 10.1.0.0 0.0.255.255 host 10.9.9.9 range 135 139 log\n';
    const r = only(text).rules[0];
    assert.equal(at(text, r.span), text.trimEnd());
    assert.equal(at(text, r.actionSpan), 'permit');
    assert.equal(at(text, r.protocolSpan), 'tcp');
    assert.equal(at(text, r.sources.items[0].span), '10.1.0.0 0.0.255.255');
    assert.deepEqual(r.sources.items[0].value, { kind: 'cidr', cidr: '10.1.0.0/16' });
    assert.equal(at(text, r.destinations.span), 'host 10.9.9.9');
    assert.equal(at(text, r.ports.span), 'range 135 139');
    assert.deepEqual(r.ports.ranges, [[135, 139]]);
    assert.equal(at(text, r.ports.items[0].span), '135');
  });

  test('"any" is no items but keeps its span; object-group members point at the reference', () => {
    const text = 'object-group network NETS\n network-object 10.0.0.0 255.0.0.0\n network-object host 45.76.12.9\naccess-list X extended permit tcp object-group NETS any eq 445\n';
    const r = only(text).rules[0];
    assert.deepEqual(r.destinations.items, []);
    assert.equal(at(text, r.destinations.span), 'any');
    assert.deepEqual(r.sources.items.map((i) => i.value), [{ kind: 'cidr', cidr: '10.0.0.0/8' }, { kind: 'cidr', cidr: '45.76.12.9/32' }]);
    for (const i of r.sources.items) assert.equal(at(text, i.span), 'object-group NETS');
  });
});

describe('cisco: detection', () => {
  const acl = 'access-list 101 permit tcp any any eq 445\n';
  test('claims configs and its own extensions', () => {
    assert.ok(cisco.detect('file:///cfg/branch.cfg', acl));
    assert.ok(cisco.detect('/x/router1-confg', acl));
    assert.ok(cisco.detect('/x/fw.txt', 'ASA Version 9.12(4)\nhostname fw\n'));
    assert.ok(cisco.detect('/x/r.cfg', 'Building configuration...\n\nCurrent configuration : 100 bytes\n'));
    assert.ok(cisco.detect('/x/edge.ios', ''));
    assert.ok(cisco.detect('/x/edge.asa', 'hostname fw\n'));
    assert.ok(cisco.detect('/x/acl.cfg', 'ip access-list extended OUTSIDE-IN\n 10 permit tcp any any eq 445\n'));
    assert.ok(cisco.detect('/x/v6.cfg', 'ipv6 access-list V6\n permit tcp any any eq 445\n'));
  });
  test('does not claim unrelated files of the same extensions, nor other formats', () => {
    assert.ok(!cisco.detect('/x/game.cfg', 'bind w +forward\nsensitivity 3\n'));
    assert.ok(!cisco.detect('/x/app.cfg', '[server]\nport=445\n'));
    assert.ok(!cisco.detect('/x/Global.asa', '<script language="VBScript" runat="Server">\nSub Application_OnStart\nEnd Sub\n</script>\n'));
    assert.ok(!cisco.detect('/etc/iptables/rules.v4', '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n'));
    assert.ok(!cisco.detect('/etc/nftables.conf', 'table inet filter {\n chain input { tcp dport 445 accept }\n}\n'));
    assert.ok(!cisco.detect('/docs/README.md', acl));
    assert.ok(!cisco.detect('/x/main.tf', acl));
    assert.ok(!cisco.detect('/x/squid.conf', 'acl localnet src 10.0.0.0/8\nhttp_access allow localnet\n'));
  });
});

describe('cisco: tolerance', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['truncated', 'ip access-list extended A\n 10 permit tcp any host'],
    ['garbage', '\u0000\u0001 {{{ ]]] access-list\naccess-list 101\naccess-list 101 permit\nobject-group network\n network-object 999.1.1.1 255.0.0.0\n'],
    ['cycle', 'object-group network A\n group-object B\nobject-group network B\n group-object A\naccess-list X extended permit tcp object-group A any eq 445\n'],
  ] as const) {
    test(`${name}: no throw`, () => {
      const m = cisco.extract(text, 'x.cfg');
      assert.ok(Array.isArray(m.lists));
      if (name !== 'empty' && name !== 'cycle') assert.ok(m.problems.length > 0, 'problems reported');
    });
  }
  test('a half-typed line does not hide the rules around it', () => {
    const text = `${applied('101')}access-list 101 permit tcp any any eq 445\naccess-list 101 permit tcp any host\naccess-list 101 permit tcp any any eq 139\n`;
    const m = cisco.extract(text, 'x.cfg');
    assert.equal(m.lists[0].rules.length, 2);
    assert.equal(m.problems.length, 1);
    assert.equal(at(text, m.problems[0].span), 'host');
  });
  test('a line the device would refuse is no rule (unknown keyword)', () => {
    const m = cisco.extract('access-list 101 permit udp any any eq netbios-nss\n', 'x.cfg');
    assert.equal(m.lists[0].rules.length, 0);
    assert.equal(m.problems.length, 1);
  });
});

describe('cisco: semantics', () => {
  test('implicit deny at the end; first match wins', () => {
    const l = only(`${applied('A')}ip access-list extended A\n deny tcp any any eq 445\n permit tcp any any eq 445\n`);
    assert.equal(l.policy, 'deny');
    assert.equal(l.policyText, 'implicit deny at the end of the ACL');
    assert.equal(l.entry, true);
    assert.deepEqual(ids(`${applied('A')}ip access-list extended A\n deny tcp any any eq 445\n permit tcp any any eq 445\n`), []);
    assert.deepEqual(ids(`${applied('A')}ip access-list extended A\n permit tcp any any eq 445\n deny tcp any any eq 445\n`), ['smb-internet-exposure']);
  });

  test('an explicit "deny ip any any" at the end is named as such, not as the implicit deny', () => {
    const l = only(`${applied('A')}ip access-list extended A\n 10 permit tcp any any eq 445\n 20 deny ip any any log\n`);
    assert.equal(l.policyText, 'explicit deny at sequence 20');
    const f = analyzeText({ uri: 'file:///r.cfg', text: `${applied('A')}ip access-list extended A\n 10 permit tcp any any eq 445\n 20 deny ip any any\n` }).findings;
    assert.match(f[0].message, /before the A explicit deny at sequence 20\./);
    assert.doesNotMatch(f[0].message, /implicit/);
    // A narrower last deny leaves the implicit one in charge.
    assert.equal(only(`${applied('A')}ip access-list extended A\n permit tcp any any eq 445\n deny ip 10.0.0.0 0.0.0.255 any\n`).policyText, POLICY_TEXT);
  });

  test('wildcards vs netmasks; non-contiguous wildcards are unknown', () => {
    const v = (text: string) => only(text).rules[0].sources.items[0].value;
    assert.deepEqual(v('access-list 101 permit tcp 10.0.0.0 0.0.0.255 any\n'), { kind: 'cidr', cidr: '10.0.0.0/24' });
    assert.deepEqual(v('access-list A extended permit tcp 10.0.0.0 255.255.255.0 any\n'), { kind: 'cidr', cidr: '10.0.0.0/24' });
    assert.deepEqual(v('access-list 101 permit tcp 10.0.0.5 0.255.255.0 any\n'), { kind: 'unknown' });
    assert.deepEqual(v('access-list 10 permit 45.76.12.9\n'), { kind: 'cidr', cidr: '45.76.12.9/32' });
  });

  test('port keywords: IOS netbios-ss is UDP 139; ASA cifs is 3020, netbios-ssn 139', () => {
    const ports = (text: string) => only(text).rules[0].ports.ranges;
    assert.deepEqual(ports('access-list 101 permit udp any any eq netbios-ss\n'), [[139, 139]]);
    assert.deepEqual(ports('access-list A extended permit tcp any any eq cifs\n'), [[3020, 3020]]);
    assert.deepEqual(ports('access-list A extended permit tcp any any eq netbios-ssn\n'), [[139, 139]]);
    assert.deepEqual(ports('access-list 101 permit tcp any any eq www 443 445\n'), [[80, 80], [443, 443], [445, 445]]);
    assert.deepEqual(ports('access-list 101 permit tcp any any gt 1023\n'), [[1024, 65535]]);
    assert.deepEqual(ports('access-list 101 permit tcp any any lt 1024\n'), [[0, 1023]]);
    const neq = only('access-list 101 permit tcp any any neq 80\n').rules[0].ports;
    assert.deepEqual([neq.ranges, neq.negated], [[[80, 80]], true]);
    assert.deepEqual(ids(`${applied('101')}access-list 101 permit tcp any any neq 80\n`), ['smb-internet-exposure']);
    assert.deepEqual(ids(`${applied('101')}access-list 101 permit tcp any any neq 445 139\n`), []);
  });

  test('established, inactive and time-range', () => {
    const r = (line: string) => only(`access-list 101 ${line}\n`).rules[0];
    assert.equal(r('permit tcp any any established').establishedOnly, true);
    assert.equal(r('permit tcp any any eq 445 inactive').action, 'log');
    assert.equal(r('deny tcp any any eq 445 time-range NIGHT').conditional, true);
    assert.equal(r('permit tcp any eq 445 any').conditional, true, 'a source port is a condition');
    assert.deepEqual(ids(`${applied('101')}access-list 101 deny tcp any any eq 445 time-range N\naccess-list 101 permit tcp any any eq 445\n`), ['smb-internet-exposure']);
  });

  test('standard ACLs filter sources on every port', () => {
    const r = only('access-list 10 permit 45.76.12.0 0.0.0.255\n').rules[0];
    assert.equal(r.protocol, 'any');
    assert.equal(r.ports.ranges, undefined);
  });

  test('where an ACL applies: interfaces, ASA access-group, snippets, other uses', () => {
    const byName = (text: string) => Object.fromEntries(lists(text).map((l) => [l.id, l.unapplied ? [l.direction, l.entry, 'unapplied'] : [l.direction, l.entry]]));
    assert.deepEqual(byName('interface Gi0/0\n ip access-group A in\n ip access-group B out\nip access-list extended A\n permit ip any any\nip access-list extended B\n permit ip any any\nip access-list extended C\n permit ip any any\n'), {
      'acl/A': ['in', true],
      'acl/B/out': ['out', true],
      'acl/C': ['in', true, 'unapplied'],
    });
    assert.deepEqual(byName('access-list O extended permit ip any any\naccess-group O global\n'), { 'acl/O': ['in', true] });
    assert.deepEqual(byName('access-list 101 permit ip any any\n'), { 'acl/101': ['in', true] });
    assert.deepEqual(byName('access-list 101 permit ip any any\nroute-map NAT permit 10\n match ip address 101\n'), { 'acl/101': ['in', false] });
    assert.deepEqual(byName('access-list 10 permit any\n'), { 'acl/10': ['in', false] });
  });

  test('families: IOS IPv4, ipv6 access-list, ASA both (any4/any6)', () => {
    assert.equal(only('access-list 101 permit ip any any\n').families, 'ipv4');
    assert.equal(only('ipv6 access-list V6\n permit tcp any any eq 445 sequence 10\n').families, 'ipv6');
    const asa = only('access-list A extended permit tcp any4 any eq 445\n');
    assert.equal(asa.families, 'both');
    assert.deepEqual(asa.rules[0].sources.items[0].value, { kind: 'cidr', cidr: '0.0.0.0/0' });
  });

  test('service groups: tcp-udp, mixed service-objects, nested groups', () => {
    const text = [
      'object-group service SMB tcp-udp',
      ' port-object eq 445',
      'object-group service MIXED',
      ' service-object tcp destination eq 445',
      ' service-object udp destination range netbios-ns netbios-dgm',
      ' service-object tcp destination eq 139',
      'object-group service OUTER',
      ' group-object MIXED',
      'access-list A extended permit object-group OUTER any any',
      'access-list B extended permit tcp-udp any any object-group SMB',
      '',
    ].join('\n');
    const byId = Object.fromEntries(lists(text).map((l) => [l.id, l.rules.map((r) => [r.protocol, r.ports.ranges])]));
    assert.deepEqual(byId['acl/A'], [['tcp', [[139, 139], [445, 445]]], ['udp', [[137, 138]]]]);
    assert.deepEqual(byId['acl/B'], [['any', [[445, 445]]]]);
  });

  test('ASA names and network objects resolve; unknown objects stay unknown', () => {
    const text = 'name 45.76.12.9 PARTNER\nobject network SRV\n subnet 45.76.12.0 255.255.255.0\naccess-list A extended permit tcp host PARTNER any eq 445\naccess-list A extended permit tcp object SRV any eq 445\naccess-list A extended permit tcp object NOPE any eq 445\n';
    const rules = only(`ASA Version 9.8(1)\n${text}`).rules;
    assert.deepEqual(rules.map((r) => r.sources.items[0].value), [{ kind: 'cidr', cidr: '45.76.12.9/32' }, { kind: 'cidr', cidr: '45.76.12.0/24' }, { kind: 'unknown' }]);
  });
});

describe('cisco: fixes', () => {
  const ruleOf = (text: string, i = 0): [AccessRule, RuleList] => {
    const l = only(text);
    return [l.rules[i], l];
  };
  const smb = DEFAULT_SMB_SERVICES.filter((s) => s.port === 445);

  test('insert before: a free sequence number, none when they are tight, none when unnumbered', () => {
    let text = 'ip access-list extended A\n 10 permit tcp any any eq 80\n 20 permit tcp any any eq 445\n';
    let [r, l] = ruleOf(text, 1);
    assert.deepEqual(cisco.fixes.insertDenyBefore?.(text, r, l, smb), [{ span: { offset: 55, length: 0 }, newText: ' 15 deny tcp any any eq 445\n' }]);
    text = 'ip access-list extended A\n 10 permit tcp any any eq 80\n 11 permit tcp any any eq 445\n';
    [r, l] = ruleOf(text, 1);
    assert.equal(cisco.fixes.insertDenyBefore?.(text, r, l, smb), undefined);
    text = 'ip access-list extended A\n permit tcp any any eq 445\n';
    [r, l] = ruleOf(text);
    assert.deepEqual(cisco.fixes.insertDenyBefore?.(text, r, l, smb), [{ span: { offset: 26, length: 0 }, newText: ' deny tcp any any eq 445\n' }]);
  });

  test('remove services splits ranges, on extra lines where needed', () => {
    const text = 'access-list 101 permit tcp any any range 135 445\n';
    const [r, l] = ruleOf(text);
    const edits = cisco.fixes.removeServices?.(text, r, l, DEFAULT_SMB_SERVICES.filter((s) => s.protocol === 'tcp'));
    assert.ok(Array.isArray(edits));
    assert.equal(applyEdits(text, edits), 'access-list 101 permit tcp any any range 135 138\naccess-list 101 permit tcp any any range 140 444\n');
    const one = 'access-list 101 permit tcp any any eq 445\n';
    assert.equal(cisco.fixes.removeServices?.(one, ...ruleOf(one), smb), undefined, 'nothing would be left');
  });

  test('restrict source: wildcard on IOS, netmask on ASA, one line per trusted network', () => {
    const ios = 'access-list 101 permit tcp any any eq 445\n';
    const e1 = cisco.fixes.restrictSource?.(ios, ...ruleOf(ios), ['10.1.0.0/16', '10.2.3.4/32', 'fd00::/8']);
    assert.ok(Array.isArray(e1));
    assert.equal(applyEdits(ios, e1), 'access-list 101 permit tcp 10.1.0.0 0.0.255.255 any eq 445\naccess-list 101 permit tcp host 10.2.3.4 any eq 445\n');
    const asa = 'access-list A extended permit tcp any host 10.1.1.5 eq 445\n';
    const e2 = cisco.fixes.restrictSource?.(asa, ...ruleOf(asa), ['10.1.0.0/16', 'fd00::/8']);
    assert.ok(Array.isArray(e2));
    assert.equal(applyEdits(asa, e2), 'access-list A extended permit tcp 10.1.0.0 255.255.0.0 host 10.1.1.5 eq 445\n');
    const placeholder = cisco.fixes.restrictSource?.(ios, ...ruleOf(ios), ['TRUSTED_SMB_SOURCES']);
    assert.ok(Array.isArray(placeholder));
    const withPlaceholder = applyEdits(ios, placeholder);
    assert.equal(withPlaceholder, 'access-list 101 permit tcp object-group TRUSTED_SMB_SOURCES any eq 445\n');
    assert.equal(cisco.extract(withPlaceholder, 'x.cfg').problems.length, 0, 'the placeholder parses');
    const all = 'access-list 101 permit ip any any\n';
    assert.equal(cisco.fixes.restrictSource?.(all, ...ruleOf(all), ['10.1.0.0/16']), undefined, 'not for a catch-all');
  });

  test('deny and append keep the ACL style; CRLF stays CRLF', () => {
    const text = 'ip access-list extended A\r\n 10 permit tcp any any eq 445\r\n!\r\n';
    const [r, l] = ruleOf(text);
    assert.deepEqual(cisco.fixes.deny?.(text, r, l), [{ span: r.actionSpan, newText: 'deny' }]);
    const appended = cisco.fixes.appendDeny?.(text, l, smb);
    assert.ok(Array.isArray(appended));
    assert.equal(applyEdits(text, appended), 'ip access-list extended A\r\n 10 permit tcp any any eq 445\r\n 20 deny tcp any any eq 445\r\n!\r\n');
  });

  test('trusted sources clear the finding end to end', () => {
    const text = `${applied('101')}access-list 101 permit tcp any any eq 445\n`;
    const f = findings(text, 'r.cfg', ['10.1.0.0/24']);
    const fix = f[0].fixes.find((x) => x.isPreferred);
    assert.equal(fix?.kind, 'restrict-source');
    assert.deepEqual(findings(applyEdits(text, fix?.edits ?? []), 'r.cfg', ['10.1.0.0/24']), []);
  });
});

describe('cisco: interfaces and where ACLs apply', () => {
  const model = (text: string, uri = 'router.cfg') => cisco.extract(text, uri);
  const evidence = (text: string, uri?: string) => (model(text, uri).interfaces ?? []).map((e) => `${e.name} ${e.class}: ${e.reason} [${at(text, e.span)}]`);
  const ios = [
    'interface GigabitEthernet0/0',
    ' description Uplink to ISP',
    ' ip address 81.2.69.162 255.255.255.224',
    ' ip nat outside',
    ' ip access-group EDGE in',
    '!',
    'interface GigabitEthernet0/1',
    ' description Office LAN',
    ' ip address 10.20.7.1 255.255.255.0',
    ' ip nat inside',
    ' ip access-group EDGE in',
    ' ip access-group TO-LAN out',
    '!',
    'ip access-list extended EDGE',
    ' permit tcp any any eq 445',
    'ip access-list extended TO-LAN',
    ' permit tcp any any eq 445',
    'ip access-list extended SPARE',
    ' permit tcp any any eq 445',
    '',
  ].join('\n');

  test('an ACL applied on two interfaces is one list scoped to both; the engine walks each', () => {
    const m = model(ios);
    const edge = m.lists.filter((l) => l.name === 'EDGE');
    assert.deepEqual(edge.map((l) => [l.id, l.direction, l.scope?.in?.items.map((i) => i.name)]), [['acl/EDGE', 'in', ['GigabitEthernet0/0', 'GigabitEthernet0/1']]]);
    assert.equal(at(ios, edge[0].scope?.in?.items[0].span), 'GigabitEthernet0/0');
    assert.equal(at(ios, edge[0].scope?.in?.span), 'ip access-group EDGE in');
    for (const r of edge[0].rules) assert.equal(r.conditional, false);
    // Graded by the worst interface: an error on the outside, one finding for the entry.
    assert.deepEqual(findings(ios).filter((f) => f.message.includes('EDGE')).map((f) => [f.severity, /GigabitEthernet0\/0, marked `ip nat outside`/.test(f.message)]), [['error', true]]);
  });

  test('"out" on an interface the file calls internal filters traffic routed into the LAN: its sources are the peers', () => {
    const out = (text: string) => model(text).lists.find((l) => l.name === 'TO-LAN')?.direction;
    assert.equal(out(ios), 'forward');
    assert.match(model(ios).lists.find((l) => l.name === 'TO-LAN')?.note ?? '', /applied out on GigabitEthernet0\/1 \(marked `ip nat inside`\)/);
    // On the outside, or an interface nothing classifies, it is traffic leaving: the destinations are the peers.
    assert.equal(out(ios.replace(' ip nat inside\n', ' ip nat outside\n')), 'out');
    assert.equal(out(ios.replace(' ip nat inside\n', '').replace(' description Office LAN\n', '').replace('10.20.7.1', '192.168.7.1')), 'out');
  });

  test('an ACL a full configuration applies nowhere is unapplied; in a snippet it is read as applied inbound', () => {
    const spare = model(ios).lists.find((l) => l.name === 'SPARE');
    assert.equal(spare?.unapplied, true);
    assert.equal(spare?.scope, undefined);
    const snippet = model('ip access-list extended SPARE\n permit tcp any any eq 445\n').lists[0];
    assert.equal(snippet.entry, true);
    assert.equal(snippet.unapplied, undefined);
    // An ACL that NAT uses, or a standard one, selects traffic for something else: not a latent filter.
    const nat = model(`${ios}ip nat inside source list SPARE interface GigabitEthernet0/0 overload\naccess-list 10 permit any\n`).lists;
    assert.equal(nat.find((l) => l.name === 'SPARE')?.unapplied, undefined);
    assert.equal(nat.find((l) => l.name === 'access-list 10')?.unapplied, undefined);
  });

  test('NAT roles decide before addresses and descriptions', () => {
    assert.deepEqual(evidence(ios), [
      'GigabitEthernet0/0 internet: marked `ip nat outside` [ip nat outside]',
      'GigabitEthernet0/1 internal: marked `ip nat inside` [ip nat inside]',
    ]);
  });

  test('a default route, a public address, a PPP address and descriptions are evidence too', () => {
    const text = [
      'interface GigabitEthernet0/0',
      ' ip address 192.168.100.2 255.255.255.252',
      'interface GigabitEthernet0/1',
      ' ip address 81.2.69.163 255.255.255.248',
      'interface Dialer1',
      ' ip address negotiated',
      'interface GigabitEthernet0/2',
      ' description Core switch uplink',
      'interface GigabitEthernet0/3',
      ' description Warehouse LAN',
      'interface GigabitEthernet0/4',
      ' description WAN-to-LAN transit',
      'interface Vlan10',
      ' ip address 10.0.10.1 255.255.255.0',
      'interface Tunnel0',
      'interface Loopback0',
      ' ip address 81.2.69.250 255.255.255.255',
      'ip route 0.0.0.0 0.0.0.0 192.168.100.1',
      'ip route 10.0.0.0 255.0.0.0 Tunnel0',
      '',
    ].join('\n');
    assert.deepEqual(evidence(text), [
      'GigabitEthernet0/0 internet: where the default route leads (`ip route 0.0.0.0 0.0.0.0 192.168.100.1`) [ip route 0.0.0.0 0.0.0.0 192.168.100.1]',
      'GigabitEthernet0/1 internet: which has the public address 81.2.69.163 [ip address 81.2.69.163 255.255.255.248]',
      "Dialer1 internet: whose address is negotiated over PPP (`ip address negotiated`), as an ISP link's is [ip address negotiated]",
      'GigabitEthernet0/2 internet: described as "Core switch uplink" [Core switch uplink]',
      'GigabitEthernet0/3 internal: described as "Warehouse LAN" [Warehouse LAN]',
    ]);
  });

  test('a default route names its interface, abbreviated or not', () => {
    const text = 'interface GigabitEthernet0/0\n ip address dhcp\ninterface GigabitEthernet0/1\nip route 0.0.0.0 0.0.0.0 Gi0/0 dhcp\nip route vrf MGMT 0.0.0.0 0.0.0.0 GigabitEthernet0/1 10.9.9.1\n';
    assert.deepEqual(model(text).interfaces?.map((e) => [e.name, e.class]), [
      ['GigabitEthernet0/0', 'internet'],
      ['GigabitEthernet0/1', 'internet'],
    ]);
    assert.deepEqual(model('interface Gi0/1\n ip address 10.0.0.1 255.255.255.0\nip route 10.8.0.0 255.255.0.0 10.0.0.2\n').interfaces, []);
  });

  test('ASA: access-group binds to the nameif; security levels 0 and 100 decide, others leave it to the name', () => {
    const text = [
      'ASA Version 9.16(4)',
      'interface GigabitEthernet0/0',
      ' nameif outside',
      ' security-level 0',
      ' ip address 81.2.69.161 255.255.255.224',
      'interface GigabitEthernet0/1',
      ' nameif inside',
      ' security-level 100',
      ' ip address 10.1.0.1 255.255.0.0',
      'interface GigabitEthernet0/2',
      ' nameif dmz',
      ' security-level 50',
      ' ip address 172.16.5.1 255.255.255.0',
      'interface GigabitEthernet0/3',
      ' nameif servers',
      ' security-level 80',
      ' ip address 10.50.0.1 255.255.255.0',
      'interface Management0/0',
      ' nameif mgmt',
      ' security-level 90',
      'access-list OUT_IN extended permit tcp any any eq 445',
      'access-list ALL extended permit tcp any any eq 445',
      'access-group OUT_IN in interface outside',
      'access-group ALL global',
      'route mgmt 0 0 10.9.9.1 1',
      '',
    ].join('\n');
    const m = model(text, 'fw.asa');
    const outIn = m.lists.find((l) => l.name === 'OUT_IN');
    assert.deepEqual(outIn?.scope?.in?.items.map((i) => [i.name, at(text, i.span)]), [['outside', 'outside']]);
    assert.equal(at(text, outIn?.scope?.in?.span), 'access-group OUT_IN in interface outside');
    // "global" applies the ACL inbound on every interface: no scope.
    const all = m.lists.find((l) => l.name === 'ALL');
    assert.equal(all?.entry, true);
    assert.equal(all?.scope, undefined);
    assert.deepEqual(evidence(text, 'fw.asa'), [
      "outside internet: nameif outside, security-level 0 (the ASA's least trusted level) [security-level 0]",
      "inside internal: nameif inside, security-level 100 (the ASA's most trusted level) [security-level 100]",
      'dmz internet: named `nameif dmz` (a DMZ faces outward) [dmz]',
      'mgmt internet: where the default route leads (`route mgmt 0 0 10.9.9.1 1`) [route mgmt 0 0 10.9.9.1 1]',
    ]);
  });
});

describe('cisco: conflicting interface evidence', () => {
  const classes = (text: string) => (cisco.extract(text, 'fw.cfg').interfaces ?? []).map((e) => `${e.name} ${e.class}: ${e.reason}`);
  test('anything that says an interface faces the internet outweighs what says it is internal', () => {
    // An outside interface raised to security-level 100 (to let same-level traffic pass) still faces out.
    assert.deepEqual(classes('ASA Version 9.8(4)\ninterface Ethernet0/0\n nameif outside\n security-level 100\n'), ['outside internet: named `nameif outside`']);
    assert.deepEqual(classes('interface Gi0/1\n description LAN\n ip address 81.2.69.9 255.255.255.0\n ip nat inside\n'), ['Gi0/1 internet: which has the public address 81.2.69.9']);
  });
  test('a default route from DHCP: ASA setroute, IOS "ip route … dhcp" with one DHCP interface', () => {
    assert.deepEqual(classes('ASA Version 9.0(3)\ninterface Vlan2\n nameif wan2\n security-level 50\n ip address dhcp setroute\n'), [
      'wan2 internet: which takes its address and the default route from DHCP (`ip address dhcp setroute`)',
    ]);
    const ios = 'interface Gi0/0\n ip address dhcp\ninterface Gi0/1\n ip address 10.0.0.1 255.255.255.0\nip route 0.0.0.0 0.0.0.0 dhcp\n';
    assert.deepEqual(classes(ios), ['Gi0/0 internet: where the default route leads (`ip route 0.0.0.0 0.0.0.0 dhcp`)']);
    assert.deepEqual(classes(ios.replace('10.0.0.1 255.255.255.0', 'dhcp')), []);
  });
});

describe('cisco: pasted configurations', () => {
  test('interface commands that lost their indentation stay in their interface; global ones end it', () => {
    const text = 'interface FastEthernet0\nip address 81.2.69.20 255.255.255.224\nip access-group 102 in\nip nat outside\n!\nip nat inside source list 1 interface FastEthernet0\ndescription stray\naccess-list 102 permit tcp any any eq 445\naccess-list 103 permit tcp any any eq 445\n';
    const m = cisco.extract(text, 'r.txt');
    assert.deepEqual(m.lists.map((l) => [l.name, l.scope?.in?.items.map((i) => i.name), l.unapplied]), [
      ['access-list 102', ['FastEthernet0'], undefined],
      ['access-list 103', undefined, true],
    ]);
    assert.deepEqual(m.interfaces?.map((e) => e.reason), ['marked `ip nat outside`']);
  });
});

describe('cisco: conditions named as written', () => {
  test('time ranges, source ports, flags and identity matches are named on the rule', () => {
    const text = 'ip access-list extended X\n permit tcp any eq smtp any eq 445 time-range WORKHOURS\n permit tcp any any eq 139 ttl eq 5 syn\n';
    assert.deepEqual(only(text).rules.map((r) => r.conditions), [['source port eq smtp', 'time-range WORKHOURS'], ['ttl eq 5', 'syn']]);
    assert.equal(only('access-list 101 permit tcp any any eq 445\n').rules[0].conditions, undefined);
    const asa = only('access-list A extended permit tcp user CORP\\bob any any eq 445\n').rules[0];
    assert.deepEqual([asa.conditional, asa.conditions], [true, ['user CORP\\bob']]);
  });
});

describe('cisco: bounded work', () => {
  test('only the first 64 default routes are matched against the interfaces', () => {
    const ifaces = Array.from({ length: 70 }, (_, i) => `interface Gi0/${i}\n ip address 10.0.${i}.1 255.255.255.0\n`).join('');
    const routes = Array.from({ length: 70 }, (_, i) => `ip route 0.0.0.0 0.0.0.0 10.0.${i}.2\n`).join('');
    const classified = (cisco.extract(ifaces + routes, 'r.cfg').interfaces ?? []).map((e) => e.name);
    assert.equal(classified.length, 64);
    assert.ok(classified.includes('Gi0/63') && !classified.includes('Gi0/64'));
  });
});
