/** Parses one pf filter rule (pass/block) from its tokens. */
import { normalizePorts, type PortRange } from '../../model/ports';
import type { AddressItem, PortItem, Protocol } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import type { Tok } from './lexer';
import { hostItems, type Tables } from './hosts';
import { portElement } from './ports';
import { protocolOfWords } from '../common/protocol';
import { pushAll } from '../../text/arrays';

export interface PfHost {
  items: AddressItem[];
  negated: boolean;
  span: Span;
}

export interface PfPorts {
  ranges: PortRange[] | 'unknown';
  items: PortItem[];
  span: Span;
}

/** "on em0", "on ! $ext_if", "on { em0 em1 }", "on egress", "on any", "on rdomain 1". */
export interface PfOn {
  /** From "on" to the last token of the interface expression, as written (macros unexpanded). */
  span: Span;
  negated: boolean;
  /** The interface or group names, after macro expansion (punctuation left out). */
  names: Tok[];
  /** "on any": every interface but loopback (pf.conf(5)). */
  any: boolean;
  /** "on rdomain N", an undefined macro or a "!" inside a list: which interfaces is not knowable here. */
  unknown: boolean;
}

export interface PfRule {
  actionTok: Tok;
  action: 'allow' | 'deny';
  direction?: 'in' | 'out';
  quick: boolean;
  on?: PfOn;
  iface?: Tok;
  loopback: boolean;
  af?: Tok;
  protocol: Protocol;
  protoSpan?: Span;
  all?: Tok;
  fromTok?: Tok;
  from?: PfHost;
  toTok?: Tok;
  to?: PfHost;
  ports?: PfPorts;
  /** Offset after the last of action, direction, log, quick, on, af and proto: where hosts can go. */
  headEnd: number;
  /** "keep state (…)" and the like: a block rule cannot carry them. */
  stateSpans: Span[];
  /** rdr-to, nat-to, route-to…: only pass rules take them. */
  redirect: boolean;
  conditional: boolean;
  /** What makes the rule conditional, as written ("user www", "from port 25"), for messages. */
  conditions: string[];
}

const end = (t: Tok) => t.span.offset + t.span.length;
const join = (a: Tok, b: Tok): Span => ({ offset: a.span.offset, length: end(b) - a.span.offset });
const CONDITIONAL_OPTS = new Set(['tagged', 'rtable', 'probability', 'tos', 'os', 'received-on', 'user', 'group']);
const VALUE_OPTS = new Set(['flags', 'label', 'tag', 'queue', 'prio', 'max-mss', 'icmp-type', 'icmp6-type', 'code', 'divert-packet', 'max-pkt-rate', 'set-tos']);
const FLAG_OPTS = new Set(['fragment', 'allow-opts', 'no-sync', 'sloppy', 'pflow', 'no', 'state', 'set', 'port', 'once']);
const REDIRECT_OPTS = new Set(['rdr-to', 'nat-to', 'binat-to', 'af-to', 'route-to', 'reply-to', 'dup-to', 'divert-to', 'divert-reply']);
const PUNCT = new Set(['{', '}', '(', ')', ',']);
const HOST_END = new Set(['to', 'port', 'os', 'flags', 'keep', 'modulate', 'synproxy', 'no', 'label', 'tag', 'tagged', 'queue', 'user', 'group']);

/** Index after a balanced "( … )" or "{ … }" group starting at i (or i + 1 when there is none). */
function skipGroup(toks: Tok[], i: number): number {
  const open = toks[i]?.text;
  if (open !== '(' && open !== '{') return i + 1;
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].text === open) depth++;
    else if (toks[j].text === close && --depth === 0) return j + 1;
  }
  return toks.length;
}

