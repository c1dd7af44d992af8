/**
 * How iptables rules sit in the model. Spans, texts and items are made from offsets when asked for: a finding
 * needs them for a handful of rules, and a 50,000-rule file would otherwise keep hundreds of thousands more
 * objects.
 */
import { literalSet } from '../../analysis/addresses';
import { AddressSet, parseDottedQuad } from '../../model/cidr';
import type { PortRange } from '../../model/ports';
import type { AccessRule, Action, AddressItem, AddressMatch, InterfaceMatch, PortItem, PortMatch, Protocol, RuleScope } from '../../model/rule';
import type { Span } from '../../types';
import { interfaceItem } from '../common/interfaces';
import { parseArgs } from './args';
import { lexSaveLine } from './lexer';
import { partEnd } from './values';

/** No port or address match: one shared, frozen object each rather than two per rule of a large file. */
export const ALL_PORTS: PortMatch = Object.freeze({ ranges: undefined, items: Object.freeze([]) as unknown as PortItem[], negated: false, span: undefined });
export const ANY_ADDRESS: AddressMatch = Object.freeze({ items: Object.freeze([]) as unknown as AddressItem[], negated: false, span: undefined });

/** What both kinds of rule share: a place in the document, given as offsets, and a number in the chain. */
abstract class RuleAt {
  /** The rule's position in its chain. */
  index = 0;
  constructor(
    protected readonly doc: string,
    protected readonly start: number,
    protected readonly end: number,
  ) {}

  get span(): Span {
    return { offset: this.start, length: this.end - this.start };
  }

  get label(): string {
    return `rule ${this.index + 1}`;
  }

  get text(): string {
    return this.doc.slice(this.start, this.end);
  }
}

/** A rule the general parser built: script commands, and save lines the fast reader leaves to it. */
export class IptablesRule extends RuleAt implements AccessRule {
  constructor(
    doc: string,
    readonly action: AccessRule['action'],
    readonly target: string | undefined,
    readonly protocol: AccessRule['protocol'],
    readonly ports: PortMatch,
    readonly sources: AddressMatch,
    readonly destinations: AddressMatch,
    readonly conditional: boolean,
    readonly establishedOnly: boolean,
    start: number,
    end: number,
    private readonly actionStart: number,
    private readonly actionEnd: number,
    /** -1: no protocol written. */
    private readonly protocolStart: number,
    private readonly protocolEnd: number,
    readonly native: unknown,
    /** The interfaces of `-i` / `-o`; undefined: every interface. */
    readonly scope: RuleScope | undefined,
    readonly conditions: string[] | undefined,
  ) {
    super(doc, start, end);
  }

  get actionSpan(): Span {
    return { offset: this.actionStart, length: this.actionEnd - this.actionStart };
  }

  get protocolSpan(): Span | undefined {
    return this.protocolStart < 0 ? undefined : { offset: this.protocolStart, length: this.protocolEnd - this.protocolStart };
  }
}

const ACTIONS: readonly Action[] = ['allow', 'deny', 'jump', 'return', 'log'];
const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'any', 'other'];
const CONDITIONAL = 1 << 5;
const ESTABLISHED = 1 << 6;
const SOURCE_NEGATED = 1 << 7;
const DESTINATION_NEGATED = 1 << 8;
/** Bits 9 to 14: the source's IPv4 prefix length plus one, when `sourceBlock` holds its first address. */
const SOURCE_PREFIX_SHIFT = 9;
const IN_NEGATED = 1 << 15;
const OUT_NEGATED = 1 << 16;

/** The longest save line a SaveRule holds: its places are kept as 10-bit offsets from the line's start. */
export const MAX_SAVE_LINE = 1023;

/** Up to three offsets within a save line, in one small integer. */
export const placeOf = (a: number, b: number, c = 0): number => (a << 20) | (b << 10) | c;

/** The engine's facts about a save rule, in one small integer; `sourcePrefix` -1 when the source is not an IPv4
 *  block known from the reading. */
export function flagsOf(action: Action, protocol: Protocol, conditional: boolean, establishedOnly: boolean, sourceNegated: boolean, destinationNegated: boolean, sourcePrefix: number, inNegated = false, outNegated = false): number {
  return (
    ((sourcePrefix + 1) << SOURCE_PREFIX_SHIFT) |
    (inNegated ? IN_NEGATED : 0) |
    (outNegated ? OUT_NEGATED : 0) |
    ACTIONS.indexOf(action) |
    (PROTOCOLS.indexOf(protocol) << 3) |
    (conditional ? CONDITIONAL : 0) |
    (establishedOnly ? ESTABLISHED : 0) |
    (sourceNegated ? SOURCE_NEGATED : 0) |
    (destinationNegated ? DESTINATION_NEGATED : 0)
  );
}

/**
 * A rule read by the fast save-line reader, as small as it can be: the engine's facts in one integer, places as
 * offsets from the line's start, addresses read again from the text when asked. A 50,000-rule file keeps one
 * object a rule (two with a port match), and every collection while it is read copies that much less.
 */
export class SaveRule extends RuleAt implements AccessRule {
  constructor(
    doc: string,
    start: number,
    end: number,
    private readonly flags: number,
    readonly target: string | undefined,
    readonly ports: PortMatch,
    /** placeOf(offset, length) of the action word (the chain's name when there is no -j). */
    private readonly actionAt: number,
    /** placeOf(offset, length) of the protocol word; -1: none. */
    private readonly protocolAt: number,
    /** placeOf(match start, value offset, value length) of the address; -1: none. */
    private readonly sourceAt: number,
    private readonly destinationAt: number,
    /** The first address of an IPv4 source block as a 32-bit integer (its prefix is in `flags`): the engine asks
     *  every rule for its source, and reading the digits again showed in profiles. */
    private readonly sourceBlock: number,
    /** placeOf(match start, value offset, value length) of `-i` / `-o`; -1: none. */
    private readonly inAt = -1,
    private readonly outAt = -1,
  ) {
    super(doc, start, end);
  }

