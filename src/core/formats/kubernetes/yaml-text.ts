/** Text positions around YAML nodes, for minimal edits that keep the file's own layout (shared with compose). */
import type { Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../common/yaml';
import type { Span, TextEdit } from '../../types';
import { columnOf, lineStartOf, nextLineStart } from '../../text/lines';
import { lineBreakOf } from '../../text/eol';

/** Where a node's own text ends: block collections end where their last value ends, not after trailing comments. */
export function contentEnd(node: Node | Pair | null | undefined): number | undefined {
  if (!node) return undefined;
  if (isPair(node)) return contentEnd((node.value as Node | null) ?? (node.key as Node));
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length) return contentEnd(node.items[node.items.length - 1] as Node | Pair);
  return node.range?.[1];
}

/** The whole lines from `start` to `end`, when the first line holds only indentation (and `lead`, e.g. "- ")
 *  before `start` and the last line only a comment after `end`; otherwise undefined. */
export function wholeLines(text: string, start: number, end: number, lead = /^[ \t]*$/): Span | undefined {
  const from = lineStartOf(text, start);
  if (!lead.test(text.slice(from, start))) return undefined;
  const to = nextLineStart(text, end);
  if (!/^[ \t]*(#.*)?[\r\n]*$/.test(text.slice(end, to))) return undefined;
  return { offset: from, length: to - from };
}

/** An edit deleting the lines a pair (key and value) occupies, or undefined when it shares a line. */
export function deletePairLines(text: string, pair: Pair): TextEdit | undefined {
  const key = pair.key as Node;
  const end = contentEnd(pair);
  if (!key?.range || end === undefined) return undefined;
  const span = wholeLines(text, key.range[0], end);
  return span && { span, newText: '' };
}

/** An edit deleting one block sequence item ("- …" lines), or undefined when it is in a flow sequence. */
export function deleteItemLines(text: string, item: Node): TextEdit | undefined {
  const end = contentEnd(item);
  if (!item.range || end === undefined) return undefined;
  const span = wholeLines(text, item.range[0], end, /^[ \t]*-[ \t]+(?:-[ \t]+)*$/);
  return span && { span, newText: '' };
}

/** The span of a scalar's characters inside its quotes. */
export function innerSpan(node: Node): Span | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [a, b] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted ? { offset: a + 1, length: Math.max(0, b - a - 2) } : { offset: a, length: b - a };
}

/** Indentation of a block sequence's items relative to its key ("ports:\n  - a" is 2, "ports:\n- a" is 0). */
export function seqIndent(text: string, pair: Pair | undefined, fallback = 2): number {
  const key = pair?.key as Node | undefined;
  const first = isSeq(pair?.value) && !pair?.value.flow ? (pair?.value.items[0] as Node | undefined) : undefined;
  if (!key?.range || !first?.range) return fallback;
  const dash = text.lastIndexOf('-', first.range[0]);
  return dash < 0 ? fallback : Math.max(0, columnOf(text, dash) - columnOf(text, key.range[0]));
}

/** True when `value` can be written as a plain YAML scalar without quotes. */
export function plainSafe(value: string): boolean {
  return /^[A-Za-z0-9_./:-]+$/.test(value) && !/^[-:]/.test(value) && !/:$/.test(value);
}

/** Removes a pair from a block map: its lines, or (when it follows "- ") the text up to the next key. */
export function removePair(text: string, map: Node | undefined, pair: Pair): TextEdit | undefined {
  if (!isMap(map) || map.flow) return undefined;
  const own = deletePairLines(text, pair);
  if (own) return own;
  const at = map.items.indexOf(pair as never);
  const next = map.items[at + 1]?.key as Node | undefined;
  const key = pair.key as Node;
  const end = contentEnd(pair);
  if (!next?.range || !key?.range || end === undefined) return undefined;
  // "- hostPort: 445\n    containerPort: 445" → "- containerPort: 445"
  if (!/^[ \t]*(#.*)?[\r\n]+[ \t]*$/.test(text.slice(end, next.range[0]))) return undefined;
  return { span: { offset: key.range[0], length: next.range[0] - key.range[0] }, newText: '' };
}

/** Replaces a sequence's items with `values`, in its own style (block items keep their indentation). */
export function replaceSeq(text: string, pair: Pair, values: string[]): TextEdit[] | undefined {
  const seq = pair.value as Node | null;
  if (!isSeq(seq) || !seq.range) return undefined;
  const first = seq.items[0] as Node | undefined;
  if (seq.flow || !first?.range) return [{ span: { offset: seq.range[0], length: seq.range[1] - seq.range[0] }, newText: `[${values.join(', ')}]` }];
  const end = contentEnd(seq);
  const span = end === undefined ? undefined : wholeLines(text, first.range[0], end, /^[ \t]*-[ \t]+$/);
  if (!span) return undefined;
  const start = lineStartOf(text, first.range[0]);
  const dash = text.slice(start, text.indexOf('-', start));
  const eol = lineBreakOf(text);
  return [{ span, newText: values.map((v) => `${dash}- ${v}${eol}`).join('') }];
}
