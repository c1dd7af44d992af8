/**
 * A small Nix reader: attribute sets (`rec` too), lists, strings, integers, booleans, `let … in`, `with`,
 * lambdas, function application and attribute paths, each with its span. Operators other than `++`, `if`,
 * selections with `or` and everything else become `unknown`: read past, never guessed. Nesting deeper than
 * MAX_DEPTH is read past too (and reported), so no input can exhaust the stack.
 */
import type { ParseProblem, Span } from '../../types';
import { lexNix, type Token } from './lexer';

export interface PathPart {
  /** The attribute name; undefined for an interpolated `${…}` name. */
  name: string | undefined;
  span: Span;
}

export interface Binding {
  path: PathPart[];
  value: NixValue;
  /** From the first name to the `;`. */
  span: Span;
}

export type NixValue =
  | { kind: 'attrs'; span: Span; bindings: Binding[] }
  | { kind: 'list'; span: Span; items: NixValue[] }
  | { kind: 'int'; span: Span; value: number }
  | { kind: 'bool'; span: Span; value: boolean }
  /** `value` is undefined when the string interpolates; `inner` is its content between the quotes. */
  | { kind: 'string'; span: Span; value: string | undefined; inner: Span; indented: boolean }
  /** A name or a selection (`cfg.enable`, `lib.mkIf`), as written. */
  | { kind: 'ref'; span: Span; name: string }
  | { kind: 'let'; span: Span; bindings: Binding[]; body: NixValue }
  | { kind: 'with'; span: Span; body: NixValue }
  | { kind: 'lambda'; span: Span; body: NixValue }
  | { kind: 'apply'; span: Span; fn: string | undefined; args: NixValue[] }
  /** `a ++ b ++ …`: lists joined. */
  | { kind: 'concat'; span: Span; parts: NixValue[] }
  | { kind: 'unknown'; span: Span };

export interface NixFile {
  root: NixValue;
  problems: ParseProblem[];
}

export const MAX_DEPTH = 200;

const KEYWORDS = new Set(['let', 'in', 'with', 'rec', 'inherit', 'if', 'then', 'else', 'assert', 'or']);
const CLOSERS = new Set([')', ']', '}']);

const spanFrom = (a: Span, b: Span): Span => ({ offset: a.offset, length: b.offset + b.length - a.offset });

