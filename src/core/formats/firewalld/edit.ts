/** Text helpers shared by the zone-file and the script fix writers. */
import { parseCidr } from '../../model/cidr';
import { removePorts, servicePorts, type PortRange } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import type { SmbService, Span, TextEdit } from '../../types';
import type { RichRule } from './zone';
import { indentOf, lineStartOf } from '../../text/lines';

/** Services that open only SMB/NetBIOS ports: dropping them loses nothing else. */
export const SMB_ONLY_SERVICES = new Set(['samba', 'samba-client', 'netbios-ns']);

export function richOf(rule: AccessRule): RichRule | undefined {
  const n = rule.native as (RichRule & { scope?: boolean }) | { scope: true } | undefined;
  return n && !('scope' in n) ? (n as RichRule) : undefined;
}

/** Deletes a span; when nothing else shares its lines, the whole lines go (no blank line left behind). */
export function deleteSpan(text: string, span: Span): TextEdit {
  const start = lineStartOf(text, span.offset);
  const end = span.offset + span.length;
  const before = text.slice(start, span.offset);
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t' || text[after] === '\r')) after++;
  if (/^[ \t]*$/.test(before) && (after >= text.length || text[after] === '\n')) {
    const stop = Math.min(text.length, after + 1);
    return { span: { offset: start, length: stop - start }, newText: '' };
  }
  return { span, newText: '' };
}

/** Replaces a span with several items, each after the first on its own line with the same indentation. */
export function replaceWithLines(text: string, span: Span, items: string[], eol: string): TextEdit {
  const indent = indentOf(text, span.offset);
  return { span, newText: items.join(`${eol}${indent}`) };
}

export type Family = 'ipv4' | 'ipv6';

/** The family of a CIDR; a placeholder (no address at all) is taken as IPv4. */
export function familyOf(cidr: string): Family {
  const set = parseCidr(cidr);
  if (!set) return cidr.includes(':') ? 'ipv6' : 'ipv4';
  return set.v4.length ? 'ipv4' : 'ipv6';
}

/** Trusted sources that fit a rule written for one family (all of them when it names none). */
export function sourcesFor(rule: RichRule, sources: string[]): string[] {
  const fam = rule.family?.text;
  return fam === 'ipv4' || fam === 'ipv6' ? sources.filter((s) => familyOf(s) === fam) : sources;
}

export const fmtRange = ([a, b]: PortRange) => (a === b ? String(a) : `${a}-${b}`);

/** What is left of a port element once the SMB ports of its protocol are taken out. */
export function remainingPorts(range: PortRange, protocol: string, services: SmbService[]): PortRange[] {
  return removePorts([range], services.filter((s) => s.protocol === protocol).map((s) => s.port));
}

/** Per protocol, the services' ports merged into ranges ("137-138"). */
export function denyPorts(services: SmbService[], protocol: AccessRule['protocol']): { proto: 'tcp' | 'udp'; ports: string[] }[] {
  const out: { proto: 'tcp' | 'udp'; ports: string[] }[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (protocol !== 'any' && protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    const ranges: [number, number][] = [];
    for (const p of ports) {
      const last = ranges[ranges.length - 1];
      if (last && p === last[1] + 1) last[1] = p;
      else ranges.push([p, p]);
    }
    if (ranges.length) out.push({ proto, ports: ranges.map(fmtRange) });
  }
  return out;
}

/** True when the services are exactly what firewalld's samba service opens (TCP 139/445, UDP 137/138). */
export function isSambaSet(services: SmbService[]): boolean {
  const keys = new Set(services.map((s) => `${s.protocol}/${s.port}`));
  return keys.size === 4 && ['tcp/139', 'tcp/445', 'udp/137', 'udp/138'].every((k) => keys.has(k));
}

/** The priority a deny needs to be evaluated before a rule: the same chain's deny part for priority 0,
 *  one step earlier otherwise (firewalld does not promise deny-before-allow within another priority). */
export function denyPriority(rule: RichRule): number | undefined {
  if (rule.priority === 0) return 0;
  return rule.priority - 1 < -32768 ? undefined : rule.priority - 1;
}

/** True when every port the rule matches is one of the services' ports (for its protocol). */
export function onlySmb(rule: AccessRule, services: SmbService[]): boolean {
  const ranges = rule.ports.ranges;
  if (!Array.isArray(ranges) || (rule.protocol !== 'tcp' && rule.protocol !== 'udp')) return false;
  return removePorts(ranges, services.filter((s) => s.protocol === rule.protocol).map((s) => s.port)).length === 0;
}
