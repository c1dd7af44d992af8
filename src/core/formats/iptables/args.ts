/** Parses the words of one iptables command (after the program name) into an operation and its matches. */
import type { PortRange } from '../../model/ports';
import { actionOf, KNOWN_MODULES, partEnd, portList, portListProblem, protocolOf, stateEffect } from './values';
import type { Action, AddressItem, AddressValue, Protocol } from '../../model/rule';
import type { ParseProblem } from '../../types';
import type { Word } from '../../text/shell/lexer';
import { netmaskPrefix } from '../common/address';
import { parseDottedQuad } from '../../model/cidr';

export type Op = 'append' | 'insert' | 'policy' | 'flush' | 'new-chain' | 'delete-chain' | 'delete' | 'replace' | 'other';

/** An option with its value, and the words that wrote it (for edits). */
export interface Opt {
  words: Word[];
  value?: Word;
  negated: boolean;
}

export interface ParsedCommand {
  op: Op;
  table: string;
  chain?: Word;
  /** Rule number of -I / -R / -D. */
  position?: number;
  positionWord?: Word;
  /** -P target. */
  policy?: Word;
  protocol: Protocol;
  protocolOpt?: Opt;
  dport?: Opt & { multiport: boolean; ranges: PortRange[] | 'unknown'; items: { range: PortRange; word: Word; offset: number; length: number }[] };
  source?: Opt & { items: AddressItem[] };
  destination?: Opt & { items: AddressItem[] };
  inInterface?: Opt;
  outInterface?: Opt;
  action: Action;
  target?: Word;
  /** The "-j" word itself. */
  jumpWord?: Word;
  conditional: boolean;
  /** The conditions behind `conditional`, as written: "--sport 25", "-m mark --mark 0x1". */
  conditions: string[];
  establishedOnly: boolean;
  /** `-f`: only second and further fragments, which carry no ports and cannot open a connection. */
  fragment: boolean;
  /** `--ctstate DNAT`: only connections the nat table's DNAT/REDIRECT rules forwarded. */
  ctDnat: boolean;
  /** Index of the first word after the chain (and rule number): the rule specification, for -D comparisons. */
  specStart: number;
  words: Word[];
  problems: ParseProblem[];
}

/** Option spellings by what they mean: one hash lookup per word, then a switch over constant strings. */
const OPTIONS = new Map<string, string>(
  Object.entries({
    table: ['-t', '--table'],
    protocol: ['-p', '--protocol'],
    dport: ['--dport', '--destination-port', '--dports', '--destination-ports', '--ports'],
    sport: ['--sport', '--source-port', '--sports', '--source-ports'],
    source: ['-s', '--source', '--src', '--src-range'],
    destination: ['-d', '--destination', '--dst', '--dst-range'],
    'in-interface': ['-i', '--in-interface'],
    'out-interface': ['-o', '--out-interface'],
    fragment: ['-f', '--fragment'],
    state: ['--state', '--ctstate'],
    match: ['-m', '--match'],
    'match-set': ['--match-set'],
    jump: ['-j', '--jump', '-g', '--goto'],
    comment: ['--comment'],
  }).flatMap(([meaning, spellings]) => spellings.map((s): [string, string] => [s, meaning])),
);

const COMMANDS: Record<string, Op> = {
  '-A': 'append', '--append': 'append', '-I': 'insert', '--insert': 'insert', '-P': 'policy', '--policy': 'policy',
  '-F': 'flush', '--flush': 'flush', '-N': 'new-chain', '--new-chain': 'new-chain', '-X': 'delete-chain',
  '--delete-chain': 'delete-chain', '-D': 'delete', '--delete': 'delete', '-R': 'replace', '--replace': 'replace',
  '-L': 'other', '--list': 'other', '-S': 'other', '--list-rules': 'other', '-Z': 'other', '--zero': 'other',
  '-C': 'other', '--check': 'other', '-E': 'other', '--rename-chain': 'other',
};

const COMMAND_OF = new Map(Object.entries(COMMANDS));

/** Options that take no value. Anything else starting with "-" is assumed to take one unless followed by an option. */
const FLAGS = new Set(['--rsource', '--rdest', '--set', '--rcheck', '--update', '--remove', '--log-uid', '--log-tcp-sequence', '--log-tcp-options', '--log-ip-options', '-v', '--verbose', '-n', '--numeric', '-x', '--exact', '--line-numbers', '-w', '--wait', '-4', '-6', '--ipv4', '--ipv6', '--reap', '--clamp-mss-to-pmtu']);
/** Options that take a value but say nothing that changes whether SMB is admitted. The target's own options
 *  are among them: iptables-save writes every REJECT with "--reject-with", and that must not make it uncertain. */
const HARMLESS: ReadonlySet<string> = new Set([
  '--dst-type', '--src-type', '--icmp-type', '--icmpv6-type', '--limit-iface-in', '-c', '--set-counters',
  '--reject-with', '--log-prefix', '--log-level', '--nflog-group', '--nflog-prefix', '--nflog-range', '--nflog-threshold',
]);
const COUNTERS = /^\[?\d+:\d+\]?$|^\d+$/;
/** Walks the words of one command; `take` reads an option's value. One per command, not a closure per word. */
class Cursor {
  i = 0;
  negate = false;
  negWord: Word | undefined = undefined;
  constructor(readonly words: Word[]) {}

