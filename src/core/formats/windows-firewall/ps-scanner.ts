/**
 * The low-level PowerShell reading: blanks and comments, quoted strings, variables, bare words, `@( )` arrays
 * and comma lists. Values written through remembered literal variables expand; anything else is unknown.
 */
import type { ParseProblem, Span } from '../../types';
import { ExpansionBudget } from '../common/expansion';
import type { Param, Tok, Val } from './tokens';

export type PsVar = { kind: 'list'; val: Val } | { kind: 'table'; params: Param[] };

export const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\f' || c === '\u00a0';
export const isNl = (c: string) => c === '\n' || c === '\r';
const isWordEnd = (c: string) => isSpace(c) || isNl(c) || c === ',' || c === ';' || c === '|' || c === ')' || c === '}' || c === '(' || c === '{';

/** `$name`; `${name}` is read by `closingBrace`: `\{[^}\n]*\}` here would rescan a line at each of its '${'. */
const VARIABLE = /\$((?:[A-Za-z_]\w*:)?[A-Za-z_?]\w*)/y;
/** Arrays, casts and strings inside `$( )` are read by recursion: past this depth the rest of the line is not read
 *  (and reported), so a hostile file cannot overflow the stack. Real scripts nest a handful deep. */
const MAX_NESTING = 200;

export class PsScanner {
  protected pos = 0;
  protected readonly n: number;
  protected readonly vars = new Map<string, PsVar>();
  protected readonly problems: ParseProblem[] = [];
  /** Variable expansions of this document draw on it; past it a variable's value is unknown. */
  protected readonly budget: ExpansionBudget;
  private nesting = 0;
  /** The last scan for a `${` name's end: from `braceFrom`, the first '}' or line feed is at `braceStop`. */
  private braceFrom = -1;
  private braceStop = -1;

  constructor(protected readonly text: string) {
    this.n = text.length;
    this.budget = new ExpansionBudget(text.length);
  }

  /** Skips spaces, continuations and block comments; with `lines`, also line breaks, `;` and `#` comments. */
  protected skipBlank(lines: boolean): void {
    const t = this.text;
    while (this.pos < this.n) {
      const c = t[this.pos];
      if (isSpace(c)) this.pos++;
      else if (c === '`' && (t[this.pos + 1] === '\n' || (t[this.pos + 1] === '\r' && t[this.pos + 2] === '\n'))) this.pos += t[this.pos + 1] === '\n' ? 2 : 3;
      else if (c === '<' && t[this.pos + 1] === '#') this.blockComment();
      else if (lines && (isNl(c) || c === ';')) this.pos++;
      else if (lines && c === '#') this.toLineEnd();
      else break;
    }
  }

  protected toLineEnd(): void {
    while (this.pos < this.n && this.text[this.pos] !== '\n') this.pos++;
  }

  protected blockComment(): void {
    const close = this.text.indexOf('#>', this.pos + 2);
    if (close < 0) {
      this.problems.push({ span: { offset: this.pos, length: 2 }, message: 'a "<#" comment is never closed' });
      this.pos = this.n;
    } else this.pos = close + 2;
  }

  protected atStmtEnd(): boolean {
    if (this.pos >= this.n) return true;
    const c = this.text[this.pos];
    return isNl(c) || c === ';' || c === '|' || c === '}' || c === '{' || c === ')' || c === '#' || (c === '&' && this.text[this.pos + 1] === '&');
  }

  protected skipToStmtEnd(): void {
    while (!this.atStmtEnd()) {
      this.skipBlank(false);
      if (this.atStmtEnd()) break;
      const before = this.pos;
      this.readElement();
      if (this.pos === before) this.pos++; // a stray "," or "="
    }
  }

  /** A value: elements separated by commas (a comma continues over a line break). */
  protected readValue(): Val {
    const t = this.text;
    const start = this.pos;
    const items: Tok[] = [];
    let literal = true;
    let end = start;
    for (;;) {
      const got = this.readElement();
      for (const g of got) {
        items.push(g);
        if (!g.literal) literal = false;
      }
      end = this.pos;
      this.skipBlank(false);
      if (t[this.pos] !== ',') break;
      this.pos++;
      this.skipBlank(true);
    }
    const unknown = items.length === 0 || items.some((i) => i.unknown);
    return { items, span: { offset: start, length: end - start }, unknown, literal: literal && items.length > 0 };
  }

  /** The last line given up as too deep: brackets opened on it are that problem, not new ones. */
  private cut = { from: -1, to: -1 };

