/** A small Bicep reader: `param` (with its default), `var`, `resource` declarations (with `if (…)` conditions,
 *  `[for … in …: …]` loops and nested resources), and the values they hold: strings (interpolated), numbers,
 *  booleans, objects, arrays, names and `a.b` member access. Any other expression (calls, operators, indexes,
 *  ternaries) is kept as `other`: its value is unknown, never guessed. Nesting deeper than MAX_DEPTH is `other`
 *  too, so recursion is bounded whatever the input. */
import type { ParseProblem, Span } from '../../types';
import { tokenize, type Token } from './lexer';

export type Expr =
  | { k: 'str'; parts: (string | Expr)[]; span: Span }
  | { k: 'num'; n: number; span: Span }
  | { k: 'bool'; b: boolean; span: Span }
  | { k: 'null'; span: Span }
  | { k: 'obj'; props: Prop[]; resources: ResourceDecl[]; span: Span }
  | { k: 'arr'; items: Expr[]; span: Span }
  | { k: 'ref'; name: string; span: Span }
  | { k: 'member'; obj: Expr; name: string; span: Span }
  | { k: 'for'; item: string; index?: string; source: Expr; body: Expr; span: Span }
  | { k: 'if'; cond: Expr; body: Expr; span: Span }
  | { k: 'other'; span: Span };

export interface Prop {
  key: string;
  keySpan: Span;
  value: Expr;
  /** From the key to the end of the value. */
  span: Span;
}

export interface ResourceDecl {
  sym: string;
  symSpan: Span;
  /** The type without its `@apiVersion`; undefined when not a plain string. */
  type: string | undefined;
  existing: boolean;
  /** An object, `if (…) {…}`, or `[for …: …]`. */
  body: Expr;
  /** The whole declaration, from `resource` (decorators excluded) to the end of its body. */
  span: Span;
}

export interface BicepFile {
  params: Map<string, Expr | undefined>;
  vars: Map<string, Expr>;
  resources: ResourceDecl[];
  problems: ParseProblem[];
}

/** Objects, arrays, loops and parentheses nested in one another: real files nest a handful. */
export const MAX_DEPTH = 48;

const CONTINUATION = new Set(['.', '[', '(', '?', '??', '?.', '.?', '!', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '=~', '!~']);
const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

