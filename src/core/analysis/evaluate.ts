/**
 * The exposure engine: walks each entry list in first-match order, per SMB service, and records which
 * addresses each allowing rule (or the default policy) admits that no earlier rule already decided.
 */
import { AddressSet, publicPart } from '../model/cidr';
import type { AccessRule, Direction, InterfaceMatch, RuleList, RuleModel } from '../model/rule';
import type { ParseProblem, SmbService } from '../types';
import { Consumed } from './consumed';
import { ifaceName, type Iface } from './interfaces';
import { Budget, matchService, otherEndIsAny, peerSet, scopeMatch, type Arrival, type Match } from './match';

export { Budget };

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
  /** The interface the traffic arrives on, or null: an interface no rule names (any interface, when none does). */
  arrival: Iface | null;
  /** Set when an earlier accept admits these addresses first: the exposure is latent, one fix away. */
  latentBy?: AccessRule;
}

/**
 * Nested jumps the engine follows whatever the format allows (`RuleModel.maxJumpDepth`). Far above real rulesets
 * (Docker's chains nest four deep); it bounds the stack and the jump path every exposure keeps. Past it the jump
 * is not followed and the document gets a problem saying so.
 */
const MAX_FOLLOWED_JUMPS = 1000;

const CHECK_EVERY = 512;

/** Accepts per lane remembered as possible shadows of later accepts (latent exposures); the first few suffice
 *  and keep an allow-list of thousands of hosts from costing a scan per rule. */
const MAX_SHADOWING_ACCEPTS = 8;
/** Lists longer than this (generated block- and allow-lists) are not checked for latent exposures. */
const MAX_LATENT_LIST = 5000;

/** Interfaces walked apart per entry list; rules naming others match "maybe" in the "any other" walk. */
const MAX_INTERFACE_WALKS = 64;

/** Services that reach a list with the same addresses. */
interface Group {
  /** Positions in the service list, ascending. */
  services: number[];
  set: AddressSet;
}

/**
 * Services that so far met every rule of a walk alike share one lane: one record of what earlier rules decided,
 * one query per rule. A rule that treats them differently splits the lane. A blocklist of 50,000 entries so
 * costs one pass for all services instead of one pass each.
 */
interface Lane {
  services: number[];
  from: AddressSet;
  consumed: Consumed;
  /** Addresses handed back to the caller by RETURN. */
  returned: AddressSet[];
  /** The first certain accepts met, with what each admitted: a later accept they shadow is latent. */
  accepts?: { rule: AccessRule; set: AddressSet }[];
}

/** A lane's jump, waiting for the target's answer. */
interface PendingJump {
  lane: Lane;
  hit: AddressSet;
  certain: boolean;
}

/** Walks every entry list once for all services together, each rule read and its peer set worked out once.
 *  `quiet` names interfaces whose inbound exposures are never reported (internal ones): their walks are skipped
 *  (not in forward lists, where traffic from the LAN may leave by the WAN). */
export function evaluate(model: RuleModel, services: readonly SmbService[], budget: Budget = new Budget(Infinity), quiet?: (iface: Iface) => boolean): Exposure[] {
  const byId = new Map(model.lists.map((l) => [l.id, l]));
  const out: Exposure[] = [];
  for (const entry of model.lists) {
    if (!entry.entry || services.length === 0) continue;
    // Peer sets do not depend on the interface: the walks of one entry list share them.
    const peers = new Map<RuleList, (AddressSet | undefined | null)[] | undefined>();
    for (const arrival of arrivalsOf(entry, byId, services)) {
      if (budget.check()) return out;
      // A list bound to other interfaces never sees this traffic, nor does its policy.
      if (entry.scope && scopeMatch(entry.scope, arrival) === 'no') continue;
      if (arrival.iface && quiet && entry.direction !== 'forward' && quiet(arrival.iface)) continue;
      const ctx: WalkContext = { entry, services, byId, out, budget, peers, checked: 0, arrival, maxJumpDepth: model.maxJumpDepth, problems: model.problems };
      const left = walk(ctx, entry, [{ services: services.map((_, s) => s), set: AddressSet.everything(entry.families) }], [], 0);
      // A walk cut short proves nothing about what falls through to the policy.
      if (budget.exceeded) return out;
      if (entry.policy !== 'allow') continue;
      for (const { service, set } of perService(left)) {
        if (!set.isEmpty) out.push({ list: entry, service: services[service], set, via: [], entry, arrival: arrival.iface });
      }
    }
  }
  return out;
}

