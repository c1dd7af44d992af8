/** What the engine asks of one rule: does it match a service, whose addresses does it concern, and the walk's
 *  time limit. */
import type { AddressSet } from '../model/cidr';
import { portsContain } from '../model/ports';
import type { AccessRule, Direction, InterfaceItem, InterfaceMatch, RuleList, RuleScope } from '../model/rule';
import type { SmbService } from '../types';
import { addressSet } from './addresses';
import { ifaceName, type Iface } from './interfaces';

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

/** The worse of two matches: a rule matches as far as all its parts do. */
export function meet(a: Match, b: Match): Match {
  return a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
}

/** The interface a walk is for; null = any interface no rule names (the only walk when none is named). */
export interface Arrival {
  iface: Iface | null;
  /** Keys (`ifaceName`) of the interfaces walked apart: in the "any other" walk a rule naming one of them does
   *  not match, one naming an interface left unwalked (past the cap) may. */
  walked: ReadonlySet<string>;
}

const ALL_PROFILES = ['domain', 'private', 'public'];

/** Does a rule or list scope let the walk's traffic in? Programs other than System and services other than
 *  LanmanServer never carry SMB (the kernel's System process serves it); a profile subset, an outgoing
 *  interface or an interface the file does not define decide something the engine cannot know. */
export function scopeMatch(scope: RuleScope, arrival: Arrival): Match {
  if (scope.program && !isSystem(scope.program.path)) return 'no';
  if (scope.service && !/^(lanmanserver|any|\*)$/i.test(scope.service.name.trim())) return 'no';
  let m: Match = scope.in ? interfaceMatch(scope.in, arrival) : 'yes';
  if (m === 'no') return m;
  if (scope.out && (scope.out.items.length > 0 || scope.out.unknown)) m = 'maybe';
  if (scope.profiles && !ALL_PROFILES.every((p) => scope.profiles?.names.includes(p))) m = 'maybe';
  return m;
}

function isSystem(path: string): boolean {
  return /^(system|any|\*)$/i.test(path.trim());
}

export function interfaceMatch(m: InterfaceMatch, arrival: Arrival): Match {
  if (m.unknown) return 'maybe';
  if (m.items.length === 0) return 'yes';
  let hit: Match = 'no';
  for (const item of m.items) {
    const h = itemMatch(item, arrival);
    if (h === 'yes') {
      hit = h;
      break;
    }
    if (h === 'maybe') hit = h;
  }
  if (!m.negated) return hit;
  return hit === 'yes' ? 'no' : hit === 'no' ? 'yes' : 'maybe';
}

/** A walked interface is matched by an item naming it or a prefix of it; a wildcard walk ("br-*") stands for
 *  the names it covers that have no walk of their own, so only an item covering the whole wildcard matches. */
function itemMatch(item: InterfaceItem, { iface, walked }: Arrival): Match {
  if (!iface) return walked.has(ifaceName(item)) ? 'no' : 'maybe';
  if (item.prefix) return iface.name.startsWith(item.name) ? 'yes' : 'no';
  return !iface.prefix && iface.name === item.name ? 'yes' : 'no';
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

/** A wall-clock limit for the walk; `exceeded` is set once it has run out. */
export class Budget {
  exceeded = false;
  private readonly deadline: number;
  constructor(ms: number) {
    this.deadline = Date.now() + ms;
  }

  /** Cheap enough to call every few hundred rules. */
  check(): boolean {
    if (!this.exceeded && Date.now() > this.deadline) this.exceeded = true;
    return this.exceeded;
  }
}
