/** Fixes written as IOS/ASA ACL lines, in the style of the ACE they fix (numbered, named with sequence numbers, ASA). */
import { removePorts, servicePorts, type PortRange } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { Acl, RawEntry } from './config';
import type { ListNative, RuleNative } from './extract';
import { portText, type Platform } from './names';
import { dotted } from './operands';
import { applyEditsWithin } from '../../fixes/apply-edits';

const PLACEHOLDER_GROUP = (name: string) => `object-group ${name}`;

/** "eq 445", "range 137 138", "gt 1023", "lt 1024" for one port range. */
function portOp([a, b]: PortRange, platform: Platform, proto: 'tcp' | 'udp'): string {
  if (a === b) return `eq ${portText(a, platform, proto)}`;
  if (b === 65535 && a > 0) return `gt ${portText(a - 1, platform, proto)}`;
  if (a === 0 && b < 65535) return `lt ${portText(b + 1, platform, proto)}`;
  return `range ${portText(a, platform, proto)} ${portText(b, platform, proto)}`;
}

/** Deny bodies for the services: one per protocol and contiguous port run ("deny tcp SRC any eq 445"). */
function denyBodies(services: SmbService[], protocol: AccessRule['protocol'], src: string, dst: string, platform: Platform): string[] {
  const out: string[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (protocol !== 'any' && protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    const runs: [number, number][] = [];
    for (const p of ports) {
      const last = runs[runs.length - 1];
      if (last && p === last[1] + 1) last[1] = p;
      else runs.push([p, p]);
    }
    for (const r of runs) out.push(`deny ${proto} ${src} ${dst} ${portOp(r, platform, proto)}`);
  }
  return out;
}

/** The text in front of the action for a new line of this ACL ("access-list 101 ", "access-list X extended "). */
function linePrefix(acl: Acl): string {
  if (acl.block) return '';
  return `access-list ${acl.name} ${acl.extendedWord ? 'extended ' : ''}`;
}

/** An ASA "line N" entry cannot be copied without renumbering what follows. */
function hasLineNumber(acl: Acl, entry: RawEntry): boolean {
  return !acl.block && entry.line.tokens[2]?.text.toLowerCase() === 'line';
}

/** Where an ACL's entries lack a sequence number: worked out once per ACL, as every finding's fixes ask. */
const unnumbered = new WeakMap<Acl, { first: number; last: number; any: boolean }>();

function unnumberedOf(acl: Acl): { first: number; last: number; any: boolean } {
  const known = unnumbered.get(acl);
  if (known) return known;
  const u = { first: -1, last: -1, any: false };
  acl.entries.forEach((e, i) => {
    if (e.seq === undefined) {
      if (u.first < 0) u.first = i;
      u.last = i;
    } else u.any = true;
  });
  unnumbered.set(acl, u);
  return u;
}

/** `count` free sequence numbers strictly between the neighbours of the entry at `i`; [] when the ACL uses none;
 *  undefined when they do not fit (renumbering the ACL is not a text edit we can make safely). */
function freeSeqs(acl: Acl, i: number, count: number, after: boolean): number[] | undefined {
  const u = unnumberedOf(acl);
  if (!u.any) return [];
  const entry = acl.entries[i];
  if (entry.seq === undefined) return undefined;
  const lo = after ? entry.seq : (acl.entries[i - 1]?.seq ?? 0);
  const hi = after ? (acl.entries[i + 1]?.seq ?? entry.seq + 10 * (count + 1)) : entry.seq;
  // An unnumbered entry on the side the new lines go to would be renumbered by the device.
  if (after ? u.last > i : u.first >= 0 && u.first < i) return undefined;
  if (hi - lo - 1 < count) return undefined;
  return Array.from({ length: count }, (_, k) => lo + Math.floor(((hi - lo) * (k + 1)) / (count + 1)));
}

/** A whole new line for the ACL: indentation, sequence number in the ACL's style, prefix, body. */
function newLine(acl: Acl, like: RawEntry | undefined, body: string, seq: number | undefined): string {
  const indent = acl.block ? (like?.line.indent ?? acl.indent) : (like?.line.indent ?? '');
  const style = like?.seqStyle ?? acl.entries.find((e) => e.seqStyle !== 'none')?.seqStyle ?? 'none';
  if (seq === undefined || style === 'none') return `${indent}${linePrefix(acl)}${body}`;
  if (style === 'suffix') return `${indent}${body} sequence ${seq}`;
  return `${indent}${style === 'sequence' ? 'sequence ' : ''}${seq} ${body}`;
}

/** Copies of an entry's line with some spans replaced and a new sequence number, inserted after it. */
function copiesAfter(text: string, n: RuleNative, variants: TextEdit[][], eol: string): TextEdit | undefined {
  if (!variants.length) return undefined;
  const seqs = freeSeqs(n.acl, n.position, variants.length, true);
  if (!seqs || hasLineNumber(n.acl, n.entry)) return undefined;
  const { line } = n.entry;
  const seqTok = n.entry.seqStyle === 'prefix' ? line.tokens[0] : n.entry.seqStyle === 'sequence' ? line.tokens[1] : n.ace.trailingSeq;
  const lines = variants.map((edits, k) => {
    const all = seqTok && seqs.length ? [...edits, { span: seqTok.span, newText: String(seqs[k]) }] : edits;
    return applyEditsWithin(text, { offset: line.start, length: line.end - line.start }, all);
  });
  const hasBreak = line.next > line.end;
  return { span: { offset: hasBreak ? line.next : line.end, length: 0 }, newText: hasBreak ? lines.map((l) => l + eol).join('') : lines.map((l) => eol + l).join('') };
}

/** The address families a new source may have: the list's, and on ASA the destination's (an ACE cannot mix
 *  an IPv4 destination with an IPv6 source). */
function destinationFamilies(rule: AccessRule, platform: Platform, v6List: boolean): { v4: boolean; v6: boolean; platform: Platform } {
  if (platform === 'ios') return { v4: !v6List, v6: v6List, platform };
  const kinds = rule.destinations.items.map((i) => (i.value.kind === 'cidr' ? (i.value.cidr.includes(':') ? 6 : 4) : i.value.kind === 'range' ? 4 : 0));
  if (!kinds.length || kinds.includes(0)) return { v4: true, v6: true, platform };
  return { v4: kinds.includes(4), v6: kinds.includes(6), platform };
}

/** A trusted CIDR written as an ACL address: "host A", "A WILDCARD" (IOS), "A NETMASK" (ASA), "v6/len". */
function addressText(cidr: string, { v4, v6: v6ok, platform }: { v4: boolean; v6: boolean; platform: Platform }): string | undefined {
  const [addr, bits] = cidr.trim().split('/');
  const v6 = addr.includes(':');
  if (v6 ? !v6ok : !v4) return undefined;
  if (v6) return bits === undefined || bits === '128' ? `host ${addr}` : `${addr}/${bits}`;
  const n = dotted(addr);
  const prefix = bits === undefined ? 32 : Number(bits);
  if (n === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  if (prefix === 32) return `host ${addr}`;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = (n & mask) >>> 0;
  const quad = (x: number) => [24, 16, 8, 0].map((s) => (x >>> s) & 255).join('.');
  return `${quad(net)} ${quad(platform === 'asa' ? mask : ~mask >>> 0)}`;
}

const native = (rule: AccessRule) => rule.native as RuleNative;

export const ciscoFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const n = native(rule);
    const span = rule.sources.span;
    // A rule that admits every port (standard ACLs, "permit ip any any") is about more than SMB: narrowing
    // its source would cut all that other traffic; a deny in front of it is the fix there.
    if (!span || n.acl.kind === 'standard' || rule.ports.ranges === undefined) return undefined;
    const families = destinationFamilies(rule, n.acl.platform, n.acl.kind === 'ipv6');
    const addresses: string[] = [];
    for (const s of sources) {
      if (!/^[\d.:a-f/]+$/i.test(s)) {
        // The placeholder: an object-group reference, which parses and names what is missing.
        addresses.push(PLACEHOLDER_GROUP(s));
        continue;
      }
      const a = addressText(s, families);
      if (a) addresses.push(a);
    }
    if (!addresses.length) return undefined;
    const edits: TextEdit[] = [{ span, newText: addresses[0] }];
    if (addresses.length > 1) {
      const copy = copiesAfter(text, n, addresses.slice(1).map((a) => [{ span, newText: a }]), lineBreakOf(text));
      if (!copy) return undefined;
      edits.push(copy);
    }
    return edits;
  },

  removeServices(text, rule, list, services) {
    const n = native(rule);
    const { dport } = n.ace;
    const proto = n.ace.literalProtocol;
    if ((proto !== 'tcp' && proto !== 'udp') || !dport || dport.negated || dport.ranges === 'unknown') return undefined;
    const left = removePorts(dport.ranges, services.filter((s) => s.protocol === proto).map((s) => s.port));
    if (!left.length) return undefined;
    const span = { offset: dport.first.span.offset, length: dport.last.span.offset + dport.last.span.length - dport.first.span.offset };
    const platform = n.acl.platform;
    if (platform === 'ios' && left.length > 1 && left.every(([a, b]) => a === b)) {
      return [{ span, newText: `eq ${left.map(([a]) => portText(a, platform, proto)).join(' ')}` }];
    }
    const ops = left.map((r) => portOp(r, platform, proto));
    const edits: TextEdit[] = [{ span, newText: ops[0] }];
    if (ops.length > 1) {
      const copy = copiesAfter(text, n, ops.slice(1).map((op) => [{ span, newText: op }]), lineBreakOf(text));
      if (!copy) return undefined;
      edits.push(copy);
    }
    return edits;
  },

  deny(text, rule) {
    const n = native(rule);
    const tok = n.ace.actionTok;
    // A standard ACL cannot name ports: a deny would block the source entirely, not just SMB.
    if (rule.action !== 'allow' || tok.text !== 'permit' || n.acl.kind === 'standard') return undefined;
    return [{ span: tok.span, newText: 'deny' }];
  },

  insertDenyBefore(text, rule, list, services) {
    const n = native(rule);
    // The peer is the source inbound and the destination outbound; the other end stays "any" so the deny
    // covers everything this rule admits.
    const peer = list.direction === 'out' ? rule.destinations.span : rule.sources.span;
    if (n.acl.kind === 'standard' || !peer || hasLineNumber(n.acl, n.entry)) return undefined;
    const peerText = text.slice(peer.offset, peer.offset + peer.length);
    const [src, dst] = list.direction === 'out' ? ['any', peerText] : [peerText, 'any'];
    const bodies = denyBodies(services, rule.protocol, src, dst, n.acl.platform);
    const seqs = freeSeqs(n.acl, n.position, bodies.length, false);
    if (!bodies.length || !seqs) return undefined;
    const eol = lineBreakOf(text);
    const lines = bodies.map((b, k) => newLine(n.acl, n.entry, b, seqs[k]) + eol).join('');
    return [{ span: { offset: n.entry.line.start, length: 0 }, newText: lines }];
  },

  appendDeny(text, list, services) {
    const { acl } = list.native as ListNative;
    if (acl.kind === 'standard' || list.endOffset === undefined) return undefined;
    const last = acl.entries[acl.entries.length - 1];
    const bodies = denyBodies(services, 'any', 'any', 'any', acl.platform);
    const base = last?.seq;
    const eol = lineBreakOf(text);
    const lead = breakBefore(text, list.endOffset);
    const lines = bodies.map((b, k) => newLine(acl, last, b, base === undefined ? undefined : base + 10 * (k + 1)) + eol).join('');
    return bodies.length ? [{ span: { offset: list.endOffset, length: 0 }, newText: lead + lines }] : undefined;
  },
};
