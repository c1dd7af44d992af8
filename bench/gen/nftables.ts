/** A large, realistic nftables file for the benchmark: a blocklist set, many service rules, a few SMB ones. */
import { rng } from './shared';

export const BENCH_URI = '/etc/nftables.conf';

const PORTS = [22, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 3306, 5432, 8080, 8443, 9090];

/** Deterministic: the same `rules` gives the same text. About `rules` rules, mostly not SMB. */
export function generate(rules: number): string {
  const r = rng(445);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const ip = () => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
  const out = [
    '#!/usr/sbin/nft -f',
    '# Generated for the SMB Guard benchmark.',
    'flush ruleset',
    '',
    'define LAN = 192.168.0.0/16',
    'define SMB = { 139, 445 }',
    '',
    'table inet filter {',
    '\tset blocklist {',
    '\t\ttype ipv4_addr; flags interval;',
    '\t\telements = {',
  ];
  const blocked = Math.floor(rules / 4);
  for (let i = 0; i < blocked; i++) out.push(`\t\t\t${ip()}/32${i < blocked - 1 ? ',' : ''}`);
  out.push('\t\t}', '\t}', '', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;');
  out.push('\t\tct state established,related accept', '\t\tiif lo accept', '\t\tip saddr @blocklist drop');
  for (let i = 0; i < rules - blocked; i++) {
    const k = r();
    if (k < 0.55) out.push(`\t\tip saddr ${ip()}/${24 + Math.floor(r() * 9)} tcp dport ${pick(PORTS)} accept comment "svc ${i}"`);
    else if (k < 0.75) out.push(`\t\tip6 saddr 2001:db8:${Math.floor(r() * 65535).toString(16)}::/48 tcp dport { ${pick(PORTS)}, ${pick(PORTS)} } accept`);
    else if (k < 0.88) out.push(`\t\tudp dport ${5000 + Math.floor(r() * 1000)}-${6000 + Math.floor(r() * 1000)} ct state new counter accept`);
    else if (k < 0.96) out.push(`\t\tip saddr 192.168.${Math.floor(r() * 256)}.0/24 tcp dport $SMB accept`);
    else out.push(`\t\tiifname "eth${Math.floor(r() * 3)}" tcp dport ${1024 + Math.floor(r() * 60000)} log prefix "probe " drop`);
  }
  out.push('\t\ttcp dport 445 accept', '\t}', '}', '');
  return out.join('\n');
}
