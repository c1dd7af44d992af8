/** A large ARM template for the benchmark: NSGs with inline priority-ordered rules and child rule
 *  resources, mostly ordinary services, a few SMB ones (deterministic). */
import { bareParseYaml, rng } from './shared';

export const BENCH_URI = 'azuredeploy.json';

const PORTS = ['22', '80', '443', '1433', '3389', '5432', '8080', '8000-8100', '9000-9100'];

export function generate(rules: number): string {
  const r = rng(139);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const prefix = () => (r() < 0.15 ? 'Internet' : r() < 0.3 ? 'VirtualNetwork' : `${10 + Math.floor(r() * 200)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0/24`);
  const rule = (name: string, priority: number, indent: string) => {
    const smb = r() < 0.02;
    return [
      `${indent}{`,
      `${indent}  "name": "${name}",`,
      `${indent}  "properties": {`,
      `${indent}    "priority": ${priority},`,
      `${indent}    "direction": "${r() < 0.8 ? 'Inbound' : 'Outbound'}",`,
      `${indent}    "access": "${r() < 0.85 ? 'Allow' : 'Deny'}",`,
      `${indent}    "protocol": "${pick(['Tcp', 'Tcp', 'Udp', '*'])}",`,
      `${indent}    "sourceAddressPrefix": "${smb ? '10.30.0.0/24' : prefix()}",`,
      `${indent}    "sourcePortRange": "*",`,
      `${indent}    "destinationAddressPrefix": "*",`,
      `${indent}    "destinationPortRange": "${smb ? '445' : pick(PORTS)}"`,
      `${indent}  }`,
      `${indent}}`,
    ].join('\n');
  };
  const resources: string[] = [];
  let n = 0;
  for (let g = 0; n < rules; g++) {
    const inline: string[] = [];
    for (let i = 0; i < 20 && n < rules; i++, n++) inline.push(rule(`rule-${n}`, 100 + i * 10, '          '));
    resources.push(
      [
        '    {',
        '      // one NSG per subnet',
        '      "type": "Microsoft.Network/networkSecurityGroups",',
        '      "apiVersion": "2023-09-01",',
        `      "name": "nsg-${g}",`,
        '      "location": "[parameters(\'location\')]",',
        '      "properties": {',
        '        "securityRules": [',
        inline.join(',\n'),
        '        ]',
        '      }',
        '    }',
      ].join('\n'),
    );
    if (g % 5 === 0 && n < rules) {
      n++;
      const body = rule(`nsg-${g}/extra-${n}`, 4000, '    ').replace('{', `{\n      "type": "Microsoft.Network/networkSecurityGroups/securityRules",\n      "apiVersion": "2023-09-01",`);
      resources.push(body);
    }
  }
  return [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0",',
    '  "parameters": { "location": { "type": "string", "defaultValue": "westeurope" } },',
    '  "resources": [',
    resources.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

export { bareParseYaml as bareParse };
