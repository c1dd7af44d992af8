/**
 * The fast reader of iptables-save rule lines. iptables-save writes "-A" lines in one regular form; this reads
 * that form straight from the characters into a rule, with no word objects or parsed command in between, which
 * a 50,000-line file otherwise spends most of its time allocating. Whatever it does not know (other options,
 * quotes where a value matters, hostnames, bad ports) it leaves to the general parser by returning undefined.
 * The two must build the same rule from every line this one reads: a differential test holds them to it.
 */
import { literalSet } from '../../analysis/addresses';
import { dottedQuadBlock } from '../../model/cidr';
import { MAX_PORT, type PortRange } from '../../model/ports';
import type { AccessRule, Action, PortMatch, Protocol } from '../../model/rule';
import { actionOf, KNOWN_MODULES, portList, protocolOf, stateEffect } from './values';
import { SaveWordCursor } from './lexer';
import { ALL_PORTS, flagsOf, LinePortMatch, MAX_SAVE_LINE, placeOf, SaveRule } from './rule';

const QUOTE = 34;
const BACKSLASH = 92;
const DASH = 45;

/** The options this reader knows, by spelling. Each takes exactly one value. */
const enum Opt {
  Source,
  Destination,
  Protocol,
  DPort,
  SPort,
  InInterface,
  OutInterface,
  State,
  Match,
  Jump,
  /** Takes a value that changes nothing: --comment, and the target's own options. */
  Skip,
}

const SPELLINGS: [string, Opt][] = [
  ['-s', Opt.Source], ['--source', Opt.Source], ['--src', Opt.Source],
  ['-d', Opt.Destination], ['--destination', Opt.Destination], ['--dst', Opt.Destination],
  ['-p', Opt.Protocol], ['--protocol', Opt.Protocol],
  ['--dport', Opt.DPort], ['--dports', Opt.DPort], ['--destination-port', Opt.DPort], ['--destination-ports', Opt.DPort], ['--ports', Opt.DPort],
  ['--sport', Opt.SPort], ['--sports', Opt.SPort], ['--source-port', Opt.SPort], ['--source-ports', Opt.SPort],
  ['-i', Opt.InInterface], ['--in-interface', Opt.InInterface],
  ['-o', Opt.OutInterface], ['--out-interface', Opt.OutInterface],
  ['--state', Opt.State], ['--ctstate', Opt.State],
  ['-m', Opt.Match], ['--match', Opt.Match],
  ['-j', Opt.Jump], ['--jump', Opt.Jump], ['-g', Opt.Jump], ['--goto', Opt.Jump],
  ['--comment', Opt.Skip], ['--reject-with', Opt.Skip], ['--log-prefix', Opt.Skip], ['--log-level', Opt.Skip],
];

/**
 * Words looked up where they stand in the line, not cut out first: a save line has a dozen words, and a string
 * made for each only to be looked up shows in profiles. The few candidates of the word's length are compared
 * character by character, from the end (options share their "-" or "--" start).
 */
class WordTable<T> {
  private readonly byLength: { words: string[]; values: T[] }[] = [];

  constructor(entries: Iterable<[string, T]>) {
    for (const [word, value] of entries) {
      const bucket = (this.byLength[word.length] ??= { words: [], values: [] });
      bucket.words.push(word);
      bucket.values.push(value);
    }
  }

  get(text: string, start: number, end: number): T | undefined {
    const bucket = this.byLength[end - start];
    if (bucket === undefined) return undefined;
    const { words, values } = bucket;
    next: for (let k = 0; k < words.length; k++) {
      const w = words[k];
      for (let i = w.length - 1; i >= 0; i--) if (text.charCodeAt(start + i) !== w.charCodeAt(i)) continue next;
      return values[k];
    }
    return undefined;
  }
}

const OPTIONS = new WordTable(SPELLINGS);
/** One-letter options by their letter's code: most options of a save line are these. */
const SHORT: (Opt | undefined)[] = [];
for (const [spelling, opt] of SPELLINGS) if (spelling.length === 2) SHORT[spelling.charCodeAt(1)] = opt;
const MODULES = new WordTable([...KNOWN_MODULES].map((m): [string, true] => [m, true]));
/** The targets that decide most rules, read without a string made for them. */
const TARGETS = new WordTable<Action>([['ACCEPT', 'allow'], ['DROP', 'deny'], ['REJECT', 'deny'], ['RETURN', 'return'], ['LOG', 'log']]);

