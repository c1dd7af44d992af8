/** Splits a Cisco configuration into lines of whitespace-separated tokens, each with its source span. */
import type { Span } from '../../types';

export interface Token {
  text: string;
  span: Span;
}

export interface Line {
  /** Offset of the line's first character, of its end (before CR/LF), and of the next line. */
  start: number;
  end: number;
  next: number;
  /** Leading blanks, as written (sub-mode lines are indented by one space in show output). */
  indent: string;
  tokens: Token[];
}

/** Every line of the text, in order. Blank lines have no tokens; comment lines keep theirs. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? n : nl + 1;
    const end = nl < 0 ? n : nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push(lexLine(text, pos, end, next));
    pos = next;
  }
  return lines;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12;
}

function lexLine(text: string, start: number, end: number, next: number): Line {
  const tokens: Token[] = [];
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  const indent = text.slice(start, i);
  while (i < end) {
    const from = i;
    while (i < end && !isBlank(text.charCodeAt(i))) i++;
    tokens.push({ text: text.slice(from, i), span: { offset: from, length: i - from } });
    while (i < end && isBlank(text.charCodeAt(i))) i++;
  }
  return { start, end, next, indent, tokens };
}

/** The span from the first to the last of the tokens (which must be in order and non-empty). */
export function spanOf(first: Token, last: Token = first): Span {
  return { offset: first.span.offset, length: last.span.offset + last.span.length - first.span.offset };
}

/** True for lines that say nothing: blank, or a "!" comment (IOS and ASA), or ":" (ASA show output). */
export function isComment(line: Line): boolean {
  const t = line.tokens[0]?.text;
  return t === undefined || t.startsWith('!') || t === ':' || t.startsWith(':');
}