  /** Reports a bracket or string left open, unless it was opened on a line given up as too deep. */
  protected neverClosed(offset: number, length: number, message: string): void {
    if (offset < this.cut.from || offset > this.cut.to) this.problems.push({ span: { offset, length }, message });
  }

  /** One element; arrays and variables may give several. */
  protected readElement(): Tok[] {
    if (this.nesting >= MAX_NESTING) return [this.tooDeep()];
    this.nesting++;
    try {
      return this.element();
    } finally {
      this.nesting--;
    }
  }

  /** Gives up on the rest of the line, with a problem: the statement it is in is reported, not used. */
  private tooDeep(): Tok {
    const start = this.pos;
    this.problems.push({ span: { offset: start, length: 1 }, message: `brackets or strings nest more than ${MAX_NESTING} deep here; the rest of the line is not read` });
    const nl = this.text.indexOf('\n', start);
    this.pos = nl < 0 ? this.n : nl;
    this.cut = { from: this.text.lastIndexOf('\n', start) + 1, to: this.pos };
    return { text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true };
  }

  private element(): Tok[] {
    const t = this.text;
    const c = t[this.pos];
    const start = this.pos;
    if (c === '"' || c === "'") {
      const s = this.quoted(c);
      return [{ text: s.text, span: { offset: start + 1, length: Math.max(0, this.pos - start - 2) }, literal: s.literal, unknown: s.unknown }];
    }
    if (c === '@' && (t[start + 1] === '"' || t[start + 1] === "'")) {
      const close = t.indexOf(`${t[start + 1]}@`, start + 2);
      this.pos = close < 0 ? this.n : close + 2;
      if (close < 0) this.problems.push({ span: { offset: start, length: 2 }, message: 'a here-string is never closed' });
      return [{ text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true }];
    }
    if (c === '@' && t[start + 1] === '(') {
      this.pos += 2;
      const items: Tok[] = [];
      for (;;) {
        this.skipBlank(true);
        if (this.pos >= this.n) {
          this.neverClosed(start, 2, 'an "@(" array is never closed');
          break;
        }
        if (t[this.pos] === ')') {
          this.pos++;
          break;
        }
        if (t[this.pos] === ',') {
          this.pos++;
          continue;
        }
        const before = this.pos;
        for (const i of this.readElement()) items.push({ ...i });
        if (this.pos === before) this.pos++;
      }
      return items;
    }
    if (c === '@' && t[start + 1] === '{') {
      this.pos++;
      this.skipBalanced('{', '}');
      return [{ text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true }];
    }
    if (c === '(') {
      this.skipBalanced('(', ')');
      return [{ text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true }];
    }
    if (c === '[') {
      this.skipBalanced('[', ']');
      if (!isWordEnd(t[this.pos] ?? ' ')) return this.readElement().map((i) => ({ ...i, literal: false }));
      return [{ text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true }];
    }
    if (c === '$') return this.variable();
    return [this.readBare()];
  }

  protected readBare(): Tok {
    const t = this.text;
    const start = this.pos;
    while (this.pos < this.n && !isWordEnd(t[this.pos])) {
      if (t[this.pos] === '`') return this.escapedBare(start);
      this.pos++;
    }
    return { text: t.slice(start, this.pos), span: { offset: start, length: this.pos - start }, literal: true, unknown: false };
  }

  protected escapedBare(start: number): Tok {
    const t = this.text;
    let out = t.slice(start, this.pos);
    while (this.pos < this.n && !isWordEnd(t[this.pos])) {
      if (t[this.pos] === '`') {
        if (isNl(t[this.pos + 1] ?? '\n')) break;
        out += t[this.pos + 1];
        this.pos += 2;
      } else out += t[this.pos++];
    }
    return { text: out, span: { offset: start, length: this.pos - start }, literal: false, unknown: false };
  }

  /** `${name}` at `start` as [whole, name], or undefined when no '}' closes it on its line. One scan serves every
   *  `${` up to the '}' or line feed it found, so a line of unclosed `${` costs linear time. */
  private bracedName(start: number): [string, string] | undefined {
    const from = start + 2;
    if (from < this.braceFrom || from > this.braceStop) {
      let k = from;
      while (k < this.n && this.text[k] !== '}' && this.text[k] !== '\n') k++;
      this.braceFrom = from;
      this.braceStop = k;
    }
    if (this.text[this.braceStop] !== '}') return undefined;
    return [this.text.slice(start, this.braceStop + 1), this.text.slice(from, this.braceStop)];
  }

