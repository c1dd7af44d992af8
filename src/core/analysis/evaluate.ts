/**
 * The exposure engine: walks each entry list in first-match order, per SMB service, and records which
 * addresses each allowing rule (or the default policy) admits that no earlier rule already decided.
 */
import { AddressSet } from '../model/cidr';
import { portsContain } from '../model/ports';
import type { AccessRule, Direction, RuleList, RuleModel } from '../model/rule';
import type { SmbService } from '../types';
import { addressSet } from './addresses';
import { Consumed } from './consumed';

/** One service admitted from `set` by a rule or by a list's default policy. */
export interface Exposure {
  list: RuleList;
  /** Undefined when the default policy admits it. */
  rule?: AccessRule;
  service: SmbService;
  set: AddressSet;
  /** The jump rules that led into `list`, outermost first. */
  via: AccessRule[];
  /** The entry list whose policy is in force and whose direction applies. */
  entry: RuleList;
}

type Match = 'no' | 'maybe' | 'yes';

const MAX_JUMP_DEPTH = 16;

function matchService(rule: AccessRule, s: SmbService): Match {
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

/** For inbound traffic the peer is the source; for outbound, the destination. Cached per rule: the walk of
 *  every service asks again. */
const peerCache = new WeakMap<AccessRule, { direction: Direction; set: AddressSet | undefined }>();

function peerSet(rule: AccessRule, list: RuleList, direction: Direction): AddressSet | undefined {
  const hit = peerCache.get(rule);
  if (hit && hit.direction === direction) return hit.set;
  const set = addressSet(direction === 'out' ? rule.destinations : rule.sources, list.families);
  peerCache.set(rule, { direction, set });
  return set;
}

/** A condition on the other end (our own address) also narrows where a deny applies. */
function otherEndIsAny(rule: AccessRule, direction: Direction): boolean {
  const other = direction === 'out' ? rule.sources : rule.destinations;
  // "to any" written out is the same as no destination at all.
  return !other.negated && other.items.every((i) => i.value.kind === 'any');
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

const CHECK_EVERY = 512;

export function evaluate(model: RuleModel, services: readonly SmbService[], budget: Budget = new Budget(Infinity)): Exposure[] {
  const byId = new Map(model.lists.map((l) => [l.id, l]));
  const out: Exposure[] = [];
  for (const entry of model.lists) {
    if (!entry.entry) continue;
    for (const service of services) {
      if (budget.check()) return out;
      const ctx = { entry, service, byId, out, budget };
      const left = walk(ctx, entry, AddressSet.everything(entry.families), [], 0);
      // A walk cut short proves nothing about what falls through to the policy.
      if (budget.exceeded) return out;
      if (entry.policy === 'allow' && !left.isEmpty) {
        out.push({ list: entry, service, set: left, via: [], entry });
      }
    }
  }
  return out;
}

interface WalkContext {
  entry: RuleList;
  service: SmbService;
  byId: Map<string, RuleList>;
  out: Exposure[];
  budget: Budget;
}

/** Walks `list` with the addresses in `incoming`; returns those no rule decided (they fall through). */
function walk(ctx: WalkContext, list: RuleList, incoming: AddressSet, via: AccessRule[], depth: number): AddressSet {
  const everything = AddressSet.everything(list.families);
  const direction = ctx.entry.direction;
  const consumed = new Consumed();
  const returned: AddressSet[] = [];
  for (const rule of list.rules) {
    if (rule.index % CHECK_EVERY === CHECK_EVERY - 1 && ctx.budget.check()) break;
    if (rule.action === 'log' || rule.establishedOnly) continue;
    const m = matchService(rule, ctx.service);
    // Unknown ports (a variable with no value in the file) are neither reported nor trusted to block.
    if (m === 'no' || (m === 'maybe' && rule.action === 'allow')) continue;
    const peer = peerSet(rule, list, direction);
    if (!peer) continue; // an unknowable address: neither flagged nor trusted to block
    const certain = m === 'yes' && !rule.conditional && otherEndIsAny(rule, direction);
    const scoped = incoming === everything ? peer : incoming.intersect(peer);
    // A certain deny needs no query: consuming addresses twice is harmless.
    if (rule.action === 'deny') {
      if (certain) consumed.add(scoped);
      continue;
    }
    const hit = consumed.from(scoped);
    if (hit.isEmpty) continue;
    switch (rule.action) {
      case 'allow':
        ctx.out.push({ list, rule, service: ctx.service, set: hit, via, entry: ctx.entry });
        break;
      case 'jump': {
        const target = rule.target ? ctx.byId.get(rule.target) : undefined;
        if (!target || depth >= MAX_JUMP_DEPTH) continue;
        const back = walk(ctx, target, hit, [...via, rule], depth + 1);
        if (certain) consumed.add(hit.subtract(back));
        continue;
      }
      case 'return':
        // Handed back to the caller: later rules here no longer see them, the caller's do.
        if (certain) returned.push(hit);
        break;
    }
    if (certain && !(list.independentAllows && rule.action === 'allow')) consumed.add(hit);
  }
  return AddressSet.unionAll([consumed.from(incoming), ...returned]);
}
