/** Splits nftables text into words, strings, punctuation and line ends; comments and continuations vanish. */
import type { ParseProblem, Span } from '../../types';

export type TokKind = 'word' | 'string' | 'punct' | 'nl';

export interface Tok {
  /** The token as nft reads it (strings keep their quotes). */
  text: string;
  kind: TokKind;
  /** Where it sits in the analysed document. */
  offset: number;
  end: number;
}

const PUNCT = new Set(['{', '}', ';', ',', '(', ')', '[', ']', '&', '|', '^', '=', '<', '>', '!']);
const TWO = new Set(['!=', '==', '<=', '>=', '<<', '>>']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/**
 * Lexes `src`. `map` translates positions of `src` into document offsets, for text that was cleaned of
 * shell quoting first; without it `base` is added. Linear, one pass, no regular expressions.
 */
export function lex(src: string, problems: ParseProblem[], base = 0, map?: ArrayLike<number>): Tok[] {
  const at = (i: number) => (map ? (i < map.length ? map[i] : map.length ? map[map.length - 1] + 1 : base) : base + i);
  const toks: Tok[] = [];
  const push = (kind: TokKind, s: number, e: number) => {
    const offset = at(s);
    toks.push({ text: src.slice(s, e), kind, offset, end: e > s ? at(e - 1) + 1 : offset });
  };
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '\n') {
      push('nl', i, i + 1);
      i++;
    } else if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\n' ? 2 : 3;
    } else if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"' && src[j] !== '\n') j += src[j] === '\\' && j + 1 < n ? 2 : 1;
      if (src[j] !== '"') {
        problems.push({ span: { offset: at(i), length: Math.max(1, at(Math.max(i, j - 1)) + 1 - at(i)) }, message: 'This string has no closing quote' });
        push('string', i, j);
        i = j;
      } else {
        push('string', i, j + 1);
        i = j + 1;
      }
    } else if (PUNCT.has(c)) {
      const two = src.slice(i, i + 2);
      const len = TWO.has(two) ? 2 : 1;
      push('punct', i, i + len);
      i += len;
    } else {
      let j = i;
      while (j < n) {
        const d = src[j];
        if (isSpace(d) || d === '\n' || d === '"' || d === '#' || PUNCT.has(d) || (d === '\\' && j > i)) break;
        j++;
      }
      if (j === i) j++;
      // "22: accept" in a verdict map: the colon is a separator unless the word is an IPv6 address.
      if (j - i > 1 && src[j - 1] === ':' && src.indexOf(':', i) === j - 1) {
        push('word', i, j - 1);
        push('word', j - 1, j);
      } else push('word', i, j);
      i = j;
    }
  }
  return toks;
}

export function spanOf(a: Tok, b: Tok = a): Span {
  return { offset: a.offset, length: Math.max(0, b.end - a.offset) };
}

export function unquote(t: Tok): string {
  return t.kind === 'string' ? t.text.replace(/^"|"$/g, '') : t.text;
}
