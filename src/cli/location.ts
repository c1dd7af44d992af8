// Converts core spans (0-based UTF-16 offsets) into 1-based line/column ranges for every output format.
import { LineIndex, type Span } from '../core/index';

/** A 1-based range; `endColumn` is exclusive (the column just after the last character), as in SARIF. */
export interface Range1 {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function rangeOf(lines: LineIndex, span: Span): Range1 {
  const start = lines.positionAt(span.offset);
  const end = lines.positionAt(span.offset + span.length);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** Orders ranges by start, then end. */
export function compareRanges(a: Range1, b: Range1): number {
  return a.startLine - b.startLine || a.startColumn - b.startColumn || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

/** Plain code-unit comparison: stable across locales, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