/**
 * The walks an entry list needs: one per interface its rules and lists (those it jumps to, too) name as where
 * traffic arrives, and one for any other interface. With no interface named that is a single walk.
 */
function arrivalsOf(entry: RuleList, byId: Map<string, RuleList>, services: readonly SmbService[]): Arrival[] {
  const named = new Map<string, Iface>();
  const add = (m: InterfaceMatch | undefined) => {
    if (!m) return;
    for (const item of m.items) {
      const key = ifaceName(item);
      if (named.size < MAX_INTERFACE_WALKS && !named.has(key)) named.set(key, { name: item.name, prefix: item.prefix });
    }
  };
  const lists = [entry];
  const seen = new Set(lists);
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    add(list.scope?.in);
    for (const rule of list.rules) {
      // Only a rule the walk acts on can tell interfaces apart: a LOG rule, an established-only rule or one that
      // matches no SMB service is passed over by every walk alike (a blocklist logging per interface stays one walk).
      // (The action first: a save rule builds its scope when asked.)
      const arrives = rule.action !== 'log' && !rule.establishedOnly ? rule.scope?.in : undefined;
      if (arrives && matchesSomeService(rule, services)) add(arrives);
      if (rule.action !== 'jump' || !rule.target) continue;
      const target = byId.get(rule.target);
      if (target && !seen.has(target)) {
        seen.add(target);
        lists.push(target);
      }
    }
  }
  const walked = new Set(named.keys());
  return [...[...named.values()].map((iface) => ({ iface, walked })), { iface: null, walked }];
}

function matchesSomeService(rule: AccessRule, services: readonly SmbService[]): boolean {
  for (let i = 0; i < services.length; i++) if (matchService(rule, services[i]) !== 'no') return true;
  return false;
}

/** Groups unfolded into one entry per service, in the order of the service list. */
function perService(groups: Group[]): { service: number; set: AddressSet }[] {
  return groups.flatMap((g) => g.services.map((service) => ({ service, set: g.set }))).sort((a, b) => a.service - b.service);
}

interface WalkContext {
  entry: RuleList;
  services: readonly SmbService[];
  byId: Map<string, RuleList>;
  out: Exposure[];
  budget: Budget;
  /** Peer sets of rules already met, per list and rule position (null: not worked out yet), kept from a list's
   *  second walk on (a chain reached by several jumps); a list walked once lets each set go at once, which spares
   *  a 50,000-rule list as many sets copied by every collection. */
  peers: Map<RuleList, (AddressSet | undefined | null)[] | undefined>;
  /** Rules walked so far, for the budget check. */
  checked: number;
  /** The format's own limit on nested jumps, if it has one; see `jump`. */
  maxJumpDepth: number | undefined;
  /** The model's problems: a jump the walk does not follow is reported there, never dropped silently. */
  problems: ParseProblem[];
  /** The interface this walk is for. */
  arrival: Arrival;
}

function peersOf(ctx: WalkContext, list: RuleList): (AddressSet | undefined | null)[] | undefined {
  if (!ctx.peers.has(list)) {
    ctx.peers.set(list, undefined);
    return undefined;
  }
  let peers = ctx.peers.get(list);
  if (!peers) {
    peers = new Array<AddressSet | undefined | null>(list.rules.length).fill(null);
    ctx.peers.set(list, peers);
  }
  return peers;
}

/** Splits `lane` by `key` of each service; the first part keeps the lane, the others get copies of its record. */
function split<K>(lane: Lane, key: (s: number) => K, lanes: Lane[]): [K, Lane][] {
  const parts = new Map<K, number[]>();
  for (const s of lane.services) {
    const k = key(s);
    const part = parts.get(k);
    if (part) part.push(s);
    else parts.set(k, [s]);
  }
  const out: [K, Lane][] = [];
  for (const [k, services] of parts) {
    if (out.length === 0) {
      lane.services = services;
      out.push([k, lane]);
    } else {
      const copy: Lane = { services, from: lane.from, consumed: lane.consumed.clone(), returned: [...lane.returned], accepts: lane.accepts && [...lane.accepts] };
      lanes.push(copy);
      out.push([k, copy]);
    }
  }
  return out;
}

