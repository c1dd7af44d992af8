/** Replays iptables-save lines or iptables commands in order into chains, then into the rule model. */
import { literalSet } from '../../analysis/addresses';
import type { AccessRule, AddressItem, AddressMatch, Direction, InterfaceEvidence, InterfaceMatch, PortItem, PortMatch, RuleList, RuleModel, RuleScope } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { parseArgs, specOf, type ParsedCommand } from './args';
import { lexSaveLine } from './lexer';
import { lexShell, type ShellVar, type Word } from '../../text/shell/lexer';
import { programName } from '../../text/shell/command';
import { LineCursor, lineStartOf } from '../../text/lines';
import { OutOfTime, stopReading, type Budget } from '../../analysis/budget';
import { ALL_PORTS, ANY_ADDRESS, interfaceMatch, IptablesRule } from './rule';
import { normalizePorts, type PortRange } from '../../model/ports';
import { SaveLineReader } from './save-line';
import { interfaceEvidence, routeEvidence, type NatJumps } from './evidence';

/** What fixes need to write a rule back in the same style. */
export interface RuleDetail {
  cmd: ParsedCommand;
  /** Text before the arguments: "" in save files, "iptables " or "$IPT " in scripts. */
  prefix: string;
  /** Offset where the rule's line starts, and its indentation. */
  lineStart: number;
  indent: string;
}

/** A save-file rule keeps only the name of its table (its span is its line) and is read again when a fix needs
 *  it: holding every parsed word of a 50,000-line file costs several times more than parsing it. Script rules
 *  keep their detail, which depends on the variables set before them. */
export type RuleNative = RuleDetail | string;

/** Save lines read again, per rule: each fix writer of a finding asks, and the line is the same each time. */
const reread = new WeakMap<AccessRule, RuleDetail>();

/** The parsed command behind a rule, reading a save line again if need be. */
export function ruleDetail(text: string, rule: AccessRule): RuleDetail {
  const native = rule.native as RuleNative;
  if (typeof native !== 'string') return native;
  let detail = reread.get(rule);
  if (!detail) {
    const lineStart = lineStartOf(text, rule.span.offset);
    detail = { cmd: parseSaveLine(text, lineStart, rule.span.offset + rule.span.length, native), prefix: '', lineStart, indent: '' };
    reread.set(rule, detail);
  }
  return detail;
}

/** One rule line of a save file, in the table the file is in at that line. */
function parseSaveLine(text: string, lineStart: number, lineEnd: number, table: string, words = lexSaveLine(text, lineStart, lineEnd)): ParsedCommand {
  const cmd = parseArgs(words, true);
  if (cmd.table === 'filter') cmd.table = table;
  return cmd;
}

/** The rule the general parser builds from one "-A" line of a filter table, and the problems it finds there:
 *  what the save-line reader must agree with. */
export function generalSaveRule(text: string, lineStart: number, lineEnd: number, family: 4 | 6): { rule?: AccessRule; problems: ParseProblem[] } {
  const words = lexSaveLine(text, lineStart, lineEnd);
  const cmd = parseSaveLine(text, lineStart, lineEnd, 'filter', words);
  const problems = [...cmd.problems];
  if (cmd.op !== 'append' || !cmd.chain) return { problems };
  const span = { offset: words[0].span.offset, length: lineEnd - words[0].span.offset };
  return { rule: toRule(text, cmd, span, 'filter', family, problems), problems };
}

export interface ListNative {
  prefix: string;
  indent: string;
}

interface Chain {
  family: 4 | 6;
  table: string;
  name: string;
  policy?: Word;
  /** Filter-table rules, built into the model as they are read so the parsed command can be dropped at once;
   *  other tables' rules are not judged and not kept. */
  rules: AccessRule[];
  /** Offset where a new rule line can go at the end of the chain. */
  endOffset?: number;
  prefix: string;
  indent: string;
  /** A rule was inserted or deleted before others: positions are numbered again at the end. Appends number
   *  themselves, which spares a 50,000-rule file a pass over every rule. */
  shifted?: boolean;
}

const BUILTIN: Record<string, Direction> = { INPUT: 'in', FORWARD: 'forward', OUTPUT: 'out' };
const TOOL = /^(?:.*\/)?ip(6?)tables(?:-legacy|-nft)?$/;
const RESTORE = /^(?:.*\/)?ip(6?)tables(?:-legacy|-nft)?-restore$/;
/** A script that feeds iptables-save text to iptables-restore through a here-document (its body has table lines):
 *  a line with `…tables-restore` and then `<<`. Each line is looked at once. */
