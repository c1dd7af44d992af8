/**
 * First pass over a configuration: finds the ACLs and their entries, the object definitions, and where
 * ACLs are applied (interfaces, ASA access-group). ACE operands are parsed later, once every object is known.
 */
import { headOf } from '../format';
import type { Direction } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { ExpansionBudget } from '../common/expansion';
import type { AclKind } from './ace';
import { defaultRoute, ifaceLine, openIface, type DefaultRoute, type Iface } from './interfaces';
import { isComment, spanOf, splitLines, type Line, type Token } from './lines';
import type { Platform } from './names';
import { Objects } from './objects';

export type SeqStyle = 'none' | 'prefix' | 'sequence' | 'suffix';

export interface RawEntry {
  line: Line;
  /** Index of the permit/deny token. */
  at: number;
  seq?: number;
  seqStyle: SeqStyle;
  /** Lock-and-key "dynamic" entries match only after a login: conditional. */
  dynamic: boolean;
}

export interface Acl {
  name: string;
  platform: Platform;
  kind: AclKind;
  /** A block ("ip access-list extended X" + indented entries) rather than "access-list X …" lines. */
  block: boolean;
  nameTok: Token;
  entries: RawEntry[];
  /** Where a new last entry goes: after the last entry or remark (or the header). */
  endOffset: number;
  /** Indentation of the block's entries (" " in show output). */
  indent: string;
  /** ASA lines carry "extended" after the name. */
  extendedWord: boolean;
}

/** Where an ACL is applied: under an interface (IOS), on an ASA nameif, or globally (ASA `global`). */
export interface Binding {
  direction: Direction;
  /** The interface block it sits in (IOS), or the nameif an ASA access-group names; none for `global`. */
  iface?: Iface | { nameif: Token };
  /** The command that applies it. */
  span: Span;
}

export interface Config {
  acls: Map<string, Acl>;
  objects: Objects;
  applied: Map<string, Binding[]>;
  /** Every `interface …` block, in order. */
  ifaces: Iface[];
  routes: DefaultRoute[];
  /** Names mentioned by other commands (NAT, route maps, VTY access-class, class maps, SNMP…). */
  otherUses: Set<string>;
  problems: ParseProblem[];
}

type Mode =
  | { type: 'none' }
  | { type: 'acl'; acl: Acl }
  | { type: 'interface'; iface: Iface }
  | { type: 'object'; kind: 'group' | 'object'; name: string };

const ENTRY_START = /^(?:\d+|permit|deny|remark|sequence|evaluate|dynamic|no|statistics)$/i;
const ASA_HINT = /^ASA Version|^access-list \S+ (?:line \d+ )?extended |^access-group \S+ (?:in|out) interface |^access-group \S+ global|^ nameif /m;

/** Commands that exist only inside an interface block: a pasted configuration that lost its indentation
 *  still has them in their interface. */
function interfaceOnly(t: Token[]): boolean {
  const w = t.slice(0, 3).map((x) => x.text.toLowerCase());
  if (w[0] === 'nameif' || w[0] === 'security-level' || w[0] === 'description') return true;
  if (w[0] === 'ip' && (w[1] === 'access-group' || w[1] === 'address')) return true;
  if (w[0] === 'ipv6' && (w[1] === 'traffic-filter' || w[1] === 'address')) return true;
  return w[0] === 'ip' && w[1] === 'nat' && (w[2] === 'inside' || w[2] === 'outside') && t.length === 3;
}

