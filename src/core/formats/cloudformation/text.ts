/** Text helpers for fixes in YAML/JSON templates (shared with ARM): spans of nodes, scalars written in the
 *  file's own style, and copies of a node inserted next to it with a few values changed. */
import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from '../common/yaml';
import { lineBreakOf } from '../../text/eol';
import type { Span, TextEdit } from '../../types';
import { lineStartOf } from '../../text/lines';
import { applyEditsWithin } from '../../fixes/apply-edits';

/** The value under a string key of a map (first key wins; a non-string key never matches). A short scan:
 *  template maps have a handful of keys, and building a dictionary per map cost more than it saved. */
export function field(node: unknown, key: string): Node | undefined {
  return (pairOf(node, key)?.value as Node | null | undefined) ?? undefined;
}

/** The pair of a map with a string key (first key wins), by the same short scan. */
export function pairOf(node: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(node)) return undefined;
  const list = node.items;
  for (let i = 0; i < list.length; i++) {
    // The value first: one property read rules out most keys, and isScalar reads a symbol property.
    const k = list[i].key as { value?: unknown } | null;
    if (k?.value === key && isScalar(k)) return list[i] as Pair<Node, Node>;
  }
  return undefined;
}

/** A JSON document (CloudFormation JSON, ARM): no block syntax, no tags, no `#` comments. */
export function isJsonText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n' && c !== '\uFEFF') return false;
  }
  return false;
}

/** True when only blanks stand between the start of the line and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** Where a node starts, including a local tag written before it (`!Ref X`: the range yaml gives starts at `X`). */
function nodeStart(text: string, node: Node, r: [number, number, number]): number {
  const start = r[0];
  const tag = node.tag;
  if (tag && tag.startsWith('!')) {
    let p = start;
    while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
    if (text.startsWith(tag, p - tag.length) && p - tag.length >= 0) return p - tag.length;
  }
  return start;
}

/** Where a node's value ends: block collections end after their last line break (and any comment lines that
 *  follow), which is not part of the value. */
function nodeEnd(text: string, start: number, r: [number, number, number]): number {
  let end = r[1];
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return end;
}

/** A node's span including a local tag written before it (`!Ref X`: the range yaml gives starts at `X`). */
export function nodeSpan(text: string, node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  if (!node || !r) return undefined;
  const start = nodeStart(text, node, r);
  return { offset: start, length: nodeEnd(text, start, r) - start };
}

/** From the start of `a` to the end of `b` (as `nodeSpan` reads them), built as one span; `a`'s span when `b`
 *  is missing or starts before it, `b`'s when `a` is missing. */
export function rangeSpan(text: string, a: Node | null | undefined, b: Node | null | undefined): Span | undefined {
  const ra = a?.range;
  const rb = b?.range;
  if (!a || !ra) return b && rb ? nodeSpan(text, b) : undefined;
  const startA = nodeStart(text, a, ra);
  if (!b || !rb) return { offset: startA, length: nodeEnd(text, startA, ra) - startA };
  const startB = nodeStart(text, b, rb);
  if (startB < startA) return { offset: startA, length: nodeEnd(text, startA, ra) - startA };
  return { offset: startA, length: nodeEnd(text, startB, rb) - startA };
}

/** Replaces a value node with a scalar. A block collection (`Key:` then indented lines) is replaced from
 *  just after the colon, so the scalar lands on the key's line. */
export function valueEdit(text: string, node: Node | null | undefined, scalar: string): TextEdit | undefined {
  const span = nodeSpan(text, node);
  if (!span) return undefined;
  const c = text[span.offset];
  if ((isMap(node) || isSeq(node)) && c !== '{' && c !== '[') {
    let p = span.offset;
    while (p > 0 && /\s/.test(text[p - 1])) p--;
    if (text[p - 1] === ':') return { span: { offset: p, length: span.offset + span.length - p }, newText: ` ${scalar}` };
  }
  return { span, newText: scalar };
}