/**
 * Walks `list` with the addresses each group of services brings; returns, per group, the addresses no rule
 * decided (they fall through).
 */
function walk(ctx: WalkContext, list: RuleList, incoming: Group[], via: AccessRule[], depth: number): Group[] {
  return new ListWalk(ctx, list, incoming, via, depth).run();
}

/** One walk of one list. The state of the rule at hand lives in fields, so the per-rule work allocates nothing
 *  unless the rule matters. */
class ListWalk {
  private readonly everything: AddressSet;
  private readonly direction: Direction;
  private readonly lanes: Lane[];
  private readonly peers: (AddressSet | undefined | null)[] | undefined;
  /** Per service: the addresses the rule at hand admits. */
  private readonly admitted: (AddressSet | undefined)[];
  /** Per service: what the rule at hand would admit but for an earlier accept, and that accept. */
  private readonly latent: ({ set: AddressSet; by: AccessRule } | undefined)[];
  private latentAny = false;
  /** Some lane remembers accepts: denies must be taken out of them (they would catch that traffic first). */
  private tracksAccepts = false;
  private readonly latentCheck: boolean;
  private readonly jumps: PendingJump[] = [];
  /** What every lane of this walk has decided alike: a deny that treats all lanes the same is kept here once
   *  rather than once a lane (services split into lanes early, and a blocklist then fed each lane apart). */
  private readonly shared = new Consumed();
  /** The rule at hand's certain denies, per lane, until all lanes are seen: the same set for every lane goes to
   *  `shared`. */
  private readonly denyLanes: Lane[] = [];
  private readonly denySets: AddressSet[] = [];
  private admits = false;
  private rule!: AccessRule;
  private at = 0;
  /** The rule's peer set: null until needed, undefined when unknowable. */
  private peer: AddressSet | undefined | null = null;
  private otherAny: boolean | undefined;
  /** How the list's own scope matches this walk's interface. */
  private readonly listScope: Match;
  /** The rule at hand's scope matches for certain (not an interface the file does not define, not a profile). */
  private scopeCertain = true;

  constructor(
    private readonly ctx: WalkContext,
    private readonly list: RuleList,
    incoming: Group[],
    private readonly via: AccessRule[],
    private readonly depth: number,
  ) {
    this.everything = AddressSet.everything(list.families);
    this.direction = ctx.entry.direction;
    this.lanes = incoming.map((g) => ({ services: g.services, from: g.set, consumed: new Consumed(), returned: [] }));
    this.peers = peersOf(ctx, list);
    this.admitted = new Array<AddressSet | undefined>(ctx.services.length);
    this.latent = new Array<{ set: AddressSet; by: AccessRule } | undefined>(ctx.services.length);
    this.latentCheck = !list.independentAllows && list.rules.length <= MAX_LATENT_LIST;
    this.listScope = list.scope ? scopeMatch(list.scope, ctx.arrival) : 'yes';
  }

  run(): Group[] {
    const { ctx, list, lanes } = this;
    const services = ctx.services;
    // A list bound elsewhere decides nothing for this interface: everything falls through.
    if (this.listScope === 'no') return lanes.map((lane) => ({ services: lane.services, set: lane.from }));
    for (let r = 0; r < list.rules.length; r++) {
      const rule = list.rules[r];
      if (++ctx.checked % CHECK_EVERY === 0 && ctx.budget.check()) break;
      if (rule.action === 'log' || rule.establishedOnly) continue;
      const scope = rule.scope ? scopeMatch(rule.scope, ctx.arrival) : 'yes';
      if (scope === 'no') continue;
      this.scopeCertain = scope === 'yes' && this.listScope === 'yes';
      this.rule = rule;
      this.at = r;
      this.peer = this.peers ? this.peers[r] : null;
      this.otherAny = undefined;
      const count = lanes.length;
      for (let l = 0; l < count && this.peer !== undefined; l++) {
        const lane = lanes[l];
        const first = matchService(rule, services[lane.services[0]]);
        let alike = true;
        for (let i = 1; i < lane.services.length && alike; i++) alike = matchService(rule, services[lane.services[i]]) === first;
        if (alike) this.visit(first, lane);
        else this.splitAndVisit(lane);
      }
      if (this.denyLanes.length) this.settleDenies();
      if (this.admits) {
        report(ctx, list, rule, this.via, this.admitted);
        this.admits = false;
      }
      if (this.latentAny) {
        reportLatent(ctx, list, rule, this.via, this.latent);
        this.latentAny = false;
      }
      if (this.jumps.length) {
        jump(ctx, rule, this.jumps, lanes, this.via, this.depth);
        this.jumps.length = 0;
      }
    }
    return lanes.map((lane) => ({ services: lane.services, set: AddressSet.unionAll([this.undecided(lane, lane.from), ...lane.returned]) }));
  }