export function readConfig(text: string): Config {
  const head = headOf(text);
  const platform: Platform = ASA_HINT.test(head) ? 'asa' : 'ios';
  const cfg: Config = { acls: new Map(), objects: new Objects(() => platform, new ExpansionBudget(text.length)), applied: new Map(), ifaces: [], routes: [], otherUses: new Set(), problems: [] };
  let mode: Mode = { type: 'none' };
  for (const line of splitLines(text)) {
    if (isComment(line)) continue;
    const t = line.tokens;
    const w0 = t[0].text.toLowerCase();
    const continues = (mode.type === 'acl' && ENTRY_START.test(w0)) || (mode.type === 'interface' && interfaceOnly(t));
    if (mode.type !== 'none' && (w0 === 'exit' || (line.indent === '' && !continues))) mode = { type: 'none' };
    if (mode.type === 'acl') {
      blockEntry(cfg, mode.acl, line);
      continue;
    }
    if (mode.type === 'interface') {
      if ((w0 === 'ip' && t[1]?.text === 'access-group') || (w0 === 'ipv6' && t[1]?.text === 'traffic-filter')) apply(cfg, t[2]?.text, t[3]?.text, mode.iface, t);
      else if (!ifaceLine(mode.iface, t)) noteUses(cfg, t);
      continue;
    }
    if (mode.type === 'object') {
      const message = cfg.objects.member(mode.kind, mode.name, t);
      if (message) cfg.problems.push({ span: t[0].span, message });
      continue;
    }
    mode = topLevel(cfg, line, w0, platform) ?? { type: 'none' };
  }
  return cfg;
}

function topLevel(cfg: Config, line: Line, w0: string, platform: Platform): Mode | undefined {
  const t = line.tokens;
  const w1 = t[1]?.text.toLowerCase();
  if (w0 === 'access-list' && t[1]) return void accessListLine(cfg, line);
  if ((w0 === 'ip' || w0 === 'ipv6') && w1 === 'access-list') {
    let i = 2;
    let kind: AclKind = w0 === 'ipv6' ? 'ipv6' : 'extended';
    const w2 = t[2]?.text.toLowerCase();
    if (w0 === 'ip' && (w2 === 'extended' || w2 === 'standard')) {
      kind = w2;
      i = 3;
    } else if (w0 === 'ip' && (w2 === 'resequence' || w2 === 'logging' || w2 === 'role-based' || w2 === 'log-update')) return undefined;
    const nameTok = t[i];
    if (!nameTok) {
      cfg.problems.push({ span: t[t.length - 1].span, message: 'the access list needs a name' });
      return undefined;
    }
    const acl = getAcl(cfg, nameTok, kind, 'ios', true, line);
    return { type: 'acl', acl };
  }
  if (w0 === 'interface') {
    const iface = openIface(line);
    if (!iface) return undefined;
    cfg.ifaces.push(iface);
    return { type: 'interface', iface };
  }
  if (w0 === 'access-group' && t[1]) {
    // ASA: "access-group NAME in|out interface IF" or "access-group NAME global" (every interface, inbound).
    const global = t[2]?.text.toLowerCase() === 'global';
    const named = t[3]?.text.toLowerCase() === 'interface' && t[4] ? { nameif: t[4] } : undefined;
    if (global || named) apply(cfg, t[1].text, global ? 'in' : t[2]?.text, named, t);
    return undefined;
  }
  if (((w0 === 'ip' || w0 === 'ipv6') && w1 === 'route') || w0 === 'route') {
    const route = defaultRoute(t);
    if (route) cfg.routes.push(route);
    return undefined;
  }
  if ((w0 === 'object-group' || w0 === 'object') && t[1] && t[2]) {
    const kind = w0 === 'object-group' ? 'group' : 'object';
    cfg.objects.define(kind, t[1].text, t[2].text, t[3]?.text);
    return { type: 'object', kind, name: t[2].text };
  }
  if (w0 === 'name' && t[1] && t[2] && platform === 'asa') {
    cfg.objects.names.set(t[2].text, t[1].text);
    return undefined;
  }
  noteUses(cfg, t);
  return undefined;
}

function noteUses(cfg: Config, t: Token[]): void {
  for (let i = 1; i < t.length; i++) cfg.otherUses.add(t[i].text);
}

function apply(cfg: Config, name: string | undefined, dir: string | undefined, iface: Binding['iface'], t: Token[]): void {
  if (!name) return;
  const d = dir?.toLowerCase();
  const direction: Direction | undefined = d === 'in' ? 'in' : d === 'out' ? 'out' : undefined;
  if (!direction) return;
  let list = cfg.applied.get(name);
  if (!list) cfg.applied.set(name, (list = []));
  list.push({ direction, iface, span: spanOf(t[0], t[t.length - 1]) });
}

function getAcl(cfg: Config, nameTok: Token, kind: AclKind, platform: Platform, block: boolean, line: Line): Acl {
  let acl = cfg.acls.get(nameTok.text);
  if (!acl) {
    acl = { name: nameTok.text, platform, kind, block, nameTok, entries: [], endOffset: line.next, indent: ' ', extendedWord: false };
    cfg.acls.set(nameTok.text, acl);
  }
  acl.endOffset = line.next;
  return acl;
}

