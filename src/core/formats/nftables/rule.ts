/** Parses one rule's tokens into matches, statements and a verdict (or a verdict map). */
import type { Span } from '../../types';
import { spanOf, type Tok } from './lexer';

export type MatchKind = 'saddr' | 'daddr' | 'dport' | 'proto' | 'nfproto' | 'iface' | 'ct' | 'ctstatus' | 'other';

export interface Match {
  kind: MatchKind;
  /** e.g. "tcp dport", "ip saddr", "iifname", "ct state". */
  key: string;
  /** The whole match, selector to value. */
  span: Span;
  selector: Tok;
  family?: 4 | 6;
  negated: boolean;
  op?: string;
  valueToks: Tok[];
}

export interface Verdict {
  word: string;
  tok: Tok;
  target?: string;
}

export interface ParsedRule {
  matches: Match[];
  verdict?: Verdict;
  log: boolean;
  /** A condition SMB Guard cannot evaluate (rate limit, tcp flags, marks, fib). */
  conditional: boolean;
  /** Those conditions as written ("meta mark 0x1", "limit rate 10/second"). */
  conditions: string[];
  /** A concatenation (`ip saddr . tcp dport`): the peers and ports cannot be read. */
  opaque?: Span;
  /** A family qualifier other than an address (`meta nfproto ipv4`, `ip protocol tcp`, `icmpv6 type …`). */
  familyTok?: { family: 4 | 6; tok: Tok };
  vmap?: { selector: Match; entries: { keyToks: Tok[]; verdict: Verdict }[] };
  /** What nft would refuse in the rule (its parser stops the whole file there). */
  refused?: { span: Span; message: string };
}

const TRANSPORT = new Set(['tcp', 'udp', 'th', 'sctp', 'dccp', 'udplite']);
const TRANSPORT_FIELDS = new Set(['dport', 'sport', 'flags', 'sequence', 'ackseq', 'doff', 'window', 'checksum', 'urgptr', 'length', 'option', 'reserved']);
const META_KEYS = new Set(['iif', 'iifname', 'oif', 'oifname', 'mark', 'skuid', 'skgid', 'pkttype', 'iiftype', 'oiftype', 'cpu', 'cgroup', 'nfproto', 'l4proto', 'iifgroup', 'oifgroup', 'nftrace', 'priority', 'random', 'secpath', 'ibrname', 'obrname', 'iifkind', 'oifkind', 'time', 'day', 'hour', 'length', 'protocol', 'rtclassid', 'sdif', 'sdifname']);
const HEADERS: Record<string, 4 | 6 | undefined> = { ip: 4, ip6: 6, icmp: 4, icmpv6: 6, igmp: 4, ether: undefined, vlan: undefined, arp: undefined, ah: undefined, esp: undefined, comp: undefined, frag: 6, hbh: 6, mh: 6, dst: 6, srh: 6, rt: undefined };
const RELATIONS = new Set(['!=', '==', '<', '>', '<=', '>=', 'eq', 'ne', 'lt', 'gt', 'le', 'ge']);
const BITWISE = new Set(['&', '|', '^', '<<', '>>']);
const TERMINAL = new Set(['dnat', 'snat', 'masquerade', 'redirect', 'tproxy', 'dup', 'fwd', 'synproxy', 'queue']);
const LOG_OPTIONS = new Set(['prefix', 'level', 'group', 'snaplen', 'queue-threshold', 'flags']);
const LIMIT_WORDS = new Set(['rate', 'over', 'burst', 'packets', 'bytes', 'until']);
const VERDICTS = new Set(['accept', 'drop', 'reject', 'return', 'continue']);
const FIB_INPUTS = new Set(['saddr', 'daddr', 'mark', 'iif', 'oif', '.']);

