/** Turns the Ruleset's filter chains into rule lists, and each rule's matches into the normalised model. */
import type { AccessRule, AddressItem, AddressMatch, Direction, Families, InterfaceMatch, PortMatch, Protocol, RuleList, RuleModel, RuleScope } from '../../model/rule';
import { interfaceItem } from '../common/interfaces';
import { complementPorts, normalizePorts, type PortRange } from '../../model/ports';
import type { ParseProblem, Span } from '../../types';
import { ExpansionBudget } from '../common/expansion';
import type { Chain, RawRule, Ruleset, Table } from './doc';
import { spanOf, unquote, type Tok } from './lexer';
import { parseRule, type Match, type ParsedRule, type Verdict } from './rule';
import { addressOf, portProblemOf, portRangeOf, Resolver, type Value } from './values';

/** A word that can only mean a port or a range of two (no set, variable or concatenation). */
const PORT_WORD = /^\w[\w -]*$/;
import { elementsOf } from './elements';
import { protocolOfWords } from '../common/protocol';
import { interfaceEvidence } from './evidence';

/** The kernel's jump stack (NFT_JUMP_STACK_SIZE): it refuses a ruleset whose jumps nest deeper (EMLINK). */
const NFT_JUMP_STACK_SIZE = 16;

/** What the fix writer needs about a rule. */
export interface NftRuleNative {
  raw: RawRule;
  parsed: ParsedRule;
  chain: Chain;
  /** The rule comes from one entry of a verdict map. */
  vmap: boolean;
  /** The family the rule is limited to in an inet chain (by an address, `ip …` or `meta nfproto`). */
  family?: 4 | 6;
  dport?: { match: Match; value: Value };
  saddr?: Match;
}

export interface NftListNative {
  chain: Chain;
}

const HOOKS: Record<string, Direction> = { input: 'in', output: 'out', forward: 'forward' };
const FAMILY_OF: Record<string, Families | undefined> = { ip: 'ipv4', ip6: 'ipv6', inet: 'both' };

/** What the file's DNAT rules forward: `ct status dnat accept` admits exactly that. */
type Dnat = { protocol: Protocol; ports: PortMatch } | undefined;

export function toModel(rs: Ruleset, text: string): RuleModel {
  markDynamicSets(rs);
  const budget = new ExpansionBudget(text.length);
  const dnat = dnatSummary(rs, budget);
  const lists: RuleList[] = [];
  for (const table of rs.tables.values()) {
    const families = FAMILY_OF[table.family];
    if (!families) continue;
    const directions = inheritedDirections(table);
    for (const chain of table.chains.values()) {
      const hookDir = chain.type === 'filter' && chain.hook ? HOOKS[chain.hook] : undefined;
      const direction = hookDir ?? directions.get(chain.name) ?? 'in';
      const entry = hookDir !== undefined;
      const policyWord = chain.policy?.text;
      const list: RuleList = {
        id: `${table.family}/${table.name}/${chain.name}`,
        name: chain.name,
        direction,
        families,
        entry,
        policy: entry ? (policyWord === 'drop' ? 'deny' : policyWord === 'accept' || !policyWord ? 'allow' : undefined) : undefined,
        policySpan: entry ? (chain.policy?.span ?? chain.hookSpan) : undefined,
        policyText: entry ? (policyWord ? `policy ${policyWord}` : 'policy accept (the default: no policy is written)') : undefined,
        rules: [],
        endOffset: chain.end?.offset,
        native: { chain } satisfies NftListNative,
      };
      const resolver = new Resolver(rs, table, budget);
      chain.rules.forEach((raw, n) => {
        // Each draft is a fresh object: it takes its place without being copied.
        for (const r of toRules(text, raw, n, list, resolver, chain, dnat)) list.rules.push(Object.assign(r, { index: list.rules.length }));
      });
      lists.push(list);
    }
  }
  // The first problem in the file is the one reported: the earliest is the most useful.
  const model: RuleModel = { lists, problems: [...rs.problems, ...budget.problems].sort((a, b) => a.span.offset - b.span.offset), maxJumpDepth: NFT_JUMP_STACK_SIZE };
  const interfaces = interfaceEvidence(rs, text, lists, budget);
  if (interfaces.length) model.interfaces = interfaces;
  return model;
}