/** One-port lists, shared: most rules of a large file name one of a few ports. */
const onePort: PortRange[][] = [];
const singlePort = (port: number): PortRange[] => (onePort[port] ??= [[port, port]]);

/** Reads the rule lines of one save file; `chain` is the chain of the line last read. */
export class SaveLineReader {
  chain = '';
  /** The words of the line at hand, walked in place. */
  private readonly w: SaveWordCursor;

  constructor(
    private readonly text: string,
    private readonly family: 4 | 6,
  ) {
    this.w = new SaveWordCursor(text);
  }

  /** The filter-table rule an "-A" line from `lineStart` to `lineEnd` writes, or undefined to leave it to the
   *  general parser. */
  read(lineStart: number, lineEnd: number): AccessRule | undefined {
    const { text, w } = this;
    w.reset(lineStart, lineEnd);
    if (lineEnd - lineStart > MAX_SAVE_LINE || !w.next() || w.end - w.start !== 2 || !text.startsWith('-A', w.start)) return undefined;
    const ruleStart = w.start;
    if (!w.next() || w.quoted || text.charCodeAt(w.start) === DASH) return undefined;
    this.chain = this.word(this.chain);
    let actionAt = placeOf(w.start - ruleStart, w.end - w.start);
    let action: Action = 'log';
    let target: string | undefined;
    let protocol: Protocol = 'any';
    let protocolAt = -1;
    let ports: PortMatch = ALL_PORTS;
    let sourceAt = -1;
    let destinationAt = -1;
    let sourceNegated = false;
    let sourcePrefix = -1;
    let sourceBlock = 0;
    let destinationNegated = false;
    let conditional = false;
    let establishedOnly = false;
    let inAt = -1;
    let outAt = -1;
    let inNegated = false;
    let outNegated = false;
    while (w.next()) {
      const optStart = w.start;
      const negated = w.end - w.start === 1 && text.charCodeAt(w.start) === 33;
      if (negated && !w.next()) return undefined;
      const opt = w.quoted || text.charCodeAt(w.start) !== DASH ? undefined : w.end - w.start === 2 ? SHORT[text.charCodeAt(w.start + 1)] : OPTIONS.get(text, w.start, w.end);
      if (opt === undefined) return undefined;
      // The value: present, not an option, not a "!" (the old "-s ! x" form), quoted only where unread.
      if (!w.next() || text.charCodeAt(w.start) === DASH || (w.end - w.start === 1 && text.charCodeAt(w.start) === 33)) return undefined;
      if (w.quoted && (opt !== Opt.Skip || !this.plainQuoted())) return undefined;
      switch (opt) {
        case Opt.Source:
          if (sourceAt >= 0) return undefined;
          if (this.family === 4) {
            const block = dottedQuadBlock(text, w.start, w.end);
            if (!block) return undefined;
            sourceBlock = block.start | 0;
            sourcePrefix = block.prefix;
          } else if (!this.address()) return undefined;
          sourceAt = placeOf(optStart - ruleStart, w.start - ruleStart, w.end - w.start);
          sourceNegated = negated;
          break;
        case Opt.Destination:
          if (destinationAt >= 0 || !this.address()) return undefined;
          destinationAt = placeOf(optStart - ruleStart, w.start - ruleStart, w.end - w.start);
          destinationNegated = negated;
          break;
        case Opt.Protocol:
          protocol = !negated && this.is('tcp') ? 'tcp' : !negated && this.is('udp') ? 'udp' : protocolOf(text.slice(w.start, w.end), negated);
          protocolAt = placeOf(w.start - ruleStart, w.end - w.start);
          break;
        case Opt.DPort: {
          const ranges = this.ports();
          if (!ranges) return undefined;
          ports = new LinePortMatch(text, optStart, w.start, w.end, ranges, negated);
          break;
        }
        case Opt.InInterface:
          // "-i lo" / "-o lo" make the rule a loopback rule: the general parser knows how.
          if (inAt >= 0 || (!negated && w.end - w.start === 2 && text.startsWith('lo', w.start))) return undefined;
          inAt = placeOf(optStart - ruleStart, w.start - ruleStart, w.end - w.start);
          inNegated = negated;
          break;
        case Opt.OutInterface:
          if (outAt >= 0 || (!negated && w.end - w.start === 2 && text.startsWith('lo', w.start))) return undefined;
          outAt = placeOf(optStart - ruleStart, w.start - ruleStart, w.end - w.start);
          outNegated = negated;
          break;
        case Opt.SPort:
          conditional = true;
          break;
        case Opt.State: {
          // "NEW" alone, the common case, changes nothing.
          const effect = !negated && this.is('NEW') ? undefined : stateEffect(text.slice(w.start, w.end), negated);
          if (effect === 'established') establishedOnly = true;
          else if (effect === 'conditional') conditional = true;
          // What DNAT forwards is known once the whole file is read: the general parser's.
          else if (effect === 'dnat') return undefined;
          break;
        }
        case Opt.Match:
          if (!MODULES.get(text, w.start, w.end)) conditional = true;
          break;
        case Opt.Jump: {
          action = TARGETS.get(text, w.start, w.end) ?? actionOf(text.slice(w.start, w.end));
          target = action === 'jump' ? `v${this.family}/filter/${text.slice(w.start, w.end)}` : undefined;
          actionAt = placeOf(w.start - ruleStart, w.end - w.start);
          break;
        }
        case Opt.Skip:
          break;
      }
    }
    const flags = flagsOf(action, protocol, conditional, establishedOnly, sourceNegated, destinationNegated, sourcePrefix, inNegated, outNegated);
    return new SaveRule(text, ruleStart, lineEnd, flags, target, ports, actionAt, protocolAt, sourceAt, destinationAt, sourceBlock, inAt, outAt);
  }