export function parseRule(toks: Tok[]): ParsedRule {
  const rule: ParsedRule = { matches: [], log: false, conditional: false, conditions: [] };
  let i = 0;
  const n = toks.length;
  const w = (k: number) => toks[k]?.text ?? '';
  while (i < n) {
    const t = toks[i];
    const word = t.text;
    if (VERDICTS.has(word)) {
      rule.verdict = { word, tok: t };
      i++;
      if (word === 'reject' && w(i) === 'with') while (i < n && w(i) !== 'comment') i++;
    } else if (word === 'jump' || word === 'goto') {
      rule.verdict = { word, tok: t, target: toks[i + 1]?.text };
      i += 2;
    } else if (TERMINAL.has(word)) {
      // NAT and queue statements end the rule's decision for this table; nothing SMB Guard follows.
      rule.verdict = { word: 'other', tok: t };
      while (i < n && w(i) !== 'comment') i++;
    } else if (word === 'counter') {
      i++;
      while (w(i) === 'packets' || w(i) === 'bytes' || w(i) === 'name') i += 2;
    } else if (word === 'log') {
      rule.log = true;
      i++;
      while (LOG_OPTIONS.has(w(i))) {
        i += 2;
        while (w(i) === ',') i += 2;
      }
    } else if (word === 'limit' || word === 'quota') {
      const from = i++;
      while (i < n && (LIMIT_WORDS.has(w(i)) || /^\d/.test(w(i)) || /^(?:second|minute|hour|day|week|[kmg]?bytes)$/.test(w(i)))) i++;
      condition(rule, toks, from, i);
    } else if (word === 'comment') {
      i += 2;
    } else if (word === 'notrack') {
      i++;
    } else if ((word === 'add' || word === 'update' || word === 'delete') && w(i + 1).startsWith('@')) {
      i += 2;
      if (w(i) === '{') i = skipBraces(toks, i);
    } else {
      const next = selector(toks, i);
      // "ip @set": a set is looked up with a field's value (nft(8) SETS: "ip saddr @set"); nft's grammar
      // has no header match without one.
      if (!next && (word === 'ip' || word === 'ip6') && w(i + 1).startsWith('@')) {
        rule.refused ??= { span: spanOf(t, toks[i + 1]), message: `nft refuses "${word} ${w(i + 1)}": a set is matched with a field, as in "${word} saddr ${w(i + 1)}"` };
      }
      if (!next) {
        condition(rule, toks, i, i + 1);
        i++;
        continue;
      }
      i = relation(toks, next.end, next.key, i, next.family, rule);
    }
  }
  return rule;
}

/** Marks the rule conditional on the tokens [from, to), and names them as written. */
function condition(rule: ParsedRule, toks: Tok[], from: number, to: number): void {
  rule.conditional = true;
  rule.conditions.push(toks.slice(from, Math.max(from + 1, to)).map((t) => t.text).join(' '));
}

function skipBraces(toks: Tok[], i: number): number {
  let depth = 0;
  for (; i < toks.length; i++) {
    if (toks[i].text === '{') depth++;
    else if (toks[i].text === '}' && --depth === 0) return i + 1;
  }
  return i;
}

/** Recognises a selector at `i`; returns its normalised key and where its value starts. */
function selector(toks: Tok[], i: number): { key: string; end: number; family?: 4 | 6 } | undefined {
  const a = toks[i].text;
  const b = toks[i + 1]?.text ?? '';
  if (TRANSPORT.has(a) && TRANSPORT_FIELDS.has(b)) return { key: `${a} ${b}`, end: i + 2 };
  if (a in HEADERS && toks[i + 1]?.kind === 'word' && /^[a-z][\w-]*$/.test(b)) return { key: `${a} ${b}`, end: i + 2, family: HEADERS[a] };
  if (a === 'meta' && b) return { key: b, end: i + 2 };
  if (META_KEYS.has(a)) return { key: a, end: i + 1 };
  if (a === 'ct' && b) {
    const dir = b === 'original' || b === 'reply';
    return { key: `ct ${dir ? toks[i + 2]?.text : b}`, end: i + (dir ? 3 : 2) };
  }
  if (a === 'fib') {
    let j = i + 1;
    while (FIB_INPUTS.has(toks[j]?.text ?? '')) j++;
    return { key: 'fib', end: j + 1 };
  }
  return undefined;
}

