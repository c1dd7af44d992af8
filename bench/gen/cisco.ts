/** Benchmark input for Cisco: an ASA running-config with object groups and a large inbound ACL, mostly non-SMB. */
import { rng } from './shared';

export const BENCH_URI = 'edge-fw-running-config.cfg';

const PORTS = ['www', 'https', 'smtp', 'ssh', '8080', '8443', 'domain', '3389', '5432', 'ftp'];
const quad = (r: () => number) => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;

/** One ACE body after "extended": blocklist denies, published services, some SMB for internal networks. */
function ace(r: () => number, i: number): string {
  const k = r();
  if (k < 0.4) return `deny ip host ${quad(r)}.${Math.floor(r() * 256)} any`;
  if (k < 0.75) return `permit tcp ${quad(r)}.0 255.255.255.0 host 10.${i % 200}.${Math.floor(r() * 256)}.10 eq ${PORTS[Math.floor(r() * PORTS.length)]}`;
  if (k < 0.85) return `permit udp any object-group DNS-SERVERS eq domain`;
  if (k < 0.95) return `permit tcp object-group BRANCH-${i % 20} host 10.1.1.5 object-group SMB-PORTS log`;
  return `permit tcp any host 10.${i % 200}.0.20 range ${1024 + Math.floor(r() * 30000)} ${31000 + Math.floor(r() * 30000)}`;
}

export function generate(rules: number): string {
  const r = rng(3020);
  const out = [': Saved', ':', 'ASA Version 9.16(4)', '!', 'hostname edge-fw', '!'];
  out.push('interface GigabitEthernet0/0', ' nameif outside', ' security-level 0', ' ip address 81.2.69.161 255.255.255.224', '!');
  out.push('object-group network DNS-SERVERS', ' network-object host 10.1.0.53', ' network-object host 10.1.0.54');
  for (let b = 0; b < 20; b++) out.push(`object-group network BRANCH-${b}`, ` network-object 10.${100 + b}.0.0 255.255.255.0`);
  out.push('object-group service SMB-PORTS tcp', ' port-object eq 445', ' port-object eq netbios-ssn');
  for (let i = 0; i < rules; i++) {
    if (i % 50 === 0) out.push(`access-list OUTSIDE_IN remark block ${i / 50}`);
    out.push(`access-list OUTSIDE_IN extended ${ace(r, i)}`);
  }
  out.push('access-list OUTSIDE_IN extended permit tcp any host 10.1.1.5 eq 445', 'access-list OUTSIDE_IN extended deny ip any any log');
  out.push('access-group OUTSIDE_IN in interface outside', ': end', '');
  return out.join('\n');
}
