/** Where traffic enters: the walk per arrival interface, interface classes and the grades they give. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyZone, globMatches, InterfaceClassifier } from '../../../src/core/analysis/interfaces';
import { grades, run, type L } from './model-builder';

const input = (...rules: L['rules']): L[] => [{ id: 'INPUT', policy: 'deny', rules }];

test('no interface anywhere: one walk, graded as before', () => {
  assert.deepEqual(grades(input({})), ['smb-internet-exposure@error']);
  assert.deepEqual(run(input({}))[0].details.ingress, undefined);
});

test('an internal interface is not reported; a bridge by its name is internal', () => {
  assert.deepEqual(grades(input({ in: 'br0' })), []);
  assert.deepEqual(grades(input({ in: 'br-+', port: 'all' })), []);
  assert.deepEqual(grades(input({ in: 'wg0' }, { in: 'lo', port: 'all', protocol: 'any' })), []);
});

test('a deny that copies the allow\'s interface shadows it; a deny on another interface does not', () => {
  assert.deepEqual(grades(input({ in: 'eth1', action: 'deny' }, { in: 'eth1' })), []);
  assert.deepEqual(grades(input({ in: 'eth2', action: 'deny' }, { in: 'eth1' })), ['smb-internet-exposure@warning']);
  // A deny on one interface leaves every other interface open to an allow that names none.
  assert.deepEqual(grades(input({ in: 'ppp0', action: 'deny' }, {})), ['smb-internet-exposure@error']);
  // …and the allow, walked for ppp0, is shadowed there: the finding comes from "any other interface".
  const [f] = run(input({ in: 'ppp0', action: 'deny' }, {}));
  assert.equal(f.details.ingress, undefined);
});

test('an unknown interface is one level lower and the message says how to classify it', () => {
  const [f] = run(input({ in: 'eth1' }));
  assert.equal(f.severity, 'warning');
  assert.equal(
    f.message,
    'TCP 445 (SMB) is accepted from anywhere by this rule on eth1, which nothing in this file or in smbGuard.interfaces classifies; it matches before the INPUT policy deny. Set smbGuard.interfaces (CLI: --interface eth1=internet or =internal) to say what eth1 faces.',
  );
  assert.deepEqual(f.details.ingress, { interface: 'eth1', class: 'unknown', reason: 'which nothing in this file or in smbGuard.interfaces classifies', kind: 'interface' });
  // A broad private source on an unknown interface: warning → info.
  assert.deepEqual(grades(input({ in: 'eth1', src: '10.0.0.0/8' })), ['smb-broad-private-exposure@info']);
});

test("the user's word wins over evidence and names; globs classify too", () => {
  assert.deepEqual(grades(input({ in: 'eth1' }), { interfaces: { eth1: 'internal' } }), []);
  const [f] = run(input({ in: 'eth1' }), { interfaces: { 'eth*': 'internet' } });
  assert.equal(f.severity, 'error');
  assert.match(f.message, /on eth1, internet-facing by smbGuard\.interfaces \(eth\*\)/);
  assert.deepEqual(grades(input({ in: 'br0' }), { interfaces: { br0: 'internet' } }), ['smb-internet-exposure@error']);
  const evidence = [{ name: 'eth1', class: 'internet' as const, reason: 'the interface this file masquerades out of' }];
  assert.deepEqual(grades(input({ in: 'eth1' }), { interfaces: { eth1: 'internal' } }, evidence), []);
});

test('evidence in the file classifies: the finding names the reason', () => {
  const evidence = [{ name: 'eth1', class: 'internet' as const, reason: 'the interface this file masquerades out of' }];
  const [f] = run(input({ in: 'eth1' }), {}, evidence);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /by this rule on eth1, the interface this file masquerades out of;/);
  assert.deepEqual(grades(input({ in: 'eth2' }), {}, [{ name: 'eth2', class: 'internal', reason: 'marked ip nat inside' }]), []);
});

test('a negated interface matches every other interface: "! -i lo" is exposure from anywhere', () => {
  assert.deepEqual(grades(input({ in: '!lo' })), ['smb-internet-exposure@error']);
  // "! -i eth1" after a deny on ppp0: walked for ppp0 it is shadowed, for eth1 it does not match, elsewhere open.
  assert.deepEqual(grades(input({ in: '!br0', port: 'all' })), ['smb-internet-exposure@error']);
});

test('an interface the file does not define cannot be evaluated: no shadowing, and graded as unknown', () => {
  assert.deepEqual(grades(input({ inUnknown: true, action: 'deny' }, {})), ['smb-internet-exposure@error']);
  const [f] = run(input({ inUnknown: true }));
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /which this file does not define/);
});

test('the worst walk wins and names its interface', () => {
  const [f] = run(input({ in: ['eth1', 'ppp0', 'br0'] }));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /on ppp0, a PPP uplink by its name/);
  assert.deepEqual(grades(input({ in: ['eth1', 'br0'] })), ['smb-internet-exposure@warning']);
});

test('a forward rule out of an internet-facing interface is outbound', () => {
  const forward = (r: L['rules'][number]): L[] => [{ id: 'FORWARD', direction: 'forward', policy: 'deny', rules: [r] }];
  const [f] = run(forward({ in: 'br0', out: 'ppp0' }));
  assert.equal(`${f.ruleId}@${f.severity}`, 'smb-outbound-internet@info');
  assert.match(f.message, /through ppp0, a PPP uplink by its name/);
  // Every port out to the WAN is a policy choice, not this mistake.
  assert.deepEqual(grades(forward({ in: 'eth1', out: 'ppp0', port: 'all' })), []);
  // Into a LAN bridge from an unknown interface: inbound, one level lower.
  assert.deepEqual(grades(forward({ in: 'eth1', out: 'br0' })), ['smb-internet-exposure@warning']);
});

test('Windows: a program other than System, a service other than LanmanServer cannot match SMB', () => {
  assert.deepEqual(grades(input({ program: 'C:\\app\\server.exe' })), []);
  assert.deepEqual(grades(input({ program: 'System' })), ['smb-internet-exposure@error']);
  assert.deepEqual(grades(input({ service: 'Spooler' })), []);
  assert.deepEqual(grades(input({ service: 'LanmanServer' })), ['smb-internet-exposure@error']);
  // …nor shadow: a block scoped to a program leaves the allow open.
  assert.deepEqual(grades(input({ program: 'C:\\app.exe', action: 'deny' }, {})), ['smb-internet-exposure@error']);
});

test('profile-scoped rules name the profile; a block in one profile does not shadow an allow in all', () => {
  const [f] = run(input({ profiles: ['public'] }));
  assert.match(f.message, /by this rule in the public profile;/);
  assert.deepEqual(grades(input({ profiles: ['public'], action: 'deny' }, {})), ['smb-internet-exposure@error']);
  assert.deepEqual(grades(input({ profiles: ['domain', 'private', 'public'], action: 'deny' }, {})), []);
});

test('a list bound to an interface applies only there; its policy too', () => {
  const acl = (iface: string): L[] => [{ id: 'ACL', policy: 'allow', scope: { in: iface }, rules: [{ port: 445 }] }];
  assert.deepEqual(grades(acl('br0')), []);
  assert.deepEqual(grades(acl('ppp0')).sort(), ['smb-default-policy-exposure@warning', 'smb-internet-exposure@error']);
  assert.deepEqual(grades(acl('Gi0/1')).sort(), ['smb-default-policy-exposure@info', 'smb-internet-exposure@warning']);
});

test('zones: classified by name when no interface decides', () => {
  const zone = (name: string): L[] => [{ id: name, policy: 'deny', scope: { zone: name }, rules: [{}] }];
  const [f] = run(zone('public'));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /by this rule in the zone public, which faces outward by its name;/);
  assert.deepEqual(grades(zone('internal')), []);
  assert.deepEqual(grades(zone('libvirt')), []);
  assert.deepEqual(grades(zone('office')), ['smb-internet-exposure@warning']);
  assert.equal(run(zone('office'))[0].details.ingress?.kind, 'zone');
});

test('rules in a chain reached by a jump are walked per interface too', () => {
  const lists: L[] = [
    { id: 'INPUT', policy: 'deny', rules: [{ action: 'jump', target: 'LAN', port: 'all', protocol: 'any' }] },
    { id: 'LAN', entry: false, rules: [{ in: 'virbr0', port: 'all', protocol: 'any' }, { in: 'eth3' }] },
  ];
  assert.deepEqual(grades(lists), ['smb-internet-exposure@warning']);
});

test('classification order and conventional names', () => {
  const c = new InterfaceClassifier({ 'wg*': 'internet' }, [
    { name: 'eth0', class: 'internal', reason: 'marked ip nat inside' },
    { name: 'eth0', class: 'internet', reason: 'a default route goes out of it' },
    { name: 'ens', prefix: true, class: 'internal', reason: 'named by $LAN' },
  ]);
  assert.deepEqual(c.classify({ name: 'wg0' }), { class: 'internet', reason: 'internet-facing by smbGuard.interfaces (wg*)' });
  assert.equal(c.classify({ name: 'eth0' }).reason, 'a default route goes out of it');
  assert.equal(c.classify({ name: 'ens3' }).class, 'internal');
  for (const name of ['lo', 'docker0', 'virbr1', 'lxcbr0', 'br-9f2', 'cni0', 'veth12', 'tun0', 'tap3', 'tailscale0', 'zt7']) {
    assert.equal(c.classify({ name }).class, 'internal', name);
  }
  for (const name of ['ppp0', 'wan', 'wan2']) assert.equal(c.classify({ name }).class, 'internet', name);
  for (const name of ['eth1', 'enp3s0', 'em0', 'lo0']) assert.equal(c.classify({ name }).class, 'unknown', name);
  // A wildcard walk is covered only by a glob that covers all it stands for.
  assert.equal(c.classify({ name: 'br-', prefix: true }).class, 'internal');
  assert.equal(c.classify({ name: 'e', prefix: true }).class, 'unknown');
  assert.equal(classifyZone('DMZ').class, 'internet');
  assert.equal(classifyZone('trusted').class, 'internal');
  assert.equal(classifyZone('lab').class, 'unknown');
});

test('globs: * and ?, bounded on hostile input', () => {
  assert.ok(globMatches('br-*', 'br-lan'));
  assert.ok(globMatches('e?h*', 'eth0'));
  assert.ok(!globMatches('eth?', 'eth10'));
  assert.ok(globMatches('*', ''));
  const started = Date.now();
  assert.ok(!globMatches(`${'*a'.repeat(50)}b`, 'a'.repeat(5000)));
  assert.ok(Date.now() - started < 2000);
});