function dnatSummary(rs: Ruleset, budget: ExpansionBudget): Dnat {
  const found: { protocol: Protocol; ports: PortMatch }[] = [];
  for (const table of rs.tables.values()) {
    for (const chain of table.chains.values()) {
      if (chain.type !== 'nat') continue;
      for (const raw of chain.rules) {
        const at = raw.toks.findIndex((t) => t.text === 'dnat');
        if (at < 0) continue;
        const res = new Resolver(rs, table, budget);
        const m = parseRule(raw.toks).matches.find((x) => x.kind === 'dport');
        const proto = m?.key.split(' ')[0];
        const mapped = m ? undefined : dnatMap(raw.toks, at, res);
        if (mapped) found.push(mapped);
        else found.push({ protocol: proto === 'tcp' || proto === 'udp' ? proto : 'any', ports: m ? portsOf(res.value(m.valueToks), m) : { ranges: undefined, items: [], negated: false } });
      }
    }
  }
  if (!found.length) return undefined;
  const protocols = new Set(found.map((f) => f.protocol));
  const protocol: Protocol = protocols.size === 1 ? [...protocols][0] : 'any';
  if (found.some((f) => f.ports.ranges === undefined || f.ports.negated)) return { protocol, ports: { ranges: undefined, items: [], negated: false } };
  // Ports nobody can read (a map filled at run time) are not every port: the accept stays unknown, never accept-all.
  if (found.some((f) => f.ports.ranges === 'unknown')) return { protocol, ports: { ranges: 'unknown', items: [], negated: false } };
  return { protocol, ports: { ranges: normalizePorts(found.flatMap((f) => f.ports.ranges as PortRange[])), items: found.flatMap((f) => f.ports.items), negated: false } };
}

/** `dnat to tcp dport map { 445 : 10.0.0.5, 8080 : 10.0.0.6 . 80 }` (or `map @name`): forwards only the map's
 *  keys, which are destination ports (nft(8), "NAT STATEMENTS" and "MAPS"). Undefined when the rule has no such map;
 *  unknown ports when the map's keys cannot be read (a map filled at run time, a concatenated key). */
function dnatMap(toks: Tok[], at: number, res: Resolver): { protocol: Protocol; ports: PortMatch } | undefined {
  for (let k = at + 1; k + 3 < toks.length; k++) {
    if (toks[k + 1].text !== 'dport' || toks[k + 2].text !== 'map' || !/^(?:tcp|udp|th)$/.test(toks[k].text)) continue;
    const protocol: Protocol = toks[k].text === 'th' ? 'any' : (toks[k].text as Protocol);
    const unknown = { protocol, ports: { ranges: 'unknown' as const, items: [], negated: false } };
    const open = toks[k + 3];
    let entries: Tok[][] | undefined;
    if (open.text === '{') {
      let end = k + 3;
      for (let depth = 0; end < toks.length; end++) {
        if (toks[end].text === '{') depth++;
        else if (toks[end].text === '}' && --depth === 0) break;
      }
      entries = elementsOf(toks.slice(k + 3, end + 1));
    } else if (open.text.startsWith('@')) {
      const set = res.table?.sets.get(open.text.slice(1));
      entries = set && !set.dynamic ? set.elements : undefined;
    }
    if (!entries?.length) return unknown;
    const items: PortMatch['items'] = [];
    for (const entry of entries) {
      const colon = entry.findIndex((t) => t.text === ':');
      // "445:10.0.0.5" written without blanks is one word: its key is what comes before the colon.
      const keys = colon > 0 ? res.value(entry.slice(0, colon)).elems?.map((e) => ({ text: e.text, span: e.span })) : entry.length && entry[0].text.includes(':') ? [{ text: entry[0].text.split(':')[0], span: spanOf(entry[0]) }] : undefined;
      if (!keys) return unknown;
      for (const key of keys) {
        const range = portRangeOf(key.text);
        if (!range) return unknown;
        items.push({ range, text: key.text, span: key.span });
      }
    }
    return { protocol, ports: { ranges: normalizePorts(items.map((i) => i.range)), items, negated: false } };
  }
  return undefined;
}

