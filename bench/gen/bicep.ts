/** A large Bicep file for the benchmark: parameters and variables, NSGs with inline priority-ordered rules,
 *  child rule resources (by `parent:`) and a looped rule set, mostly ordinary services, a few SMB ones
 *  (deterministic). */
import { parseBicep } from '../../src/core/formats/bicep/parser';
import { rng } from './shared';

export const BENCH_URI = 'main.bicep';

const PORTS = ['22', '80', '443', '1433', '3389', '5432', '8080', '8000-8100', '9000-9100'];

export function generate(rules: number): string {
  const r = rng(445);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const prefix = () => (r() < 0.15 ? "'Internet'" : r() < 0.3 ? 'vnetTag' : `'${10 + Math.floor(r() * 200)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0/24'`);
  const props = (priority: number, indent: string) => {
    const smb = r() < 0.02;
    return [
      `${indent}properties: {`,
      `${indent}  priority: ${priority}`,
      `${indent}  direction: '${r() < 0.8 ? 'Inbound' : 'Outbound'}'`,
      `${indent}  access: '${r() < 0.85 ? 'Allow' : 'Deny'}'`,
      `${indent}  protocol: '${pick(['Tcp', 'Tcp', 'Udp', '*'])}'`,
      `${indent}  sourceAddressPrefix: ${smb ? "'10.30.0.0/24'" : prefix()}`,
      `${indent}  sourcePortRange: '*'`,
      `${indent}  destinationAddressPrefix: '*'`,
      `${indent}  destinationPortRange: ${smb ? 'smbPort' : `'${pick(PORTS)}'`}`,
      `${indent}}`,
    ].join('\n');
  };
  const out = ["param location string = resourceGroup().location", "param prefix string = 'bench'", "var vnetTag = 'VirtualNetwork'", "var smbPort = '445'", ''];
  let n = 0;
  for (let g = 0; n < rules; g++) {
    const inline: string[] = [];
    for (let i = 0; i < 20 && n < rules; i++, n++) inline.push(`      {\n        name: 'rule-${n}'\n${props(100 + i * 10, '        ')}\n      }`);
    out.push(
      `// one NSG per subnet\nresource nsg${g} 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: '\${prefix}-nsg-${g}'\n  location: location\n  properties: {\n    securityRules: [\n${inline.join('\n')}\n    ]\n  }\n}\n`,
    );
    if (g % 5 === 0 && n < rules) {
      n++;
      out.push(`resource extra${n} 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {\n  parent: nsg${g}\n  name: 'extra-${n}'\n${props(4000, '  ')}\n}\n`);
    }
    if (g % 7 === 3 && n + 3 <= rules) {
      n += 3;
      out.push(`resource looped${g} 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = [for (p, i) in ['22', '443', '8443']: {\n  parent: nsg${g}\n  name: 'looped-\${i}'\n  properties: {\n    priority: 3000 + i\n    direction: 'Inbound'\n    access: 'Allow'\n    protocol: 'Tcp'\n    sourceAddressPrefix: vnetTag\n    destinationAddressPrefix: '*'\n    destinationPortRange: p\n  }\n}]\n`);
    }
  }
  return out.join('\n');
}

/** The syntax tree extraction starts from, alone. */
export function bareParse(text: string): unknown {
  return parseBicep(text).resources.length;
}
