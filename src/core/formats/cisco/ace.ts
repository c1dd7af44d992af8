/** Parses one access-control entry ("permit tcp SRC [ports] DST [ports] [options]") into its matches. */
import type { AddressItem, AddressValue, Protocol } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { spanOf, type Token } from './lines';
import type { Platform, PortProtocol } from './names';
import { protocolOf } from './names';
import type { Objects, Service } from './objects';
import { hostValue, isV4, isV6Prefix, maskedValue, readPortOperand, type MaskStyle, type PortOperand } from './operands';

export type AclKind = 'standard' | 'extended' | 'ipv6';

export interface AceContext {
  platform: Platform;
  kind: AclKind;
  objects: Objects;
}

export interface AddressOperand {
  items: AddressItem[];
  span: Span;
}

export interface ParsedAce {
  action: 'allow' | 'deny';
  actionTok: Token;
  /** The protocol as written (a keyword, or "object-group X"); undefined for standard ACLs. */
  protocolSpan?: Span;
  /** The literal protocol keyword, when it is one (fixes can write ports only then). */
  literalProtocol?: Protocol | 'tcp-udp';
  /** One per protocol/port combination the ACE matches (several for service groups). */
  services: Service[];
  source?: AddressOperand;
  destination?: AddressOperand;
  /** A literal destination port operator (eq/range/…), for fixes that rewrite it. */
  dport?: PortOperand;
  /** The destination ports come from a service group: not rewritable piecewise. */
  dportSpan?: Span;
  conditional: boolean;
  /** What makes it conditional, as written (`time-range WORKHOURS`, `eq smtp` as a source port), for messages. */
  conditions: string[];
  establishedOnly: boolean;
  inactive: boolean;
  /** The device would refuse the line (bad protocol, address or port): it is no rule at all. */
  rejected: boolean;
  /** A trailing "sequence N" (IOS IPv6 show output). */
  trailingSeq?: Token;
  problems: ParseProblem[];
}

const LOG_LEVELS = new Set(['emergencies', 'alerts', 'critical', 'errors', 'warnings', 'notifications', 'informational', 'debugging', 'disable', 'default']);
const FLAGS = new Set(['fragments', 'syn', 'ack', 'fin', 'psh', 'rst', 'urg', 'match-all', 'match-any', 'option', 'routing', 'undetermined-transport', 'mobility', 'hbh', 'authen', 'doh']);
const WITH_VALUE = new Set(['dscp', 'precedence', 'tos', 'flow-label', 'routing-type', 'dest-option-type', 'mobility-type', 'option']);
const IDENTITY_2 = new Set(['user', 'user-group', 'object-group-user', 'object-group-security']);

/** Marks the entry conditional on tokens[from…to), which name the condition as written. */
function condition(ace: ParsedAce, tokens: Token[], from: number, to: number): void {
  ace.conditional = true;
  const text = tokens.slice(from, Math.min(to, tokens.length)).map((t) => t.text).join(' ');
  if (text && !ace.conditions.includes(text)) ace.conditions.push(text);
}

/** A problem at `t` (else at the line's last token). */
function problem(ace: ParsedAce, tokens: Token[], t: Token | undefined, message: string): void {
  ace.problems.push({ span: (t ?? tokens[tokens.length - 1]).span, message });
}

/** A problem the device refuses the line for: the entry is no rule. */
function reject(ace: ParsedAce, tokens: Token[], t: Token, message: string): void {
  problem(ace, tokens, t, message);
  ace.rejected = true;
}

