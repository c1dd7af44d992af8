/**
 * The hostile classes of the December 2026 campaign, rebuilt at any size: a long token where an address or a
 * port is expected, thousands of statements on one line, deep nesting, doubling variables, wildcards. Each
 * class is a template with one `@@` that a filler repeated to the wanted size replaces.
 */
export interface HostileCase {
  format: string;
  name: string;
  uri: string;
  /** The text at about `size` characters. */
  build(size: number): string;
}

/** `unit` repeated to fill about `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

interface Template {
  name: string;
  uri: string;
  text: string;
  unit: string;
}

const T: Record<string, Template[]> = {
  iptables: [
    { name: 'colon token as a source', uri: 'rules.v6', text: '*filter\n:INPUT DROP [0:0]\n-A INPUT -s @@ -p tcp --dport 445 -j ACCEPT\nCOMMIT\n', unit: ':' },
    { name: 'commands on one line', uri: 'fw.sh', text: '#!/bin/sh\n@@\n', unit: 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT; ' },
    { name: 'variable run', uri: 'fw.sh', text: '#!/bin/sh\nX=1\niptables -A INPUT -s @@ -p tcp --dport 445 -j ACCEPT\n', unit: '$X' },
    { name: 'many rules', uri: 'rules.v4', text: '*filter\n:INPUT DROP [0:0]\n@@COMMIT\n', unit: '-A INPUT -s 0.0.0.0/0 -p tcp -m tcp --dport 445 -j ACCEPT\n' },
  ],
  nftables: [
    { name: 'statements on one line', uri: 'nftables.conf', text: 'table inet f {\n chain input {\n  type filter hook input priority 0; policy drop; @@\n }\n}\n', unit: 'tcp dport 445 accept; ' },
    { name: 'colon token as saddr', uri: 'nftables.conf', text: 'table inet f {\n chain input {\n  type filter hook input priority 0; policy drop;\n  ip6 saddr @@ tcp dport 445 accept\n }\n}\n', unit: ':' },
    { name: 'deep braces', uri: 'x.nft', text: 'table inet f {\n@@\n}\n', unit: '{' },
  ],
  ufw: [
    { name: 'colon token as a source', uri: 'ufw.sh', text: '#!/bin/sh\nufw allow from @@ to any port 445\n', unit: ':' },
    { name: 'commands on one line', uri: 'ufw.sh', text: '#!/bin/sh\n@@\n', unit: 'ufw allow 445/tcp && ' },
  ],
  firewalld: [
    { name: 'port attribute of tabs', uri: 'public.xml', text: '<?xml version="1.0" encoding="utf-8"?>\n<zone>\n  <port port="@@" protocol="tcp"/>\n</zone>\n', unit: '\t' },
    { name: 'deep elements', uri: 'public.xml', text: '<?xml version="1.0" encoding="utf-8"?>\n<zone>\n@@\n</zone>\n', unit: '<rule>' },
    { name: 'script commands on one line', uri: 'fw.sh', text: '#!/bin/sh\n@@\n', unit: 'firewall-cmd --add-port=445/tcp; ' },
  ],
  pf: [
    { name: 'colon token as a source', uri: 'pf.conf', text: 'block all\npass in proto tcp from @@ to any port 445\n', unit: ':' },
    { name: 'macro doubling', uri: 'pf.conf', text: 'a = "x"\n@@pass in proto tcp from any to any port 445\n', unit: 'a = "$a $a"\n' },
    { name: 'long list', uri: 'pf.conf', text: 'block all\npass in proto tcp from { @@ } to any port 445\n', unit: '10.0.0.1 ' },
  ],
  'windows-firewall': [
    { name: 'wildcard name', uri: 'fw.ps1', text: 'New-NetFirewallRule -DisplayName "@@x" -Direction Inbound -Protocol TCP -LocalPort 445 -Action Allow\nEnable-NetFirewallRule -DisplayName "@@y"\n', unit: '*' },
    { name: 'statements joined by ;', uri: 'fw.ps1', text: '@@\n', unit: 'New-NetFirewallRule -DisplayName a -Direction Inbound -Protocol TCP -LocalPort 445 -Action Allow; ' },
    { name: 'dollar run', uri: 'fw.ps1', text: 'New-NetFirewallRule -DisplayName a -RemoteAddress @@ -Direction Inbound -Protocol TCP -LocalPort 445 -Action Allow\n', unit: '$' },
    { name: 'colon token as remote address', uri: 'fw.ps1', text: 'New-NetFirewallRule -DisplayName a -RemoteAddress @@ -Direction Inbound -Protocol TCP -LocalPort 445 -Action Allow\n', unit: ':' },
    { name: 'batch carets and CR', uri: 'fw.cmd', text: 'netsh advfirewall firewall add rule name=a dir=in action=allow protocol=TCP localport=445 @@\r\n', unit: '^\r' },
    { name: 'nested loops', uri: 'fw.ps1', text: '@@New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445\n', unit: "foreach ($p in 'a','b','c') { 'x','y' | % { " },
  ],
  cisco: [
    { name: 'colon token as an address', uri: 'r.ios', text: 'ipv6 access-list V6\n permit tcp @@ any eq 445\n', unit: ':' },
    { name: 'many entries', uri: 'r.ios', text: 'ip access-list extended WAN\n@@ deny ip any any\n', unit: ' permit tcp any any eq 445\n' },
  ],
  terraform: [
    { name: 'whitespace error recovery', uri: 'main.tf', text: 't@@\n', unit: ' ' },
    { name: 'colon token in cidr_blocks', uri: 'main.tf', text: 'resource "aws_security_group" "x" {\n  ingress {\n    from_port = 445\n    to_port = 445\n    protocol = "tcp"\n    ipv6_cidr_blocks = ["@@"]\n  }\n}\n', unit: ':' },
    { name: 'deep JSON', uri: 'main.tf.json', text: '{"resource": @@}\n', unit: '[' },
    { name: 'one long broken JSON line', uri: 'main.tf.json', text: '{"resource": {@@\n', unit: 'x,' },
  ],
  cloudformation: [
    { name: 'deep JSON', uri: 'template.json', text: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": @@}\n', unit: '[' },
    { name: 'colon token as CidrIpv6', uri: 'template.yaml', text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 445\n          ToPort: 445\n          CidrIpv6: "@@"\n', unit: ':' },
  ],
  arm: [
    { name: 'deep JSON', uri: 'azuredeploy.json', text: '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": @@}\n', unit: '[' },
    { name: 'deep expression', uri: 'azuredeploy.json', text: '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "n", "properties": {"securityRules": [{"name": "r", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "[@@]", "destinationPortRange": "445"}}]}}]}\n', unit: 'concat(' },
    { name: 'colon token as a prefix', uri: 'azuredeploy.json', text: '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "n", "properties": {"securityRules": [{"name": "r", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "@@", "destinationPortRange": "445"}}]}}]}\n', unit: ':' },
  ],
  kubernetes: [
    { name: 'many ports', uri: 'svc.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: smb\nspec:\n  type: LoadBalancer\n  ports:\n@@', unit: '    - port: 445\n' },
    { name: 'colon token as a source range', uri: 'svc.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: smb\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: ["@@"]\n  ports:\n    - port: 445\n', unit: ':' },
  ],
  compose: [
    { name: 'interpolation run', uri: 'compose.yaml', text: 'services:\n  smb:\n    image: dperson/samba\n    ports:\n      - "@@:445"\n', unit: '${' },
    { name: 'many ports', uri: 'compose.yaml', text: 'services:\n  smb:\n    image: dperson/samba\n    ports:\n@@', unit: '      - "445:445"\n' },
  ],
  ansible: [
    { name: 'open Jinja', uri: 'site.yml', text: '- hosts: all\n  tasks:\n    - ufw:\n        rule: allow\n        port: "{{ @@"\n', unit: 'a ' },
    { name: 'port range run', uri: 'site.yml', text: '- hosts: all\n  tasks:\n    - ufw:\n        rule: allow\n        port: "@@"\n', unit: '1:' },
    { name: 'colon token as a source', uri: 'site.yml', text: '- hosts: all\n  tasks:\n    - ufw:\n        rule: allow\n        port: "445"\n        from_ip: "@@"\n', unit: ':' },
  ],
};

export function hostileCases(): HostileCase[] {
  return Object.entries(T).flatMap(([format, templates]) =>
    templates.map((t) => ({ format, name: t.name, uri: `file:///hostile/${t.uri}`, build: (size: number) => t.text.split('@@').join(fill(t.unit, size)) })),
  );
}
