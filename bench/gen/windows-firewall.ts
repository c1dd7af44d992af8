/** A large server-provisioning PowerShell script: many application rules, a few block lists, some SMB. */
import { rng } from './shared';

export const BENCH_URI = 'provision-fileserver.ps1';

const PORTS = [80, 443, 1433, 3389, 5985, 5986, 8080, 8443, 9000, 9100, 50000];
const APPS = ['IIS', 'SQL', 'RDP', 'WinRM', 'Monitoring', 'Backup agent', 'Print', 'Deploy agent'];

export function generate(rules: number): string {
  const r = rng(445);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const net = () => `10.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0/${24 + Math.floor(r() * 5)}`;
  const out = [
    '<#',
    '  Generated provisioning script for the file server farm.',
    '#>',
    "$ErrorActionPreference = 'Stop'",
    '$mgmt = "10.0.10.0/24", "10.0.11.0/24"',
    'Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block',
    '',
  ];
  for (let i = 0; i < rules; i++) {
    const k = r();
    const app = pick(APPS);
    if (k < 0.55) {
      out.push(`New-NetFirewallRule -DisplayName "${app} ${i}" -Direction Inbound -Action Allow -Protocol TCP -LocalPort ${pick(PORTS)} -RemoteAddress ${net()} -Profile Domain`);
    } else if (k < 0.7) {
      out.push(`New-NetFirewallRule -DisplayName "${app} ${i}" -Direction Inbound -Protocol TCP \``, `    -LocalPort ${pick(PORTS)},${pick(PORTS)} \``, '    -RemoteAddress $mgmt');
    } else if (k < 0.8) {
      out.push(`netsh advfirewall firewall add rule name="Blocklist ${i}" dir=in action=block remoteip=${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.0.0/16`);
    } else if (k < 0.9) {
      out.push(`New-NetFirewallRule -DisplayName "${app} out ${i}" -Direction Outbound -Protocol UDP -RemotePort ${pick([53, 123, 514])} -RemoteAddress ${net()}`);
    } else if (k < 0.97) {
      out.push(`New-NetFirewallRule -DisplayName "Shares ${i}" -Direction Inbound -Protocol TCP -LocalPort 445,139 -RemoteAddress 192.168.${Math.floor(r() * 256)}.0/24`);
    } else {
      out.push(`# ${app}: temporary rule, ticket ${1000 + i}`, `New-NetFirewallRule -DisplayName "Temp ${i}" -Protocol TCP -LocalPort ${1024 + Math.floor(r() * 60000)} -Enabled False`);
    }
  }
  out.push('New-NetFirewallRule -DisplayName "SMB everywhere" -Protocol TCP -LocalPort 445 -RemoteAddress Any', 'Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force', '');
  return out.join('\n');
}