  /** The option at `i` with its value; "! -s x" and "-s ! x" both negate, and the "!" joins the option's words. */
  take(): Opt {
    const { words } = this;
    const w = words[this.i];
    const opt: Opt = { words: this.negate && this.negWord ? [this.negWord, w] : [w], value: undefined, negated: this.negate };
    this.negate = false;
    let v = words[this.i + 1];
    if (v !== undefined && v.text === '!') {
      opt.negated = !opt.negated;
      opt.words.push(v);
      this.i++;
      v = words[this.i + 1];
    }
    if (v !== undefined) {
      opt.value = v;
      opt.words.push(v);
      this.i++;
    }
    return opt;
  }
}

/** Collects the conditions of one command as written. The options of a module SMB Guard does not know join its
 *  "-m" ("-m mark --mark 0x1"), and a stray word right after a condition joins it ("--tcp-flags SYN,ACK SYN"). */
class Conditions {
  /** Index in `cmd.conditions` of the unknown module the next options belong to; -1: none. */
  module = -1;
  /** Index of the word right after the last condition. */
  private next = -1;
  constructor(private readonly cmd: ParsedCommand) {}

  add(words: Word[], joinModule: boolean): void {
    const { cmd } = this;
    cmd.conditional = true;
    const text = words.map((w) => w.text).join(' ');
    const last = cmd.conditions.length - 1;
    const stray = !words[0].text.startsWith('-') && words[0].text !== '!';
    if ((joinModule && this.module >= 0 && !stray) || (stray && last >= 0 && cmd.words.indexOf(words[0]) === this.next)) {
      const at = stray ? last : this.module;
      cmd.conditions[at] += ` ${text}`;
    } else cmd.conditions.push(text);
    this.next = cmd.words.indexOf(words[words.length - 1]) + 1;
  }

  openModule(words: Word[]): void {
    this.add(words, false);
    this.module = this.cmd.conditions.length - 1;
  }
}

function newCommand(words: Word[]): ParsedCommand {
  // Every field set up front: one object shape for all commands keeps later reads monomorphic.
  return {
    op: 'other', table: 'filter', chain: undefined, position: undefined, positionWord: undefined, policy: undefined,
    protocol: 'any', protocolOpt: undefined, dport: undefined, source: undefined, destination: undefined,
    inInterface: undefined, outInterface: undefined, action: 'log', target: undefined, jumpWord: undefined,
    conditional: false, conditions: [], establishedOnly: false, fragment: false, ctDnat: false, specStart: words.length, words, problems: [],
  };
}

