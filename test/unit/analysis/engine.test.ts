/** Order semantics of the exposure engine, written as small iptables-save chains. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, type RuleId } from '../../../src/core/index';

function findings(rules: string, policy = 'DROP', extraChains = ''): { id: RuleId; services: string; source: string }[] {
  const text = `*filter\n:INPUT ${policy} [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${extraChains}${rules}\nCOMMIT\n`;
  return analyzeText({ uri: 'rules.v4', text }).findings.map((f) => ({ id: f.ruleId, services: f.details.services.join(','), source: f.details.source }));
}

test('first match wins: an earlier drop shadows a later accept', () => {
  assert.deepEqual(findings('-A INPUT -p tcp --dport 445 -j DROP\n-A INPUT -p tcp --dport 445 -j ACCEPT'), []);
});

test('a drop of 445 followed by "all TCP" accept still leaves 139 open', () => {
  assert.deepEqual(findings('-A INPUT -p tcp --dport 445 -j DROP\n-A INPUT -p tcp -j ACCEPT'), [
    { id: 'smb-internet-exposure', services: 'TCP 139 (NetBIOS session)', source: 'anywhere' },
  ]);
});

test('a partial earlier drop leaves the rest of the world exposed', () => {
  assert.deepEqual(findings('-A INPUT -s 10.0.0.0/8 -p tcp --dport 445 -j DROP\n-A INPUT -p tcp --dport 445 -j ACCEPT'), [
    { id: 'smb-internet-exposure', services: 'TCP 445 (SMB)', source: 'anywhere except 10.0.0.0/8' },
  ]);
});

test('a conditional drop (interface) does not shadow; established-only accepts admit nothing new', () => {
  assert.equal(findings('-A INPUT -i eth0 -p tcp --dport 445 -j DROP\n-A INPUT -p tcp --dport 445 -j ACCEPT').length, 1);
  assert.deepEqual(findings('-A INPUT -p tcp --dport 445 -m state --state ESTABLISHED -j ACCEPT'), []);
  assert.equal(findings('-A INPUT -p tcp --dport 445 -m state --state NEW,ESTABLISHED -j ACCEPT').length, 1);
});

test('default policy ACCEPT exposes what no rule decides; DROP does not', () => {
  assert.deepEqual(findings('-A INPUT -p tcp --dport 22 -j ACCEPT', 'ACCEPT').map((f) => f.id), ['smb-default-policy-exposure']);
  assert.deepEqual(findings('-A INPUT -p tcp --dport 22 -j ACCEPT', 'DROP'), []);
  const blocked = '-A INPUT -p tcp -m multiport --dports 139,445 -j DROP\n-A INPUT -p udp -m multiport --dports 137,138 -j DROP';
  assert.deepEqual(findings(blocked, 'ACCEPT'), []);
});

test('jumps into user chains are followed; RETURN goes back to the caller', () => {
  const chains = ':SMB - [0:0]\n';
  const viaChain = '-A INPUT -p tcp --dport 445 -j SMB\n-A SMB -s 192.168.1.0/24 -j ACCEPT\n-A SMB -j RETURN\n-A INPUT -p tcp -j ACCEPT';
  const f = findings(viaChain, 'DROP', chains);
  assert.deepEqual(f.map((x) => `${x.id}:${x.services}`), ['smb-internet-exposure:TCP 445 (SMB),TCP 139 (NetBIOS session)']);
  const denied = '-A INPUT -p tcp --dport 445 -j SMB\n-A SMB -s 192.168.1.0/24 -j ACCEPT\n-A SMB -j DROP\n-A INPUT -p tcp --dport 445 -j ACCEPT';
  assert.deepEqual(findings(denied, 'DROP', chains), []);
});

test('a user chain that treats services differently decides each of them apart', () => {
  const chains = ':SMB - [0:0]\n';
  // The chain drops only 445; 139 comes back and meets the accept of all TCP.
  const rules = '-A INPUT -p tcp -j SMB\n-A SMB -p tcp --dport 445 -j DROP\n-A SMB -s 10.0.0.0/8 -j DROP\n-A INPUT -p tcp -j ACCEPT';
  assert.deepEqual(findings(rules, 'DROP', chains), [
    { id: 'smb-internet-exposure', services: 'TCP 139 (NetBIOS session)', source: 'anywhere except 10.0.0.0/8' },
  ]);
  const script = '#!/bin/sh\niptables -P INPUT DROP\niptables -A INPUT -p tcp --dport 445 -j ACCEPT\niptables -A INPUT -p udp --dport 137 -j ACCEPT\niptables -D INPUT -p tcp --dport 445 -j ACCEPT\n';
  assert.deepEqual(analyzeText({ uri: 'fw.sh', text: script }).findings.map((f) => f.details.services.join(',')), ['UDP 137 (NetBIOS name)'], 'a rule deleted by its specification is gone');
});

test('a deny meets each service with what reached it: services that arrive with different addresses stay apart', () => {
  const chains = ':SMB - [0:0]\n';
  // 445 reaches SMB without 10.0.0.0/8 (accepted before), the others with everything: the drop of 10.0.0.0/7
  // decides 11.0.0.0/8 for 445 and all of 10.0.0.0/7 for 139.
  const rules = '-A INPUT -s 10.0.0.0/8 -p tcp --dport 445 -j ACCEPT\n-A INPUT -j SMB\n-A SMB -s 10.0.0.0/7 -j DROP\n-A SMB -p tcp -m multiport --dports 139,445 -j ACCEPT';
  assert.deepEqual(findings(rules, 'DROP', chains), [
    { id: 'smb-broad-private-exposure', services: 'TCP 445 (SMB)', source: '10.0.0.0/8' },
    // Everything but 10.0.0.0/7, as CIDR blocks.
    { id: 'smb-internet-exposure', services: 'TCP 445 (SMB),TCP 139 (NetBIOS session)', source: '0.0.0.0/5, 8.0.0.0/7, 12.0.0.0/6 and 4 more' },
  ]);
});

test('jump loops terminate, and the jump that closes the loop is reported', () => {
  const chains = ':A - [0:0]\n:B - [0:0]\n';
  const loop = '-A INPUT -j A\n-A A -j B\n-A B -j A\n-A INPUT -p tcp --dport 445 -j ACCEPT';
  assert.deepEqual(findings(loop, 'DROP', chains).map((f) => f.id), ['smb-parse-error', 'smb-internet-exposure']);
});

test('outbound: only rules that name SMB ports are reported', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n:OUTPUT DROP [0:0]\n-A OUTPUT -j ACCEPT\nCOMMIT\n';
  assert.deepEqual(analyzeText({ uri: 'rules.v4', text }).findings, []);
  const named = '*filter\n:INPUT DROP [0:0]\n:OUTPUT DROP [0:0]\n-A OUTPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  assert.deepEqual(analyzeText({ uri: 'rules.v4', text: named }).findings.map((f) => [f.ruleId, f.severity]), [['smb-outbound-internet', 'info']]);
});

test('options: services, broad threshold and severity overrides change the outcome', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.20.0.0/16 -p tcp --dport 445 -j ACCEPT\n-A INPUT -p tcp --dport 3020 -j ACCEPT\nCOMMIT\n';
  const run = (options: object) => analyzeText({ uri: 'rules.v4', text, options }).findings.map((f) => `${f.ruleId}:${f.severity}`);
  assert.deepEqual(run({}), []);
  assert.deepEqual(run({ broadPrefixV4: 20 }), ['smb-broad-private-exposure:warning']);
  assert.deepEqual(run({ broadPrefixV4: 20, severities: { 'smb-broad-private-exposure': 'error' } }), ['smb-broad-private-exposure:error']);
  assert.deepEqual(run({ broadPrefixV4: 20, severities: { 'smb-broad-private-exposure': 'off' } }), []);
  assert.deepEqual(run({ services: [{ protocol: 'tcp', port: 3020, name: 'CIFS' }] }), ['smb-internet-exposure:error']);
});

test('messages name the service, the source and the policy', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const [f] = analyzeText({ uri: 'rules.v4', text }).findings;
  assert.equal(f.message, 'TCP 445 (SMB) is accepted from anywhere by this rule; it matches before the INPUT policy DROP.');
  // Most exploited first: KEV with ransomware use (MS17-010, the WannaCry flaw) leads; MS05-027 is the history card.
  assert.equal(f.advisories[0], 'MS17-010');
  assert.ok(f.advisories.includes('MS05-027') && f.advisories.indexOf('MS05-027') > f.advisories.indexOf('MS08-067'));
  assert.equal(text.slice(f.related[0].span.offset, f.related[0].span.offset + f.related[0].span.length), 'DROP');
});

test('turning smb-internet-exposure off silences public exposure instead of re-labelling it', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const found = analyzeText({ uri: 'rules.v4', text, options: { severities: { 'smb-internet-exposure': 'off' } } }).findings;
  assert.deepEqual(found, []);
});

test('related locations name the port-specific denies that left part of the traffic through', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j DROP\n-A INPUT -p tcp --dport 445 -j DROP\n-A INPUT -s 198.51.100.7 -j DROP\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n';
  const [f] = analyzeText({ uri: 'rules.v4', text }).findings;
  const related = f.related.map((r) => text.slice(r.span.offset, r.span.offset + r.span.length));
  assert.deepEqual(related, ['DROP', '-A INPUT -p tcp --dport 445 -j DROP']);
});

test('rules.v6 is IPv6 by its name alone, without the ip6tables-save header', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const [v6] = analyzeText({ uri: '/etc/iptables/rules.v6', text }).findings;
  const [v4] = analyzeText({ uri: '/etc/iptables/rules.v4', text }).findings;
  assert.equal(v6.details.source, 'anywhere');
  assert.match(v6.fixes.find((f) => f.kind === 'insert-deny')?.title ?? '', /TCP 445/);
  // The same rule in an IPv6 file: trusted IPv4 sources cannot restrict it, so that fix is not offered.
  const trusted = { trustedSources: ['192.168.10.0/24'] };
  assert.equal(analyzeText({ uri: 'rules.v6', text, options: trusted }).findings[0].fixes.some((f) => f.kind === 'restrict-source'), false);
  assert.equal(analyzeText({ uri: 'rules.v4', text, options: trusted }).findings[0].fixes.some((f) => f.kind === 'restrict-source'), true);
  assert.equal(v4.details.source, 'anywhere');
});

test('the time budget stops the walk and says so; without one the same file is analysed completely', () => {
  // 20,000 blocklist drops, then an SMB accept from anywhere at the very end.
  const drops = Array.from({ length: 20000 }, (_, i) => `-A INPUT -s 45.${(i >> 8) & 255}.${i & 255}.7/32 -j DROP`);
  const text = ['*filter', ':INPUT DROP [0:0]', ...drops, '-A INPUT -p tcp --dport 445 -j ACCEPT', 'COMMIT', ''].join('\n');
  const full = analyzeText({ uri: 'rules.v4', text });
  assert.equal(full.incomplete, undefined);
  assert.deepEqual(full.findings.map((f) => f.ruleId), ['smb-internet-exposure']);
  // A budget below the 100 ms floor still reads and walks what fits; bounds.test.ts cuts each stage exactly.
  const cut = analyzeText({ uri: 'rules.v4', text, options: { timeBudgetMs: 0 } });
  if (cut.incomplete) assert.ok(cut.incomplete.afterMs >= 0 && ['extraction', 'walk', 'fixes'].includes(cut.incomplete.stage));
  else assert.deepEqual(cut.findings.map((f) => f.ruleId), ['smb-internet-exposure']);
});

test('allow-only lists (security groups) report every allow, even where an earlier one admits the same peers', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  FileServerSG:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: file server',
    '      SecurityGroupIngress:',
    '        - { IpProtocol: tcp, FromPort: 445, ToPort: 445, CidrIp: 0.0.0.0/0 }',
    '        - { IpProtocol: tcp, FromPort: 0, ToPort: 1024, CidrIp: 0.0.0.0/0 }',
    '',
  ].join('\n');
  const result = analyzeText({ uri: 'stack.yaml', text });
  assert.equal(result.format, 'cloudformation');
  const lines = result.findings.map((f) => text.slice(0, f.span.offset).split('\n').length);
  assert.deepEqual(result.findings.map((f) => f.ruleId), ['smb-internet-exposure', 'smb-internet-exposure']);
  assert.deepEqual(lines, [8, 9]);
});

test('an "Internet" source is named as the tag, not as a list of excluded private blocks', () => {
  const rule = (name: string, priority: number, source: string, port: string) =>
    `{ "name": "${name}", "properties": { "priority": ${priority}, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "${source}", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "${port}" } }`;
  const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg",
      "properties": { "securityRules": [ ${rule('smb', 100, 'Internet', '445')} ] } }
  ]
}
`;
  const result = analyzeText({ uri: 'azuredeploy.json', text });
  assert.equal(result.format, 'arm');
  assert.deepEqual(result.findings.map((f) => [f.ruleId, f.details.source]), [['smb-internet-exposure', 'Internet']]);
});