const KINDS: Record<string, MatchKind> = {
  'ip saddr': 'saddr',
  'ip6 saddr': 'saddr',
  'ip daddr': 'daddr',
  'ip6 daddr': 'daddr',
  'ip protocol': 'proto',
  'ip6 nexthdr': 'proto',
  l4proto: 'proto',
  nfproto: 'nfproto',
  iif: 'iface',
  iifname: 'iface',
  oif: 'iface',
  oifname: 'iface',
  'ct state': 'ct',
  'ct status': 'ctstatus',
};

/** The operator and value after a selector; records the match (or statement) in `rule`. */
function relation(toks: Tok[], i: number, key: string, from: number, family: 4 | 6 | undefined, rule: ParsedRule): number {
  const start = toks[from];
  const w = (k: number) => toks[k]?.text ?? '';
  let kind: MatchKind = KINDS[key] ?? (/^(?:tcp|udp|th|sctp|dccp|udplite) dport$/.test(key) ? 'dport' : 'other');
  if (w(i) === '.') {
    // A concatenation: skip the other selectors, the value then pairs elements we cannot split.
    while (w(i) === '.') {
      const s = toks[i + 1] ? selector(toks, i + 1) : undefined;
      i = s ? s.end : i + 2;
    }
    rule.opaque = spanOf(start, toks[Math.min(i, toks.length - 1)]);
    kind = 'other';
  }
  if (BITWISE.has(w(i))) {
    rule.conditional = true;
    while (i < toks.length && !RELATIONS.has(w(i))) i++;
    kind = 'other';
  }
  let op: string | undefined;
  if (RELATIONS.has(w(i))) op = toks[i++].text;
  if (w(i) === 'set') {
    // A statement (meta mark set 1): it changes the packet, it does not match it.
    return valueEnd(toks, i + 1);
  }
  if (w(i) === 'vmap' || w(i) === 'map') {
    const isVmap = w(i) === 'vmap';
    const end = valueEnd(toks, i + 1);
    const sel: Match = { kind, key, span: spanOf(start, toks[i - 1]), selector: start, family, negated: false, valueToks: [] };
    if (isVmap) rule.vmap = { selector: sel, entries: vmapEntries(toks.slice(i + 1, end)) };
    else condition(rule, toks, from, end);
    return end;
  }
  const end = valueEnd(toks, i);
  const valueToks = toks.slice(i, end);
  if (!valueToks.length) {
    condition(rule, toks, from, end);
    return end;
  }
  const negated = op === '!=' || op === 'ne';
  if (family) rule.familyTok ??= { family, tok: start };
  if (kind === 'nfproto' && !negated && valueToks.length === 1 && /^ipv[46]$/.test(valueToks[0].text)) rule.familyTok ??= { family: valueToks[0].text === 'ipv4' ? 4 : 6, tok: start };
  if (kind === 'other') condition(rule, toks, from, end);
  rule.matches.push({ kind, key, span: spanOf(start, valueToks[valueToks.length - 1]), selector: start, family, negated, op, valueToks });
  return end;
}

/** A value runs to the end of its braces, or is one word, a `a - b` range, or a comma list of words. */
function valueEnd(toks: Tok[], i: number): number {
  if (toks[i]?.text === '{') return skipBraces(toks, i);
  if (!toks[i]) return i;
  let j = i + 1;
  for (;;) {
    if (toks[j]?.text === '-' && toks[j + 1]) j += 2;
    else if (toks[j]?.text === ',' && toks[j + 1]?.kind === 'word') j += 2;
    else return j;
  }
}

function vmapEntries(toks: Tok[]): { keyToks: Tok[]; verdict: Verdict }[] {
  const inner = toks[0]?.text === '{' ? toks.slice(1, -1) : toks;
  const out: { keyToks: Tok[]; verdict: Verdict }[] = [];
  let cur: Tok[] = [];
  const flush = () => {
    const colon = cur.findIndex((t) => t.text === ':');
    if (colon > 0 && cur[colon + 1]) {
      const v = cur[colon + 1];
      out.push({ keyToks: cur.slice(0, colon), verdict: { word: v.text, tok: v, target: cur[colon + 2]?.text } });
    }
    cur = [];
  };
  for (const t of inner) {
    if (t.text === ',') flush();
    else cur.push(t);
  }
  flush();
  return out;
}