class Parser {
  private pos = 0;
  private depth = 0;
  readonly problems: ParseProblem[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(n = 0): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private is(text: string, n = 0): boolean {
    const t = this.peek(n);
    return (t.kind === 'punct' || t.kind === 'op' || t.kind === 'id') && t.text === text;
  }
  private last(): Token {
    return this.tokens[Math.max(0, this.pos - 1)];
  }
  private expect(text: string): boolean {
    if (this.is(text)) {
      this.next();
      return true;
    }
    const t = this.peek();
    this.problems.push({ span: t.span.length ? t.span : { offset: t.span.offset, length: 0 }, message: `expected "${text}"${t.kind === 'eof' ? ' before the end of the file' : ` before "${t.text}"`}` });
    return false;
  }

  /** Skips to the closing bracket of the construct being read (not consumed), counting brackets: iterative. */
  private skipToCloser(): void {
    let depth = 0;
    for (let t = this.peek(); t.kind !== 'eof'; t = this.peek()) {
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      else if (t.kind === 'punct' && CLOSERS.has(t.text)) {
        if (depth === 0) return;
        depth--;
      }
      this.next();
    }
  }

  /** Skips a binding's unreadable rest up to its `;` (consumed) or the set's `}` (not consumed). */
  private skipToSemicolon(): void {
    let depth = 0;
    for (let t = this.peek(); t.kind !== 'eof'; t = this.peek()) {
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      else if (t.kind === 'punct' && CLOSERS.has(t.text)) {
        if (depth === 0) return;
        depth--;
      } else if (depth === 0 && t.kind === 'punct' && t.text === ';') {
        this.next();
        return;
      }
      this.next();
    }
  }

  parseFile(): NixFile {
    const root = this.expr();
    if (this.peek().kind !== 'eof') this.problems.push({ span: this.peek().span, message: `unexpected "${this.peek().text}"` });
    return { root, problems: this.problems };
  }

  expr(): NixValue {
    const start = this.peek().span;
    if (this.depth >= MAX_DEPTH) {
      this.problems.push({ span: start, message: `nested deeper than ${MAX_DEPTH} levels: the rest of this value is not read` });
      this.skipToCloser();
      return { kind: 'unknown', span: spanFrom(start, this.last().span) };
    }
    this.depth++;
    try {
      return this.exprInner(start);
    } finally {
      this.depth--;
    }
  }

  private exprInner(start: Span): NixValue {
    const t = this.peek();
    if (t.kind === 'id') {
      if (t.text === 'let' && !this.is('{', 1)) return this.letIn();
      if (t.text === 'with') {
        this.next();
        this.expr();
        this.expect(';');
        const body = this.expr();
        return { kind: 'with', span: spanFrom(start, body.span), body };
      }
      if (t.text === 'assert') {
        this.next();
        this.expr();
        this.expect(';');
        return this.expr();
      }
      if (t.text === 'if') {
        this.next();
        this.expr();
        this.expect('then');
        this.expr();
        this.expect('else');
        const e = this.expr();
        return { kind: 'unknown', span: spanFrom(start, e.span) };
      }
      if (!KEYWORDS.has(t.text) && (this.is(':', 1) || this.is('@', 1))) {
        this.next();
        if (this.is('@')) {
          this.next();
          if (this.is('{')) this.skipPattern();
        }
        return this.lambdaBody(start);
      }
    }
    if (this.is('{') && this.isPattern()) {
      this.skipPattern();
      if (this.is('@')) {
        this.next();
        this.next();
      }
      return this.lambdaBody(start);
    }
    return this.operators(start);
  }

  private lambdaBody(start: Span): NixValue {
    this.expect(':');
    const body = this.expr();
    return { kind: 'lambda', span: spanFrom(start, body.span), body };
  }

  /** `{ a, b ? x, ... }:` rather than an attribute set: decided by the first tokens after `{`. */
  private isPattern(): boolean {
    const a = this.peek(1);
    const b = this.peek(2);
    if (a.kind === 'punct' && a.text === '}') return this.is(':', 2) || this.is('@', 2);
    if (a.kind === 'op' && a.text === '...') return true;
    if (a.kind !== 'id') return false;
    if (b.kind === 'punct' && (b.text === ',' || b.text === '?')) return true;
    return b.kind === 'punct' && b.text === '}' && (this.is(':', 3) || this.is('@', 3));
  }

  private skipPattern(): void {
    this.next();
    this.skipToCloser();
    this.expect('}');
  }

  private letIn(): NixValue {
    const start = this.next().span;
    const bindings = this.bindings('in');
    this.expect('in');
    const body = this.expr();
    return { kind: 'let', span: spanFrom(start, body.span), bindings, body };
  }

  /** Operands joined by operators: only `++` of lists is understood; anything else is unknown. */
  private operators(start: Span): NixValue {
    const parts: NixValue[] = [];
    let onlyConcat = true;
    for (;;) {
      while (this.is('!') || this.is('-')) {
        this.next();
        onlyConcat = false;
      }
      parts.push(this.application());
      const t = this.peek();
      const isOp = t.kind === 'op' && t.text !== '...' && !t.text.startsWith('${');
      if (!(isOp || (t.kind === 'punct' && t.text === '?'))) break;
      if (t.text !== '++') onlyConcat = false;
      this.next();
      // `x ? a.b` tests for an attribute path: read it as a selection.
    }
    const span = spanFrom(start, parts[parts.length - 1].span);
    if (parts.length === 1) return parts[0];
    return onlyConcat ? { kind: 'concat', span, parts } : { kind: 'unknown', span };
  }

  private startsOperand(): boolean {
    const t = this.peek();
    if (t.kind === 'id') return !KEYWORDS.has(t.text) || t.text === 'rec' || (t.text === 'let' && this.is('{', 1));
    if (t.kind === 'int' || t.kind === 'float' || t.kind === 'string' || t.kind === 'istring' || t.kind === 'path') return true;
    return t.kind === 'punct' && (t.text === '{' || t.text === '[' || t.text === '(');
  }

  private application(): NixValue {
    const fn = this.select();
    const args: NixValue[] = [];
    while (this.startsOperand()) args.push(this.select());
    if (!args.length) return fn;
    return { kind: 'apply', span: spanFrom(fn.span, args[args.length - 1].span), fn: fn.kind === 'ref' ? fn.name : undefined, args };
  }

  /** A primary with `.name` selections; `or` defaults are read in the same loop (no recursion per `or`). */
  private select(): NixValue {
    const p = this.primary();
    let name = p.kind === 'ref' ? p.name : undefined;
    let end = p.span;
    for (;;) {
      if (this.is('.')) {
        this.next();
        const a = this.next();
        end = a.span;
        name = name !== undefined && a.kind === 'id' ? `${name}.${a.text}` : undefined;
      } else if (this.is('or') && end !== p.span) {
        this.next();
        end = this.primary().span;
        name = undefined;
      } else break;
    }
    if (end === p.span) return p;
    const span = spanFrom(p.span, end);
    return name !== undefined ? { kind: 'ref', span, name } : { kind: 'unknown', span };
  }

  /** Brackets nest through here (lists' items are not expressions): the depth bound is checked once, for all. */
  private primary(): NixValue {
    const t = this.peek();
    if (t.kind === 'punct' && (t.text === '[' || t.text === '{' || t.text === '(') && this.depth >= MAX_DEPTH) {
      this.problems.push({ span: t.span, message: `nested deeper than ${MAX_DEPTH} levels: the rest of this value is not read` });
      this.next();
      this.skipToCloser();
      this.next();
      return { kind: 'unknown', span: spanFrom(t.span, this.last().span) };
    }
    this.depth++;
    try {
      return this.primaryInner(t);
    } finally {
      this.depth--;
    }
  }

  private primaryInner(t: Token): NixValue {
    switch (t.kind) {
      case 'int':
        this.next();
        return { kind: 'int', span: t.span, value: Number(t.text) };
      case 'string':
      case 'istring':
        this.next();
        return { kind: 'string', span: t.span, value: t.kind === 'string' ? t.value : undefined, inner: t.inner ?? t.span, indented: t.kind === 'istring' };
      case 'float':
      case 'path':
        this.next();
        return { kind: 'unknown', span: t.span };
      case 'id':
        if (t.text === 'rec' && this.is('{', 1)) {
          this.next();
          return this.attrs();
        }
        if (t.text === 'let' && this.is('{', 1)) {
          this.next();
          const a = this.attrs();
          return { kind: 'unknown', span: spanFrom(t.span, a.span) };
        }
        this.next();
        if (t.text === 'true' || t.text === 'false') return { kind: 'bool', span: t.span, value: t.text === 'true' };
        return { kind: 'ref', span: t.span, name: t.text };
      case 'punct':
        if (t.text === '{') return this.attrs();
        if (t.text === '[') return this.list();
        if (t.text === '(') {
          this.next();
          const e = this.expr();
          this.expect(')');
          return e;
        }
    }
    this.problems.push({ span: t.span, message: t.kind === 'eof' ? 'unexpected end of the file' : `unexpected "${t.text}"` });
    this.next();
    return { kind: 'unknown', span: t.span };
  }

  private attrs(): NixValue {
    const open = this.next().span;
    const bindings = this.bindings('}');
    this.expect('}');
    return { kind: 'attrs', span: spanFrom(open, this.last().span), bindings };
  }

  /** Bindings up to `end` (`}` or `in`, not consumed). Each iteration consumes at least one token. */
  private bindings(end: string): Binding[] {
    const out: Binding[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || this.is(end) || (t.kind === 'punct' && CLOSERS.has(t.text))) return out;
      const before = this.pos;
      if (this.is('inherit')) {
        this.skipToSemicolon();
      } else {
        const path = this.attrPath();
        if (!path.length || !this.is('=')) {
          if (path.length) this.expect('=');
          else this.problems.push({ span: t.span, message: `unexpected "${t.text}"` });
          this.skipToSemicolon();
        } else {
          this.next();
          const value = this.expr();
          if (this.is(';')) {
            this.next();
            out.push({ path, value, span: spanFrom(path[0].span, this.last().span) });
          } else {
            this.expect(';');
            this.skipToSemicolon();
          }
        }
      }
      if (this.pos === before) this.next();
    }
  }

  private attrPath(): PathPart[] {
    const parts: PathPart[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'id' && !(t.text === 'in' || t.text === 'inherit')) parts.push({ name: t.text, span: t.span });
      else if (t.kind === 'string') parts.push({ name: t.value, span: t.span });
      else if (t.kind === 'op' && t.text.startsWith('${')) parts.push({ name: undefined, span: t.span });
      else return parts;
      this.next();
      if (!this.is('.')) return parts;
      this.next();
    }
  }

  private list(): NixValue {
    const open = this.next().span;
    const items: NixValue[] = [];
    while (!this.is(']') && this.peek().kind !== 'eof') {
      const t = this.peek();
      if (t.kind === 'punct' && (t.text === '}' || t.text === ')')) break;
      if (!this.startsOperand()) {
        this.problems.push({ span: t.span, message: `unexpected "${t.text}" in a list` });
        this.next();
        continue;
      }
      items.push(this.select());
    }
    this.expect(']');
    return { kind: 'list', span: spanFrom(open, this.last().span), items };
  }
}

export function parseNix(text: string): NixFile {
  const { tokens, problems } = lexNix(text);
  const file = new Parser(tokens).parseFile();
  return { root: file.root, problems: [...problems, ...file.problems] };
}