/** Parses tokens[i…] where tokens[i] is "permit" or "deny". */
export function parseAce(tokens: Token[], i: number, ctx: AceContext): ParsedAce {
  const actionTok = tokens[i];
  const ace: ParsedAce = {
    action: actionTok.text.toLowerCase() === 'permit' ? 'allow' : 'deny',
    actionTok,
    services: [],
    conditional: false,
    conditions: [],
    establishedOnly: false,
    inactive: false,
    rejected: false,
    problems: [],
  };
  let k = i + 1;
  if (ctx.kind === 'standard') {
    ace.services = [{ protocol: 'any', ports: undefined, negated: false, conditional: false }];
    const src = readAddress(tokens, k, ctx, 'wildcard', ace);
    if (!src) return ace;
    ace.source = src.operand;
    return options(tokens, src.next, ace, 'other', ctx);
  }
  // Protocol: a keyword or number, or a protocol/service group or service object (ASA, IOS object groups).
  const pTok = tokens[k];
  if (!pTok) {
    problem(ace, tokens, actionTok, `"${actionTok.text}" needs a protocol and addresses`);
    return ace;
  }
  let portProto: PortProtocol | undefined;
  let protocols: (Protocol | 'tcp-udp')[] = [];
  const lower = pTok.text.toLowerCase();
  if ((lower === 'object-group' || lower === 'object') && tokens[k + 1]) {
    const name = tokens[k + 1].text;
    ace.protocolSpan = spanOf(pTok, tokens[k + 1]);
    const kind = lower === 'object' ? 'object' : 'group';
    if (kind === 'group' && ctx.objects.groupKind(name) === 'protocol') {
      const r = ctx.objects.resolveProtocols(name, tokens[k + 1].span);
      protocols = r.unknown ? ['any'] : r.values;
    } else {
      const r = ctx.objects.resolveService(kind, name, tokens[k + 1].span);
      ace.services = r.unknown ? [{ protocol: 'any', ports: 'unknown', negated: false, conditional: false }] : r.values;
    }
    k += 2;
  } else {
    const p = protocolOf(pTok.text);
    if (!p) reject(ace, tokens, pTok, `"${pTok.text}" is not a protocol`);
    ace.literalProtocol = p ?? 'other';
    protocols = [p ?? 'other'];
    ace.protocolSpan = pTok.span;
    k++;
  }
  if (protocols.length && protocols.every((p) => p === 'tcp' || p === 'udp' || p === 'tcp-udp')) portProto = protocols.length === 1 ? (protocols[0] as PortProtocol) : 'tcp-udp';
  const mask: MaskStyle = ctx.platform === 'asa' ? 'netmask' : 'wildcard';
  const src = readAddress(tokens, k, ctx, mask, ace);
  if (!src) return ace;
  ace.source = src.operand;
  k = src.next;
  // Source ports: the rule then matches only some clients, SMB Guard cannot count on it.
  const sport = portProto ? readPortOperand(tokens, k, ctx.platform, portProto) : undefined;
  if (sport) {
    if (sport.problem) reject(ace, tokens, sport.problem.token, sport.problem.message);
    condition(ace, tokens, k, sport.next);
    ace.conditions[ace.conditions.length - 1] = `source port ${ace.conditions[ace.conditions.length - 1]}`;
    k = sport.next;
  } else if (tokens[k]?.text === 'object-group' && ctx.objects.groupKind(tokens[k + 1]?.text ?? '') === 'service') {
    condition(ace, tokens, k, k + 2);
    ace.conditions[ace.conditions.length - 1] = `source port ${ace.conditions[ace.conditions.length - 1]}`;
    k += 2;
  }
  const dst = readAddress(tokens, k, ctx, mask, ace);
  if (!dst) return ace;
  ace.destination = dst.operand;
  k = dst.next;
  let dports: Pick<Service, 'ports' | 'negated'>[] = [{ ports: undefined, negated: false }];
  const dport = portProto ? readPortOperand(tokens, k, ctx.platform, portProto) : undefined;
  if (dport) {
    if (dport.problem) reject(ace, tokens, dport.problem.token, dport.problem.message);
    ace.dport = dport;
    ace.dportSpan = spanOf(dport.first, dport.last);
    dports = [{ ports: dport.ranges, negated: dport.negated }];
    k = dport.next;
  } else if (portProto && tokens[k]?.text === 'object-group' && tokens[k + 1]) {
    const r = ctx.objects.resolveService('group', tokens[k + 1].text, tokens[k + 1].span);
    ace.dportSpan = spanOf(tokens[k], tokens[k + 1]);
    dports = r.unknown ? [{ ports: 'unknown', negated: false }] : r.values.map((s) => ({ ports: s.ports, negated: s.negated }));
    k += 2;
  }
  for (const p of protocols) {
    const ported = p === 'tcp' || p === 'udp' || p === 'tcp-udp';
    if (!ported) ace.services.push({ protocol: p, ports: undefined, negated: false, conditional: false });
    else for (const d of dports) ace.services.push({ protocol: p, ports: d.ports, negated: d.negated, conditional: false });
  }
  return options(tokens, k, ace, portProto ?? 'other', ctx);
}

function options(tokens: Token[], k: number, ace: ParsedAce, proto: PortProtocol | 'other', ctx: AceContext): ParsedAce {
  while (k < tokens.length) {
    const t = tokens[k];
    const w = t.text.toLowerCase();
    k++;
    if (w === 'established') ace.establishedOnly = true;
    else if (w === 'log' || w === 'log-input') {
      // ASA: "log [level] [interval n] | disable | default"; IOS: "log [cookie]".
      while (k < tokens.length && (/^\d+$/.test(tokens[k].text) || LOG_LEVELS.has(tokens[k].text.toLowerCase()) || tokens[k].text === 'interval')) k++;
      if (ctx.platform === 'ios' && k < tokens.length && !isOption(tokens[k].text)) k++;
    } else if (w === 'time-range') {
      condition(ace, tokens, k - 1, k + 1);
      k++;
    } else if (w === 'inactive') ace.inactive = true;
    else if (w === 'sequence' && /^\d+$/.test(tokens[k]?.text ?? '')) {
      ace.trailingSeq = tokens[k];
      k++;
    } else if (w === 'reflect' || w === 'timeout') k++;
    else if (w === 'ttl' || w === 'packet-length') {
      const n = tokens[k]?.text === 'range' ? 3 : 2;
      condition(ace, tokens, k - 1, k + n);
      k += n;
    } else if (WITH_VALUE.has(w)) {
      condition(ace, tokens, k - 1, k + 1);
      k++;
    } else if (FLAGS.has(w) || w.startsWith('+') || w.startsWith('-')) condition(ace, tokens, k - 1, k);
    else if (proto === 'other' && ace.literalProtocol !== 'any') {
      // ICMP types and codes: nothing SMB Guard reasons about.
    } else {
      problem(ace, tokens, t, `"${t.text}" is not understood here`);
      condition(ace, tokens, k - 1, k);
    }
  }
  return ace;
}

