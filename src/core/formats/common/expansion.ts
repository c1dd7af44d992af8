/**
 * One expansion budget per document, shared by every reader that expands names into values: pf macros, shell,
 * PowerShell and batch variables, Cisco object groups, Ansible Jinja references. Expansion is exponential in the
 * worst case (each definition doubles the one before: "billion laughs"), so a depth limit alone bounds nothing;
 * the budget caps the total expanded size, counted, never timed, so the result is the same on every run.
 * When a step would pass it, the reader stops expanding, the value is unknown (never guessed, never "any"), and
 * the document gets exactly one parse problem, at the first place the budget ran out.
 */
import type { ParseProblem, Span } from '../../types';

/**
 * Far above any real file. A 2 MB iptables script that writes `$IPT` before each of 50,000 rules expands to
 * about 1 MB; real pf macro lists and PowerShell port lists are a few hundred characters; real ASA configurations
 * flatten to a few thousand object-group members. Ten times the document (and at least 1 MiB) leaves room for
 * every reference pulling in a value longer than itself, while keeping the work linear in the document.
 */
export const EXPANSION_LIMITS = {
  /** Expanded characters per document: at least this many… */
  minChars: 1 << 20,
  /** …or this many per character of the document. */
  charsPerChar: 10,
  /** Expanded items (list elements, group members, followed references) per document: at least this many… */
  minItems: 100_000,
  /** …or one per character of the document (every reference is written with at least one). */
  itemsPerChar: 1,
  /** Nested references followed at once. */
  depth: 64,
};

export class ExpansionBudget {
  readonly maxChars: number;
  readonly maxItems: number;
  readonly maxDepth: number;
  private chars = 0;
  private items = 0;
  private problem: ParseProblem | undefined;

  constructor(documentLength: number, limits = EXPANSION_LIMITS) {
    this.maxChars = Math.max(limits.minChars, limits.charsPerChar * documentLength);
    this.maxItems = Math.max(limits.minItems, limits.itemsPerChar * documentLength);
    this.maxDepth = limits.depth;
  }

  /** True once a step was refused: every later expansion is refused too, so the work stays bounded. */
  get spent(): boolean {
    return this.problem !== undefined;
  }

  /**
   * Charges one expansion of `name` (as written, e.g. "$ports") at `span` that yields `chars` characters and
   * `items` items. False when it would pass the budget, or the budget is already spent: the caller then treats
   * the value as unknown and builds nothing.
   */
  take(name: string, span: Span, chars: number, items = 1): boolean {
    if (this.problem) return false;
    if (this.chars + chars > this.maxChars) return this.refuse(name, span, `${this.maxChars} characters`);
    if (this.items + items > this.maxItems) return this.refuse(name, span, `${this.maxItems} items`);
    this.chars += chars;
    this.items += items;
    return true;
  }

  /** False (and the budget spent) when following `name` would nest references deeper than allowed. */
  enter(name: string, span: Span, depth: number): boolean {
    if (this.problem) return false;
    if (depth > this.maxDepth) return this.refuse(name, span, `${this.maxDepth} nested references`);
    return true;
  }

  /** None, or the one problem saying where the budget ran out. */
  get problems(): ParseProblem[] {
    return this.problem ? [this.problem] : [];
  }

  private refuse(name: string, span: Span, limit: string): false {
    this.problem = { span, message: `expanding ${name} would exceed ${limit}; the rest of the value is unknown` };
    return false;
  }
}
