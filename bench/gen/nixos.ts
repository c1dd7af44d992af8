/** Benchmark input for NixOS: one large module with many hosts' firewall options, a few opening SMB. */
import { parseNix } from '../../src/core/formats/nixos/parse';
import { rng } from './shared';

export const BENCH_URI = 'configuration.nix';

const PORTS = [22, 80, 443, 3000, 5432, 8080, 9090];

/** About `rules` port lists, in the path, nested and per-interface forms; roughly 2 % SMB. */
export function generate(rules: number): string {
  const r = rng(139);
  const out = ['{ config, lib, pkgs, ... }:', 'let', '  web = [ 80 443 ];', 'in', '{', '  services.samba.enable = true;'];
  for (let i = 0; i < rules; i++) {
    const smb = r() < 0.02;
    const ports = smb ? '139 445' : `${PORTS[Math.floor(r() * PORTS.length)]} ${10000 + (i % 50000)}`;
    const k = r();
    if (k < 0.4) out.push(`  networking.firewall.interfaces."eth${i}".allowedTCPPorts = [ ${ports} ];`);
    else if (k < 0.7) out.push(`  networking.firewall.interfaces."br${i}" = {`, `    allowedUDPPorts = [ ${smb ? '137 138' : ports} ];`, `    allowedTCPPortRanges = [ { from = ${20000 + (i % 40000)}; to = ${20010 + (i % 40000)}; } ];`, '  };');
    else if (k < 0.9) out.push(`  networking.firewall.interfaces."wg${i}".allowedTCPPorts = [`, ...ports.split(' ').map((p) => `    ${p} # port ${p}`), '  ] ++ web;');
    else out.push(`  networking.firewall.interfaces."vlan${i}".allowedTCPPorts = lib.mkIf config.services.samba.enable [ ${ports} ];`);
  }
  out.push('}', '');
  return out.join('\n');
}

/** The bare parse the extraction starts from. */
export function bareParse(text: string): unknown {
  return parseNix(text).problems.length;
}