  /** Splits `lane` by how the rule at hand matches each of its services, and visits each part. (A method of its
   *  own: a closure over the rule in the loop makes every turn of the loop allocate the rule's scope.) */
  private splitAndVisit(lane: Lane): void {
    const { rule } = this;
    const services = this.ctx.services;
    for (const [m, part] of split(lane, (s) => matchService(rule, services[s]), this.lanes)) this.visit(m, part);
  }

  /** `set` minus what earlier rules decided for `lane`. */
  private undecided(lane: Lane, set: AddressSet): AddressSet {
    const own = lane.consumed.from(set);
    return own.isEmpty ? own : this.shared.from(own);
  }

  /** Records the rule's certain denies: once for all lanes when every lane denies the same set. */
  private settleDenies(): void {
    const { denyLanes, denySets } = this;
    let alike = denyLanes.length === this.lanes.length;
    for (let i = 1; i < denySets.length && alike; i++) alike = denySets[i] === denySets[0];
    if (alike) this.shared.add(denySets[0]);
    else for (let i = 0; i < denyLanes.length; i++) denyLanes[i].consumed.add(denySets[i]);
    // Traffic a later deny catches is not the latent exposure of an accept it meets after: without the earlier
    // accept, the deny would decide it.
    if (this.tracksAccepts) for (let i = 0; i < denyLanes.length; i++) withoutDenied(denyLanes[i], denySets[i]);
    denyLanes.length = 0;
    denySets.length = 0;
  }

  /** What the rule at hand does to the services of `part`, which it matches as `m`. */
  private visit(m: Match, part: Lane): void {
    const { rule } = this;
    // Unknown ports (a variable with no value in the file) are neither reported nor trusted to block.
    if (m === 'no' || (m === 'maybe' && rule.action === 'allow')) return;
    if (this.peer === null) {
      this.peer = peerSet(rule, this.list, this.direction);
      if (this.peers) this.peers[this.at] = this.peer;
    }
    const peer = this.peer;
    if (!peer) return; // an unknowable address: neither flagged nor trusted to block
    this.otherAny ??= !rule.conditional && this.scopeCertain && otherEndIsAny(rule, this.direction);
    const certain = m === 'yes' && this.otherAny;
    const scoped = part.from === this.everything ? peer : part.from.intersect(peer);
    // A certain deny needs no query: consuming addresses twice is harmless.
    if (rule.action === 'deny') {
      if (certain) {
        this.denyLanes.push(part);
        this.denySets.push(scoped);
      }
      return;
    }
    const hit = this.undecided(part, scoped);
    if (rule.action === 'allow' && part.accepts) this.shadowedByAccepts(part, scoped, hit);
    if (hit.isEmpty) return;
    switch (rule.action) {
      case 'allow':
        for (const s of part.services) this.admitted[s] = hit;
        this.admits = true;
        break;
      case 'jump':
        this.jumps.push({ lane: part, hit, certain });
        return;
      case 'return':
        // Handed back to the caller: later rules here no longer see them, the caller's do.
        if (certain) part.returned.push(hit);
        break;
    }
    if (certain && !(this.list.independentAllows && rule.action === 'allow')) {
      part.consumed.add(hit);
      if (rule.action === 'allow' && this.latentCheck && (part.accepts ??= []).length < MAX_SHADOWING_ACCEPTS) {
        part.accepts.push({ rule, set: hit });
        this.tracksAccepts = true;
      }
    }
  }