function feedsRestore(text: string): boolean {
  for (let at = text.indexOf('tables-restore'); at >= 0; ) {
    const eol = text.indexOf('\n', at);
    const end = eol < 0 ? text.length : eol;
    if (text.slice(at, end).includes('<<')) return true;
    if (eol < 0) return false;
    at = text.indexOf('tables-restore', end);
  }
  return false;
}

/** A table line ("*filter") marks iptables-save output rather than a script. */
export const SAVE_TABLE_LINE = /^[ \t]*\*(?:filter|nat|mangle|raw|security)[ \t]*\r?$/m;

const TABLE_LINE_REST = /^\*(?:filter|nat|mangle|raw|security)[ \t]*\r?$/m;
/** Where `^` may match in SAVE_TABLE_LINE (JavaScript's line terminators). */
const LINE_BREAKS = '\n\r\u2028\u2029';

/** SAVE_TABLE_LINE anywhere in `text`, found from its `*`s: the pattern itself tries every line start, which in
 *  a 4 MB script (no table line at all) showed in profiles. */
export function hasTableLine(text: string): boolean {
  return firstTableLine(text) >= 0;
}

/** Where the first table line starts (its `*`), or -1. */
function firstTableLine(text: string): number {
  for (let at = text.indexOf('*'); at >= 0; at = text.indexOf('*', at + 1)) {
    let start = at;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (start > 0 && !LINE_BREAKS.includes(text[start - 1])) continue;
    const eol = text.indexOf('\n', at);
    if (TABLE_LINE_REST.test(text.slice(at, eol < 0 ? text.length : eol))) return at;
  }
  return -1;
}

/** Only comments and blank lines before `end`: iptables-save output, whose first table line no command precedes
 *  (a script's `iptables-restore <<EOF` would). */
function onlyCommentsBefore(text: string, end: number): boolean {
  for (let at = 0; at < end; ) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 || eol > end ? end : eol).trim();
    if (line !== '' && !line.startsWith('#')) return false;
    if (eol < 0) break;
    at = eol + 1;
  }
  return true;
}

export function extractIptables(text: string, uri: string, budget?: Budget): RuleModel {
  const table = firstTableLine(text);
  // Save output is known by its head; only a script is searched (to its end) for a restore fed a here-document.
  const save = table >= 0 && (onlyCommentsBefore(text, table) || !feedsRestore(text));
  return save ? extractSave(text, uri, budget) : extractScript(text, budget);
}

class ChainSet {
  readonly chains = new Map<string, Chain>();
  readonly problems: ParseProblem[] = [];
  /** What the commands say about interfaces (NAT out of one, a variable named WAN): see evidence.ts. */
  readonly evidence: InterfaceEvidence[] = [];
  private readonly natJumps: NatJumps = new Map();
  /** What the nat table's DNAT and REDIRECT rules forward, and the `--ctstate DNAT` rules that admit it: those
   *  are built again once the whole file is read (a script may write its nat rules last). */
  private readonly forwards: Forward[] = [];
  private readonly dnatRules = new Map<AccessRule, () => AccessRule>();
  /** Invalid addresses, reported after the command problems, as they always were. */
  private readonly addressProblems: ParseProblem[] = [];

  constructor(private readonly text: string) {}

  /** The chains of the family and table last asked for, by name: most lines stay in one table, and building
   *  the full key for every line of a large file shows in profiles. */
  private scope = { family: 4, table: '', byName: new Map<string, Chain>() };

  get(family: 4 | 6, table: string, name: string): Chain {
    const { scope } = this;
    if (scope.family !== family || scope.table !== table) this.scope = { family, table, byName: new Map() };
    let c = this.scope.byName.get(name);
    if (c) return c;
    const key = `v${family}/${table}/${name}`;
    c = this.chains.get(key);
    if (!c) {
      c = { family, table, name, rules: [], prefix: '', indent: '' };
      this.chains.set(key, c);
    }
    this.scope.byName.set(name, c);
    return c;
  }

  /** A filter-table rule the save-line reader built, appended to its chain. */
  append(family: 4 | 6, chainName: string, rule: AccessRule, lineEnd: number): void {
    const chain = this.get(family, 'filter', chainName);
    rule.index = chain.rules.length;
    chain.rules.push(rule);
    chain.endOffset = lineEnd;
  }