export function parseArgs(words: Word[], save: boolean): ParsedCommand {
  const cmd = newCommand(words);
  const cur = new Cursor(words);
  const note = new Conditions(cmd);
  let specStart = -1;
  for (; cur.i < words.length; cur.i++) {
    const w = words[cur.i];
    const t = w.text;
    if (t === '!') {
      cur.negate = true;
      cur.negWord = w;
      continue;
    }
    const op = cmd.op === 'other' && cmd.chain === undefined ? COMMAND_OF.get(t) : undefined;
    if (op) {
      cmd.op = op;
      const chain = words[cur.i + 1];
      if (chain && !chain.text.startsWith('-')) {
        cmd.chain = chain;
        cur.i++;
        if (op === 'policy') {
          cmd.policy = words[cur.i + 1];
          if (cmd.policy) cur.i++;
        }
        const pos = words[cur.i + 1];
        if ((op === 'insert' || op === 'replace' || op === 'delete') && pos && /^\d+$/.test(pos.text)) {
          cmd.position = Number(pos.text);
          cmd.positionWord = pos;
          cur.i++;
        }
      }
      specStart = cur.i + 1;
      continue;
    }
    switch (OPTIONS.get(t)) {
      case 'table':
        cmd.table = cur.take().value?.text ?? 'filter';
        break;
      case 'protocol': {
        const o = cur.take();
        cmd.protocolOpt = o;
        cmd.protocol = protocolOf(o.value?.text ?? '', o.negated);
        break;
      }
      case 'dport': {
        const o = cur.take();
        const ports = portsOf(o.value, cmd.problems);
        cmd.dport = { words: o.words, value: o.value, negated: o.negated, multiport: t.endsWith('s'), ranges: ports.ranges, items: ports.items };
        break;
      }
      case 'sport':
        note.add(cur.take().words, false);
        break;
      case 'source': {
        const o = cur.take();
        cmd.source = { words: o.words, value: o.value, negated: o.negated, items: addressesOf(o.value, t === '--src-range') };
        break;
      }
      case 'destination': {
        const o = cur.take();
        cmd.destination = { words: o.words, value: o.value, negated: o.negated, items: addressesOf(o.value, t === '--dst-range') };
        break;
      }
      // Interfaces are where the rule applies, not conditions: the engine weighs them (see `scopeOf`).
      case 'in-interface':
        cmd.inInterface = cur.take();
        break;
      case 'out-interface':
        cmd.outInterface = cur.take();
        break;
      case 'fragment':
        // "! -f" (head fragments and whole packets) is every packet that can open a connection: no condition.
        if (!cur.negate) cmd.fragment = true;
        cur.negate = false;
        break;
      case 'state': {
        const o = cur.take();
        const effect = stateEffect(o.value?.text ?? '', o.negated);
        if (effect === 'established') cmd.establishedOnly = true;
        else if (effect === 'conditional') note.add(o.words, false);
        else if (effect === 'dnat') cmd.ctDnat = true;
        break;
      }
      case 'match': {
        const o = cur.take();
        if (KNOWN_MODULES.has(o.value?.text ?? '')) note.module = -1;
        else note.openModule(o.words);
        break;
      }
      case 'match-set':
        cur.take();
        cmd.source ??= { words: [w], value: undefined, negated: false, items: [{ text: w.text, span: w.span, value: { kind: 'unknown' } }] };
        cur.i++; // the src/dst flag word
        break;
      case 'jump': {
        const o = cur.take();
        cmd.target = o.value;
        cmd.jumpWord = w;
        cmd.action = actionOf(o.value?.text ?? '');
        break;
      }
      case 'comment':
        cur.take();
        break;
      default: {
        // iptables-extensions(8) tcp: "--syn" matches packets with SYN set and ACK, RST, FIN clear, which is how every
        // TCP connection opens, so it narrows nothing for a new SMB session; "! --syn" matches no opening packet.
        if (t === '--syn') {
          if (cur.negate) cmd.establishedOnly = true;
          cur.negate = false;
          break;
        }
        const from = cur.negate && cur.negWord ? [cur.negWord, w] : [w];
        if (t.startsWith('-') && !FLAGS.has(t)) {
          const next = words[cur.i + 1];
          if (next && !next.text.startsWith('-') && next.text !== '!') {
            from.push(next);
            cur.i++;
          }
          if (!HARMLESS.has(t)) note.add(from, true);
        } else if (!t.startsWith('-')) {
          // A stray word (second value of --tcp-flags, counters): nothing SMB Guard reasons about.
          if (!COUNTERS.test(t)) note.add(from, true);
        }
        cur.negate = false;
      }
    }
  }
  if (specStart >= 0) cmd.specStart = specStart;
  if (save && cmd.op === 'other' && words.length) {
    cmd.problems.push({ span: words[0].span, message: `"${words[0].text}" is not an iptables-save line` });
  }
  return cmd;
}

function portsOf(word: Word | undefined, problems: ParseProblem[]): { ranges: PortRange[] | 'unknown'; items: NonNullable<ParsedCommand['dport']>['items'] } {
  if (!word || word.unknown) return { ranges: 'unknown', items: [] };
  const ranges = portList(word.text);
  if (!ranges) {
    problems.push({ span: word.span, message: portListProblem(word.text) ?? `"${word.text}" is not a port list` });
    return { ranges: 'unknown', items: [] };
  }
  const items: NonNullable<ParsedCommand['dport']>['items'] = [];
  let offset = 0;
  for (const range of ranges) {
    const end = partEnd(word.text, offset, word.text.length);
    items.push({ range, word, offset, length: end - offset });
    offset = end + 1;
  }
  return { ranges, items };
}

/** Comma-separated addresses, CIDRs (with dotted masks) or ranges; hostnames and variables are unknown. */
function addressesOf(word: Word | undefined, range: boolean): AddressItem[] {
  if (!word) return [];
  if (!word.text.includes(',')) return [{ text: word.text, span: word.span, value: word.unknown ? { kind: 'unknown' } : addressValue(word.text, range) }];
  let offset = 0;
  return word.text.split(',').map((part) => {
    const span = word.literal ? { offset: word.span.offset + offset, length: part.length } : word.span;
    offset += part.length + 1;
    return { text: part, span, value: word.unknown ? { kind: 'unknown' } : addressValue(part, range) };
  });
}

function addressValue(text: string, range: boolean): AddressValue {
  if (!range && parseDottedQuad(text) !== null) return { kind: 'cidr', cidr: text };
  if (range || /^[\d.]+-[\d.]+$/.test(text)) return { kind: 'range', range: text };
  const [addr, mask] = text.split('/');
  if (mask && mask.includes('.')) {
    const prefix = netmaskPrefix(mask);
    return prefix === undefined ? { kind: 'unknown' } : { kind: 'cidr', cidr: `${addr}/${prefix}` };
  }
  return /^[\d.]+(\/\d+)?$|:/.test(text) ? { kind: 'cidr', cidr: text } : { kind: 'unknown' };
}

/** The rule specification as text, for matching "-D CHAIN <spec>" against earlier rules. */
export function specOf(cmd: ParsedCommand): string {
  return cmd.words.slice(cmd.specStart).map((w) => w.text).join(' ');
}
