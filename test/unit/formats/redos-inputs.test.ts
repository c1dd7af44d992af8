/**
 * Hostile values that sent the old regular expressions into exponential or quadratic backtracking: each analysis
 * must finish under a generous ceiling. These are hang guards, not benchmarks: the old code took from 3 s (a 64 KB
 * head) to minutes on each, the linear code takes milliseconds, and the ceiling (3 s per 100 KB, 1.5 s at least)
 * leaves room for a loaded machine. Every input is built here; the H1 reproducers are the ones in the reliability
 * report.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText } from '../../../src/core/index';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const KB100 = 100_000;
/** A 100 KB run of ':' where an address is expected; the last character makes every IPv6 test fail. */
const COLONS = ':'.repeat(KB100) + 'g';

function finishes(name: string, uri: string, text: string, format?: string, ceilingMs = Math.max(1500, (3000 * text.length) / KB100)): void {
  const started = performance.now();
  const result = analyzeText({ uri, text, formatId: format, options: { timeBudgetMs: 60_000 } });
  const ms = performance.now() - started;
  if (format) assert.equal(result.format, format, `${name}: analysed as ${result.format}`);
  assert.ok(ms < ceilingMs, `${name}: ${Math.round(ms)} ms for ${text.length} characters (ceiling ${ceilingMs} ms)`);
}

test('H1: Windows wildcards are matched linearly (9-star selector, netsh 10 stars, "*a*a*a*b")', () => {
  finishes('selector', 'H1-windows-wildcard-selector-9stars.ps1', 'Set-NetFirewallRule -DisplayName "*********x" -Enabled True\n', 'windows-firewall');
  finishes('netsh', 'H1-windows-netsh-wildcard-10stars.cmd', '@echo off\r\nnetsh advfirewall firewall set rule name="**********x" new enable=yes\r\n', 'windows-firewall');
  const rule = `New-NetFirewallRule -DisplayName "${'a'.repeat(2000)}" -Direction Inbound -Protocol TCP -LocalPort 445 -Action Allow\n`;
  finishes('*a*a*a*b', 'rules.ps1', `${rule}Set-NetFirewallRule -DisplayName "*a*a*a*b" -Enabled True\nSet-NetFirewallRule -Name "*a*a*a*a*a*a*a*b" -Enabled True\n`, 'windows-firewall');
});

test('a 100 KB run of ":" as an address, in every format that reads one', () => {
  finishes('ufw', 'setup.sh', `#!/bin/sh\nufw allow from ${COLONS} to any port 445 proto tcp\n`, 'ufw');
  finishes('windows-firewall', 'rules.ps1', `New-NetFirewallRule -DisplayName smb -Direction Inbound -Protocol TCP -LocalPort 445 -Action Allow -RemoteAddress ${COLONS}\n`, 'windows-firewall');
  finishes(
    'terraform',
    'main.tf',
    `resource "aws_security_group" "smb" {\n  ingress {\n    from_port = 445\n    to_port = 445\n    protocol = "tcp"\n    cidr_blocks = ["${COLONS}"]\n  }\n}\n`,
    'terraform',
    8000, // tree-sitter's own parse of the long string takes about 1.5 s on a loaded machine
  );
  finishes(
    'cloudformation',
    'template.yaml',
    `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: smb\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 445\n          ToPort: 445\n          CidrIpv6: '${COLONS}'\n`,
    'cloudformation',
  );
  const armRule = { name: 'smb', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: COLONS, sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '445' } };
  const arm = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', name: 'nsg', location: 'westeurope', properties: { securityRules: [armRule] } }],
  };
  finishes('arm', 'azuredeploy.json', JSON.stringify(arm, null, 2), 'arm');
  finishes(
    'kubernetes',
    'service.yaml',
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: smb\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges:\n  - '${COLONS}'\n  ports:\n  - port: 445\n`,
    'kubernetes',
  );
  finishes('cisco', 'router.cfg', `ipv6 access-list V6-IN\n permit tcp ${COLONS} any eq 445\n permit tcp ${COLONS}/64 any eq 445\n!\ninterface Gi0/0\n ipv6 traffic-filter V6-IN in\n`, 'cisco');
  finishes('nftables', 'nftables.conf', `table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    ip6 saddr ${COLONS} tcp dport 445 accept\n  }\n}\n`, 'nftables');
});

test('quadratic values: firewalld port of tabs, Ansible port range, Jinja, Compose and PowerShell interpolation', () => {
  const tabs = '\t'.repeat(KB100);
  finishes('firewalld port', 'public.xml', `<?xml version="1.0" encoding="utf-8"?>\n<zone>\n  <port protocol="tcp" port="0${tabs}x"/>\n</zone>\n`, 'firewalld');
  finishes('ansible port range', 'site.yml', `- hosts: all\n  tasks:\n    - community.general.ufw:\n        rule: allow\n        port: "A${tabs}!"\n`, 'ansible');
  finishes('jinja', 'site.yml', `- hosts: all\n  tasks:\n    - community.general.ufw:\n        rule: allow\n        port: "x${'{{'.repeat(KB100 / 2)}"\n`, 'ansible');
  finishes('compose', 'compose.yaml', `services:\n  smb:\n    image: samba\n    ports:\n      - "${'${'.repeat(KB100 / 2)}445:445"\n`, 'compose');
  finishes('powershell', 'rules.ps1', `New-NetFirewallRule -DisplayName smb -Direction Inbound -Protocol TCP -Action Allow -LocalPort ${'${'.repeat(KB100 / 2)}\n`, 'windows-firewall');
});

test('detection reads a hostile 64 KB head in linear time (iptables, firewalld)', () => {
  const head = (unit: string) => unit.repeat(Math.ceil(65_536 / unit.length));
  finishes('iptables', 'setup.sh', `$P${head('IPTA')}\n`);
  finishes('firewalld', 'setup.sh', `a${head('&h')}\n`);
  finishes('firewalld path', 'setup.sh', `${head('firewall-cmd ')}\n`);
});
