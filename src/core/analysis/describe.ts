/** Words for addresses, places and policies in messages. */
import { AddressSet, PRIVATE, publicPart } from '../model/cidr';
import type { AccessRule, AddressMatch, RuleList } from '../model/rule';
import type { ExposureGroup } from '../rules/rule';
import type { Span } from '../types';
import { addressSet } from './addresses';

/** "anywhere", "anywhere except 10.0.0.0/8", or the CIDRs of the set; a dual-stack list admitting one
 *  family only says which ("anywhere over IPv4") rather than listing the blocks that make up all of IPv4. */
export function describePeers(set: AddressSet, list: RuleList): string {
  return list.families === 'both' ? describeDualStack(set) : describeWithin(set, list.families);
}

function describeDualStack(set: AddressSet): string {
  const v4 = set.intersect(AddressSet.allV4);
  const v6 = set.intersect(AddressSet.allV6);
  if (v6.isEmpty && !v4.isEmpty) return `${describeWithin(v4, 'ipv4')} over IPv4`;
  if (v4.isEmpty && !v6.isEmpty) return `${describeWithin(v6, 'ipv6')} over IPv6`;
  return describeWithin(set, 'both');
}

function describeWithin(set: AddressSet, families: RuleList['families']): string {
  const all = AddressSet.everything(families);
  if (set.equals(all)) return 'anywhere';
  if (publicPart(set).equals(publicPart(all))) {
    // Loopback or link-local carved out by an earlier rule does not make "anywhere" less true.
    const missingPrivate = all.subtract(set).intersect(PRIVATE);
    if (missingPrivate.isEmpty) return 'anywhere';
    // Azure's and Windows' "Internet": every public address and no private one.
    if (set.intersect(PRIVATE).isEmpty) return 'any public address';
    return `anywhere except ${missingPrivate.describe()}`;
  }
  return set.describe();
}

/** Address values that are names people know better than their CIDRs (Azure's VirtualNetwork, Internet). */
const TAG_KINDS = new Set(['internet', 'private', 'local-subnet']);

/** The group's peers in words: the rule's tags by name ("VirtualNetwork") when the rule admits all they
 *  stand for, else `describePeers`. */
export function describeGroupPeers(group: ExposureGroup): string {
  const { rule, list, set } = group;
  const match = rule && (group.direction === 'out' ? rule.destinations : rule.sources);
  if (match && !match.negated && match.items.some((i) => TAG_KINDS.has(i.value.kind)) && !set.equals(AddressSet.everything(list.families))) {
    const whole = addressSet(match, list.families);
    // JSON and YAML readers keep the quotes in the text; the name is what is inside them.
    if (whole?.equals(set)) return match.items.map((i) => i.text.replace(/^(["'])(.*)\1$/, '$2')).join(', ');
  }
  return describePeers(set, list);
}

/** "INPUT rule 3", or "INPUT policy ACCEPT" for a default policy. */
export function describePlace(list: RuleList, rule?: AccessRule): string {
  return rule ? `${list.name} ${rule.label}` : `${list.name} ${list.policyText ?? 'policy'}`;
}

/** "; it matches before the INPUT policy DROP" when a deny policy is what the rule overrides. */
export function policyClause(group: ExposureGroup): string {
  const e = group.entry;
  // An unwritten deny (a security group, a published port) is no news: only a written policy is named.
  if (e.policy === 'deny' && e.policyText) return `; it matches before the ${e.name} ${e.policyText}`;
  return '';
}

/** The list's own note, as a trailing sentence. */
export function noteOf(group: ExposureGroup): string {
  return group.list.note ? ` ${group.list.note}` : '';
}

export function viaClause(group: ExposureGroup): string {
  if (group.via.length === 0) return '';
  const first = group.via[0];
  return ` (reached through the jump in ${group.entry.name} ${first.label})`;
}

/** Where the traffic arrives, after "by this rule": " on eth1, a bridge by its name", and the Windows
 *  profiles the rule is limited to. */
export function arrivalClause(group: ExposureGroup): string {
  const profiles = group.rule?.scope?.profiles?.names ?? group.list.scope?.profiles?.names;
  const profile = profiles?.length ? ` in the ${profiles.join(' and ')} profile${profiles.length > 1 ? 's' : ''}` : '';
  const conditions = group.rule?.conditions?.length ? ` (only with ${group.rule.conditions.join(', ')})` : '';
  return `${group.ingress?.clause ?? ''}${profile}${conditions}`;
}

/** The most telling token of a peer match: its first item, the match, or the whole rule. */
export function peerSpan(m: AddressMatch, rule: AccessRule): Span {
  if (m.items.length === 1) return m.items[0].span;
  return m.span ?? m.items[0]?.span ?? rule.ports.span ?? rule.actionSpan;
}
