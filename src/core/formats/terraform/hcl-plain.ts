/** Reads plain attributes (`name = value`, the value a literal, a traversal or a tuple of them) from the text.
 *  Each node read through web-tree-sitter is a call into wasm; reading these values node by node cost as much as
 *  the parse. tree-sitter has checked the syntax already: this reader accepts only a strict subset of HCL whose
 *  tree it knows and returns undefined for anything else, which is then read from the nodes (hcl-node.ts).
 *  The walk only scans a plain attribute for its parts (`scanPlainAttr`, nothing allocated); its value is built when
 *  a mapper asks for it (`plainValueAt`, attrs.ts). Both run the one reader below, so they accept the same text. */
import { spanOf, type HAttr, type HVal, type Scalar } from './doc';
import { isDigitCode } from '../../text/chars';

/** Words tree-sitter may lex as keywords: a value using them goes to the node reader. */
const KEYWORDS = ['for', 'in', 'if', 'else', 'endif', 'endfor', 'true', 'false', 'null'];

export const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdPart = (c: number) => isIdStart(c) || isDigitCode(c) || c === 45;
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
export function plainAttrAt(text: string, start: number, limit: number, name?: string): HAttr | undefined {
  const r = PlainReader.at(text, start, limit, true);
  const nameEnd = r.attrName();
  const value = nameEnd < 0 ? undefined : r.value();
  return value && { name: name ?? text.slice(start, nameEnd), span: spanOf(start, r.pos), value };
}

/** The value of a plain attribute whose value starts at `valueStart` (after `name =` and white space) and ends at
 *  `end`, as `scanPlainAttr` found them. */
export function plainValueAt(text: string, valueStart: number, end: number): HVal | undefined {
  return PlainReader.at(text, valueStart, end, true).value();
}

/** The string or number literal that the plain value at [valueStart, end) is, read as `scalar()` would read it;
 *  undefined for any other value (a reference, a bool, a tuple…), which is built as an HVal instead. */
export function plainScalarAt(text: string, valueStart: number, end: number): Scalar | undefined {
  const c = text.charCodeAt(valueStart);
  // The walk accepted this value: a quote starts a string without escapes that ends at `end`, a digit a number.
  if (c === QUOTE) return { text: text.slice(valueStart + 1, end - 1), site: spanOf(valueStart + 1, end - 1), direct: true };
  return isDigitCode(c) ? { text: String(Number(text.slice(valueStart, end))), site: spanOf(valueStart, end), direct: true } : undefined;
}

/** The items of the plain tuple at [valueStart, end) when each is a string or number literal; else undefined. */
export function plainScalarsAt(text: string, valueStart: number, end: number): Scalar[] | undefined {
  if (text.charCodeAt(valueStart) !== 91) return undefined;
  const r = PlainReader.at(text, valueStart + 1, end, false);
  const items: Scalar[] = [];
  for (;;) {
    r.skipSpace();
    const s = r.pos;
    const c = r.at();
    if (c === 93) return items;
    if (c !== QUOTE && !isDigitCode(c)) return undefined;
    r.value();
    items.push(plainScalarAt(text, s, r.pos)!);
    r.skipSpace();
    if (r.at() === 44) r.pos++;
  }
}

/** Where the parts of a plain attribute are, as `scanPlainAttr` finds them. */
export interface PlainAttrPlace {
  nameEnd: number;
  valueStart: number;
  /** Where the value ends: the attribute that `plainAttrAt` would read ends here. */
  end: number;
}

/** Whether a plain attribute starts at `start` and ends by `limit`; if so, where its parts are (into `at`). Builds
 *  nothing. */
export function scanPlainAttr(text: string, start: number, limit: number, at: PlainAttrPlace): boolean {
  const r = PlainReader.at(text, start, limit, false);
  const nameEnd = r.attrName();
  if (nameEnd < 0) return false;
  const valueStart = r.pos;
  if (!r.value()) return false;
  at.nameEnd = nameEnd;
  at.valueStart = valueStart;
  at.end = r.pos;
  return true;
}

/** Where the ASCII identifier (letters, digits, `_`, `-`) whose first letter is at `start` ends, by `limit`. */
function identEnd(text: string, start: number, limit: number): number {
  let i = start + 1;
  while (i < limit && isIdPart(text.charCodeAt(i))) i++;
  return i;
}