/** Sets that rules fill (`add @blocklist { ip saddr }`) hold what traffic put there: unknowable. */
function markDynamicSets(rs: Ruleset): void {
  for (const table of rs.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const r of chain.rules) {
        r.toks.forEach((t, i) => {
          if ((t.text === 'add' || t.text === 'update') && r.toks[i + 1]?.text.startsWith('@')) {
            const set = table.sets.get(r.toks[i + 1].text.slice(1));
            if (set) set.dynamic = true;
          }
        });
      }
    }
  }
}

/** A chain reached by jump/goto sees the traffic of the base chain that leads to it. */
function inheritedDirections(table: Table): Map<string, Direction> {
  const out = new Map<string, Direction>();
  const queue: Chain[] = [];
  for (const c of table.chains.values()) if (c.hook && HOOKS[c.hook]) queue.push(c);
  while (queue.length) {
    const c = queue.shift() as Chain;
    const dir = (c.hook && HOOKS[c.hook]) || out.get(c.name) || 'in';
    for (const r of c.rules) {
      r.toks.forEach((t, i) => {
        const target = (t.text === 'jump' || t.text === 'goto') && r.toks[i + 1]?.text;
        const next = target ? table.chains.get(target) : undefined;
        if (next && !out.has(next.name) && !next.hook) {
          out.set(next.name, dir);
          queue.push(next);
        }
      });
    }
  }
  return out;
}

type Draft = Omit<AccessRule, 'index'>;

function toRules(text: string, raw: RawRule, n: number, list: RuleList, res: Resolver, chain: Chain, dnat: Dnat): Draft[] {
  const parsed = parseRule(raw.toks);
  // nft would not load the rule: it is said as a problem, and checked no further.
  if (parsed.refused) {
    res.rs.problems.push(parsed.refused);
    return [];
  }
  if (!parsed.vmap) return withGoto(build(text, raw, n, list, res, chain, parsed, parsed.matches, parsed.verdict, false, dnat));
  const { selector, entries } = parsed.vmap;
  return entries.flatMap((e) => {
    const match: Match = { ...selector, valueToks: e.keyToks, span: { offset: selector.span.offset, length: selector.span.length } };
    return withGoto(build(text, raw, n, list, res, chain, parsed, [...parsed.matches, match], e.verdict, true, dnat));
  });
}

/** `goto` does not come back: whatever the target leaves undecided meets the base chain's policy, which a
 *  `return` with the same match right after the jump expresses. */
function withGoto(rule: Draft): Draft[] {
  const n = rule.native as NftRuleNative;
  const verdict = n.parsed.vmap ? undefined : n.parsed.verdict;
  if (rule.action !== 'jump' || verdict?.word !== 'goto') return [rule];
  return [rule, { ...rule, action: 'return', target: undefined }];
}