  /** What of `scoped` the rule would admit were it not for earlier accepts: latent exposure. */
  private shadowedByAccepts(part: Lane, scoped: AddressSet, hit: AddressSet): void {
    const lost = hit.isEmpty ? scoped : scoped.subtract(hit);
    if (lost.isEmpty) return;
    let by: AccessRule | undefined;
    let byPublic = false;
    const sets: AddressSet[] = [];
    for (const a of part.accepts ?? []) {
      const x = lost.intersect(a.set);
      if (x.isEmpty) continue;
      // The accept to point at is the first that takes public traffic (not the loopback accept at the top).
      const pub = !publicPart(x).isEmpty;
      if (!by || (pub && !byPublic)) {
        by = a.rule;
        byPublic = pub;
      }
      sets.push(x);
    }
    if (!by) return;
    const set = AddressSet.unionAll(sets);
    for (const s of part.services) this.latent[s] = { set, by };
    this.latentAny = true;
  }
}

/** One exposure per service the rule admits, in the order of the service list. */
function report(ctx: WalkContext, list: RuleList, rule: AccessRule, via: AccessRule[], admitted: (AddressSet | undefined)[]): void {
  for (let s = 0; s < admitted.length; s++) {
    const set = admitted[s];
    if (!set) continue;
    ctx.out.push({ list, rule, service: ctx.services[s], set, via, entry: ctx.entry, arrival: ctx.arrival.iface });
    admitted[s] = undefined;
  }
}

function withoutDenied(lane: Lane, denied: AddressSet): void {
  if (!lane.accepts?.length) return;
  lane.accepts = lane.accepts.map((a) => ({ rule: a.rule, set: a.set.subtract(denied) })).filter((a) => !a.set.isEmpty);
}

/** One latent exposure per service the rule would admit but for an earlier accept. */
function reportLatent(ctx: WalkContext, list: RuleList, rule: AccessRule, via: AccessRule[], latent: ({ set: AddressSet; by: AccessRule } | undefined)[]): void {
  for (let s = 0; s < latent.length; s++) {
    const l = latent[s];
    if (!l) continue;
    ctx.out.push({ list, rule, service: ctx.services[s], set: l.set, via, entry: ctx.entry, arrival: ctx.arrival.iface, latentBy: l.by });
    latent[s] = undefined;
  }
}

/** Follows a jump with what each lane brings to it; what the target decides is decided here too. */
function jump(ctx: WalkContext, rule: AccessRule, jumps: PendingJump[], lanes: Lane[], via: AccessRule[], depth: number): void {
  const target = rule.target ? ctx.byId.get(rule.target) : undefined;
  if (!target) return;
  const cut = jumpCut(ctx, rule, target, via, depth);
  if (cut) {
    // Not followed: what lies behind the jump is not checked, and the document says so.
    if (!ctx.problems.some((p) => p.span.offset === rule.span.offset && p.message === cut)) ctx.problems.push({ span: rule.span, message: cut });
    return;
  }
  const back = walk(ctx, target, jumps.map((j) => ({ services: j.lane.services, set: j.hit })), [...via, rule], depth + 1);
  // The target may have told services apart: what comes back, per service.
  const backOf = new Map<number, AddressSet>();
  for (const g of back) for (const s of g.services) backOf.set(s, g.set);
  for (const j of jumps) {
    if (!j.certain) continue;
    for (const [set, part] of split(j.lane, (s) => backOf.get(s) as AddressSet, lanes)) part.consumed.add(j.hit.subtract(set));
  }
}

/** Why the walk does not follow `rule` into `target`, or undefined when it does. */
function jumpCut(ctx: WalkContext, rule: AccessRule, target: RuleList, via: AccessRule[], depth: number): string | undefined {
  // A chain already on the jump path would be walked forever; the kernel refuses such rulesets (ELOOP).
  if (target === ctx.entry || via.some((j) => j.target === target.id)) return `the jump to ${target.name} loops back to a chain already on the jump path; it is not followed`;
  if (ctx.maxJumpDepth !== undefined && depth >= ctx.maxJumpDepth) return `the jump to ${target.name} nests deeper than the ${ctx.maxJumpDepth} jumps the firewall allows; it is not followed`;
  if (depth >= MAX_FOLLOWED_JUMPS) return `the jump to ${target.name} nests deeper than the ${MAX_FOLLOWED_JUMPS} jumps SMB Guard follows; what lies behind it is not checked`;
  return undefined;
}