/** The content of the string literal that is exactly [start, end), when plain. */
export function plainString(text: string, start: number, end: number): string | undefined {
  if (text.charCodeAt(start) !== QUOTE) return undefined;
  const r = PlainReader.at(text, start, end, true);
  return r.string() && r.pos === end ? text.slice(start + 1, end - 1) : undefined;
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
  const r = PlainReader.at(text, start, limit, true);
  if (!isIdStart(r.at()) || !r.word()) return undefined;
  const typeEnd = r.pos;
  const labels = headerLabels;
  labels.length = 0;
  for (;;) {
    r.skipSpace();
    const c = r.at();
    // The block keeps an array of its own size (a growing one reserves 17 slots).
    if (c === 123) return { type: wordOf(text, start, typeEnd), typeEnd, labels: labels.length ? labels.slice() : [], brace: r.pos };
    const s = r.pos;
    if (c === QUOTE) {
      if (!r.string()) return undefined;
      labels.push(wordOf(text, s + 1, r.pos - 1));
    } else if (isIdStart(c) && r.word()) labels.push(wordOf(text, s, r.pos));
    else return undefined;
  }
}

const headerLabels: string[] = [];
/** Block types and resource types repeat: the last few are reused instead of copied out of the text again. */
const recentWords: string[] = [];
let nextRecent = 0;

/** Called after each document: a cached word may be a slice that keeps the whole text alive. */
export function forgetWords(): void {
  recentWords.length = 0;
  nextRecent = 0;
}

function wordOf(text: string, s: number, e: number): string {
  const n = e - s;
  for (const w of recentWords) if (w.length === n && text.startsWith(w, s)) return w;
  const w = text.slice(s, e);
  recentWords[nextRecent] = w;
  nextRecent = (nextRecent + 1) % 16;
  return w;
}

/** Stands for a value the scan accepted without building it. */
const SCANNED: HVal = { kind: 'expr', span: { offset: 0, length: 0 } };

const MAX_TUPLE_DEPTH = 16;

class PlainReader {
  pos = 0;
  private text = '';
  private end = 0;
  /** False: only check and find the end, allocating nothing. */
  private build = true;
  /** Tuples open around the value at hand: deeper than MAX_TUPLE_DEPTH the value is left to the node reader
   *  (which bounds its own depth), keeping this recursion short. */
  private depth = 0;

  /** One reader serves every call: attributes are many, and the walk reads one at a time. */
  static at(text: string, start: number, end: number, build: boolean): PlainReader {
    const r = shared;
    r.text = text;
    r.pos = start;
    r.end = end;
    r.build = build;
    r.depth = 0;
    return r;
  }