  apply(family: 4 | 6, span: Span, cmd: ParsedCommand, native: RuleNative, lineEnd: number): void {
    for (const p of cmd.problems) this.problems.push(p);
    if (cmd.inInterface || cmd.outInterface || cmd.table === 'nat') interfaceEvidence(this.text, cmd, this.evidence, this.natJumps);
    const chainName = cmd.chain?.text;
    if (cmd.op === 'flush' || cmd.op === 'delete-chain') {
      for (const c of [...this.chains.values()]) {
        if (c.family !== family || c.table !== cmd.table || (chainName && c.name !== chainName)) continue;
        if (cmd.op === 'flush') c.rules = [];
        else if (!(c.name in BUILTIN)) {
          this.chains.delete(`v${family}/${c.table}/${c.name}`);
          this.scope.byName.delete(c.name);
        }
      }
      return;
    }
    if (!chainName) return;
    const chain = this.get(family, cmd.table, chainName);
    if (typeof native !== 'string') {
      chain.prefix = native.prefix;
      chain.indent = native.indent;
    }
    const judged = cmd.table === 'filter';
    if (cmd.table === 'nat' && (cmd.target?.text === 'DNAT' || cmd.target?.text === 'REDIRECT')) this.forwards.push(forwardOf(cmd));
    const rule = () => {
      const r = toRule(this.text, cmd, span, native, family, this.addressProblems);
      if (cmd.ctDnat) this.dnatRules.set(r, () => toRule(this.text, cmd, span, native, family, [], this.forwards));
      return r;
    };
    switch (cmd.op) {
      case 'append':
        if (judged) {
          const r = rule();
          r.index = chain.rules.length;
          chain.rules.push(r);
        }
        break;
      case 'insert':
        if (judged) chain.rules.splice(Math.max(0, (cmd.position ?? 1) - 1), 0, rule());
        chain.shifted = true;
        break;
      case 'replace':
        if (judged && cmd.position && cmd.position <= chain.rules.length) {
          const r = rule();
          r.index = cmd.position - 1;
          chain.rules[cmd.position - 1] = r;
        }
        break;
      case 'delete': {
        const spec = specOf(cmd);
        const at = cmd.position ? cmd.position - 1 : chain.rules.findIndex((r) => specOf(ruleDetail(this.text, r).cmd) === spec);
        if (at >= 0 && at < chain.rules.length) chain.rules.splice(at, 1);
        chain.shifted = true;
        break;
      }
      case 'policy':
        chain.policy = cmd.policy;
        break;
    }
    chain.endOffset = lineEnd;
  }

  toModel(): RuleModel {
    const lists: RuleList[] = [];
    for (const c of this.chains.values()) {
      if (c.table !== 'filter') continue;
      const direction = BUILTIN[c.name];
      const policy = c.policy?.text.toUpperCase();
      const rules = this.dnatRules.size ? c.rules.map((r) => (this.dnatRules.has(r) ? Object.assign((this.dnatRules.get(r) as () => AccessRule)(), { index: r.index }) : r)) : c.rules;
      if (c.shifted) rules.forEach((r, index) => (r.index = index));
      lists.push({
        id: `v${c.family}/${c.table}/${c.name}`,
        name: c.name,
        direction: direction ?? 'in',
        families: c.family === 6 ? 'ipv6' : 'ipv4',
        entry: direction !== undefined,
        policy: policy === 'ACCEPT' ? 'allow' : policy === 'DROP' || policy === 'REJECT' ? 'deny' : undefined,
        policySpan: direction && c.policy ? c.policy.span : undefined,
        policyText: direction && policy ? `policy ${policy}` : undefined,
        rules,
        endOffset: c.endOffset,
        native: { prefix: c.prefix, indent: c.indent } satisfies ListNative,
      });
    }
    const model: RuleModel = { lists, problems: this.problems.concat(this.addressProblems) };
    if (this.evidence.length) model.interfaces = this.evidence;
    return model;
  }
}

function checkAddresses(items: readonly AddressItem[] | undefined, problems: ParseProblem[]): void {
  if (!items) return;
  for (const item of items) {
    if (item.value.kind === 'cidr' && !literalSet(item.value.cidr)) problems.push({ span: item.span, message: `"${item.text}" is not a valid address` });
  }
}

function portItems(dport: ParsedCommand['dport']): PortItem[] {
  if (!dport) return [];
  const out: PortItem[] = new Array(dport.items.length);
  for (let i = 0; i < dport.items.length; i++) {
    const p = dport.items[i];
    const w = p.word;
    out[i] = { range: p.range, text: w.text.slice(p.offset, p.offset + p.length), span: w.literal ? { offset: w.span.offset + p.offset, length: p.length } : w.span };
  }
  return out;
}

function addressMatch(o: ParsedCommand['source']): AddressMatch {
  return o ? { items: o.items, negated: o.negated, span: optSpan(o) } : ANY_ADDRESS;
}

