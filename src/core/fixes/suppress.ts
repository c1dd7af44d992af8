/** Suppressions: "<comment> smb-guard-ignore <rule-id>[, <rule-id>]: <reason>" on the line or the line above, and
 *  "<comment> smb-guard-ignore-file <rule-id>[, …]: <reason>" anywhere in the file for the whole file. */
import { lineBreakOf } from '../text/eol';
import type { LineIndex } from '../text/line-index';
import type { Fix, RuleId, TextEdit } from '../types';
import { leadingBlanks } from '../text/lines';

export const SUPPRESS_TAG = 'smb-guard-ignore';
/** The file-level form; the line form's pattern needs blanks after its tag, so it never reads this one. */
export const SUPPRESS_FILE_TAG = 'smb-guard-ignore-file';
/** Stands in for the reason until the user gives one (the editor asks with an input box). */
export const REASON_PLACEHOLDER = 'REASON';

const IDS = '([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)(?:\\s*:\\s*(.*))?';
const PATTERN = new RegExp(`${SUPPRESS_TAG}\\s+${IDS}`);
const FILE_PATTERN = new RegExp(`${SUPPRESS_FILE_TAG}\\s+${IDS}`);

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

function readSuppression(text: string, lines: LineIndex, line: number, markers: readonly string[], tag = SUPPRESS_TAG, pattern = PATTERN): Set<string> | undefined {
  const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
  const at = content.indexOf(tag);
  if (at < 0) return undefined;
  // The tag must sit inside a comment of the format, not in a quoted string of a rule.
  const before = content.slice(0, at);
  if (!markers.some((m) => before.includes(m))) return undefined;
  const m = pattern.exec(content.slice(at));
  if (!m) return undefined;
  return new Set(m[1].split(',').map((s) => s.trim()));
}

/** Per analysis: the rule ids file-level comments suppress, read in one pass over the tag's occurrences. */
const fileWide = new WeakMap<LineIndex, Set<string>>();

export function suppressedInFile(text: string, lines: LineIndex, markers: readonly string[]): Set<string> {
  const cached = fileWide.get(lines);
  if (cached) return cached;
  const ids = new Set<string>();
  let lastLine = -1;
  // Each occurrence moves past the previous one, and a line is read once: linear in the text.
  for (let at = text.indexOf(SUPPRESS_FILE_TAG); at >= 0; at = text.indexOf(SUPPRESS_FILE_TAG, at + SUPPRESS_FILE_TAG.length)) {
    const line = lines.positionAt(at).line;
    if (line === lastLine) continue;
    lastLine = line;
    for (const id of readSuppression(text, lines, line, markers, SUPPRESS_FILE_TAG, FILE_PATTERN) ?? []) ids.add(id);
  }
  fileWide.set(lines, ids);
  return ids;
}

export function isSuppressed(text: string, lines: LineIndex, ruleId: RuleId, ruleOffset: number, ruleEnd: number, markers: readonly string[]): boolean {
  if (!markers.length) return false;
  const file = suppressedInFile(text, lines, markers);
  if (file.has(ruleId) || file.has('all')) return true;
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

/** Where a file-level comment goes: above the first line that is not blank or a comment, so a shebang, an
 *  `iptables-save` header or an XML declaration stays first (the file's type is read from its first line). */
const headerEnds = new WeakMap<LineIndex, number>();

function fileHeaderEnd(text: string, lines: LineIndex, markers: readonly string[], close: string | undefined): number {
  // Once per analysis: every finding of the file asks.
  let end = headerEnds.get(lines);
  if (end === undefined) headerEnds.set(lines, (end = readHeaderEnd(text, lines, markers, close)));
  return end;
}

function readHeaderEnd(text: string, lines: LineIndex, markers: readonly string[], close: string | undefined): number {
  // A comment that closes (XML's) may span lines: only the declaration is stepped over. (A byte-order mark reads
  // as a space here; analyzeText keeps the mark first.)
  if (close) return text.trimStart().startsWith('<?xml') && lines.lineCount > 1 ? lines.lineStart(lines.positionAt(text.indexOf('<?xml')).line + 1) : 0;
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStart(l);
    const content = text.slice(start, lines.lineEnd(l)).trim();
    if (content && !markers.some((m) => content.startsWith(m))) return start;
  }
  return text.length;
}

/**
 * "Disable <rule> for this file": a file-level comment at the top of the file, or, in a runbook (`blockAnchor`: a
 * rule inside a code block, whose comment syntax is the block's), on the line above the rule. Undefined for
 * formats without comments.
 */
export function fileSuppressionFix(text: string, lines: LineIndex, ruleId: RuleId, comment: string | undefined, markers: readonly string[], close?: string, blockAnchor?: number): Fix | undefined {
  if (!comment) return undefined;
  const eol = lineBreakOf(text);
  const line = `${comment} ${SUPPRESS_FILE_TAG} ${ruleId}: ${REASON_PLACEHOLDER}${close ? ` ${close}` : ''}`;
  let edit: TextEdit;
  if (blockAnchor !== undefined) {
    const start = lines.lineStart(lines.positionAt(blockAnchor).line);
    edit = { span: { offset: start, length: 0 }, newText: `${leadingBlanks(text, start)}${line}${eol}` };
  } else {
    const at = fileHeaderEnd(text, lines, markers, close);
    // A file that is all comments and has no final line break gets one before the new line.
    const lead = at === text.length && text.length > 0 && !text.endsWith('\n') ? eol : '';
    edit = { span: { offset: at, length: 0 }, newText: `${lead}${line}${eol}` };
  }
  return { title: `Disable ${ruleId} for this file (with a reason)`, kind: 'suppress', scope: 'file', edits: [edit], needsInput: 'reason' };
}
