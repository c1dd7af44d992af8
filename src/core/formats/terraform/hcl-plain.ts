/** Reads plain attributes (`name = value`, the value a literal, a traversal or a tuple of them) from the text.
 *  Each node read through web-tree-sitter is a call into wasm; reading these values node by node cost as much as
 *  the parse. tree-sitter has checked the syntax already: this reader accepts only a strict subset of HCL whose
 *  tree it knows and returns undefined for anything else, which is then read from the nodes (hcl-node.ts). */
import { spanOf, type HAttr, type HVal } from './doc';

/** Words tree-sitter may lex as keywords: a value using them goes to the node reader. */
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor', 'true', 'false', 'null']);
const NUMBER = /[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?)?/y;

export const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdPart = (c: number) => isIdStart(c) || isDigit(c) || c === 45;
export const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const QUOTE = 34;
const EQUALS = 61;

/** The attribute node [start, end) read from the text, or undefined when the node reader must decide. */
export function readPlainAttr(text: string, start: number, end: number): HAttr | undefined {
  const a = plainAttrAt(text, start, end);
  return a && a.span.offset + a.span.length === end ? a : undefined;
}

/** A plain attribute starting at `start` and ending by `limit`: its span ends where its value does. The caller
 *  must know that nothing after it can continue the value (an attribute node's end, or a new item). */
export function plainAttrAt(text: string, start: number, limit: number): HAttr | undefined {
  const r = PlainReader.at(text, start, limit);
  if (!isIdStart(r.at())) return undefined;
  r.word();
  const nameEnd = r.pos;
  r.skipSpace();
  if (r.at() !== EQUALS) return undefined;
  r.pos++;
  if (r.at() === EQUALS) return undefined;
  r.skipSpace();
  const value = r.value();
  if (!value) return undefined;
  return { name: text.slice(start, nameEnd), span: spanOf(start, r.pos), value };
}

/** The content of the string literal that is exactly [start, end), when plain. */
export function plainString(text: string, start: number, end: number): string | undefined {
  if (text.charCodeAt(start) !== QUOTE) return undefined;
  const r = PlainReader.at(text, start, end);
  const s = r.string();
  return r.pos === end ? s : undefined;
}

/** A block header read from the text: the type word, its labels and where `{` sits. */
export interface PlainHeader {
  type: string;
  typeEnd: number;
  labels: string[];
  brace: number;
}

/** A header `type label... {` starting at `start`: ASCII names that are not keywords, plain strings, white space
 *  between them, nothing else (a comment or an escape sends the block to the cursor reader). */
export function plainHeader(text: string, start: number, limit: number): PlainHeader | undefined {
  const r = PlainReader.at(text, start, limit);
  if (!isIdStart(r.at())) return undefined;
  const type = r.word();
  if (KEYWORDS.has(type)) return undefined;
  const typeEnd = r.pos;
  const labels: string[] = [];
  for (;;) {
    r.skipSpace();
    const c = r.at();
    if (c === 123) return { type, typeEnd, labels, brace: r.pos };
    let label: string | undefined;
    if (c === QUOTE) label = r.string();
    else if (isIdStart(c)) {
      label = r.word();
      if (KEYWORDS.has(label)) return undefined;
    }
    if (label === undefined) return undefined;
    labels.push(label);
  }
}

class PlainReader {
  pos = 0;
  private text = '';
  private end = 0;

  /** One reader serves every call: attributes are many, and the walk reads one at a time. */
  static at(text: string, start: number, end: number): PlainReader {
    const r = shared;
    r.text = text;
    r.pos = start;
    r.end = end;
    return r;
  }

  at(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  skipSpace(): void {
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** An ASCII identifier (letters, digits, `_`, `-`); the caller has seen its first letter. */
  word(): string {
    const s = this.pos++;
    while (this.pos < this.end && isIdPart(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(s, this.pos);
  }

  value(): HVal | undefined {
    const c = this.at();
    const start = this.pos;
    if (c === QUOTE) {
      const value = this.string();
      return value === undefined ? undefined : { kind: 'string', span: spanOf(start, this.pos), value };
    }
    if (c === 91) return this.tuple();
    if (isDigit(c)) {
      const n = this.number();
      return n === undefined ? undefined : { kind: 'number', span: spanOf(start, this.pos), value: n };
    }
    return isIdStart(c) ? this.wordValue() : undefined;
  }

  /** A quoted string of printable ASCII without escapes or templates. The grammar's scanner skips spaces before
   *  each chunk, so a string with spaces at either end would lose them in the tree: left to the node reader. */
  string(): string | undefined {
    const s = this.pos + 1;
    let i = s;
    for (; i < this.end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c < 32 || c > 126 || c === 92 || c === 36 || c === 37) return undefined; // control, non-ASCII, \ $ %
    }
    if (i >= this.end || (i > s && (this.text.charCodeAt(s) === 32 || this.text.charCodeAt(i - 1) === 32))) return undefined;
    this.pos = i + 1;
    return this.text.slice(s, i);
  }

  private number(): number | undefined {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || this.pos + m[0].length > this.end) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private tuple(): HVal | undefined {
    const start = this.pos++;
    const items: HVal[] = [];
    this.skipSpace();
    while (this.at() !== 93) {
      const item = this.value();
      if (!item) return undefined;
      items.push(item);
      this.skipSpace();
      const c = this.at();
      if (c === 44) {
        this.pos++;
        this.skipSpace();
      } else if (c !== 93) return undefined;
    }
    this.pos++;
    return { kind: 'tuple', span: spanOf(start, this.pos), items };
  }

  /** true/false/null, or a traversal of names and literal keys: var.x, local.x["k"], each.value.ports[0]. */
  private wordValue(): HVal | undefined {
    const start = this.pos;
    const head = this.word();
    const c = this.at();
    const stepFollows = c === 46 || c === 91;
    if (head === 'true' || head === 'false') return stepFollows ? undefined : { kind: 'bool', span: spanOf(start, this.pos), value: head === 'true' };
    if (head === 'null') return stepFollows ? undefined : { kind: 'null', span: spanOf(start, this.pos) };
    if (KEYWORDS.has(head)) return undefined;
    const ref = [head];
    for (;;) {
      const d = this.at();
      if (d === 46) {
        this.pos++;
        if (!isIdStart(this.at())) return undefined; // legacy index (.0) or splat (.*)
        const step = this.word();
        if (KEYWORDS.has(step)) return undefined;
        ref.push(step);
      } else if (d === 91) {
        this.pos++;
        const e = this.at();
        const key = e === QUOTE ? this.string() : isDigit(e) ? this.number() : undefined;
        if (key === undefined || this.at() !== 93) return undefined;
        this.pos++;
        ref.push(String(key));
      } else break;
    }
    return { kind: 'ref', span: spanOf(start, this.pos), ref };
  }
}

const shared = new PlainReader();