export function parseRule(toks: Tok[], tables: Tables, problems: ParseProblem[]): PfRule | undefined {
  const a = toks[0];
  const r: PfRule = { actionTok: a, action: a.text === 'pass' ? 'allow' : 'deny', quick: false, loopback: false, protocol: 'any', headEnd: end(a), stateSpans: [], redirect: false, conditional: false, conditions: [] };
  const fail = (t: Tok, message: string) => {
    problems.push({ span: t.span, message });
    return undefined;
  };
  let i = 1;
  if (r.action === 'deny' && /^(?:drop|return(?:-rst|-icmp6?)?)$/.test(toks[i]?.text ?? '')) {
    i = toks[i + 1]?.text === '(' ? skipGroup(toks, i + 1) : i + 1;
    r.headEnd = end(toks[i - 1]);
  }
  let hosts = false;
  while (i < toks.length) {
    const t = toks[i];
    const next = toks[i + 1];
    const head = !hosts;
    switch (t.text) {
      case 'in':
      case 'out':
        r.direction = t.text;
        i++;
        break;
      case 'log':
        i = next?.text === '(' ? skipGroup(toks, i + 1) : i + 1;
        break;
      case 'quick':
        r.quick = true;
        i++;
        break;
      case 'on': {
        const on = parseOn(toks, i);
        if (!on) return fail(t, '"on" needs an interface');
        r.on = on.on;
        r.iface = toks[i + (on.on.negated ? 2 : 1)];
        r.loopback = !on.on.negated && on.on.names.length === 1 && /^lo\d*$/.test(r.iface.text) && !r.iface.unknown;
        i = on.next;
        break;
      }
      case 'inet':
      case 'inet6':
        r.af = t;
        i++;
        break;
      case 'proto': {
        if (!next) return fail(t, '"proto" needs a protocol');
        const j = skipGroup(toks, i + 1);
        const names = toks.slice(i + 1, j).filter((x) => !['{', '}', ','].includes(x.text)).map((x) => (x.unknown ? '?' : x.text.toLowerCase()));
        r.protocol = names.includes('?') ? 'any' : protocolOfWords(names);
        r.protoSpan = join(next, toks[j - 1]);
        i = j;
        break;
      }
      case 'all':
        r.all = t;
        hosts = true;
        i++;
        break;
      case 'from':
      case 'to': {
        hosts = true;
        // "to port 445": the address may be left out (any).
        const host = next?.text === 'port' ? undefined : parseHost(toks, i + 1, tables);
        if (!host && next?.text !== 'port') return fail(t, `"${t.text}" needs an address`);
        if (t.text === 'from') [r.fromTok, r.from] = [t, host?.host];
        else [r.toTok, r.to] = [t, host?.host];
        i = host ? host.next : i + 1;
        if (toks[i]?.text === 'port') {
          const before = problems.length;
          const p = parsePorts(toks, i + 1, problems);
          if (!p) return problems.length > before ? undefined : fail(toks[i], '"port" needs a port');
          if (t.text === 'from') condition(r, [t, ...toks.slice(i, p.next)]);
          else r.ports = p.ports;
          i = p.next;
        }
        break;
      }
      default:
        hosts = true;
        i = option(toks, i, r);
    }
    if (head && !hosts) r.headEnd = end(toks[i - 1]);
  }
  if (r.af && r.from?.negated) r.conditional = true;
  return r;
}

/** The interface expression after the "on" at toks[i]; undefined when nothing follows. */
export function parseOn(toks: Tok[], i: number): { on: PfOn; next: number } | undefined {
  let j = i + 1;
  const negated = toks[j]?.text === '!';
  if (negated) j++;
  const first = toks[j];
  if (!first) return undefined;
  if (first.text === 'rdomain') {
    const last = toks[j + 1] ?? first;
    return { on: { span: join(toks[i], last), negated, names: [], any: false, unknown: true }, next: j + 2 };
  }
  const next = skipGroup(toks, j);
  // The common "on em0": one name, nothing to filter.
  if (next === j + 1 && !PUNCT.has(first.text) && first.text !== '!') {
    return { on: { span: join(toks[i], first), negated, names: [first], any: first.text === 'any' && !first.unknown, unknown: !!first.unknown }, next };
  }
  const inner = toks.slice(j, next).filter((t) => !PUNCT.has(t.text));
  const names = inner.filter((t) => t.text !== '!');
  const unknown = inner.length !== names.length || names.some((t) => t.unknown);
  const any = names.length === 1 && names[0].text === 'any' && !names[0].unknown;
  return { on: { span: join(toks[i], toks[next - 1]), negated, names, any, unknown }, next };
}