const endOf = (span: Span) => span.offset + span.length;

/** What one DNAT or REDIRECT rule forwards: its protocol and destination ports (undefined: every port). */
interface Forward {
  protocol: AccessRule['protocol'];
  ranges: PortRange[] | undefined | 'unknown';
}

function forwardOf(cmd: ParsedCommand): Forward {
  const d = cmd.dport;
  return { protocol: cmd.protocol, ranges: !d ? undefined : d.negated ? undefined : d.ranges };
}

/** A `--ctstate DNAT` rule admits what the forwards forward: their ports, unless the rule names its own. With no
 *  forward in the file it matches nothing; with one that forwards every port, every port. */
function dnatPorts(cmd: ParsedCommand, forwards: Forward[]): { protocol: AccessRule['protocol']; ports: PortMatch } | undefined {
  if (!forwards.length) return undefined;
  const protocols = new Set(forwards.map((f) => f.protocol));
  const protocol = cmd.protocol !== 'any' ? cmd.protocol : protocols.size === 1 ? [...protocols][0] : 'any';
  if (cmd.dport) return { protocol, ports: { ranges: cmd.dport.ranges, items: portItems(cmd.dport), negated: cmd.dport.negated, span: optSpan(cmd.dport) } };
  const all = forwards.some((f) => f.ranges === undefined);
  const unknown = forwards.some((f) => f.ranges === 'unknown');
  const ranges = all ? undefined : unknown ? 'unknown' : normalizePorts(forwards.flatMap((f) => f.ranges as PortRange[]));
  return { protocol, ports: { ranges, items: [], negated: false } };
}

function toRule(text: string, cmd: ParsedCommand, span: Span, native: RuleNative, family: 4 | 6, problems: ParseProblem[], forwards?: Forward[]): AccessRule {
  checkAddresses(cmd.source?.items, problems);
  checkAddresses(cmd.destination?.items, problems);
  // Only the host itself talks over lo: "-i lo" admits loopback sources, "-o lo" reaches loopback destinations.
  const sources = loopbackOr(cmd.inInterface, cmd.source);
  const destinations = loopbackOr(cmd.outInterface, cmd.destination);
  const actionSpan = (cmd.target ?? cmd.chain)?.span ?? span;
  const protocolSpan = cmd.protocolOpt?.value?.span;
  const dport = cmd.dport;
  // "--ctstate DNAT": until the file is read (forwards undefined), or with no forward, it admits nothing.
  const forwarded = cmd.ctDnat ? dnatPorts(cmd, forwards ?? []) : undefined;
  const action = cmd.ctDnat && !forwarded ? 'log' : cmd.action;
  return new IptablesRule(
    text,
    action,
    action === 'jump' && cmd.target ? `v${family}/${cmd.table}/${cmd.target.text}` : undefined,
    forwarded?.protocol ?? cmd.protocol,
    forwarded ? forwarded.ports : dport ? { ranges: dport.ranges, items: portItems(dport), negated: dport.negated, span: optSpan(dport) } : ALL_PORTS,
    sources,
    destinations,
    cmd.conditional,
    // "-f" matches second and further fragments only: they carry no ports and open no connection (man iptables).
    cmd.establishedOnly || cmd.fragment,
    span.offset,
    endOf(span),
    actionSpan.offset,
    endOf(actionSpan),
    protocolSpan ? protocolSpan.offset : -1,
    protocolSpan ? endOf(protocolSpan) : -1,
    native,
    scopeOf(cmd),
    cmd.conditions.length ? cmd.conditions : undefined,
  );
}

function loopbackOr(iface: ParsedCommand['inInterface'], address: ParsedCommand['source']): AddressMatch {
  const v = iface?.value;
  if (v?.text !== 'lo' || iface?.negated || address) return addressMatch(address);
  return { items: [{ text: 'lo', span: v.span, value: { kind: 'loopback' } }], negated: false, span: undefined };
}

/** Where a rule applies: its `-i` and `-o`. */
function scopeOf(cmd: ParsedCommand): RuleScope | undefined {
  const inside = interfacesOf(cmd.inInterface);
  const out = interfacesOf(cmd.outInterface);
  if (!inside && !out) return undefined;
  const scope: RuleScope = {};
  if (inside) scope.in = inside;
  if (out) scope.out = out;
  return scope;
}

function interfacesOf(o: ParsedCommand['inInterface']): InterfaceMatch | undefined {
  const v = o?.value;
  if (!o || !v) return undefined;
  return interfaceMatch(v.text, v.span, o.negated, o.words[0].span.offset, v.unknown);
}

