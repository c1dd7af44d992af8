/** Small text helpers for edits that keep the file's own layout (indentation, CRLF, JSON vs HCL). */
import { parseCidr } from '../../model/cidr';
import type { PortRange } from '../../model/ports';
import type { Span, TextEdit } from '../../types';
import type { HAttr } from './doc';
import { indentOf, lineStartOf } from '../../text/lines';

export const q = (s: string) => JSON.stringify(s);
export const listOf = (words: string[]) => `[${words.map(q).join(', ')}]`;
export const rangeWord = ([a, b]: PortRange, sep = '-') => (a === b ? String(a) : `${a}${sep}${b}`);
export const replace = (span: Span, newText: string): TextEdit => ({ span, newText });
export const insert = (offset: number, newText: string): TextEdit => ({ span: { offset, length: 0 }, newText });

/** `name = value` lines with the `=` aligned, as terraform fmt writes them. */
export function attrLines(pairs: [string, string][], indent: string, eol: string): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}${eol}`).join('');
}

/** A new attribute written right after `after`: its own line in HCL, a `, "k": v` member in JSON. */
export function insertAttrAfter(text: string, after: HAttr, name: string, value: string, json: boolean, eol: string): TextEdit {
  const end = after.span.offset + after.span.length;
  if (json) return insert(end, `,${eol}${indentOf(text, after.span.offset)}${q(name)}: ${value}`);
  // After the line's trailing comment, so the comment stays with the attribute it was written for.
  let lineEnd = end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  return insert(lineEnd, `${eol}${indentOf(text, after.span.offset)}${name} = ${value}`);
}

/** Removes an attribute on a line of its own; undefined when it shares its line (the caller falls back). */
export function deleteAttrLine(text: string, attr: HAttr): TextEdit | undefined {
  const start = lineStartOf(text, attr.span.offset);
  if (text.slice(start, attr.span.offset).trim() !== '') return undefined;
  let end = attr.span.offset + attr.span.length;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  else if (end < text.length) return undefined;
  return replace({ offset: start, length: end - start }, '');
}

/** Trusted CIDRs by family; a placeholder (no address) counts as IPv4, the family most rules use. */
export function byFamily(sources: string[]): { v4: string[]; v6: string[] } {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const s of sources) {
    const set = parseCidr(s);
    if (set && set.v6.length && !set.v4.length) v6.push(s);
    else v4.push(s);
  }
  return { v4, v6 };
}

/** Sorted port numbers as the fewest "a-b" words. */
export function portWords(ports: number[], sep = '-'): string[] {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const out: PortRange[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p === last[1] + 1) out[out.length - 1] = [last[0], p];
    else out.push([p, p]);
  }
  return out.map((r) => rangeWord(r, sep));
}