/** "access-list NAME …": IOS numbered (standard 1-99/1300-1999, extended 100-199/2000-2699) or ASA. */
function accessListLine(cfg: Config, line: Line): void {
  const t = line.tokens;
  const name = t[1];
  let i = 2;
  let position: number | undefined;
  if (t[i]?.text.toLowerCase() === 'line' && /^\d+$/.test(t[i + 1]?.text ?? '')) {
    position = Number(t[i + 1].text);
    i += 2;
  }
  const word = t[i]?.text.toLowerCase();
  let kind: AclKind | undefined;
  let platform: Platform = 'asa';
  let extendedWord = false;
  if (word === 'extended') {
    kind = 'extended';
    extendedWord = true;
    i++;
  } else if (word === 'standard' || word === 'webtype' || word === 'ethertype' || word === 'rename') {
    return; // ASA standard ACLs select routes and VPN traffic, not interface traffic.
  } else if (/^\d+$/.test(name.text)) {
    const n = Number(name.text);
    if ((n >= 1 && n <= 99) || (n >= 1300 && n <= 1999)) kind = 'standard';
    else if ((n >= 100 && n <= 199) || (n >= 2000 && n <= 2699)) kind = 'extended';
    else return; // protocol-type, MAC and other numbered lists
    platform = 'ios';
  } else kind = 'extended'; // PIX-style "access-list NAME permit …"
  if (t[i]?.text.toLowerCase() === 'remark' || !t[i]) {
    if (!t[i]) cfg.problems.push({ span: t[t.length - 1].span, message: `access list ${name.text} needs "permit" or "deny"` });
    else getAcl(cfg, name, kind, platform, false, line);
    return;
  }
  let dynamic = false;
  if (t[i].text.toLowerCase() === 'dynamic') {
    dynamic = true;
    i += 2;
    if (t[i]?.text.toLowerCase() === 'timeout') i += 2;
  }
  const action = t[i]?.text.toLowerCase();
  if (action !== 'permit' && action !== 'deny') {
    cfg.problems.push({ span: (t[i] ?? t[t.length - 1]).span, message: `expected "permit" or "deny" in access list ${name.text}` });
    return;
  }
  const acl = getAcl(cfg, name, kind, platform, false, line);
  acl.extendedWord = extendedWord;
  const entry: RawEntry = { line, at: i, seqStyle: 'none', dynamic };
  if (position !== undefined) acl.entries.splice(Math.max(0, position - 1), 0, entry);
  else acl.entries.push(entry);
}

/** A line inside "ip access-list …" / "ipv6 access-list …": "[seq] permit|deny …", "sequence N …", remark. */
function blockEntry(cfg: Config, acl: Acl, line: Line): void {
  const t = line.tokens;
  let i = 0;
  let seq: number | undefined;
  let seqStyle: SeqStyle = 'none';
  if (/^\d+$/.test(t[0].text)) {
    seq = Number(t[0].text);
    seqStyle = 'prefix';
    i = 1;
  } else if (t[0].text.toLowerCase() === 'sequence' && /^\d+$/.test(t[1]?.text ?? '')) {
    seq = Number(t[1].text);
    seqStyle = 'sequence';
    i = 2;
  }
  const w = t[i]?.text.toLowerCase();
  if (w === 'remark' || w === 'no' || w === 'statistics' || w === 'evaluate') {
    acl.endOffset = line.next;
    return;
  }
  let dynamic = false;
  if (w === 'dynamic') {
    dynamic = true;
    i += 2;
    if (t[i]?.text.toLowerCase() === 'timeout') i += 2;
  }
  const action = t[i]?.text.toLowerCase();
  if (action !== 'permit' && action !== 'deny') {
    cfg.problems.push({ span: (t[i] ?? t[t.length - 1]).span, message: `expected "permit" or "deny" in access list ${acl.name}` });
    return;
  }
  if (acl.entries.length === 0) acl.indent = line.indent;
  acl.entries.push({ line, at: i, seq, seqStyle, dynamic });
  acl.endOffset = line.next;
}