function optSpan(o: { words: Word[] } | undefined): Span | undefined {
  if (!o || !o.words.length) return undefined;
  const a = o.words[0].span.offset;
  const last = o.words[o.words.length - 1].span;
  return { offset: a, length: last.offset + last.length - a };
}

function extractSave(text: string, uri: string, budget?: Budget): RuleModel {
  const family: 4 | 6 = /ip6tables-save|rules\.v6$|6\.rules$/.test(text.slice(0, 200) + ' ' + uri) ? 6 : 4;
  const set = new ChainSet(text);
  readSaveLines(text, set, family, 0, text.length, budget);
  // A rule after COMMIT keeps the end at COMMIT; without COMMIT new rules go after the last line.
  return set.toModel();
}

/** The iptables-save lines of [from, to): a whole save file, or the body of an `iptables-restore <<EOF`. */
function readSaveLines(text: string, set: ChainSet, family: 4 | 6, from: number, to: number, budget?: Budget): void {
  const reader = new SaveLineReader(text, family);
  let table = 'filter';
  let pos = from;
  while (pos < to) {
    // Out of time: the lines read so far are modelled (the budget says how far).
    if (budget?.check('extraction', pos)) break;
    const found = text.indexOf('\n', pos);
    const nl = found < 0 || found >= to ? -1 : found;
    const next = nl < 0 ? to : nl + 1;
    const end = nl < 0 ? to : nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const fast = table === 'filter' ? reader.read(pos, end) : undefined;
    if (fast) {
      set.append(family, reader.chain, fast, next);
      pos = next;
      continue;
    }
    const words = lexSaveLine(text, pos, end);
    const first = words[0]?.text ?? '';
    if (!words.length || first.startsWith('#')) {
      // blank or comment
    } else if (first.startsWith('*')) {
      table = first.slice(1);
    } else if (first === 'COMMIT') {
      for (const c of set.chains.values()) if (c.table === table && c.family === family) c.endOffset = pos;
    } else if (first.startsWith(':')) {
      const chain = set.get(family, table, first.slice(1));
      if (words[1] && words[1].text !== '-') chain.policy = words[1];
      chain.endOffset ??= next;
    } else {
      const cmd = parseSaveLine(text, pos, end, table, words);
      const span = { offset: words[0].span.offset, length: end - words[0].span.offset };
      set.apply(family, span, cmd, table, next);
    }
    pos = next;
  }
}

function extractScript(text: string, budget?: Budget): RuleModel {
  const set = new ChainSet(text);
  const vars = new Map<string, ShellVar>();
  const lines = new LineCursor(text);
  try {
    const expansion = lexShell(text, vars, (c) => {
      // Out of time: the commands read so far are modelled (the budget says how far).
      stopReading(budget, lines.lineStart(c.span.offset));
      const at = c.head;
      const words = c.words.slice(at.program);
      if (!words.length) return;
      // "$IPT" may expand to "iptables -w": split the program from its own options.
      const head = words[0].text.trim().split(/\s+/);
      const restore = RESTORE.exec(programName(words[0]));
      if (restore) {
        // `iptables-restore <<EOF`: the body is iptables-save text.
        for (const doc of c.hereDocs ?? []) readSaveLines(text, set, restore[1] ? 6 : 4, doc.body.offset, doc.body.offset + doc.body.length, budget);
        return;
      }
      const m = TOOL.exec(head[0] ?? '');
      if (!m) {
        routeEvidence(words, set.evidence);
        return;
      }
      const family: 4 | 6 = m[1] ? 6 : 4;
      const extra = head.slice(1).map((t) => ({ ...words[0], text: t, literal: false }));
      const args = [...extra, ...words.slice(1)];
      if (!args.length) return;
      const cmd = parseArgs(args, false);
      const start = lines.lineStart(c.span.offset);
      const firstArg = words[1]?.span.offset ?? c.span.offset + c.span.length;
      const indent = lines.indent(c.span.offset);
      // The command as written starts past the shell's reserved words (`then iptables …`).
      const from = c.words[at.from].span.offset;
      const span = { offset: from, length: c.span.offset + c.span.length - from };
      const prefix = text.slice(from, firstArg);
      // The chain's end moves past the command's last line (it may continue over several).
      const end = lines.nextLineStart(c.span.offset + c.span.length);
      set.apply(family, span, cmd, { cmd, prefix: prefix.includes('\n') ? `${head[0]} ` : prefix, lineStart: start, indent }, end);
    });
    set.problems.push(...expansion);
  } catch (e) {
    if (!(e instanceof OutOfTime)) throw e;
  }
  return set.toModel();
}