  /** The port list of the word at hand; a single port number is read from its digits. */
  private ports(): PortRange[] | undefined {
    const { text, start, end } = this.w;
    let port = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57 || i - start > 4) return portList(text.slice(start, end));
      port = port * 10 + c - 48;
    }
    return port <= MAX_PORT ? singlePort(port) : undefined;
  }

  /** The word at hand is exactly `s`. */
  private is(s: string): boolean {
    const { text, start, end } = this.w;
    if (end - start !== s.length) return false;
    for (let i = 0; i < s.length; i++) if (text.charCodeAt(start + i) !== s.charCodeAt(i)) return false;
    return true;
  }

  /** A quoted word whose text cannot read as an option or a "!" once its quotes are gone. OpenWrt's fw3 marks
   *  every rule `--comment "!fw3"`: a "!" with more after it is plain text. */
  private plainQuoted(): boolean {
    const { text, start } = this.w;
    if (text.charCodeAt(start) !== QUOTE) return true;
    const c = text.charCodeAt(start + 1);
    return c !== DASH && c !== QUOTE && c !== BACKSLASH && (c !== 33 || this.plainAfter(start + 2));
  }

  /** The quoted word goes on with a plain character at `at` (not its closing quote, an escape or its end). */
  private plainAfter(at: number): boolean {
    const c = this.w.text.charCodeAt(at);
    return at < this.w.end && c !== QUOTE && c !== BACKSLASH;
  }

  /** Whether the word at hand is one valid address literal of the file's family. */
  private address(): boolean {
    const { text, start, end } = this.w;
    if (this.family === 4) return dottedQuadBlock(text, start, end) !== undefined;
    const word = text.slice(start, end);
    // IPv6 literals only: anything else (a hostname, a dotted mask, a list) is the general parser's.
    return word.includes(':') && !word.includes(',') && literalSet(word) !== undefined;
  }

  /** The word at hand as a string; `last` again when it is the same (most lines name the chain before). */
  private word(last: string): string {
    const { text, start, end } = this.w;
    return end - start === last.length && text.startsWith(last, start) ? last : text.slice(start, end);
  }
}
