/**
 * Tokens of the Nix language, with exact offsets. Only what a reader of NixOS options needs is told apart
 * (names, integers, strings, brackets, the few operators the parser looks at); everything else is an `op` token the
 * parser treats as unknown. One pass, each character read once: no regex built from content, no backtracking.
 */
import type { Span } from '../../types';

export type TokenKind = 'id' | 'int' | 'float' | 'string' | 'istring' | 'path' | 'punct' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token as written (for strings: with their quotes). */
  text: string;
  span: Span;
  /** Strings: the value when it holds no `${…}` interpolation, else undefined. */
  value?: string;
  /** Strings: where the content starts and ends (inside the quotes). */
  inner?: Span;
}

export interface LexResult {
  tokens: Token[];
  problems: { span: Span; message: string }[];
}

const isIdStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdChar = (c: string) => isIdStart(c) || (c >= '0' && c <= '9') || c === '-' || c === "'";
const isDigit = (c: string) => c >= '0' && c <= '9';
const PUNCT = new Set(['{', '}', '[', ']', '(', ')', ';', '=', '.', ',', ':', '?', '@']);
/** Two-character operators, so `//` is not read as a path and `==` not as `=`. */
const OPS2 = new Set(['++', '//', '==', '!=', '&&', '||', '->', '<=', '>=', '|>', '<|']);

type Frame = { mode: 'code'; depth: number } | { mode: 'string' | 'istring' };

/**
 * Just past the end of a string or interpolation whose content starts at `from`: the closing quote of a "…" or
 * ''…'' string, or the `}` of a `${`. Interpolations nest strings that nest interpolations: an explicit stack (on
 * the heap, at most one frame per character) follows them, so no input can overflow the call stack.
 * -1 when the text ends first.
 */
function skipNested(text: string, from: number, mode: 'code' | 'string' | 'istring'): number {
  const stack: Frame[] = [mode === 'code' ? { mode, depth: 1 } : { mode }];
  let i = from;
  while (i < text.length) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.mode === 'code') {
      if (c === '{') top.depth++;
      else if (c === '}' && --top.depth === 0) stack.pop();
      else if (c === '"') stack.push({ mode: 'string' });
      else if (c === "'" && text[i + 1] === "'") {
        stack.push({ mode: 'istring' });
        i++;
      }
      i++;
    } else if (top.mode === 'string') {
      if (c === '\\') i += 2;
      else if (c === '"') {
        stack.pop();
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        stack.push({ mode: 'code', depth: 1 });
        i += 2;
      } else i++;
    } else if (c === "'" && text[i + 1] === "'") {
      const n = text[i + 2];
      if (n === "'" || n === '$') i += 3;
      else if (n === '\\') i += 4;
      else {
        stack.pop();
        i += 2;
      }
    } else if (c === '$' && text[i + 1] === '{') {
      stack.push({ mode: 'code', depth: 1 });
      i += 2;
    } else i++;
    if (!stack.length) return i;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

export function lexNix(text: string): LexResult {
  const tokens: Token[] = [];
  const problems: LexResult['problems'] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) =>
    tokens.push({ kind, text: text.slice(start, end), span: { offset: start, length: end - start }, ...extra });
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        problems.push({ span: { offset: i, length: 2 }, message: 'unterminated comment' });
        break;
      }
      i = end + 2;
      continue;
    }
    const start = i;
    if (c === '"') {
      const end = skipNested(text, i + 1, 'string');
      if (end < 0) {
        problems.push({ span: { offset: i, length: 1 }, message: 'unterminated string' });
        break;
      }
      push('string', start, end, { value: plainString(text, start + 1, end - 1), inner: { offset: start + 1, length: end - 1 - (start + 1) } });
      i = end;
      continue;
    }
    if (c === "'" && text[i + 1] === "'") {
      const end = skipNested(text, i + 2, 'istring');
      if (end < 0) {
        problems.push({ span: { offset: i, length: 2 }, message: "unterminated ''string''" });
        break;
      }
      push('istring', start, end, { inner: { offset: start + 2, length: end - 2 - (start + 2) } });
      i = end;
      continue;
    }
    if (isIdStart(c)) {
      while (i < text.length && isIdChar(text[i])) i++;
      // A URI (https://…) is a string literal in Nix: read up to the next blank.
      if (text[i] === ':' && text[i + 1] !== undefined && /[\w/~.%?=&+-]/.test(text[i + 1]) && text[i + 1] !== ' ') {
        while (i < text.length && !/[\s;)\]}]/.test(text[i])) i++;
        push('string', start, i, { value: text.slice(start, i) });
        continue;
      }
      // A path such as a/b.nix.
      if (text[i] === '/' && text[i + 1] !== '/' && text[i + 1] !== undefined && /[\w.+-]/.test(text[i + 1])) {
        i = pathEnd(text, i);
        push('path', start, i);
        continue;
      }
      push('id', start, i);
      continue;
    }
    if (isDigit(c)) {
      while (i < text.length && isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1] ?? '')) {
        i++;
        while (i < text.length && (isDigit(text[i]) || text[i] === 'e' || text[i] === 'E')) i++;
        push('float', start, i);
      } else push('int', start, i);
      continue;
    }
    if ((c === '.' || c === '~') && text[i + 1] === '/' || (c === '.' && text[i + 1] === '.' && text[i + 2] === '/') || (c === '/' && /[\w.+-]/.test(text[i + 1] ?? ''))) {
      i = pathEnd(text, i);
      push('path', start, i);
      continue;
    }
    if (c === '<' && /[\w.+-]/.test(text[i + 1] ?? '')) {
      const end = text.indexOf('>', i);
      const nl = text.indexOf('\n', i);
      if (end > 0 && (nl < 0 || end < nl) && /^<[\w.+/-]+>$/.test(text.slice(i, end + 1))) {
        push('path', start, end + 1);
        i = end + 1;
        continue;
      }
    }
    if (c === '.' && text[i + 1] === '.' && text[i + 2] === '.') {
      push('op', start, i + 3);
      i += 3;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      // An interpolated attribute name: `${name} = …`. Read as one unknown token.
      const end = skipNested(text, i + 2, 'code');
      if (end < 0) {
        problems.push({ span: { offset: i, length: 2 }, message: 'unterminated ${' });
        break;
      }
      push('op', start, end);
      i = end;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (OPS2.has(two)) {
      push('op', start, i + 2);
      i += 2;
      continue;
    }
    push(PUNCT.has(c) ? 'punct' : 'op', start, i + 1);
    i++;
  }
  tokens.push({ kind: 'eof', text: '', span: { offset: text.length, length: 0 } });
  return { tokens, problems };
}

function pathEnd(text: string, i: number): number {
  while (i < text.length && /[\w.+/~-]/.test(text[i])) i++;
  return i;
}

/** The value of a "…" string without interpolation, escapes resolved; undefined when it interpolates. */
function plainString(text: string, from: number, to: number): string | undefined {
  let out = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') {
      const n = text[++i] ?? '';
      out += ESCAPES[n] ?? n;
    } else if (c === '$' && text[i + 1] === '{') return undefined;
    else out += c;
  }
  return out;
}

