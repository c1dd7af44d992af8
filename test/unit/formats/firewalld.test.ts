import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { detectFormat } from '../../../src/core/formats/registry';
import { firewalld } from '../../../src/core/formats/firewalld/index';
import { parseXml } from '../../../src/core/formats/firewalld/xml';
import type { RuleList } from '../../../src/core/model/rule';
import { at, edits, SMB } from '../helpers/format-test';


const zone = (body: string, open = '<zone>') => `<?xml version="1.0" encoding="utf-8"?>\n${open}\n${body}</zone>\n`;
const listOf = (text: string, uri = '/etc/firewalld/zones/public.xml', name?: string): RuleList => {
  const lists = firewalld.extract(text, uri).lists;
  const l = name ? lists.find((x) => x.name === `zone ${name}`) : lists[0];
  assert.ok(l, `zone ${name ?? '(first)'}`);
  return l;
};
const findings = (text: string, uri = '/etc/firewalld/zones/public.xml') => analyzeText({ uri, text }).findings.map((f) => f.ruleId);

describe('firewalld detection', () => {
  test('claims zone files by their <zone> root, whatever the name', () => {
    assert.equal(detectFormat('/etc/firewalld/zones/public.xml', zone('  <service name="ssh"/>\n'))?.id, 'firewalld');
    assert.equal(detectFormat('file:///tmp/x.xml', '\uFEFF<!-- copy -->\n<zone target="DROP"/>\n')?.id, 'firewalld');
    assert.ok(firewalld.detect('untitled:1', '<zone>\n'));
  });

  test('claims scripts that call firewall-cmd with a zone change', () => {
    for (const t of ['#!/bin/sh\nfirewall-cmd --permanent --add-service=samba\n', 'sudo /usr/bin/firewall-cmd --zone=dmz --add-port=445/tcp\n', 'firewall-offline-cmd --set-default-zone=home\n']) {
      assert.equal(detectFormat('setup.sh', t)?.id, 'firewalld', t);
    }
  });

  test('does not claim other XML, services, policies, or files that only mention firewall-cmd', () => {
    assert.equal(firewalld.detect('/usr/lib/firewalld/services/samba.xml', '<?xml version="1.0"?>\n<service>\n  <port protocol="tcp" port="445"/>\n</service>\n'), false);
    assert.equal(firewalld.detect('/etc/firewalld/policies/a.xml', '<?xml version="1.0"?>\n<policy target="ACCEPT"/>\n'), false);
    assert.equal(firewalld.detect('pom.xml', '<project><zone/></project>'), false);
    assert.equal(firewalld.detect('setup.sh', 'firewall-cmd --list-all\nfirewall-cmd --reload\n'), false);
    assert.equal(firewalld.detect('site.yml', '- shell: firewall-cmd --add-service=samba\n'), false);
    assert.equal(firewalld.detect('README.md', 'Run `firewall-cmd --add-service=samba`.\n'), false);
    assert.equal(detectFormat('rules.sh', 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n')?.id, 'iptables');
  });
});

describe('firewalld XML reader', () => {
  test('attribute value spans are exact and entities are decoded', () => {
    const text = '<zone><rule family="ipv4"><log prefix="a &quot;b&quot; &#x41;"/></rule></zone>';
    const doc = parseXml(text);
    assert.deepEqual(doc.problems, []);
    const log = doc.roots[0].children[0].children[0];
    assert.equal(log.attrs[0].value, 'a "b" A');
    assert.equal(at(text, log.attrs[0].valueSpan), 'a &quot;b&quot; &#x41;');
  });

  test('comments, declarations and self-closing tags', () => {
    const doc = parseXml('<?xml version="1.0"?>\n<!DOCTYPE zone>\n<zone><!-- <service name="samba"/> --><service name="ssh" /></zone>');
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(doc.roots[0].children.map((c) => [c.name, c.selfClosing]), [['service', true]]);
  });

  test('broken input keeps what was readable and reports problems, never throws', () => {
    for (const t of ['', '<', '<zone', '<zone><service name="samba"', '<zone><service name=samba/></zone>', '</zone>', '<zone><!-- open', '<<<>>>', 'garbage', '<zone><a></b></zone>', '<zone a="x\n']) {
      assert.doesNotThrow(() => firewalld.extract(t, 'public.xml'), t);
    }
    const cut = parseXml('<zone>\n  <service name="samba"/>\n  <port port="445" protocol="tcp"');
    assert.equal(cut.roots[0].children.length, 2);
    assert.equal(cut.roots[0].children[1].attrs.length, 2);
    assert.ok(cut.roots[0].children[1].broken);
    assert.equal(cut.problems.length, 2);
  });

  test('text outside the root element is a problem (firewalld cannot load such a file)', () => {
    assert.equal(parseXml('# note\n<zone/>\n').problems[0].message, 'text outside the root element');
    assert.deepEqual(parseXml('<zone>\n# note inside is ignored by firewalld\n</zone>\n').problems, []);
  });
});

describe('firewalld zone files', () => {
  test('a service element becomes one rule with its ports and exact spans', () => {
    const text = zone('  <service name="samba"/>\n  <port port="137-139" protocol="udp"/>\n');
    const l = listOf(text);
    assert.equal(l.rules.length, 2);
    const [svc, port] = l.rules;
    assert.equal(svc.protocol, 'any');
    assert.deepEqual(svc.ports.ranges, [[137, 139], [445, 445]]);
    assert.equal(at(text, svc.ports.span!), 'samba');
    assert.equal(at(text, svc.span), '<service name="samba"/>');
    assert.equal(port.protocol, 'udp');
    assert.deepEqual(port.ports.ranges, [[137, 139]]);
    assert.equal(at(text, port.ports.items[0].span), '137-139');
  });

  test('unknown services are not SMB; samba-client is UDP 137/138 only', () => {
    const l = listOf(zone('  <service name="my-share"/>\n  <service name="samba-client"/>\n'));
    assert.equal(l.rules.length, 1);
    assert.equal(l.rules[0].protocol, 'udp');
    assert.deepEqual(l.rules[0].ports.ranges, [[137, 138]]);
  });

  test('rules follow firewalld chains: pre, deny, allow (services too), post', () => {
    const text = zone([
      '  <rule priority="5"><port port="445" protocol="tcp"/><accept/></rule>',
      '  <service name="samba"/>',
      '  <rule><port port="445" protocol="tcp"/><accept/></rule>',
      '  <rule><port port="445" protocol="tcp"/><drop/></rule>',
      '  <rule priority="-2"><port port="445" protocol="tcp"/><reject/></rule>',
      '  <rule priority="-7"><port port="445" protocol="tcp"/><log prefix="x"/></rule>',
      '',
    ].join('\n'));
    const l = listOf(text);
    assert.deepEqual(l.rules.map((r) => `${r.action}:${r.label}`), [
      'log:rich rule 5 (priority -7)',
      'deny:rich rule 4 (priority -2)',
      'deny:rich rule 3',
      'allow:service samba',
      'allow:rich rule 2',
      'allow:rich rule 1 (priority 5)',
    ]);
  });

  test('an inverted source with a family admits that family only, except the address', () => {
    const text = zone('  <rule family="ipv4"><source address="10.0.0.0/8" invert="True"/><service name="samba"/><accept/></rule>\n');
    const r = listOf(text).rules[0];
    assert.equal(r.sources.negated, true);
    assert.deepEqual(r.sources.items.map((i) => i.value), [{ kind: 'cidr', cidr: '10.0.0.0/8' }, { kind: 'cidr', cidr: '::/0' }]);
    assert.equal(at(text, r.sources.items[0].span), '10.0.0.0/8');
  });

  test('a source-bound zone admits only its sources; an ipset source admits nothing knowable', () => {
    const scoped = zone('  <source address="192.168.1.0/24"/>\n  <service name="samba"/>\n');
    assert.deepEqual(findings(scoped, 'home.xml'), []);
    assert.deepEqual(findings(zone('  <source address="10.0.0.0/8"/>\n  <service name="samba"/>\n'), 'home.xml'), ['smb-broad-private-exposure']);
    assert.deepEqual(findings(zone('  <source ipset="office"/>\n  <service name="samba"/>\n'), 'home.xml'), []);
  });

  test('which zones are evaluated: interfaces, the default zone, public/external/dmz, not an unbound home zone', () => {
    const body = '  <service name="samba"/>\n';
    assert.deepEqual(findings(zone(body), 'public.xml'), ['smb-internet-exposure']);
    assert.deepEqual(findings(zone(body), 'dmz.xml'), ['smb-internet-exposure']);
    assert.deepEqual(findings(zone(body), 'home.xml'), []);
    assert.deepEqual(findings(zone(`  <interface name="eth0"/>\n${body}`), 'lab.xml'), ['smb-internet-exposure']);
    assert.deepEqual(findings(zone(`  <interface name="eth0"/>\n${body}`), 'home.xml'), [], 'eth0 is bound to the home zone: internal');
  });

  test('target ACCEPT is an allow policy with the span of its value; default and DROP deny', () => {
    const text = zone('  <interface name="eth1"/>\n', '<zone target="ACCEPT">');
    const l = listOf(text, 'trusted.xml');
    assert.equal(l.policy, 'allow');
    assert.equal(at(text, l.policySpan!), 'ACCEPT');
    assert.deepEqual(findings(text, 'lab.xml'), ['smb-default-policy-exposure']);
    assert.deepEqual(findings(text, 'trusted.xml'), [], 'the trusted zone faces inward');
    assert.equal(listOf(zone('', '<zone target="%%REJECT%%">')).policy, 'deny');
    assert.equal(listOf(zone('')).policy, 'deny');
  });

  test('forward-port to 445 is an allow evaluated before the zone rules', () => {
    const text = zone('  <rule><port port="445" protocol="tcp"/><drop/></rule>\n  <forward-port port="8445" protocol="tcp" to-port="445"/>\n');
    const l = listOf(text, 'external.xml');
    assert.equal(l.rules[0].action, 'allow');
    assert.deepEqual(l.rules[0].ports.ranges, [[445, 445]]);
    assert.deepEqual(findings(text, 'external.xml'), ['smb-internet-exposure']);
  });

  test('<rich-rule> is not a firewalld element: reported, read as <rule>', () => {
    const m = firewalld.extract(zone('  <rich-rule><service name="samba"/><accept/></rich-rule>\n'), 'public.xml');
    assert.equal(m.problems.length, 1);
    assert.equal(m.lists[0].rules[0].action, 'allow');
  });
});

describe('firewalld zones and interfaces', () => {
  test('a zone bound to interfaces applies to packets arriving on them; "+" is a wildcard', () => {
    const text = zone('  <interface name="virbr0"/>\n  <interface name="vnet+"/>\n  <service name="samba"/>\n');
    const l = listOf(text, 'libvirt.xml');
    assert.equal(l.entry, true);
    assert.deepEqual(l.scope?.zone, { name: 'libvirt' });
    assert.deepEqual(l.scope?.in?.items.map((i) => [i.name, i.prefix ?? false, at(text, i.span)]), [['virbr0', false, 'virbr0'], ['vnet', true, 'vnet+']]);
    assert.equal(l.scope?.in?.negated, false);
  });
  test('the default zone takes every unbound interface: its scope is the zone alone, even with sources', () => {
    const bound = listOf(zone('  <interface name="eth0"/>\n  <service name="samba"/>\n'), 'public.xml');
    assert.deepEqual(bound.scope, { zone: { name: 'public' } });
    const sourced = zone('  <source address="192.168.1.0/24"/>\n  <service name="samba"/>\n');
    assert.deepEqual(listOf(sourced, 'public.xml').scope, { zone: { name: 'public' } });
    assert.deepEqual(findings(sourced, 'public.xml'), ['smb-internet-exposure'], 'a source does not take the default zone off the other interfaces');
    assert.deepEqual(listOf(zone('  <service name="samba"/>\n'), 'dmz.xml').scope, { zone: { name: 'dmz' } });
  });
  test('a zone with sources only is scoped by its sources, not by its name', () => {
    const l = listOf(zone('  <source address="10.0.0.0/8"/>\n  <service name="samba"/>\n'), 'internal.xml');
    assert.equal(l.scope, undefined);
    assert.equal(l.rules[0].label, 'zone sources');
  });
  test('evidence: the zone\'s name for its interfaces; masquerading out of them outweighs the name', () => {
    const ev = (body: string, uri: string) => firewalld.extract(zone(body), uri).interfaces?.map((e) => [e.name, e.class, e.reason]);
    assert.deepEqual(ev('  <interface name="eth1"/>\n', 'internal.xml'), [['eth1', 'internal', 'bound to the firewalld zone internal']]);
    assert.deepEqual(ev('  <interface name="eth0"/>\n', 'external.xml'), [['eth0', 'internet', 'bound to the firewalld zone external']]);
    assert.deepEqual(ev('  <interface name="enp1s0"/>\n  <masquerade/>\n', 'work.xml'), [['enp1s0', 'internet', 'the interface firewalld zone work masquerades out of']]);
    assert.equal(ev('  <interface name="virbr0"/>\n', 'lab.xml'), undefined, 'a zone the user named says nothing');
  });
});

describe('firewalld zone-file fixes', () => {
  test('restrictSource turns a service into rich rules, one per family; the placeholder stays parseable', () => {
    const text = zone('  <service name="samba"/>\n');
    const l = listOf(text);
    const out = applyEdits(text, edits(firewalld.fixes.restrictSource?.(text, l.rules[0], l, ['192.168.10.0/24', 'fd00::/64'])));
    assert.equal(out, zone('  <rule family="ipv4"><source address="192.168.10.0/24"/><service name="samba"/><accept/></rule>\n  <rule family="ipv6"><source address="fd00::/64"/><service name="samba"/><accept/></rule>\n'));
    const ph = applyEdits(text, edits(firewalld.fixes.restrictSource?.(text, l.rules[0], l, ['TRUSTED_SMB_SOURCES'])));
    assert.deepEqual(firewalld.extract(ph, 'public.xml').problems, []);
  });

  test('removeServices deletes the element line or narrows a range; samba-dc is not removed', () => {
    const text = zone('  <service name="samba"/>\n  <port port="130-140" protocol="udp"/>\n  <service name="samba-dc"/>\n');
    const l = listOf(text);
    const [svc, port, dc] = l.rules;
    assert.equal(applyEdits(text, edits(firewalld.fixes.removeServices?.(text, svc, l, SMB))), zone('  <port port="130-140" protocol="udp"/>\n  <service name="samba-dc"/>\n'));
    const narrowed = applyEdits(text, edits(firewalld.fixes.removeServices?.(text, port, l, SMB)));
    assert.ok(narrowed.includes('  <port port="130-136" protocol="udp"/>\n  <port port="139-140" protocol="udp"/>\n'), narrowed);
    assert.equal(firewalld.fixes.removeServices?.(text, dc, l, SMB), undefined);
  });

  test('deny turns a rich accept into drop; a plain service has no deny form', () => {
    const text = zone('  <rule family="ipv4"><source address="1.2.3.0/24"/><service name="samba"/><accept/></rule>\n  <service name="samba"/>\n');
    const l = listOf(text);
    const rich = l.rules.find((r) => r.label.startsWith('rich'))!;
    assert.deepEqual(edits(firewalld.fixes.deny?.(text, rich, l)).map((e) => e.newText), ['<drop/>']);
    assert.equal(firewalld.fixes.deny?.(text, l.rules.find((r) => r.label === 'service samba')!, l), undefined);
  });

  test('insertDenyBefore keeps the rule source and decides first (priority one lower)', () => {
    const text = zone('  <rule family="ipv4" priority="-3"><source address="1.2.3.0/24"/><port port="445" protocol="tcp"/><accept/></rule>\n');
    const l = listOf(text);
    const out = applyEdits(text, edits(firewalld.fixes.insertDenyBefore?.(text, l.rules[0], l, SMB)));
    assert.ok(out.includes('  <rule family="ipv4" priority="-4"><source address="1.2.3.0/24"/><port port="445" protocol="tcp"/><drop/></rule>\n  <rule family="ipv4" priority="-3">'), out);
  });

  test('a cut-off element is never edited', () => {
    const text = '<zone>\n  <port port="445" protocol="tcp"';
    const l = listOf(text);
    assert.equal(firewalld.fixes.removeServices?.(text, l.rules[0], l, SMB), undefined);
    assert.equal(firewalld.fixes.restrictSource?.(text, l.rules[0], l, ['10.1.0.0/24']), undefined);
  });
});

describe('firewall-cmd scripts', () => {
  const SCRIPT = [
    '#!/bin/sh',
    'firewall-cmd --permanent --zone=public --add-service=ssh --add-service=samba',
    'firewall-cmd --permanent --add-port=137-139/udp',
    "firewall-cmd --permanent --zone=public --add-rich-rule='rule family=\"ipv4\" source not address=\"10.0.0.0/8\" service name=\"samba\" accept'",
    '',
  ].join('\n');

  test('options become rules in their zone, with spans inside the words', () => {
    const l = listOf(SCRIPT, 'setup.sh', 'public');
    assert.deepEqual(l.rules.map((r) => r.label), ['service ssh', 'service samba', 'port 137-139/udp', 'rich rule 1']);
    assert.equal(at(SCRIPT, l.rules[1].span), '--add-service=samba');
    assert.equal(at(SCRIPT, l.rules[2].ports.items[0].span), '137-139');
    const rich = l.rules[3];
    assert.equal(at(SCRIPT, rich.sources.items[0].span), '10.0.0.0/8');
    assert.equal(rich.sources.negated, true);
    assert.equal(at(SCRIPT, rich.sources.span!), 'source not address="10.0.0.0/8"');
  });

  test('remove, set-default-zone, sources and target are replayed in order', () => {
    const text = [
      'firewall-cmd --set-default-zone=home',
      'firewall-cmd --add-service=samba',
      'firewall-cmd --zone=work --add-source=10.0.0.0/8 --add-service=samba',
      'firewall-cmd --zone=work --remove-service=samba',
      'firewall-cmd --permanent --zone=trusted --add-interface=eth9',
      'firewall-cmd --permanent --zone=trusted --set-target=ACCEPT',
      '',
    ].join('\n');
    const m = firewalld.extract(text, 'fw.sh');
    const home = m.lists.find((l) => l.name === 'zone home')!;
    assert.equal(home.entry, true);
    assert.equal(home.rules.length, 1);
    assert.equal(m.lists.find((l) => l.name === 'zone work')!.rules.filter((r) => r.action === 'allow').length, 0);
    const trusted = m.lists.find((l) => l.name === 'zone trusted')!;
    assert.equal(trusted.policy, 'allow');
    assert.equal(at(text, trusted.policySpan!), 'ACCEPT');
  });

  test('interfaces: add, change (which moves them), remove; masquerade takes no value', () => {
    const text = [
      'firewall-cmd --permanent --zone=internal --add-interface=eth1 --add-interface=eth2',
      'firewall-cmd --permanent --zone=lab --change-interface=eth2',
      'firewall-cmd --permanent --zone=internal --remove-interface=eth1 --add-interface=br0',
      'firewall-cmd --permanent --zone=external --add-interface=ppp0',
      'firewall-cmd --permanent --zone=lab --add-masquerade',
      'firewall-cmd --permanent --zone=lab --add-service=samba',
      'firewall-cmd --permanent --zone=vms --add-interface="$VM_IF" --add-service=samba',
      '',
    ].join('\n');
    const m = firewalld.extract(text, 'fw.sh');
    assert.deepEqual(m.problems, []);
    const names = (z: string) => m.lists.find((l) => l.name === `zone ${z}`)?.scope?.in?.items.map((i) => i.name);
    assert.deepEqual([names('internal'), names('lab'), names('external')], [['br0'], ['eth2'], ['ppp0']]);
    assert.equal(m.lists.find((l) => l.name === 'zone vms')?.scope?.in?.unknown, true);
    assert.deepEqual(m.interfaces?.map((e) => [e.name, e.class, at(text, e.span!)]), [
      ['br0', 'internal', 'br0'],
      ['eth2', 'internet', 'eth2'],
      ['ppp0', 'internet', 'ppp0'],
    ]);
    const undone = firewalld.extract('firewall-cmd --zone=lab --add-interface=eth2 --add-masquerade\nfirewall-cmd --zone=lab --remove-masquerade\n', 'fw.sh');
    assert.equal(undone.interfaces, undefined);
  });

  test('--set-default-zone makes that zone take every unbound interface', () => {
    const m = firewalld.extract('firewall-cmd --set-default-zone=home\nfirewall-cmd --zone=home --add-interface=eth0 --add-service=samba\nfirewall-cmd --zone=public --add-interface=eth1\n', 'fw.sh');
    assert.deepEqual(m.lists.find((l) => l.name === 'zone home')?.scope, { zone: { name: 'home' } });
    assert.deepEqual(m.lists.find((l) => l.name === 'zone public')?.scope?.in?.items.map((i) => i.name), ['eth1']);
  });

  test('brace lists and variables', () => {
    const text = 'SVC=samba\nfirewall-cmd --add-service={ssh,samba}\nfirewall-cmd --zone=dmz --add-service=$SVC\nfirewall-cmd --zone=external --add-service=$UNSET\n';
    const m = firewalld.extract(text, 'fw.sh');
    assert.equal(at(text, m.lists.find((l) => l.name === 'zone public')!.rules[1].ports.span!), 'samba');
    assert.equal(m.lists.find((l) => l.name === 'zone dmz')!.rules.length, 1);
    assert.equal(m.lists.find((l) => l.name === 'zone external')!.rules.length, 0);
  });

  test('fixes rewrite the option in its command', () => {
    const l = listOf(SCRIPT, 'setup.sh', 'public');
    const [, samba, port, rich] = l.rules;
    assert.equal(
      applyEdits(SCRIPT, edits(firewalld.fixes.restrictSource?.(SCRIPT, samba, l, ['192.168.10.0/24']))).split('\n')[1],
      "firewall-cmd --permanent --zone=public --add-service=ssh --add-rich-rule='rule family=\"ipv4\" source address=\"192.168.10.0/24\" service name=\"samba\" accept'",
    );
    assert.equal(applyEdits(SCRIPT, edits(firewalld.fixes.removeServices?.(SCRIPT, samba, l, SMB))).split('\n')[1], 'firewall-cmd --permanent --zone=public --add-service=ssh');
    assert.equal(applyEdits(SCRIPT, edits(firewalld.fixes.removeServices?.(SCRIPT, port, l, SMB))).split('\n')[2], 'firewall-cmd --permanent --add-port=139/udp');
    assert.ok(applyEdits(SCRIPT, edits(firewalld.fixes.deny?.(SCRIPT, rich, l))).includes('service name="samba" drop\''));
    const appended = firewalld.fixes.appendDeny?.(SCRIPT, l, SMB);
    assert.ok(edits(appended)[0].newText.includes('--zone=public --add-rich-rule=\'rule service name="samba" drop\''));
  });

  test('removing the only option removes the whole command', () => {
    const text = 'firewall-cmd --permanent --add-service=samba\nfirewall-cmd --reload\n';
    const l = listOf(text, 'fw.sh', 'public');
    assert.equal(applyEdits(text, edits(firewalld.fixes.removeServices?.(text, l.rules[0], l, SMB))), 'firewall-cmd --reload\n');
  });

  test('garbage and half-typed commands do not throw', () => {
    for (const t of ['firewall-cmd --add-port', "firewall-cmd --add-rich-rule='rule family=", 'firewall-cmd --add-port=abc', 'firewall-cmd --add-rich-rule="drop everything"', 'firewall-cmd --zone']) {
      assert.doesNotThrow(() => firewalld.extract(t, 'x.sh'), t);
      assert.ok(firewalld.extract(t, 'x.sh').problems.length >= 0);
    }
    assert.ok(firewalld.extract('firewall-cmd --add-port=abc', 'x.sh').problems.length > 0);
  });
});