function build(text: string, raw: RawRule, n: number, list: RuleList, res: Resolver, chain: Chain, parsed: ParsedRule, matches: Match[], verdict: Verdict | undefined, vmap: boolean, dnat: Dnat): Draft {
  let conditional = parsed.conditional;
  const conditions = [...parsed.conditions];
  /** A condition `build` finds in a match: named by the match as written. */
  const condition = (m: Match) => {
    conditional = true;
    conditions.push(text.slice(m.span.offset, m.span.offset + m.span.length));
  };
  let establishedOnly = false;
  let noMatch = false;
  const saddr = matches.find((m) => m.kind === 'saddr');
  const daddr = matches.find((m) => m.kind === 'daddr');
  const dportMatch = matches.find((m) => m.kind === 'dport');
  let family = saddr?.family ?? daddr?.family ?? parsed.familyTok?.family;
  for (const kind of ['saddr', 'daddr'] as const) matches.filter((m) => m.kind === kind).slice(1).forEach(condition);

  // Protocol: the transport header of the port match, else l4proto / ip protocol.
  let protocol: Protocol = 'any';
  let protocolSpan: Span | undefined;
  const proto = matches.find((m) => m.kind === 'proto');
  if (proto) {
    const v = res.value(proto.valueToks);
    if (!v.elems || proto.negated) condition(proto);
    else protocol = protocolOfWords(v.elems.map((e) => e.text));
    protocolSpan = v.span;
  }
  const transport = matches.find((m) => /^(?:tcp|udp|sctp|dccp|udplite) /.test(m.key))?.key.split(' ')[0];
  if (transport) {
    protocol = transport === 'tcp' || transport === 'udp' ? transport : 'other';
    protocolSpan ??= spanOf(matches.find((m) => m.key.startsWith(`${transport} `))?.selector as Tok);
  }
  if (matches.some((m) => /^icmp|^igmp/.test(m.key))) protocol = 'other';

  let ports: PortMatch = { ranges: undefined, items: [], negated: false };
  let dport: NftRuleNative['dport'];
  if (dportMatch) {
    const value = res.value(dportMatch.valueToks);
    dport = { match: dportMatch, value };
    ports = portsOf(value, dportMatch, res.rs.problems);
  }

  let sources = addressMatch(saddr, res);
  let destinations = addressMatch(daddr, res);
  let scope: RuleScope | undefined;
  for (const m of matches) {
    if (m.kind === 'iface') {
      const v = res.value(m.valueToks);
      const side = m.key.startsWith('i') ? 'in' : 'out';
      // Only the host itself talks over lo: `iif lo` admits loopback sources, `oif lo` reaches loopback peers.
      const lo = !m.negated && v.elems?.length === 1 && v.elems[0].text === 'lo';
      const loopback: AddressMatch = { items: [{ text: unquote(m.valueToks[0]), span: v.span, value: { kind: 'loopback' } }], negated: false };
      if (lo && side === 'in' && !saddr) sources = loopback;
      else if (lo && side === 'out' && !daddr) destinations = loopback;
      // Two matches on one side ("iifname "br*" iifname != "br-guest"") narrow each other: the second is a condition.
      if (scope?.[side]) condition(m);
      else (scope ??= {})[side] = interfacesOf(m, v);
    } else if (m.kind === 'ct') {
      const states = res.value(m.valueToks).elems?.map((e) => e.text);
      if (!m.negated && states?.length && states.every((s) => s === 'established' || s === 'related')) establishedOnly = true;
      else if (m.negated || !states?.some((s) => s === 'new' || s === 'untracked')) condition(m);
    } else if (m.kind === 'nfproto' && m.negated) condition(m);
    else if (m.kind === 'ctstatus') {
      const status = res.value(m.valueToks).elems?.map((e) => e.text);
      if (m.negated || status?.join() !== 'dnat') condition(m);
      else if (!dnat) noMatch = true;
      else {
        // Forwarded because a DNAT rule sent it here: only the ports the DNAT rules name.
        protocol = protocol === 'any' ? dnat.protocol : protocol;
        ports = dportMatch ? { ...ports, ranges: bothPorts(dnat.ports.ranges, ports), negated: false } : { ...dnat.ports, span: m.span };
      }
    }
  }
  if (parsed.opaque) sources = { items: [{ text: 'concatenation', span: parsed.opaque, value: { kind: 'unknown' } }], negated: false };

  // In an inet chain a family-qualified rule matches only that family: say so in the peer's address set.
  if (list.families === 'both' && family) {
    const peerIsDest = list.direction === 'out';
    const peer = peerIsDest ? destinations : sources;
    const qualifier = (peerIsDest ? daddr : saddr) ?? (parsed.familyTok ? { span: spanOf(parsed.familyTok.tok) } : undefined);
    const whole = family === 4 ? '0.0.0.0/0' : '::/0';
    const other = family === 4 ? '::/0' : '0.0.0.0/0';
    if (qualifier && peer.items.length === 0 && !peer.negated) peer.items.push({ text: whole, span: qualifier.span, value: { kind: 'cidr', cidr: whole } });
    else if (qualifier && peer.negated) peer.items.push({ text: other, span: qualifier.span, value: { kind: 'cidr', cidr: other } });
  } else if (list.families !== 'both') family = list.families === 'ipv4' ? 4 : 6;

  const w = verdict?.word;
  const action: AccessRule['action'] = noMatch ? 'log' : w === 'accept' ? 'allow' : w === 'drop' || w === 'reject' ? 'deny' : w === 'jump' || w === 'goto' ? 'jump' : w === 'return' ? 'return' : 'log';
  return {
    label: `rule ${n + 1}`,
    action,
    target: action === 'jump' && verdict?.target ? `${chain.family}/${chain.table}/${verdict.target}` : undefined,
    protocol,
    ports,
    sources,
    destinations,
    conditional,
    conditions: conditions.length ? conditions : undefined,
    scope,
    establishedOnly,
    span: raw.span,
    actionSpan: verdict ? spanOf(verdict.tok) : raw.span,
    protocolSpan,
    text: text.slice(raw.span.offset, raw.span.offset + raw.span.length),
    native: { raw, parsed, chain, vmap, family, dport, saddr } satisfies NftRuleNative,
  };
}