  at(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  skipSpace(): void {
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** `name =` (not `==`) and the white space after it: where the name ends, or -1. */
  attrName(): number {
    if (!isIdStart(this.at())) return -1;
    this.wordEnd();
    const nameEnd = this.pos;
    this.skipSpace();
    if (this.at() !== EQUALS) return -1;
    this.pos++;
    if (this.at() === EQUALS) return -1;
    this.skipSpace();
    return nameEnd;
  }

  /** Passes an ASCII identifier (letters, digits, `_`, `-`); the caller has seen its first letter. */
  private wordEnd(): void {
    this.pos = identEnd(this.text, this.pos, this.end);
  }

  /** Passes an identifier; false when it is a keyword. */
  word(): boolean {
    const s = this.pos;
    this.wordEnd();
    return !this.isKeyword(s, this.pos);
  }

  private isKeyword(s: number, e: number): boolean {
    const n = e - s;
    if (n < 2 || n > 6) return false;
    for (const k of KEYWORDS) if (k.length === n && this.text.startsWith(k, s)) return true;
    return false;
  }

  private is(word: string, s: number, e: number): boolean {
    return e - s === word.length && this.text.startsWith(word, s);
  }

  value(): HVal | undefined {
    const c = this.at();
    const start = this.pos;
    if (c === QUOTE) {
      if (!this.string()) return undefined;
      return this.build ? { kind: 'string', span: spanOf(start, this.pos), value: this.text.slice(start + 1, this.pos - 1) } : SCANNED;
    }
    if (c === 91) return this.tuple();
    if (isDigitCode(c)) {
      if (!this.number()) return undefined;
      return this.build ? { kind: 'number', span: spanOf(start, this.pos), value: Number(this.text.slice(start, this.pos)) } : SCANNED;
    }
    return isIdStart(c) ? this.wordValue() : undefined;
  }

  /** Passes a quoted string of printable ASCII without escapes or templates. The grammar's scanner skips spaces
   *  before each chunk, so a string with spaces at either end would lose them in the tree: left to the node reader. */
  string(): boolean {
    const s = this.pos + 1;
    let i = s;
    for (; i < this.end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c < 32 || c > 126 || c === 92 || c === 36 || c === 37) return false; // control, non-ASCII, \ $ %
    }
    if (i >= this.end || (i > s && (this.text.charCodeAt(s) === 32 || this.text.charCodeAt(i - 1) === 32))) return false;
    this.pos = i + 1;
    return true;
  }

  /** Passes a number, `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?`, when it ends by the limit. */
  private number(): boolean {
    const t = this.text;
    let i = this.digits(this.pos);
    if (t.charCodeAt(i) === 46 && isDigitCode(t.charCodeAt(i + 1))) {
      i = this.digits(i + 1);
      const e = t.charCodeAt(i);
      if (e === 101 || e === 69) {
        const sign = t.charCodeAt(i + 1);
        const d = sign === 43 || sign === 45 ? i + 2 : i + 1;
        if (isDigitCode(t.charCodeAt(d))) i = this.digits(d);
      }
    }
    if (i > this.end) return false;
    this.pos = i;
    return true;
  }

  private digits(i: number): number {
    while (isDigitCode(this.text.charCodeAt(i))) i++;
    return i;
  }

  private tuple(): HVal | undefined {
    if (this.depth >= MAX_TUPLE_DEPTH) return undefined;
    this.depth++;
    const v = this.tupleIn();
    this.depth--;
    return v;
  }

  private tupleIn(): HVal | undefined {
    const start = this.pos++;
    const items: HVal[] | undefined = this.build ? [] : undefined;
    this.skipSpace();
    while (this.at() !== 93) {
      const item = this.value();
      if (!item) return undefined;
      items?.push(item);
      this.skipSpace();
      const c = this.at();
      if (c === 44) {
        this.pos++;
        this.skipSpace();
      } else if (c !== 93) return undefined;
    }
    this.pos++;
    return items ? { kind: 'tuple', span: spanOf(start, this.pos), items } : SCANNED;
  }

  /** true/false/null, or a traversal of names and literal keys: var.x, local.x["k"], each.value.ports[0]. */
  private wordValue(): HVal | undefined {
    const start = this.pos;
    this.wordEnd();
    const headEnd = this.pos;
    const c = this.at();
    const stepFollows = c === 46 || c === 91;
    const t = this.is('true', start, headEnd);
    if (t || this.is('false', start, headEnd)) return stepFollows ? undefined : this.build ? { kind: 'bool', span: spanOf(start, this.pos), value: t } : SCANNED;
    if (this.is('null', start, headEnd)) return stepFollows ? undefined : this.build ? { kind: 'null', span: spanOf(start, this.pos) } : SCANNED;
    if (this.isKeyword(start, headEnd)) return undefined;
    const ref = this.build ? [this.text.slice(start, headEnd)] : undefined;
    for (;;) {
      const d = this.at();
      if (d === 46) {
        this.pos++;
        if (!isIdStart(this.at())) return undefined; // legacy index (.0) or splat (.*)
        const s = this.pos;
        if (!this.word()) return undefined;
        ref?.push(this.text.slice(s, this.pos));
      } else if (d === 91) {
        this.pos++;
        const e = this.at();
        const s = this.pos;
        if (e === QUOTE ? !this.string() : !isDigitCode(e) || !this.number()) return undefined;
        if (this.at() !== 93) return undefined;
        ref?.push(e === QUOTE ? this.text.slice(s + 1, this.pos - 1) : String(Number(this.text.slice(s, this.pos))));
        this.pos++;
      } else break;
    }
    return ref ? { kind: 'ref', span: spanOf(start, this.pos), ref } : SCANNED;
  }
}

const shared = new PlainReader();
