/** The Terraform document as the resource mappers read it, the same for HCL (.tf) and JSON (.tf.json). */
import type { ParseProblem, Span } from '../../types';

export interface HVal {
  kind: 'string' | 'number' | 'bool' | 'null' | 'tuple' | 'object' | 'ref' | 'expr';
  /** The whole expression, quotes included. */
  span: Span;
  /** String content without quotes; numbers and booleans as written. */
  value?: string | number | boolean;
  items?: HVal[];
  entries?: { key: string; value: HVal }[];
  /** A traversal such as var.x, local.x, ingress.value.port: its steps. */
  ref?: string[];
}

/** A scalar as the mappers read it: its text (a string's content, a number as JavaScript writes it) and where the
 *  rule writes it (inside the quotes; the reference when the value lives elsewhere). */
export interface Scalar {
  text: string;
  site: Span;
  /** True when the rule writes the literal itself, so a fix can edit it in place. */
  direct: boolean;
}

export interface HAttr {
  name: string;
  /** From the name to the end of the value. */
  span: Span;
  value: HVal;
}

/** A block's attributes by name: a Map for JSON, offsets into the text for HCL (attrs.ts). */
export interface HAttrs extends Iterable<[string, HAttr]> {
  get(name: string): HAttr | undefined;
  has(name: string): boolean;
}

export interface HBlock {
  type: string;
  /** The block type word (`ingress`, `"ingress"` in JSON). */
  typeSpan: Span;
  labels: string[];
  span: Span;
  attrs: HAttrs;
  blocks: HBlock[];
  /** Where the closing brace sits: new attributes or blocks go before it. */
  closeOffset: number;
  json: boolean;
}

export interface HDoc {
  blocks: HBlock[];
  problems: ParseProblem[];
  json: boolean;
  /** Top-level attributes, when asked for (a .tfvars file's variable values). */
  attrs?: HAttrs;
}

export const spanOf = (start: number, end: number): Span => ({ offset: start, length: Math.max(0, end - start) });

/** The text inside a string literal's quotes, or the whole span for other values. */
export function innerSpan(v: HVal): Span {
  return v.kind === 'string' && v.span.length >= 2 ? { offset: v.span.offset + 1, length: v.span.length - 2 } : v.span;
}

/** Block types that only appear at the top of a file: seen nested, the file lost a closing brace before them. */
export const TOP_LEVEL = new Set(['resource', 'data', 'variable', 'locals', 'module', 'provider', 'terraform', 'output', 'moved', 'import', 'check', 'removed']);
