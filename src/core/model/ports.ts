/** Port sets as sorted, merged inclusive ranges over 0–65535, and the SMB services. */
import type { SmbService } from '../types';
import { isDigits } from '../text/chars';
import { servicePortOf } from './services';

export type PortRange = readonly [number, number];

export const MAX_PORT = 65535;

/** The services SMB Guard watches unless settings say otherwise. */
export const DEFAULT_SMB_SERVICES: readonly SmbService[] = [
  { protocol: 'tcp', port: 445, name: 'SMB' },
  { protocol: 'tcp', port: 139, name: 'NetBIOS session' },
  { protocol: 'udp', port: 137, name: 'NetBIOS name' },
  { protocol: 'udp', port: 138, name: 'NetBIOS datagram' },
];

/** The port behind a number or an /etc/services name, or undefined when it is neither. */
export function portOf(token: string): number | undefined {
  return barePort(token) ?? servicePortOf(token);
}

/** A port written as one to five digits and nothing else; undefined for anything else, or above 65535. Read
 *  without a pattern: most port words are just that, and formats read them on hot paths. */
export function barePort(text: string): number | undefined {
  if (text.length === 0 || text.length > 5 || !isDigits(text)) return undefined;
  const n = Number(text);
  return n <= MAX_PORT ? n : undefined;
}



/** Sort and merge ranges, clamped to valid ports. */
export function normalizePorts(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges
    .map(([a, b]) => [Math.max(0, Math.min(a, b)), Math.min(MAX_PORT, Math.max(a, b))] as const)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function complementPorts(ranges: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let next = 0;
  for (const [a, b] of normalizePorts(ranges)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_PORT) out.push([next, MAX_PORT]);
  return out;
}

export function portsContain(ranges: readonly PortRange[], port: number): boolean {
  for (const r of ranges) if (r[0] <= port && port <= r[1]) return true;
  return false;
}

/** Remove single ports from a range list, splitting ranges around them. */
export function removePorts(ranges: readonly PortRange[], ports: readonly number[]): PortRange[] {
  return normalizePorts(ranges).flatMap(([a, b]) => {
    const holes = ports.filter((p) => a <= p && p <= b).sort((x, y) => x - y);
    const parts: PortRange[] = [];
    let start = a;
    for (const h of holes) {
      if (h > start) parts.push([start, h - 1]);
      start = h + 1;
    }
    if (start <= b) parts.push([start, b]);
    return parts;
  });
}

/** The distinct ports of the services of one protocol, ascending. */
export function servicePorts(services: readonly SmbService[], protocol: 'tcp' | 'udp'): number[] {
  return [...new Set(services.filter((s) => s.protocol === protocol).map((s) => s.port))].sort((a, b) => a - b);
}

/** "TCP 445 (SMB)" */
export function describeService(s: SmbService): string {
  return `${s.protocol.toUpperCase()} ${s.port} (${s.name})`;
}

/** "TCP 445 (SMB) and TCP 139 (NetBIOS session)" */
export function describeServices(list: readonly SmbService[]): string {
  const names = list.map(describeService);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