/** `iifname "br*"`, `oif != $wan`, `iifname { "lan", "wg0" }`, `iifname @lan_ifs`: a trailing `*` in a name matches
 *  every name that starts with the rest (nft(8), "META EXPRESSIONS": iifname/oifname are strings, and nft matches
 *  a string ending in `*` as a prefix). A set or define the file does not fill makes the match unknown. */
function interfacesOf(m: Match, v: Value): InterfaceMatch {
  if (!v.elems) return { items: [], negated: m.negated, span: m.span, unknown: true };
  return { items: v.elems.map((e) => interfaceItem(e.text, '*', e.span)), negated: m.negated, span: m.span };
}

/** Ports in `a` that the match `own` also admits (as plain ranges: `own`'s negation is applied here). */
function bothPorts(a: PortMatch['ranges'], own: PortMatch): PortMatch['ranges'] {
  if (a === 'unknown' || own.ranges === 'unknown') return 'unknown';
  const mine = own.ranges === undefined ? [[0, 65535] as const] : own.negated ? complementPorts(own.ranges) : own.ranges;
  if (a === undefined) return [...mine];
  const out: PortRange[] = [];
  for (const [x, y] of a) for (const [p, q] of mine) if (Math.max(x, p) <= Math.min(y, q)) out.push([Math.max(x, p), Math.min(y, q)]);
  return normalizePorts(out);
}

/** The ports of a dport value; a literal word nft would refuse (an unknown service name, a port above 65535,
 *  a range written backwards) is said where it is written. */
function portsOf(value: Value, m: Match, problems?: ParseProblem[]): PortMatch {
  const items = (value.elems ?? []).map((e) => ({ e, range: portRangeOf(e.text) }));
  if (!value.elems || items.some((x) => !x.range)) {
    const bad = problems && items.find((x) => !x.range && x.e.literal && PORT_WORD.test(x.e.text));
    const problem = bad && portProblemOf(bad.e.text);
    if (bad && problem) problems.push({ span: bad.e.span, message: problem });
    return { ranges: 'unknown', items: [], negated: false, span: m.span };
  }
  let ranges: PortRange[] = items.map((x) => x.range as PortRange);
  const op = m.op;
  if (op && ['<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge'].includes(op)) {
    const p = ranges[0][0];
    const lt = op === '<' || op === 'lt';
    const le = op === '<=' || op === 'le';
    const gt = op === '>' || op === 'gt';
    ranges = [lt ? [0, p - 1] : le ? [0, p] : gt ? [p + 1, 65535] : [p, 65535]];
  }
  return {
    ranges: normalizePorts(ranges),
    items: items.map((x) => ({ range: x.range as PortRange, text: x.e.text, span: x.e.span })),
    negated: m.negated,
    span: m.span,
  };
}

function addressMatch(m: Match | undefined, res: Resolver): AddressMatch {
  if (!m) return { items: [], negated: false };
  const v = res.value(m.valueToks);
  if (!v.elems) return { items: [{ text: m.valueToks.map((t) => t.text).join(' '), span: v.span, value: { kind: 'unknown' } }], negated: m.negated, span: m.span };
  const items: AddressItem[] = v.elems.map((e) => {
    const a = addressOf(e.text);
    if (!a.valid && e.literal) res.rs.problems.push({ span: e.span, message: `"${e.text}" is not a valid address` });
    return { text: e.text, span: e.span, value: a.valid ? a.value : { kind: 'unknown' } };
  });
  return { items, negated: m.negated, span: m.span };
}
