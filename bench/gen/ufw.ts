/** A large ufw provisioning script for the benchmark: mostly per-host service rules, a few SMB ones. */
import { rng } from './shared';
export const BENCH_URI = 'provision-ufw.sh';

const PORTS = [22, 25, 53, 80, 110, 143, 443, 587, 993, 3306, 5432, 8080, 8443];

export function generate(rules: number): string {
  const r = rng(445);
  const ip = () => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0`;
  const out = ['#!/bin/bash', 'set -e', 'LAN=192.168.0.0/16', 'ufw --force reset', 'ufw default deny incoming', 'ufw default allow outgoing'];
  for (let i = 0; i < rules; i++) {
    const k = r();
    const port = PORTS[Math.floor(r() * PORTS.length)];
    if (k < 0.4) out.push(`ufw deny from ${ip()}/24 comment 'blocklist ${i}'`);
    else if (k < 0.75) out.push(`ufw allow from ${ip()}/${24 + Math.floor(r() * 9)} to any port ${port} proto tcp`);
    else if (k < 0.85) out.push(`sudo ufw allow ${port}/tcp`);
    else if (k < 0.92) out.push(`ufw allow in on eth${Math.floor(r() * 3)} to any port ${5000 + Math.floor(r() * 1000)} proto udp`);
    else if (k < 0.98) out.push(`ufw allow from 192.168.${Math.floor(r() * 256)}.0/24 to any app Samba`);
    else out.push(`ufw insert ${1 + Math.floor(r() * 5)} deny ${port}/tcp`);
  }
  out.push('ufw allow from $LAN to any port 445 proto tcp', 'ufw allow 139/tcp', 'ufw --force enable', '');
  return out.join('\n');
}