/** One rule option after the hosts; returns the index after it. */
function option(toks: Tok[], i: number, r: PfRule): number {
  const t = toks[i];
  if ((t.text === 'keep' || t.text === 'modulate' || t.text === 'synproxy') && toks[i + 1]?.text === 'state') {
    const j = toks[i + 2]?.text === '(' ? skipGroup(toks, i + 2) : i + 2;
    r.stateSpans.push(join(t, toks[j - 1]));
    return j;
  }
  if (REDIRECT_OPTS.has(t.text)) {
    r.redirect = true;
    return toks.length;
  }
  if (CONDITIONAL_OPTS.has(t.text)) {
    const j = i + 1;
    const next = ['=', '!=', '<', '>', '<=', '>='].includes(toks[j]?.text) ? j + 2 : skipGroup(toks, j);
    condition(r, toks.slice(i, next));
    return next;
  }
  if (VALUE_OPTS.has(t.text)) return skipGroup(toks, i + 1);
  if (t.text === '(' || t.text === '{') return skipGroup(toks, i);
  if (!FLAG_OPTS.has(t.text) && !/^(?:prio|queue|tos|\d+)$/.test(t.text)) condition(r, [t]);
  return i + 1;
}

/** Marks the rule conditional on what these tokens say ("user www", "from port 25"); a message quotes them. */
function condition(r: PfRule, toks: Tok[]): void {
  r.conditional = true;
  const text = toks.map((t) => t.text).join(' ');
  if (r.conditions.length < 4 && text.length <= 60 && !r.conditions.includes(text)) r.conditions.push(text);
}

function parseHost(toks: Tok[], i: number, tables: Tables): { host: PfHost; next: number } | undefined {
  let negated = false;
  const first = toks[i];
  if (toks[i]?.text === '!') {
    negated = true;
    i++;
  }
  const t = toks[i];
  if (!t || HOST_END.has(t.text)) return undefined;
  let j = t.text === '{' || t.text === '(' ? skipGroup(toks, i) : i + 1;
  // "10.0.0.1 - 10.0.0.9" ranges.
  if (toks[j]?.text === '-' && toks[j + 1]) j += 2;
  const inner = toks.slice(i, j);
  return { host: { items: hostItems(inner, tables), negated, span: join(first, toks[j - 1]) }, next: j };
}

function parsePorts(toks: Tok[], i: number, problems: ParseProblem[]): { ports: PfPorts; next: number } | undefined {
  const t = toks[i];
  if (!t || HOST_END.has(t.text)) return undefined;
  const list = t.text === '{';
  const stop = list ? skipGroup(toks, i) : toks.length;
  let j = list ? i + 1 : i;
  let ranges: PortRange[] | 'unknown' = [];
  const items: PortItem[] = [];
  while (j < stop && toks[j].text !== '}') {
    if (toks[j].text === ',') {
      j++;
      continue;
    }
    const el = portElement(toks, j, problems);
    if (!el) return undefined;
    if (el.ranges === 'unknown' || ranges === 'unknown') ranges = 'unknown';
    else pushAll(ranges, el.ranges);
    pushAll(items, el.items);
    j = el.next;
    if (!list) break;
  }
  const last = toks[list ? stop - 1 : j - 1];
  if (list && last.text !== '}') {
    problems.push({ span: t.span, message: 'this "{" is not closed' });
    return undefined;
  }
  return { ports: { ranges: ranges === 'unknown' ? ranges : normalizePorts(ranges), items, span: join(t, last) }, next: list ? stop : j };
}