const spanOf = (start: number, end: number): Span => ({ offset: start, length: end - start });

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly toks: Token[],
    private readonly problems: ParseProblem[],
    private depth: number,
  ) {}

  /** The current token (a method, so TypeScript does not narrow it across calls that advance). */
  private get tok(): Token {
    return this.toks[this.pos] as Token;
  }
  private cur(): Token {
    return this.toks[this.pos];
  }
  private peek(n = 1): Token {
    return this.toks[Math.min(this.pos + n, this.toks.length - 1)];
  }
  private next(): Token {
    const t = this.tok;
    if (t.t !== 'eof') this.pos++;
    return t;
  }
  private is(v: string): boolean {
    return this.tok.t === 'punc' && this.tok.v === v;
  }
  private skipLines(): void {
    while (this.tok.t === 'nl' || this.is(',')) this.pos++;
  }
  private problem(at: Token, message: string): void {
    if (this.problems.length < 100) this.problems.push({ span: spanOf(at.start, Math.max(at.end, at.start + 1)), message });
  }
  /** The end offset of the token before the current one. */
  private get lastEnd(): number {
    return this.pos > 0 ? this.toks[this.pos - 1].end : this.tok.start;
  }

  /** Skips to the end of an expression or statement: a line break, `,` or closing bracket at depth 0 (and `:`
   *  outside a ternary when `colon`). Iterative: brackets are counted, not recursed into. */
  private skip(colon = false): void {
    const stack: string[] = [];
    let questions = 0;
    while (this.tok.t !== 'eof') {
      const t = this.tok;
      if (stack.length === 0) {
        if (t.t === 'nl') return;
        if (t.t === 'punc' && (t.v === ',' || t.v === ')' || t.v === ']' || t.v === '}')) return;
        if (t.t === 'punc' && t.v === ':' && colon && questions === 0) return;
      }
      if (t.t === 'punc') {
        if (OPEN[t.v]) stack.push(OPEN[t.v]);
        else if (stack.length && t.v === stack[stack.length - 1]) stack.pop();
        else if (t.v === '?') questions++;
        else if (t.v === ':' && questions > 0) questions--;
      }
      this.pos++;
    }
  }

  file(): BicepFile {
    const out: BicepFile = { params: new Map(), vars: new Map(), resources: [], problems: this.problems };
    while (this.tok.t !== 'eof') {
      this.skipLines();
      const t = this.tok;
      if (t.t === 'eof') break;
      if (t.t === 'punc' && t.v === '@') {
        this.next();
        this.skip();
        continue;
      }
      if (t.t === 'id' && t.v === 'param' && this.peek().t === 'id') {
        this.next();
        const name = this.next().v;
        this.skipUntilAssign();
        out.params.set(name, this.is('=') ? (this.next(), this.expr()) : undefined);
      } else if (t.t === 'id' && t.v === 'var' && this.peek().t === 'id') {
        this.next();
        const name = this.next().v;
        this.skipUntilAssign();
        if (this.is('=')) {
          this.next();
          out.vars.set(name, this.expr());
        }
      } else if (t.t === 'id' && t.v === 'resource' && this.peek().t === 'id') {
        const decl = this.resource();
        if (decl) out.resources.push(decl);
      }
      this.skip();
      if (this.cur().t !== 'nl' && this.cur().t !== 'eof') {
        this.problem(this.tok, `unexpected "${this.tok.v}"`);
        this.next();
      }
    }
    return out;
  }

  /** A parameter's or variable's type, up to `=` or the end of the line. */
  private skipUntilAssign(): void {
    const stack: string[] = [];
    while (this.tok.t !== 'eof') {
      const t = this.tok;
      if (stack.length === 0 && (t.t === 'nl' || (t.t === 'punc' && t.v === '='))) return;
      if (t.t === 'punc' && OPEN[t.v]) stack.push(OPEN[t.v]);
      else if (t.t === 'punc' && stack.length && t.v === stack[stack.length - 1]) stack.pop();
      this.pos++;
    }
  }

  /** `resource sym 'type@version' [existing] = body`, at the `resource` keyword. */
  private resource(): ResourceDecl | undefined {
    const start = this.next().start;
    const symTok = this.next();
    const typeTok = this.tok;
    if (typeTok.t !== 'str') return undefined;
    this.next();
    const raw = typeTok.parts?.length === 1 && typeof typeTok.parts[0] === 'string' ? typeTok.parts[0] : undefined;
    const type = raw === undefined ? undefined : raw.includes('@') ? raw.slice(0, raw.indexOf('@')) : raw;
    let existing = false;
    if (this.tok.t === 'id' && this.tok.v === 'existing') {
      existing = true;
      this.next();
    }
    if (!this.is('=')) return undefined;
    this.next();
    const body = this.tok.t === 'id' && this.tok.v === 'if' ? this.condition() : this.expr();
    return { sym: symTok.v, symSpan: spanOf(symTok.start, symTok.end), type, existing, body, span: spanOf(start, this.lastEnd) };
  }

  /** `if (cond) body`, at `if`. */
  private condition(): Expr {
    const start = this.next().start;
    if (!this.is('(')) return this.other(start);
    const cond = this.expr();
    const body = this.expr();
    return { k: 'if', cond, body, span: spanOf(start, this.lastEnd) };
  }

  private other(start: number, colon = false): Expr {
    this.skip(colon);
    return { k: 'other', span: spanOf(start, Math.max(start, this.lastEnd)) };
  }

  /** One expression; `colon`: a `:` ends it (a loop's source). */
  expr(colon = false): Expr {
    const start = this.tok.start;
    if (this.depth >= MAX_DEPTH) {
      this.problem(this.tok, `nested deeper than ${MAX_DEPTH} levels; the value is unknown`);
      return this.other(start, colon);
    }
    this.depth++;
    try {
      let e = this.primary(colon);
      // A member chain nests one node per name: bounded like every other nesting.
      for (let n = 0; n < MAX_DEPTH && this.is('.') && this.peek().t === 'id' && e.k !== 'other'; n++) {
        this.next();
        const name = this.next().v;
        e = { k: 'member', obj: e, name, span: spanOf(start, this.lastEnd) };
      }
      if (this.tok.t === 'punc' && CONTINUATION.has(this.tok.v)) return this.other(start, colon);
      return e;
    } finally {
      this.depth--;
    }
  }

  private primary(colon: boolean): Expr {
    const t = this.tok;
    const start = t.start;
    if (t.t === 'str') {
      this.next();
      if (t.broken) this.problem(t, 'string not closed on its line');
      return { k: 'str', parts: (t.parts ?? [t.v]).map((p) => (typeof p === 'string' ? p : this.interpolation(p.start, p.end))), span: spanOf(t.start, t.end) };
    }
    if (t.t === 'num') {
      this.next();
      return { k: 'num', n: Number(t.v), span: spanOf(t.start, t.end) };
    }
    if (t.t === 'id') {
      this.next();
      if (t.v === 'true' || t.v === 'false') return { k: 'bool', b: t.v === 'true', span: spanOf(t.start, t.end) };
      if (t.v === 'null') return { k: 'null', span: spanOf(t.start, t.end) };
      return { k: 'ref', name: t.v, span: spanOf(t.start, t.end) };
    }
    if (t.t === 'punc' && t.v === '{') return this.object();
    if (t.t === 'punc' && t.v === '[') return this.peek().t === 'id' && this.peek().v === 'for' ? this.loop() : this.array();
    if (t.t === 'punc' && t.v === '(') {
      this.next();
      this.skipNl();
      const inner = this.expr();
      this.skipNl();
      if (!this.is(')')) return this.other(start, colon);
      this.next();
      return inner.k === 'other' ? { k: 'other', span: spanOf(start, this.lastEnd) } : inner;
    }
    // A prefix operator (`!`, `-`) or anything else: the expression is unknown.
    if (t.t === 'punc' && (t.v === '!' || t.v === '-')) this.next();
    return this.other(start, colon);
  }

  private skipNl(): void {
    while (this.tok.t === 'nl') this.pos++;
  }

  private interpolation(start: number, end: number): Expr {
    const sub = new Parser(this.text, tokenize(this.text, start, end), this.problems, this.depth + 1);
    const e = sub.expr();
    return sub.tok.t === 'eof' ? e : { k: 'other', span: spanOf(start, end) };
  }

  private object(): Expr {
    const start = this.next().start;
    const props: Prop[] = [];
    const resources: ResourceDecl[] = [];
    for (;;) {
      this.skipLines();
      const t = this.tok;
      if (t.t === 'eof' || this.is('}')) break;
      if (t.t === 'punc' && t.v === '@') {
        this.next();
        this.skip();
        continue;
      }
      if (t.t === 'id' && t.v === 'resource' && this.peek().t === 'id') {
        const decl = this.resource();
        if (decl) resources.push(decl);
      } else if ((t.t === 'id' || (t.t === 'str' && t.parts?.length === 1)) && this.peek().t === 'punc' && this.peek().v === ':') {
        this.next();
        this.next();
        const value = this.expr();
        props.push({ key: t.v, keySpan: spanOf(t.start, t.end), value, span: spanOf(t.start, Math.max(t.end, this.lastEnd)) });
      } else this.problem(t, `expected a property name, found "${t.v || t.t}"`);
      this.skip();
      if (this.tok.t !== 'nl' && !this.is(',') && !this.is('}') && this.tok.t !== 'eof') {
        this.problem(this.tok, `unexpected "${this.tok.v}"`);
        this.next();
      }
    }
    if (this.is('}')) this.next();
    else this.problem(this.tok, 'object not closed');
    return { k: 'obj', props, resources, span: spanOf(start, this.lastEnd) };
  }

  private array(): Expr {
    const start = this.next().start;
    const items: Expr[] = [];
    for (;;) {
      this.skipLines();
      if (this.tok.t === 'eof' || this.is(']')) break;
      const before = this.pos;
      items.push(this.expr());
      this.skip();
      if (this.pos === before || this.is(')') || this.is('}')) {
        this.problem(this.tok, `unexpected "${this.tok.v}"`);
        this.next();
      }
    }
    if (this.is(']')) this.next();
    else this.problem(this.tok, 'array not closed');
    return { k: 'arr', items, span: spanOf(start, this.lastEnd) };
  }

  /** `[for item in source: body]`, `[for (item, i) in source: body]`; body may be `if (…) {…}`. */
  private loop(): Expr {
    const start = this.next().start;
    this.next(); // for
    let item: string | undefined;
    let index: string | undefined;
    if (this.cur().t === 'id') item = this.next().v;
    else if (this.is('(')) {
      this.next();
      if (this.cur().t === 'id') item = this.next().v;
      if (this.is(',')) {
        this.next();
        if (this.cur().t === 'id') index = this.next().v;
      }
      if (this.is(')')) this.next();
      else item = undefined;
    }
    if (item === undefined || !(this.cur().t === 'id' && this.cur().v === 'in')) return this.closeOther(start);
    this.next();
    const source = this.expr(true);
    if (!this.is(':')) return this.closeOther(start);
    this.next();
    this.skipNl();
    const body = this.cur().t === 'id' && this.cur().v === 'if' ? this.condition() : this.expr();
    this.skipNl();
    if (!this.is(']')) return this.closeOther(start);
    this.next();
    return { k: 'for', item, index, source, body, span: spanOf(start, this.lastEnd) };
  }

  /** A bracketed expression we cannot read: skipped to its `]`. */
  private closeOther(start: number): Expr {
    const stack = [']'];
    while (this.tok.t !== 'eof' && stack.length) {
      const t = this.tok;
      if (t.t === 'punc' && OPEN[t.v]) stack.push(OPEN[t.v]);
      else if (t.t === 'punc' && t.v === stack[stack.length - 1]) stack.pop();
      this.pos++;
    }
    return { k: 'other', span: spanOf(start, this.lastEnd) };
  }
}

export function parseBicep(text: string): BicepFile {
  return new Parser(text, tokenize(text), [], 0).file();
}