  /** `$true`, `$false`, `$name` (a remembered literal), `${name}`; `$(…)`, `$env:X` and members are unknown. */
  protected variable(): Tok[] {
    const t = this.text;
    const start = this.pos;
    if (t[start + 1] === '(') {
      this.pos++;
      this.skipBalanced('(', ')');
      return [{ text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true }];
    }
    VARIABLE.lastIndex = start;
    const m = t[start + 1] === '{' ? this.bracedName(start) : VARIABLE.exec(t);
    if (!m) {
      this.pos++;
      return [{ text: '$', span: { offset: start, length: 1 }, literal: false, unknown: true }];
    }
    this.pos += m[0].length;
    const span = { offset: start, length: m[0].length };
    let name = m[1].toLowerCase();
    const member = t[this.pos] === '.' || t[this.pos] === '[';
    if (member) this.readBare();
    if (name.startsWith('script:') || name.startsWith('global:')) name = name.slice(name.indexOf(':') + 1);
    if (!member && (name === 'true' || name === 'false')) return [{ text: `$${name}`, span, literal: true, unknown: false }];
    const v = this.vars.get(name);
    if (!member && v?.kind === 'list' && !v.val.unknown && this.charge(m[0], span, v.val.items)) return v.val.items.map((i) => ({ text: i.text, span, literal: false, unknown: i.unknown }));
    return [{ text: '', span: { offset: start, length: this.pos - start }, literal: false, unknown: true }];
  }

  /** Values built from variables can double at each assignment: every expansion is charged to the budget. */
  private charge(name: string, span: Span, items: Tok[]): boolean {
    let chars = 0;
    for (const i of items) chars += i.text.length;
    return this.budget.take(name, span, chars, items.length);
  }

  /** A quoted string from the opening quote; double quotes expand simple remembered variables. */
  protected quoted(q: string): { text: string; literal: boolean; unknown: boolean } {
    if (this.nesting >= MAX_NESTING) return this.tooDeep();
    this.nesting++;
    try {
      return this.quotedString(q);
    } finally {
      this.nesting--;
    }
  }

  private quotedString(q: string): { text: string; literal: boolean; unknown: boolean } {
    const t = this.text;
    const open = this.pos;
    // Fast path: no escapes, variables or doubled quotes before the closing quote.
    const close = t.indexOf(q, open + 1);
    if (close > 0 && t[close + 1] !== q) {
      const body = t.slice(open + 1, close);
      if (q === "'" || (!body.includes('`') && !body.includes('$'))) {
        this.pos = close + 1;
        return { text: body, literal: true, unknown: false };
      }
    }
    this.pos++;
    let out = '';
    let literal = true;
    let unknown = false;
    while (this.pos < this.n) {
      const c = t[this.pos];
      if (c === q) {
        if (t[this.pos + 1] === q) {
          out += q;
          literal = false;
          this.pos += 2;
          continue;
        }
        this.pos++;
        return { text: out, literal, unknown };
      }
      if (q === '"' && c === '`') {
        out += t[this.pos + 1] ?? '';
        literal = false;
        this.pos += 2;
      } else if (q === '"' && c === '$' && /[\w{(]/.test(t[this.pos + 1] ?? '')) {
        const v = this.variable();
        literal = false;
        out += v.map((x) => x.text).join(' ');
        unknown ||= v.length === 0 || v.some((x) => x.unknown);
      } else {
        out += c;
        this.pos++;
      }
    }
    // Unterminated: report it and resume at the end of the line, so later lines are still read.
    this.neverClosed(open, 1, `a ${q === '"' ? 'double' : 'single'}-quoted string is never closed`);
    const nl = t.indexOf('\n', open);
    this.pos = nl < 0 ? this.n : nl;
    return { text: out, literal: false, unknown: true };
  }

  /** Skips a bracketed group from its opening bracket (or from inside it, with `depth` 1). */
  protected skipBalanced(open: string, close: string, depth = 0): void {
    const t = this.text;
    const start = this.pos;
    while (this.pos < this.n) {
      const c = t[this.pos];
      if (c === '"' || c === "'") {
        this.quoted(c);
        continue;
      }
      if (c === '#' && (this.pos === 0 || isSpace(t[this.pos - 1]) || isNl(t[this.pos - 1]))) {
        this.toLineEnd();
        continue;
      }
      this.pos++;
      if (c === open) depth++;
      else if (c === close && --depth <= 0) return;
    }
    this.neverClosed(start, 1, `a "${open}" is never closed`);
  }
}