  /** Built when asked: only the engine's walk per interface and a finding's message read it. */
  get scope(): RuleScope | undefined {
    if (this.inAt < 0 && this.outAt < 0) return undefined;
    const scope: RuleScope = {};
    if (this.inAt >= 0) scope.in = this.interfaces(this.inAt, (this.flags & IN_NEGATED) !== 0);
    if (this.outAt >= 0) scope.out = this.interfaces(this.outAt, (this.flags & OUT_NEGATED) !== 0);
    return scope;
  }

  /** The line read again by the general parser: a message names them for the few rules that have findings. */
  get conditions(): string[] | undefined {
    if (!this.conditional) return undefined;
    return parseArgs(lexSaveLine(this.doc, this.start, this.end), true).conditions;
  }

  private interfaces(at: number, negated: boolean): InterfaceMatch {
    const value = this.start + ((at >> 10) & MAX_SAVE_LINE);
    const end = value + (at & MAX_SAVE_LINE);
    return interfaceMatch(this.doc.slice(value, end), { offset: value, length: end - value }, negated, this.start + (at >> 20));
  }

  get action(): Action {
    return ACTIONS[this.flags & 7];
  }

  get protocol(): Protocol {
    return PROTOCOLS[(this.flags >> 3) & 3];
  }

  get conditional(): boolean {
    return (this.flags & CONDITIONAL) !== 0;
  }

  get establishedOnly(): boolean {
    return (this.flags & ESTABLISHED) !== 0;
  }

  get sources(): AddressMatch {
    const prefix = ((this.flags >> SOURCE_PREFIX_SHIFT) & 63) - 1;
    const start = this.sourceBlock >>> 0;
    const known = prefix < 0 ? undefined : AddressSet.range(start, start + 2 ** (32 - prefix));
    return this.address(this.sourceAt, (this.flags & SOURCE_NEGATED) !== 0, known);
  }

  get destinations(): AddressMatch {
    return this.address(this.destinationAt, (this.flags & DESTINATION_NEGATED) !== 0);
  }

  /** The table name, as every save-file rule's native data (see `ruleDetail`). */
  get native(): string {
    return 'filter';
  }

  get actionSpan(): Span {
    return { offset: this.start + (this.actionAt >> 20), length: (this.actionAt >> 10) & MAX_SAVE_LINE };
  }

  get protocolSpan(): Span | undefined {
    const at = this.protocolAt;
    return at < 0 ? undefined : { offset: this.start + (at >> 20), length: (at >> 10) & MAX_SAVE_LINE };
  }

  private address(at: number, negated: boolean, known?: AddressSet): AddressMatch {
    if (at < 0) return ANY_ADDRESS;
    const value = this.start + ((at >> 10) & MAX_SAVE_LINE);
    return new LineAddressMatch(this.doc, this.start + (at >> 20), value, value + (at & MAX_SAVE_LINE), negated, known);
  }
}

/** `[!] -i NAME` from the match's start: `+` at the end of the name matches every name that starts with the rest
 *  (man iptables, "-i, --in-interface"). */
export function interfaceMatch(name: string, span: Span, negated: boolean, start: number, unknown = false): InterfaceMatch {
  const whole = { offset: start, length: span.offset + span.length - start };
  return unknown ? { items: [], negated, span: whole, unknown } : { items: [interfaceItem(name, '+', span)], negated, span: whole };
}

/** One address written as a single word of a save line (`[!] -s 10.0.0.0/8`), known to be valid. It keeps only
 *  offsets and works its set out again when asked: a handful of small numbers per rule is all a 50,000-rule file
 *  keeps, where a set held from the start would add three objects a rule, each copied by every collection. */
export class LineAddressMatch implements AddressMatch {
  private built: AddressItem[] | undefined;
  constructor(
    private readonly doc: string,
    /** Where the match starts: its "!" or its option. */
    private readonly start: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    readonly negated: boolean,
    /** The set, when the rule already knows it. */
    private readonly known?: AddressSet,
  ) {}

  get set(): AddressSet {
    const { doc, valueStart, valueEnd } = this;
    return this.known ?? parseDottedQuad(doc, valueStart, valueEnd) ?? (literalSet(doc.slice(valueStart, valueEnd)) as AddressSet);
  }

  get items(): AddressItem[] {
    if (!this.built) {
      const text = this.doc.slice(this.valueStart, this.valueEnd);
      this.built = [{ text, span: { offset: this.valueStart, length: this.valueEnd - this.valueStart }, value: { kind: 'cidr', cidr: text } }];
    }
    return this.built;
  }

  get span(): Span {
    return { offset: this.start, length: this.valueEnd - this.start };
  }
}

/** A port list written as a single plain word of a save line (`[!] --dports 139,445`). */
export class LinePortMatch implements PortMatch {
  private built: PortItem[] | undefined;
  constructor(
    private readonly doc: string,
    private readonly start: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    readonly ranges: PortRange[],
    readonly negated: boolean,
  ) {}

  get items(): PortItem[] {
    if (!this.built) {
      const { doc, ranges } = this;
      this.built = [];
      let at = this.valueStart;
      for (const range of ranges) {
        const end = partEnd(doc, at, this.valueEnd);
        this.built.push({ range, text: doc.slice(at, end), span: { offset: at, length: end - at } });
        at = end + 1;
      }
    }
    return this.built;
  }

  get span(): Span {
    return { offset: this.start, length: this.valueEnd - this.start };
  }
}
