/** Inline suppressions: "<comment> smb-guard-ignore <rule-id>[, <rule-id>]: <reason>" on the line or the line above. */
import { lineBreakOf } from '../text/eol';
import type { LineIndex } from '../text/line-index';
import type { Fix, RuleId, TextEdit } from '../types';
import { leadingBlanks } from '../text/lines';

export const SUPPRESS_TAG = 'smb-guard-ignore';
/** Stands in for the reason until the user gives one (the editor asks with an input box). */
export const REASON_PLACEHOLDER = 'REASON';

const PATTERN = new RegExp(`${SUPPRESS_TAG}\\s+([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)(?:\\s*:\\s*(.*))?`);

/** Per analysis (its LineIndex) and line: what the line suppresses. A file of one long line has every finding on
 *  it, and reading the line again for each would be quadratic. */
const seen = new WeakMap<LineIndex, Map<number, Set<string> | undefined>>();

/** Rule ids suppressed by a comment on `line`, or undefined. `all` suppresses every rule. */
export function suppressedOnLine(text: string, lines: LineIndex, line: number, markers: readonly string[]): Set<string> | undefined {
  if (line < 0 || line >= lines.lineCount) return undefined;
  let byLine = seen.get(lines);
  if (!byLine) seen.set(lines, (byLine = new Map()));
  if (byLine.has(line)) return byLine.get(line);
  const ids = readSuppression(text, lines, line, markers);
  byLine.set(line, ids);
  return ids;
}

function readSuppression(text: string, lines: LineIndex, line: number, markers: readonly string[]): Set<string> | undefined {
  const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
  const at = content.indexOf(SUPPRESS_TAG);
  if (at < 0) return undefined;
  // The tag must sit inside a comment of the format, not in a quoted string of a rule.
  const before = content.slice(0, at);
  if (!markers.some((m) => before.includes(m))) return undefined;
  const m = PATTERN.exec(content.slice(at));
  if (!m) return undefined;
  return new Set(m[1].split(',').map((s) => s.trim()));
}

export function isSuppressed(text: string, lines: LineIndex, ruleId: RuleId, ruleOffset: number, ruleEnd: number, markers: readonly string[]): boolean {
  if (!markers.length) return false;
  const first = lines.positionAt(ruleOffset).line;
  const last = lines.positionAt(ruleEnd).line;
  for (let l = first - 1; l <= last; l++) {
    const ids = suppressedOnLine(text, lines, l, markers);
    if (ids && (ids.has(ruleId) || ids.has('all'))) return true;
  }
  return false;
}

/** A comment line above the rule, indented like it. */
export function suppressionEdit(text: string, lines: LineIndex, ruleOffset: number, ruleId: RuleId, comment: string, reason = REASON_PLACEHOLDER, close?: string): TextEdit {
  const start = lines.lineStart(lines.positionAt(ruleOffset).line);
  const indent = leadingBlanks(text, start);
  const eol = lineBreakOf(text);
  return { span: { offset: start, length: 0 }, newText: `${indent}${comment} ${SUPPRESS_TAG} ${ruleId}: ${reason}${close ? ` ${close}` : ''}${eol}` };
}

/** The "suppress with a reason" fix, or undefined for formats without line comments (JSON). */
export function suppressionFix(text: string, lines: LineIndex, ruleOffset: number, ruleId: RuleId, comment: string | undefined, close?: string): Fix | undefined {
  if (!comment) return undefined;
  return { title: `Suppress ${ruleId} here (with a reason)`, kind: 'suppress', edits: [suppressionEdit(text, lines, ruleOffset, ruleId, comment, REASON_PLACEHOLDER, close)], needsInput: 'reason' };
}