/** A pair from its key to the end of its value. */
export function pairSpan(text: string, pair: Pair<Node, Node>): Span | undefined {
  const key = pair.key;
  const rk = key?.range;
  if (!key || !rk) return undefined;
  const start = nodeStart(text, key, rk);
  const value = pair.value;
  const rv = value?.range;
  // The value's end as `nodeSpan` reads it (the key's when there is no value), built as one span.
  let end = value && rv ? nodeEnd(text, nodeStart(text, value, rv), rv) : nodeEnd(text, start, rk);
  // Block collections end after their last line break: the pair ends with its last character.
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return { offset: start, length: end - start };
}

const PLAIN_SAFE = /^[A-Za-z0-9_][\w./:-]*$/;

/** A value written like the scalar it replaces: same quotes; plain numbers stay numbers. */
export function scalarLike(node: Node | null | undefined, value: string | number, json: boolean): string {
  const s = String(value);
  const type = isScalar(node) && !node.tag?.startsWith('!') ? node.type : undefined;
  if (type === 'QUOTE_SINGLE') return `'${s.replace(/'/g, "''")}'`;
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(s);
  if (typeof value === 'number') return s;
  if (json) return JSON.stringify(s);
  return PLAIN_SAFE.test(s) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s);
}

/** Applies edits that fall inside [start, end) to that slice of the text. */

/** Drops whole-line comments from a copied block, so markers and suppressions are not duplicated. */
export function withoutCommentLines(copy: string, comment: string | undefined): string {
  if (!comment) return copy;
  return copy
    .split('\n')
    .filter((line, i) => i === 0 || !line.trimStart().startsWith(comment))
    .join('\n');
}

/** Inserts a copy of the node at `span` (an item or a key: value pair) next to it, with `edits` applied to
 *  the copy. `before` puts it ahead (order matters: priorities), otherwise after. In a block collection the
 *  copy takes the original's line prefix (indentation and `- `); in a flow collection or JSON (`flow`) it is
 *  separated by a comma. */
export function copyNode(text: string, span: Span, edits: TextEdit[], comment: string | undefined, before: boolean, flow: boolean): TextEdit | undefined {
  const eol = lineBreakOf(text);
  const end = span.offset + span.length;
  const copy = withoutCommentLines(applyEditsWithin(text, span, edits), comment);
  if (flow) {
    const own = startsLine(text, span.offset);
    const indent = text.slice(lineStartOf(text, span.offset), span.offset);
    const sep = own ? `,${eol}${indent}` : ', ';
    return before ? { span: { offset: span.offset, length: 0 }, newText: `${copy}${sep}` } : { span: { offset: end, length: 0 }, newText: `${sep}${copy}` };
  }
  const ls = lineStartOf(text, span.offset);
  const prefix = text.slice(ls, span.offset);
  if (!/^[ \t]*(?:-[ \t]+)?$/.test(prefix)) return undefined;
  if (before) return { span: { offset: ls, length: 0 }, newText: `${prefix}${copy}${eol}` };
  const nl = text.indexOf('\n', end);
  const at = nl < 0 ? text.length : nl + 1;
  const lead = nl < 0 ? eol : '';
  return { span: { offset: at, length: 0 }, newText: `${lead}${prefix}${copy}${nl < 0 ? '' : eol}` };
}

/** A name not yet used in the document: `base`, `base2`, `base3`… */
export function freeName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

/** Free numbers strictly between `low` and `high` (priorities, NACL rule numbers), nearest `high` first when
 *  `nearHigh`, else nearest `low`; undefined when fewer than `count` fit. */
export function freeNumbers(used: ReadonlySet<number>, low: number, high: number, count: number, nearHigh: boolean): number[] | undefined {
  const out: number[] = [];
  if (nearHigh) for (let n = high - 1; n > low && out.length < count; n--) { if (!used.has(n)) out.push(n); }
  else for (let n = low + 1; n < high && out.length < count; n++) { if (!used.has(n)) out.push(n); }
  return out.length === count ? out.sort((a, b) => a - b) : undefined;
}
