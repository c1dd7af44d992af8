/** Bicep tokens with their offsets: identifiers, numbers, strings (with `${…}` interpolations), punctuation
 *  and the line breaks Bicep gives meaning to. Comments are skipped. One linear pass; strings are read by a
 *  small scanner, never by a pattern built from content. */

export interface Interpolation {
  /** The expression's text range [start, end) inside the string (between `${` and `}`). */
  start: number;
  end: number;
}

export interface Token {
  t: 'id' | 'num' | 'str' | 'punc' | 'nl' | 'eof';
  /** Identifier name, number text, punctuation, or a string's literal parts joined (when not interpolated). */
  v: string;
  start: number;
  end: number;
  /** Strings: literal parts and interpolations in order (a literal string has one part). */
  parts?: (string | Interpolation)[];
  /** Strings that never close on their line: a parse problem. */
  broken?: boolean;
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", n: '\n', r: '\r', t: '\t', $: '$' };
const TWO_CHAR = new Set(['==', '!=', '<=', '>=', '&&', '||', '??', '?.', '.?', '=~', '!~']);

const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Tokens of text[start, end). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      out.push({ t: 'nl', v: '\n', start: i, end: i + 1 });
      i++;
    } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > end ? end : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 || close + 2 > end ? end : close + 2;
      // A block comment spanning lines still separates what is before and after it.
      if (text.slice(i, stop).includes('\n')) out.push({ t: 'nl', v: '\n', start: i, end: stop });
      i = stop;
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < end && isIdPart(text.charCodeAt(j))) j++;
      out.push({ t: 'id', v: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < end && isDigit(text.charCodeAt(j))) j++;
      out.push({ t: 'num', v: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (c === 39 /* ' */) {
      const tok = text.startsWith("'''", i) ? multiLine(text, i, end) : quoted(text, i, end);
      out.push(tok);
      i = tok.end;
    } else {
      const two = text.slice(i, i + 2);
      const v = i + 2 <= end && TWO_CHAR.has(two) ? two : text[i];
      out.push({ t: 'punc', v, start: i, end: i + v.length });
      i += v.length;
    }
  }
  out.push({ t: 'eof', v: '', start: end, end });
  return out;
}

/** `'''…'''`: no escapes, no interpolation, may span lines. */
function multiLine(text: string, i: number, end: number): Token {
  const close = text.indexOf("'''", i + 3);
  const stop = close < 0 || close + 3 > end ? end : close + 3;
  const body = text.slice(i + 3, close < 0 ? stop : close);
  return { t: 'str', v: body, start: i, end: stop, parts: [body], broken: close < 0 };
}

/** `'…'` on one line, with escapes and `${expr}` interpolations (braces and nested strings counted). */
function quoted(text: string, i: number, end: number): Token {
  const parts: (string | Interpolation)[] = [];
  let lit = '';
  let j = i + 1;
  while (j < end) {
    const ch = text[j];
    if (ch === "'") {
      if (lit || !parts.length) parts.push(lit);
      return { t: 'str', v: parts.every((p) => typeof p === 'string') ? parts.join('') : '', start: i, end: j + 1, parts };
    }
    if (ch === '\n') break;
    if (ch === '\\') {
      lit += ESCAPES[text[j + 1]] ?? text[j + 1] ?? '';
      j += 2;
    } else if (ch === '$' && text[j + 1] === '{') {
      const close = interpolationEnd(text, j + 2, end);
      if (close < 0) break;
      if (lit) parts.push(lit);
      lit = '';
      parts.push({ start: j + 2, end: close });
      j = close + 1;
    } else {
      lit += ch;
      j++;
    }
  }
  const stop = Math.min(j, end);
  return { t: 'str', v: lit, start: i, end: stop, parts: [lit], broken: true };
}

/** The `}` closing an interpolation that starts at `from`, or -1 (a line break or the end comes first). */
function interpolationEnd(text: string, from: number, end: number): number {
  let depth = 0;
  let inString = false;
  for (let k = from; k < end; k++) {
    const ch = text[k];
    if (ch === '\n') return -1;
    if (inString) {
      if (ch === '\\') k++;
      else if (ch === "'") inString = false;
    } else if (ch === "'") inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}
