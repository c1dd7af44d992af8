/** Minimal text edits on Ansible YAML: set or add an argument, delete a task or list item, copy a task. */
import { Scalar, type Node } from 'yaml';
import type { Span, TextEdit } from '../../types';
import { breakBefore, lineBreakOf } from '../../text/eol';
import { isMap, isScalar, isSeq, pairs, spanOf } from '../common/yaml';
import type { TaskInfo } from './tasks';
import { columnOf, lineStartOf, nextLineStart } from '../../text/lines';
import { applyEditsWithin } from '../../fixes/apply-edits';

/** Whole lines from the `- ` of a sequence item to the end of its last line. */
export function itemLines(text: string, node: Node): Span | undefined {
  const s = spanOf(node);
  if (!s) return undefined;
  const start = lineStartOf(text, s.offset);
  if (!/^[ \t]*-[ \t]/.test(text.slice(start, s.offset + 1)) && !/^[ \t]*-[ \t]*$/.test(text.slice(start, s.offset))) return undefined;
  const end = nextLineStart(text, Math.max(s.offset, s.offset + s.length - 1));
  return { offset: start, length: end - start };
}

export function deleteItem(text: string, node: Node): TextEdit[] | undefined {
  const lines = itemLines(text, node);
  return lines ? [{ span: lines, newText: '' }] : undefined;
}

/** A scalar written the way the one it replaces was (quotes kept); plain when safe. */
export function scalarText(like: Node | undefined, value: string): string {
  const t = isScalar(like) ? like.type : undefined;
  if (t === Scalar.QUOTE_DOUBLE && !/["\\]/.test(value)) return `"${value}"`;
  if (t === Scalar.QUOTE_SINGLE || !/^[\w./:*-][\w./:* -]*$/.test(value) || /:\s|\s$/.test(value) || /^\d+$/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return value;
}

/** Replaces a value node (a scalar or a list) with `newText`. */
export function replaceNode(node: Node, newText: string): TextEdit[] | undefined {
  const s = spanOf(node);
  return s ? [{ span: s, newText }] : undefined;
}

/** A flow list `['a', 'b']`, quoted like the sample. */
export function flowList(values: string[], like?: Node): string {
  const sample = isSeq(like) ? (like.items[0] as Node | undefined) : like;
  return `[${values.map((v) => scalarText(sample, v)).join(', ')}]`;
}

/** Replaces a sequence's items: a block list stays a block list at its indentation, a flow list stays flow. */
export function replaceSeq(text: string, node: Node, values: string[]): TextEdit[] | undefined {
  if (!isSeq(node) || node.flow || !node.items.length) return replaceNode(node, flowList(values, node));
  const first = spanOf(node);
  const last = spanOf(node.items[node.items.length - 1] as Node);
  if (!first || !last) return undefined;
  const indent = ' '.repeat(columnOf(text, first.offset));
  const sample = node.items[0] as Node;
  return [{ span: { offset: first.offset, length: last.offset + last.length - first.offset }, newText: values.map((v) => `- ${scalarText(sample, v)}`).join(`${lineBreakOf(text)}${indent}`) }];
}

/** Where a new `key: value` line goes in a block map (after its last pair), and its indentation. */
export function mapInsertPoint(text: string, map: unknown): { at: number; indent: string } | undefined {
  if (!isMap(map) || map.flow) return undefined;
  const ps = pairs(map);
  if (!ps.length) return undefined;
  const first = spanOf(ps[0].key as Node);
  const last = spanOf(ps[ps.length - 1]);
  if (!first || !last) return undefined;
  return { at: nextLineStart(text, last.offset + last.length - 1), indent: ' '.repeat(columnOf(text, first.offset)) };
}

/** A `key: value` line at `point`; at the end of a file without a final line break, the break comes first. */
export function pairLine(text: string, point: { at: number; indent: string }, key: string, value: string): TextEdit {
  const lead = breakBefore(text, point.at);
  return { span: { offset: point.at, length: 0 }, newText: `${lead}${point.indent}${key}: ${value}${lead ? '' : lineBreakOf(text)}` };
}

/** Adds `key: value` as the last argument of a block map, or ` key=value` to a one-line `k=v` string. */
export function addArg(text: string, task: TaskInfo, key: string, value: string): TextEdit[] | undefined {
  const point = mapInsertPoint(text, task.argsNode);
  if (point) return [pairLine(text, point, key, value)];
  const node = task.argsNode;
  if (task.freeForm && isScalar(node) && node.type === Scalar.PLAIN) {
    const s = spanOf(node);
    if (s && !/[\r\n]/.test(text.slice(s.offset, s.offset + s.length)) && !/\s/.test(value)) {
      return [{ span: { offset: s.offset + s.length, length: 0 }, newText: ` ${key}=${value}` }];
    }
  }
  return undefined;
}

/** The whole lines of a task (from its `- ` line to its last line). */
export function taskLines(text: string, task: TaskInfo): Span | undefined {
  return itemLines(text, task.map);
}

/** The task's text with `edits` (inside it) applied, for a copy of the task. */
export function taskCopy(text: string, task: TaskInfo, edits: TextEdit[]): string | undefined {
  const lines = taskLines(text, task);
  if (!lines) return undefined;
  const end = lines.offset + lines.length;
  if (edits.some((e) => e.span.offset < lines.offset || e.span.offset + e.span.length > end)) return undefined;
  const out = applyEditsWithin(text, lines, edits);
  return out.endsWith('\n') ? out : out + lineBreakOf(text);
}

/** Inserts text after the task's last line. */
export function afterTask(text: string, task: TaskInfo, newText: string): TextEdit[] | undefined {
  const lines = taskLines(text, task);
  if (!lines) return undefined;
  const at = lines.offset + lines.length;
  const lead = breakBefore(text, at);
  return [{ span: { offset: at, length: 0 }, newText: lead + newText }];
}

/** Indentation of the task's `- ` and of its keys. */
export function taskIndent(text: string, task: TaskInfo): { dash: string; key: string } {
  const start = lineStartOf(text, task.span.offset);
  const dashCol = /^[ \t]*/.exec(text.slice(start, task.span.offset))?.[0].length ?? 0;
  return { dash: ' '.repeat(dashCol), key: ' '.repeat(columnOf(text, task.span.offset)) };
}

/** Lines of a new task (`- name: …` then module and arguments) at the task's indentation. */
export function newTask(text: string, task: TaskInfo, name: string, args: [string, string][], extra: [string, string][] = []): string {
  const eol = lineBreakOf(text);
  const { dash, key } = taskIndent(text, task);
  const step = task.argsNode && isMap(task.argsNode) && !task.argsNode.flow ? argStep(text, task) : '  ';
  const lines = [`${dash}- name: ${scalarText(undefined, name)}`, `${key}${task.moduleName}:`];
  for (const [k, v] of args) lines.push(`${key}${step}${k}: ${v}`);
  for (const [k, v] of extra) lines.push(`${key}${k}: ${v}`);
  return lines.join(eol) + eol;
}

function argStep(text: string, task: TaskInfo): string {
  const first = pairs(task.argsNode)[0];
  const s = spanOf(first?.key as Node);
  const n = s ? columnOf(text, s.offset) - columnOf(text, task.span.offset) : 2;
  return ' '.repeat(n > 0 ? n : 2);
}