function isOption(text: string): boolean {
  const w = text.toLowerCase();
  return w === 'time-range' || w === 'inactive' || w === 'sequence' || w === 'reflect' || FLAGS.has(w) || WITH_VALUE.has(w);
}

/** Reads one address operand: any/any4/any6, host A, A MASK, v6/len, object(-group) X, interface X. */
function readAddress(tokens: Token[], k: number, ctx: AceContext, mask: MaskStyle, ace: ParsedAce): { operand: AddressOperand; next: number } | undefined {
  const first = tokens[k];
  if (!first) {
    ace.problems.push({ span: tokens[tokens.length - 1].span, message: 'an address is missing' });
    return undefined;
  }
  const w = first.text.toLowerCase();
  if (IDENTITY_2.has(w) || w === 'security-group') {
    // Identity matches (ASA) narrow the rule to some users: conditional.
    condition(ace, tokens, k, k + (w === 'security-group' ? 3 : 2));
    return readAddress(tokens, k + (w === 'security-group' ? 3 : 2), ctx, mask, ace);
  }
  // "any" is written as no items: the engine reads that as "any" on both ends (a deny to any is certain).
  if (w === 'any') return { operand: { items: [], span: first.span }, next: k + 1 };
  if (w === 'any4') return oneItem(tokens, k, 1, { kind: 'cidr', cidr: '0.0.0.0/0' });
  if (w === 'any6') return oneItem(tokens, k, 1, { kind: 'cidr', cidr: '::/0' });
  const second = tokens[k + 1];
  if ((w === 'host' || w === 'object-group' || w === 'object' || w === 'interface' || w === 'object-group-network') && !second) {
    ace.problems.push({ span: first.span, message: `"${first.text}" needs a value` });
    return undefined;
  }
  if (w === 'host') return oneItem(tokens, k, 2, hostValue(ctx.objects.names.get(second.text) ?? second.text) ?? { kind: 'unknown' });
  if (w === 'interface') return oneItem(tokens, k, 2, { kind: 'unknown' });
  if (w === 'object-group' || w === 'object') {
    const r = ctx.objects.resolveNetwork(w === 'object' ? 'object' : 'group', second.text, second.span);
    const span = spanOf(first, second);
    const items: AddressItem[] = r.values.map((v) => ({ text: v.text, span, value: v.value }));
    if (r.unknown) items.push({ text: `${first.text} ${second.text}`, span, value: { kind: 'unknown' } });
    // An empty group matches nothing: an unknown item keeps the rule out of the walk.
    if (!items.length) items.push({ text: `${first.text} ${second.text}`, span, value: { kind: 'unknown' } });
    return { operand: { items, span }, next: k + 2 };
  }
  if (isV6Prefix(first.text)) return oneItem(tokens, k, 1, { kind: 'cidr', cidr: first.text });
  const addr = ctx.objects.names.get(first.text) ?? first.text;
  if (isV4(addr)) {
    if (second && isV4(second.text)) {
      return oneItem(tokens, k, 2, maskedValue(addr, second.text, mask) ?? { kind: 'unknown' });
    }
    if (ctx.kind === 'standard') return oneItem(tokens, k, 1, hostValue(addr) ?? { kind: 'unknown' });
    ace.problems.push({ span: first.span, message: `"${first.text}" needs a ${mask === 'wildcard' ? 'wildcard mask' : 'netmask'}` });
    return undefined;
  }
  ace.problems.push({ span: first.span, message: `"${first.text}" is not an address` });
  return undefined;
}

/** An operand of one item written as `count` tokens from tokens[k] ("host A", "A MASK", "any4"). */
function oneItem(tokens: Token[], k: number, count: 1 | 2, value: AddressValue): { operand: AddressOperand; next: number } {
  const first = tokens[k];
  const last = tokens[k + count - 1];
  const text = count === 1 ? first.text : `${first.text} ${last.text}`;
  return { operand: { items: [{ text, span: spanOf(first, last), value }], span: spanOf(first, last) }, next: k + count };
}
