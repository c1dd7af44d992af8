/** Azure network security group semantics shared by the ARM and Bicep readers: protocols, port ranges, and
 *  the inbound/outbound lists in priority order with Azure's default rules. */
import type { AccessRule, AddressMatch, PortMatch, Protocol, RuleList } from '../../model/rule';
import type { Span } from '../../types';
import type { PortRange } from '../../model/ports';
import { portRangeIn, type PortSyntax } from '../common/port-range';
import { protocolOfWord } from '../common/protocol';

const NSG_ANY = ['*'];

/** `*`, `Tcp`, `Udp`; anything else (`Icmp`, `Esp`, `Ah`) is not SMB. */
export function nsgProtocolOf(p: string | undefined): Protocol | undefined {
  return p === undefined ? undefined : protocolOfWord(p, NSG_ANY);
}

/** securityRules' port ranges: "Integer or range between 0 and 65535" (`445`, `137-139`), no service names. */
export const NSG_PORTS: PortSyntax = { tool: 'Azure', separator: '-', names: false, reversed: 'swap' };

/** `445` or `137-139`; undefined for anything else. */
export function nsgPortRangeOf(s: string): PortRange | undefined {
  return portRangeIn(s, NSG_PORTS);
}

/** Why Azure would refuse a destination port value ("SecurityRuleInvalidPortRange: Value should be an integer OR
 *  integer range with '-' delimiter. Valid range 0-65535."); undefined when it takes it. A comma list is the
 *  usual slip: it belongs in the plural field, whose name the format passes (`listField`). */
export function nsgPortProblem(text: string, listField: string): string | undefined {
  if (text.trim() === '*' || nsgPortRangeOf(text)) return undefined;
  if (text.includes(',')) return `Azure refuses the port range "${text}": one port or range per value; a list goes in ${listField}`;
  return `Azure refuses the port range "${text}": a port (0–65535), a range such as 137-139, or *`;
}

/** Priorities and rule names in use in one NSG direction, for fixes that add a rule. */
export interface NsgListNative {
  used: Set<number>;
  names: Set<string>;
}

/** One NSG direction as a rule list: rules sorted by priority (lowest first, first match wins; Azure rejects
 *  two rules with one priority and direction, so ties keep the file's order), ending in Azure's default rules. */
export function nsgList(key: string, name: string, direction: 'in' | 'out', rules: AccessRule[], priorityOf: (r: AccessRule) => number | undefined, names: Set<string>): RuleList {
  const prio = (r: AccessRule) => priorityOf(r) ?? Number.MAX_SAFE_INTEGER;
  const sorted = rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => prio(a.r) - prio(b.r) || a.i - b.i)
    .map((x) => x.r);
  sorted.forEach((r, i) => (r.index = i));
  const used = new Set<number>();
  for (const r of sorted) {
    const p = priorityOf(r);
    if (p !== undefined) used.add(p);
  }
  const native: NsgListNative = { used, names };
  return {
    id: `${key}/${direction === 'in' ? 'inbound' : 'outbound'}`,
    name: `${name} (${direction === 'in' ? 'inbound' : 'outbound'})`,
    direction,
    families: 'both',
    entry: true,
    // Azure's default rules: inbound ends in DenyAllInBound (AllowVnetInBound and the load-balancer rule
    // admit only private and probe traffic: not reported); outbound ends in AllowInternetOutBound.
    policy: direction === 'in' ? 'deny' : 'allow',
    policyText: direction === 'in' ? 'default rule DenyAllInBound' : 'default rule AllowInternetOutBound',
    rules: sorted,
    native,
  };
}

/** What an NSG rule says, as ARM JSON or Bicep writes it: the readers differ, the rule they make does not. */
export interface NsgRuleParts {
  priority: number | undefined;
  ruleName: string | undefined;
  /** `access`, lower-cased; anything but allow/deny is unreadable. */
  access: string | undefined;
  protocol: Protocol;
  ports: PortMatch;
  sources: AddressMatch;
  destinations: AddressMatch;
  conditional: boolean;
  span: Span;
  actionSpan: Span | undefined;
  protocolSpan: Span | undefined;
  text: string;
  native: unknown;
}

export function nsgRule(p: NsgRuleParts): AccessRule {
  return {
    index: 0,
    label: p.priority !== undefined ? `priority ${p.priority}` : `rule ${p.ruleName ?? '?'}`,
    // An access we cannot read neither exposes nor protects: a deny that may not apply.
    action: p.access === 'allow' ? 'allow' : 'deny',
    protocol: p.protocol,
    ports: p.ports,
    sources: p.sources,
    destinations: p.destinations,
    conditional: p.conditional || (p.access !== 'allow' && p.access !== 'deny'),
    establishedOnly: false,
    span: p.span,
    actionSpan: p.actionSpan ?? p.span,
    protocolSpan: p.protocolSpan,
    text: p.text,
    native: p.native,
  };
}
