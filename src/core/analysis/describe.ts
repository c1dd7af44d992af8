/** Words for addresses, places and policies in messages. */
import { AddressSet, PRIVATE, publicPart } from '../model/cidr';
import type { AccessRule, AddressMatch, RuleList } from '../model/rule';
import type { ExposureGroup } from '../rules/rule';
import type { Span } from '../types';

/** "anywhere", "anywhere except 10.0.0.0/8", or the CIDRs of the set. */
export function describePeers(set: AddressSet, list: RuleList): string {
  const all = AddressSet.everything(list.families);
  if (set.equals(all)) return 'anywhere';
  if (publicPart(set).equals(publicPart(all))) {
    // Loopback or link-local carved out by an earlier rule does not make "anywhere" less true.
    const missingPrivate = all.subtract(set).intersect(PRIVATE);
    return missingPrivate.isEmpty ? 'anywhere' : `anywhere except ${missingPrivate.describe()}`;
  }
  return set.describe();
}

/** "INPUT rule 3", or "INPUT policy ACCEPT" for a default policy. */
export function describePlace(list: RuleList, rule?: AccessRule): string {
  return rule ? `${list.name} ${rule.label}` : `${list.name} ${list.policyText ?? 'policy'}`;
}

/** "; it matches before the INPUT policy DROP" when a deny policy is what the rule overrides. */
export function policyClause(group: ExposureGroup): string {
  const e = group.entry;
  if (e.policy === 'deny' && e.policyText) return `; it matches before the ${e.name} ${e.policyText}`;
  if (e.policy === 'deny') return `, although ${e.name} denies by default`;
  return '';
}

export function viaClause(group: ExposureGroup): string {
  if (group.via.length === 0) return '';
  const first = group.via[0];
  return ` (reached through the jump in ${group.entry.name} ${first.label})`;
}

/** The most telling token of a peer match: its first item, the match, or the whole rule. */
export function peerSpan(m: AddressMatch, rule: AccessRule): Span {
  if (m.items.length === 1) return m.items[0].span;
  return m.span ?? m.items[0]?.span ?? rule.ports.span ?? rule.actionSpan;
}
