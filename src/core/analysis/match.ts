/** What the engine asks of one rule: does it match a service, whose addresses does it concern, and the walk's
 *  time limit. */
import type { AddressSet } from '../model/cidr';
import { portsContain } from '../model/ports';
import type { AccessRule, Direction, RuleList } from '../model/rule';
import type { SmbService } from '../types';
import { addressSet } from './addresses';

export type Match = 'no' | 'maybe' | 'yes';

export function matchService(rule: AccessRule, s: SmbService): Match {
  if (rule.protocol === 'other') return 'no';
  if (rule.protocol !== 'any' && rule.protocol !== s.protocol) return 'no';
  const ports = rule.ports.ranges;
  if (ports === 'unknown') return 'maybe';
  if (ports !== undefined) {
    const hit = portsContain(ports, s.port) !== rule.ports.negated;
    if (!hit) return 'no';
  } else if (rule.ports.negated) return 'no';
  return 'yes';
}

/** For inbound traffic the peer is the source; for outbound, the destination. */
export function peerSet(rule: AccessRule, list: RuleList, direction: Direction): AddressSet | undefined {
  return addressSet(direction === 'out' ? rule.destinations : rule.sources, list.families);
}

/** A condition on the other end (our own address) also narrows where a deny applies. */
export function otherEndIsAny(rule: AccessRule, direction: Direction): boolean {
  const other = direction === 'out' ? rule.sources : rule.destinations;
  if (other.negated) return false;
  // "to any" written out is the same as no destination at all.
  for (const item of other.items) if (item.value.kind !== 'any') return false;
  return true;
}

export { Budget } from './budget';
