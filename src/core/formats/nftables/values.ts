/** Resolves match values (`445`, `{ 139, 445 }`, `$lan`, `@trusted`, `137-139`) into elements. */
import { literalSet } from '../../analysis/addresses';
import type { PortRange } from '../../model/ports';
import { portProblemIn, portRangeIn, type PortSyntax } from '../common/port-range';
import type { AddressValue } from '../../model/rule';
import type { Span } from '../../types';
import type { ExpansionBudget } from '../common/expansion';
import type { Ruleset, Table } from './doc';
import { spanOf, unquote, type Tok } from './lexer';
import { elementsOf } from './elements';
import { pushAll } from '../../text/arrays';

export interface Elem {
  /** The element as nft reads it ("137-139", "10.0.0.0/8", "lo"). */
  text: string;
  span: Span;
  toks: Tok[];
  /** Written in the rule itself, not pulled in through a `$define` or an `@set`. */
  literal: boolean;
}

export interface Value {
  toks: Tok[];
  span: Span;
  /** Undefined when some part cannot be known from the file (a set filled at run time, an unknown `$var`). */
  elems: Elem[] | undefined;
  /** Written as `{ … }` in the rule. */
  braced: boolean;
}

const ANNOTATIONS = new Set(['comment', 'timeout', 'expires', 'counter']);

export class Resolver {
  constructor(
    readonly rs: Ruleset,
    readonly table: Table | undefined,
    /** The document's: a `define` of defines can fan out exponentially (a rule naming one copies it once). */
    readonly budget: ExpansionBudget,
  ) {}

  /** A named set's elements, resolved once: a 12,500-element blocklist set is named by many rules. */
  private readonly sets = new Map<string, Elem[] | undefined>();

  value(toks: Tok[]): Value {
    const span = toks.length ? spanOf(toks[0], toks[toks.length - 1]) : { offset: 0, length: 0 };
    return { toks, span, elems: this.elements(toks, true, 0), braced: toks[0]?.text === '{' };
  }

  /** Elements behind a `$var` or `@set` keep the reference's span in the rule: that is where people look. */
  private elements(toks: Tok[], literal: boolean, depth: number, anchor?: Span): Elem[] | undefined {
    if (depth > 8) return undefined;
    const out: Elem[] = [];
    for (const part of elementsOf(toks)) {
      const first = part[0];
      if (first.text === '{') {
        const inner = this.elements(part, literal, depth + 1, anchor);
        if (!inner) return undefined;
        for (const e of inner) out.push(e);
      } else if (first.text.startsWith('$')) {
        const def = this.rs.variable(first.text.slice(1).replace(/^\{(.*)\}$/, '$1'));
        // Only a reference inside a definition multiplies: it is charged, with what it copies.
        const nested = depth > 0;
        if (!def || (nested && !this.budget.take(first.text, spanOf(first), 0))) return undefined;
        const inner = this.elements(def, false, depth + 1, anchor ?? spanOf(first));
        if (!inner || (nested && !this.budget.take(first.text, spanOf(first), 0, inner.length))) return undefined;
        for (const e of inner) out.push(e);
      } else if (first.text.startsWith('@')) {
        const inner = this.setElements(first.text.slice(1), depth);
        if (!inner) return undefined;
        const at = anchor ?? spanOf(first);
        for (const e of inner) out.push({ ...e, span: at });
      } else {
        let end = part.findIndex((t, i) => i > 0 && t.kind === 'word' && ANNOTATIONS.has(t.text));
        if (end < 0) end = part.length;
        const used = part.slice(0, end);
        const last = used[used.length - 1];
        out.push({ text: used.map(unquote).join(''), span: anchor ?? spanOf(first, last), toks: used, literal });
      }
    }
    return out;
  }

  /** The elements of `@name` (their spans are the reference's, set by the caller); undefined when the set is
   *  unknown, filled at run time, or empty. */
  private setElements(name: string, depth: number): Elem[] | undefined {
    if (this.sets.has(name)) return this.sets.get(name);
    const set = this.table?.sets.get(name);
    let out: Elem[] | undefined;
    if (set?.elements && !set.dynamic && set.elements.length) {
      out = [];
      for (const e of set.elements) {
        const inner = this.elements(e, false, depth + 1);
        if (!inner) {
          out = undefined;
          break;
        }
        pushAll(out, inner);
      }
    }
    this.sets.set(name, out);
    return out;
  }
}

/** nft(8) reads service names through getaddrinfo and refuses a range high to low ("Range has zero or negative
 *  size", src/evaluate.c expr_evaluate_range). */
export const NFT_PORTS: PortSyntax = { tool: 'nft', separator: '-', names: true, reversed: 'reject' };

/** The port range an element names (a number, a service name, or a range of either); undefined when nft would
 *  refuse it (portProblemOf says why). */
export function portRangeOf(text: string): PortRange | undefined {
  return portRangeIn(text, NFT_PORTS);
}

/** Why nft would refuse an element as a port; undefined when it is one. */
export function portProblemOf(text: string): string | undefined {
  return portProblemIn(text, NFT_PORTS);
}

const V4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;
// The first run stops at the first ':': one way to split the token, so the test is linear.
const V6 = /^[0-9a-fA-F]*:[0-9a-fA-F:.]*(?:\/\d{1,3})?$/;

/** What an address element means; `valid` is false for a literal that is no address (10.1.300.0/24). */
export function addressOf(text: string): { value: AddressValue; valid: boolean } {
  if (V4.test(text) || V6.test(text)) return { value: { kind: 'cidr', cidr: text }, valid: literalSet(text) !== undefined };
  const dash = text.indexOf('-');
  if (dash > 0) {
    const a = text.slice(0, dash);
    const b = text.slice(dash + 1);
    if ((V4.test(a) && V4.test(b)) || (V6.test(a) && V6.test(b))) return { value: { kind: 'range', range: text }, valid: literalSet(text, true) !== undefined };
  }
  return { value: { kind: 'unknown' }, valid: true };
}
