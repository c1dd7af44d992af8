/** A large firewalld zone file: many rich rules (blocklists, per-host services), a few SMB ones. */
import { rng } from './shared';

export const BENCH_URI = '/etc/firewalld/zones/public.xml';

const SERVICES = ['ssh', 'http', 'https', 'dns', 'imaps', 'smtp', 'postgresql', 'cockpit'];
const PORTS = [22, 25, 53, 80, 443, 587, 993, 3306, 5432, 8080, 8443, 9090];

export function generate(rules: number): string {
  const r = rng(445);
  const ip = () => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<zone>', '  <short>Public</short>', '  <description>Generated for the benchmark.</description>', '  <service name="ssh"/>', '  <service name="dhcpv6-client"/>'];
  for (let i = 0; i < rules; i++) {
    const k = r();
    if (k < 0.4) out.push(`  <rule family="ipv4"><source address="${ip()}/32"/><log prefix="blocklist ${i} " level="info"/><drop/></rule>`);
    else if (k < 0.75) out.push(`  <rule family="ipv4"><source address="${ip()}/${24 + Math.floor(r() * 9)}"/><service name="${SERVICES[Math.floor(r() * SERVICES.length)]}"/><accept/></rule>`);
    else if (k < 0.9) out.push(`  <port port="${PORTS[Math.floor(r() * PORTS.length)]}" protocol="tcp"/>`);
    else if (k < 0.97) {
      out.push('  <rule family="ipv4" priority="-5">', `    <source address="192.168.${Math.floor(r() * 256)}.0/24"/>`, '    <service name="samba"/>', '    <accept/>', '  </rule>');
    } else out.push(`  <forward-port port="${10000 + Math.floor(r() * 50000)}" protocol="tcp" to-port="${PORTS[Math.floor(r() * PORTS.length)]}" to-addr="10.0.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}"/>`);
  }
  out.push('  <service name="samba"/>', '</zone>', '');
  return out.join('\n');
}

