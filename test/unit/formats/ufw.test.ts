import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { detectFormat } from '../../../src/core/formats/registry';
import { ufw } from '../../../src/core/formats/ufw/index';
import type { RuleList } from '../../../src/core/model/rule';
import { at, edits, SMB } from '../helpers/format-test';


const list = (text: string, name = 'incoming', uri = 'setup.sh'): RuleList => {
  const l = ufw.extract(text, uri).lists.find((x) => x.name === name);
  assert.ok(l, `list ${name}`);
  return l;
};

const USER_RULES = [
  '*filter',
  ':ufw-user-input - [0:0]',
  ':ufw-user-output - [0:0]',
  '### RULES ###',
  '',
  '### tuple ### allow tcp 445 0.0.0.0/0 any 0.0.0.0/0 in',
  '-A ufw-user-input -p tcp --dport 445 -j ACCEPT',
  '',
  '### END RULES ###',
  'COMMIT',
  '',
].join('\n');

describe('ufw detection', () => {
  test('claims scripts with ufw rule commands, sudo and --force included', () => {
    for (const t of ['ufw allow 445/tcp\n', '#!/bin/sh\n  sudo ufw deny 22\n', 'ufw --force default deny\n', '/usr/sbin/ufw route allow in on eth0\n', 'ufw insert 1 deny 445\n']) {
      assert.equal(ufw.detect('x.sh', t), true, t);
    }
  });
  test('claims user.rules and user6.rules by name or by content', () => {
    assert.equal(ufw.detect('/etc/ufw/user.rules', USER_RULES), true);
    assert.equal(ufw.detect('/etc/ufw/user6.rules', ''), true);
    assert.equal(ufw.detect('backup.txt', USER_RULES), true);
    assert.equal(detectFormat('/etc/ufw/user.rules', USER_RULES)?.id, 'ufw');
  });
  test('leaves iptables scripts, iptables-save files and unrelated files alone', () => {
    const save = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
    assert.equal(ufw.detect('rules.v4', save), false);
    assert.equal(ufw.detect('/etc/ufw/before.rules', '*filter\n:ufw-before-input - [0:0]\nCOMMIT\n'), false);
    assert.equal(ufw.detect('fw.sh', 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n'), false);
    assert.equal(ufw.detect('notes.sh', 'echo "run ufw status to check"\nufw status\nufw enable\n'), false);
    assert.equal(ufw.detect('pf.conf', 'block in all\npass in proto tcp to port 22\n'), false);
    assert.equal(detectFormat('rules.v4', save)?.id, 'iptables');
  });
});

describe('ufw extraction', () => {
  test('simple syntax: ports, protocol and exact spans', () => {
    const text = 'ufw allow 139,445/tcp\n';
    const [r] = list(text).rules;
    assert.equal(r.protocol, 'tcp');
    assert.deepEqual(r.ports.ranges, [[139, 139], [445, 445]]);
    assert.deepEqual(r.ports.items.map((i) => at(text, i.span)), ['139', '445']);
    assert.equal(at(text, r.actionSpan), 'allow');
    assert.equal(at(text, r.span), 'ufw allow 139,445/tcp');
  });
  test('a port without protocol is both protocols; ranges use ":"', () => {
    const rules = list('ufw allow 445\nufw allow 137:138/udp\n').rules;
    assert.equal(rules[0].protocol, 'any');
    assert.deepEqual(rules[1].ports.ranges, [[137, 138]]);
    assert.equal(rules[1].protocol, 'udp');
  });
  test('full syntax: source, destination, port, proto, interface', () => {
    const text = 'ufw allow in on eth0 proto tcp from 45.76.12.0/24 to any port 445 comment "nas"\n';
    const [r] = list(text).rules;
    assert.equal(at(text, r.sources.items[0].span), '45.76.12.0/24');
    assert.deepEqual(r.sources.items[0].value, { kind: 'cidr', cidr: '45.76.12.0/24' });
    assert.equal(r.destinations.items.length, 0, '"to any" is no condition');
    assert.equal(at(text, r.protocolSpan!), 'tcp');
    // The interface is where the rule applies, not a condition.
    assert.equal(r.conditional, false);
    assert.equal(at(text, r.scope!.in!.span!), 'in on eth0');
    assert.deepEqual(r.scope!.in!.items.map((i) => [i.name, at(text, i.span)]), [['eth0', 'eth0']]);
    assert.deepEqual(r.ports.ranges, [[445, 445]]);
  });
  test('application profiles: Samba and CIFS know their ports; unknown profiles are unknown', () => {
    const rules = list("ufw allow Samba\nufw allow from 10.1.0.0/24 to any app CIFS\nufw allow 'My App'\n").rules;
    assert.deepEqual(rules[0].ports.ranges, [[137, 139], [445, 445]]);
    assert.deepEqual(rules[1].ports.ranges, [[137, 139], [445, 445]]);
    assert.equal(rules[2].ports.ranges, 'unknown');
  });
  test('profile names match ignoring case, as ufw matches them: "samba" is Samba, without a problem', () => {
    const m = ufw.extract("ufw allow samba\nufw allow 'apache full'\n", 'x.sh');
    const rules = m.lists.find((l) => l.name === 'incoming')?.rules ?? [];
    assert.deepEqual(rules.map((r) => r.ports.ranges), [[[137, 139], [445, 445]], [[80, 80], [443, 443]]]);
    assert.deepEqual(m.problems, []);
  });
  test('insert N and prepend place rules; delete removes them', () => {
    const rules = list('ufw allow 445/tcp\nufw allow 22/tcp\nufw insert 2 deny 139/tcp\nufw prepend deny 137/udp\nufw delete allow 22/tcp\n').rules;
    assert.deepEqual(rules.map((r) => r.ports.ranges), [[[137, 137]], [[445, 445]], [[139, 139]]]);
    assert.deepEqual(rules.map((r) => r.label), ['rule 1', 'rule 2', 'rule 3']);
  });
  test('directions: out and route rules go to their own lists', () => {
    const text = 'ufw allow out 445/tcp\nufw route allow in on eth0 out on eth1 to 10.0.0.5 port 445 proto tcp\n';
    assert.equal(list(text, 'outgoing').rules.length, 1);
    assert.equal(list(text, 'routed').rules.length, 1);
    assert.equal(list(text, 'routed').direction, 'forward');
    assert.equal(list(text).rules.length, 0);
  });
  test('default policies: deny incoming unless set; the span is the policy word', () => {
    assert.equal(list('ufw allow 22\n').policy, 'deny');
    assert.equal(list('ufw allow 22\n').policySpan, undefined);
    const text = 'ufw default allow incoming\nufw default reject outgoing\n';
    assert.equal(list(text).policy, 'allow');
    assert.equal(at(text, list(text).policySpan!), 'allow');
    assert.equal(list(text, 'outgoing').policy, 'deny');
  });
  test('reset clears rules and defaults; a final disable admits everything', () => {
    assert.equal(list('ufw allow 445\nufw default allow\nufw --force reset\nufw allow 22\n').rules.length, 1);
    assert.equal(list('ufw default allow\nufw --force reset\n').policy, 'deny');
    const off = list('ufw allow 22\nufw disable\n');
    assert.equal(off.policy, 'allow');
    assert.equal(off.rules.length, 0);
    assert.equal(list('ufw disable\nufw --force enable\n').policy, 'deny');
  });
  test('variables expand; unknown ones stay unknown', () => {
    const rules = list('LAN=192.168.1.0/24\nufw allow from $LAN to any port 445\nufw allow from $OTHER to any port 445\n').rules;
    assert.deepEqual(rules[0].sources.items[0].value, { kind: 'cidr', cidr: '192.168.1.0/24' });
    assert.deepEqual(rules[1].sources.items[0].value, { kind: 'unknown' });
  });
  test('on lo is loopback, not a condition', () => {
    const [r] = list('ufw allow in on lo\n').rules;
    assert.equal(r.conditional, false);
    assert.equal(r.sources.items[0].value.kind, 'loopback');
  });
  test('tolerates garbage, truncation and empty input', () => {
    for (const t of ['', 'ufw', 'ufw allow', 'ufw allow from', 'ufw insert', 'ufw allow 445/tpc', 'ufw default', "ufw allow 'unterminated", '\u0000\u0001 ufw allow 445 \\']) {
      assert.doesNotThrow(() => ufw.extract(t, 'x.sh'), t);
    }
    const m = ufw.extract('ufw allow from\nufw allow 139/tcp\n', 'x.sh');
    assert.equal(m.problems.length, 1);
    assert.equal(m.lists.find((l) => l.name === 'incoming')?.rules.length, 1, 'the complete command still counts');
  });
  test('user.rules: ufw-user-input is an entry list with ufw\'s default deny', () => {
    const l = ufw.extract(USER_RULES, '/etc/ufw/user.rules').lists.find((x) => x.name === 'ufw-user-input');
    assert.equal(l?.entry, true);
    assert.equal(l?.policy, 'deny');
    assert.equal(l?.direction, 'in');
    assert.deepEqual(l?.rules[0].ports.ranges, [[445, 445]]);
    const v6 = ufw.extract(USER_RULES.replace(/ufw-/g, 'ufw6-'), '/etc/ufw/user6.rules').lists.find((x) => x.name === 'ufw6-user-input');
    assert.equal(v6?.families, 'ipv6');
    assert.equal(v6?.entry, true);
  });
});

describe('ufw fixes', () => {
  test('restrictSource rewrites simple syntax to full syntax, one command per source', () => {
    const text = '  sudo ufw allow 445/tcp\n';
    const [r] = list(text).rules;
    const out = applyEdits(text, edits(ufw.fixes.restrictSource?.(text, r, list(text), ['10.1.0.0/24', '10.2.0.0/24'])));
    assert.equal(out, '  sudo ufw allow from 10.1.0.0/24 to any port 445 proto tcp\n  sudo ufw allow from 10.2.0.0/24 to any port 445 proto tcp\n');
  });
  test('restrictSource keeps the address family of the destination', () => {
    const text = 'ufw allow from any to 10.0.0.5 port 445\n';
    const [r] = list(text).rules;
    const out = applyEdits(text, edits(ufw.fixes.restrictSource?.(text, r, list(text), ['10.1.0.0/24', 'fd00::/64'])));
    assert.equal(out, 'ufw allow from 10.1.0.0/24 to 10.0.0.5 port 445\n');
  });
  test('removeServices trims ports; a lone SMB port or a profile cannot be trimmed', () => {
    const text = 'ufw allow 22,139,445/tcp\nufw allow 445/tcp\nufw allow Samba\n';
    const l = list(text);
    assert.equal(applyEdits(text, edits(ufw.fixes.removeServices?.(text, l.rules[0], l, SMB))).split('\n')[0], 'ufw allow 22/tcp');
    assert.equal(ufw.fixes.removeServices?.(text, l.rules[1], l, SMB), undefined);
    assert.equal(ufw.fixes.removeServices?.(text, l.rules[2], l, SMB), undefined);
  });
  test('deny turns allow and limit into deny', () => {
    const text = 'ufw limit 445/tcp\n';
    const l = list(text);
    assert.equal(applyEdits(text, edits(ufw.fixes.deny?.(text, l.rules[0], l))), 'ufw deny 445/tcp\n');
  });
  test('insertDenyBefore: a line above for appended rules, the same position after inserted ones', () => {
    const text = 'ufw allow 22/tcp\nufw allow from 45.76.12.0/24 to any port 445 proto tcp\nufw insert 1 allow 139/tcp\n';
    const l = list(text);
    const smb = l.rules.find((r) => r.ports.ranges !== 'unknown' && r.ports.ranges?.[0][0] === 445)!;
    assert.equal(applyEdits(text, edits(ufw.fixes.insertDenyBefore?.(text, smb, l, SMB))).split('\n')[1], 'ufw deny from 45.76.12.0/24 to any port 139,445 proto tcp');
    const first = l.rules[0];
    const out = applyEdits(text, edits(ufw.fixes.insertDenyBefore?.(text, first, l, SMB)));
    assert.equal(out.split('\n')[3], 'ufw insert 1 deny 139,445/tcp');
    assert.equal(list(out).rules[0].action, 'deny');
  });
  test('appendDeny adds deny commands after the last rule command, CRLF kept', () => {
    const text = 'ufw default allow incoming\r\nufw allow 22/tcp\r\nufw --force enable\r\n';
    const l = list(text);
    const out = applyEdits(text, edits(ufw.fixes.appendDeny?.(text, l, SMB)));
    assert.equal(out, 'ufw default allow incoming\r\nufw allow 22/tcp\r\nufw deny 139,445/tcp\r\nufw deny 137,138/udp\r\nufw --force enable\r\n');
  });
  test('user.rules: deny edits the tuple with its lines; inserted denies carry tuples', () => {
    const l = ufw.extract(USER_RULES, 'user.rules').lists.find((x) => x.name === 'ufw-user-input')!;
    const denied = applyEdits(USER_RULES, edits(ufw.fixes.deny?.(USER_RULES, l.rules[0], l)));
    assert.match(denied, /### tuple ### deny tcp 445 0\.0\.0\.0\/0 any 0\.0\.0\.0\/0 in\n-A ufw-user-input -p tcp --dport 445 -j DROP/);
    const inserted = applyEdits(USER_RULES, edits(ufw.fixes.insertDenyBefore?.(USER_RULES, l.rules[0], l, SMB)));
    assert.match(inserted, /### RULES ###\n\n### tuple ### deny tcp 139,445 0\.0\.0\.0\/0 any 0\.0\.0\.0\/0 in\n-A ufw-user-input -p tcp -m multiport --dports 139,445 -j DROP\n\n### tuple ### allow tcp 445/);
    const appended = applyEdits(USER_RULES, edits(ufw.fixes.appendDeny?.(USER_RULES, l, SMB)));
    assert.match(appended, /-j DROP\n\n### END RULES ###/);
  });
});

describe('where ufw rules apply (issue 13)', () => {
  test('in on IF / out on IF are the scope; route rules carry both; a source port is a named condition', () => {
    const text = 'ufw allow in on br0\nufw route allow in on lan out on wan+ to any port 445 proto tcp\nufw allow out on eth1 to any port 445 proto tcp\nufw allow in on $NOPE to any port 445\nufw allow from any port 25 to any port 445 proto tcp\n';
    const [br0, unset, source] = list(text).rules;
    const [route] = list(text, 'routed').rules;
    const [out] = list(text, 'outgoing').rules;
    const sides = (r: typeof br0) => [r.scope?.in && [at(text, r.scope.in.span!), r.scope.in.items.map((i) => [i.name, i.prefix ?? false])], r.scope?.out && [at(text, r.scope.out.span!), r.scope.out.items.map((i) => [i.name, i.prefix ?? false])]];
    assert.deepEqual(sides(br0), [['in on br0', [['br0', false]]], undefined]);
    assert.deepEqual(sides(route), [['in on lan', [['lan', false]]], ['out on wan+', [['wan', true]]]]);
    assert.deepEqual(sides(out), [undefined, ['out on eth1', [['eth1', false]]]]);
    assert.equal(unset.scope?.in?.unknown, true);
    assert.deepEqual([br0, route, out, unset].map((r) => r.conditional), [false, false, false, false]);
    assert.deepEqual([source.conditional, source.conditions], [true, ['from any port 25']]);
  });

  test('evidence: a variable named WAN or LAN, a default route', () => {
    const text = 'WAN_IF=enp1s0\nLAN=enp2s0\nip route add default dev ppp0\nufw allow in on $LAN\nufw deny in on "$WAN_IF" to any port 445\n';
    assert.deepEqual(ufw.extract(text, 'setup.sh').interfaces?.map((e) => [e.name, e.class, e.reason]), [
      ['ppp0', 'internet', "the interface this file's default route leaves by"],
      ['enp2s0', 'internal', 'named by $LAN'],
      ['enp1s0', 'internet', 'named by $WAN_IF'],
    ]);
  });

  test('an inserted deny repeats "in on IF", and clears its finding', () => {
    const text = 'ufw allow in on eth1 to any port 445 proto tcp\n';
    const [finding] = analyzeText({ uri: 'setup.sh', text }).findings;
    const insert = finding.fixes.find((x) => x.kind === 'insert-deny' && /before/.test(x.title));
    assert.ok(insert);
    const fixed = applyEdits(text, insert.edits);
    assert.equal(fixed, `ufw deny in on eth1 445/tcp\n${text}`);
    assert.deepEqual(analyzeText({ uri: 'setup.sh', text: fixed }).findings, []);
  });
});
