/** A large pf.conf for the benchmark: macros, tables, many pass/block rules, a few SMB ones. */
import { rng } from './shared';
export const BENCH_URI = 'pf.conf';

const PORTS = ['ssh', 'domain', 'www', 'https', '25', '587', '993', '3306', '5432', '8080'];

export function generate(rules: number): string {
  const r = rng(139);
  const ip = () => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0`;
  const out = [
    '# Generated gateway rule set',
    'ext_if = "em0"',
    'int_if = "em1"',
    'smb_ports = "{ 139 445 }"',
    `table <blocked> { ${Array.from({ length: 20 }, () => `${ip()}/24`).join(' ')} }`,
    'table <trusted> { 10.1.0.0/24 192.168.5.0/24 }',
    'set skip on lo0',
    'scrub in all',
    'block in all',
    'pass out all keep state',
  ];
  for (let i = 0; i < rules; i++) {
    const k = r();
    const port = PORTS[Math.floor(r() * PORTS.length)];
    if (k < 0.35) out.push(`block in quick on $ext_if from ${ip()}/24 to any`);
    else if (k < 0.7) out.push(`pass in on $ext_if proto tcp from ${ip()}/${24 + Math.floor(r() * 9)} to any port ${port} flags S/SA keep state`);
    else if (k < 0.85) out.push(`pass in proto { tcp udp } to port { ${port} ${5000 + Math.floor(r() * 1000)} }`);
    else if (k < 0.93) out.push(`pass in on $int_if proto tcp from <trusted> to any port $smb_ports`);
    else if (k < 0.98) out.push(`block in log proto tcp from <blocked> to port ${1024 + Math.floor(r() * 60000)}`);
    else out.push(`pass in quick inet proto tcp from ${ip()}/16 to ($ext_if) port 1000 >< 2000`);
  }
  out.push('pass in on $ext_if proto tcp to port $smb_ports keep state', '');
  return out.join('\n');
}
