/**
 * A small PowerShell reader: enough to find commands, their parameters and literal values. It knows
 * comments (`#`, `<# #>`), backtick continuations, quotes, `@( )` arrays, `@{ }` hashtables assigned to
 * variables (for splatting), and `$name = …` assignments of literals. Anything else is skipped or unknown.
 */
import type { Lexed, Param, Stmt, Tok } from './tokens';
import { programOf } from './tokens';
import { isNl, isSpace } from './ps-scanner';
import { PsLoops } from './ps-loops';
import { LineCursor } from '../../text/lines';

const NATIVE = new Set(['netsh', 'dism', 'cmd', 'sc', 'reg']);
const SKIP_PARENS = new Set(['if', 'elseif', 'while', 'foreach', 'for', 'switch', 'catch', 'param', 'until']);
const SKIP_WORD = new Set(['else', 'try', 'finally', 'do', 'begin', 'process', 'end', 'return', 'function', 'filter']);
/** Parameters that take no value, so the word after them is positional. */
/** Sticky patterns, matched in place (no slicing of the document). */
const ASSIGN = /\$(?:(?:script|global|local):)?([A-Za-z_][\w]*)[ \t]*(\+?=)(?!=)/y;
const PARAM = /-([A-Za-z][\w]*)(:?)/y;
const SPLAT = /@([A-Za-z_]\w*)/y;
/** `$table.Key =` or `$table['Key'] =`: one entry of a remembered hashtable changes. */
const MEMBER_ASSIGN = /\$(?:(?:script|global|local):)?([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*)|\[[ \t]*(['"])([A-Za-z_]\w*)\3[ \t]*\])[ \t]*=(?!=)/y;
/** `$table.` or `$table[` starting a statement: a method call (`.Add(…)`, `.Remove(…)`) or an assignment we do not follow. */
const MEMBER_USE = /\$(?:(?:script|global|local):)?([A-Za-z_]\w*)[.[]/y;
const SWITCHES = new Set(['online', 'all', 'norestart', 'force', 'limitaccess', 'includeallsubfeature', 'includemanagementtools', 'restart', 'whatif', 'passthru', 'asjob', 'remove', 'confirm', 'verbose']);

export function lexPowerShell(text: string): Lexed {
  return new PsLexer(text).run();
}

class PsLexer extends PsLoops {
  private readonly stmts: Stmt[] = [];
  /** Line starts and indents for each statement, without rescanning a long line per statement. */
  private readonly lines = new LineCursor(this.text);

  run(): Lexed {
    this.statements(this.n);
    return { stmts: this.stmts, problems: this.problems.concat(this.budget.problems) };
  }

  /** The statements up to `end` (the document's end, or a loop body's closing brace). */
  protected statements(end: number): void {
    let piped: Stmt | undefined;
    while (this.pos < end) {
      this.skipBlank(true);
      if (this.pos >= end) break;
      const c = this.text[this.pos];
      if (c === '|' && this.text[this.pos + 1] !== '|') {
        this.pos++;
        continue; // keeps `piped` for the next command
      }
      const before = this.pos;
      piped = this.statement(piped);
      if (this.pos === before) this.pos++;
    }
  }

  /** One statement; returns the command when a pipe follows it. */
  private statement(piped: Stmt | undefined): Stmt | undefined {
    const t = this.text;
    const c = t[this.pos];
    if (c === '{' || c === '}' || c === ')' || (c === '&' && t[this.pos + 1] === '&')) {
      this.pos += c === '&' ? 2 : 1;
      return undefined;
    }
    let call = false;
    if (c === '&' || (c === '.' && isSpace(t[this.pos + 1] ?? ''))) {
      // The call operator: the next word (maybe quoted) is the program.
      this.pos++;
      this.skipBlank(false);
      call = true;
    }
    if (c === '(') {
      this.skipBalanced('(', ')');
      return undefined;
    }
    if ((c === '$' || c === '"' || c === "'" || (c === '@' && t[this.pos + 1] === '(')) && !call && this.pipedLoop()) return undefined;
    if (c === '$') return this.assignment();
    const start = this.pos;
    const q = t[this.pos];
    if (!call && (q === '"' || q === "'")) {
      this.skipToStmtEnd(); // a string expression, not a command
      return undefined;
    }
    const head = call ? (this.readElement()[0] ?? this.readBare()) : this.readBare();
    const word = head.text.toLowerCase();
    if (!head.text) return undefined;
    if (word === 'foreach') {
      this.skipBlank(false);
      if (this.foreachStatement()) return undefined;
    }
    if (SKIP_PARENS.has(word)) {
      this.skipBlank(false);
      if (t[this.pos] === '(') this.skipBalanced('(', ')');
      return undefined;
    }
    if (SKIP_WORD.has(word)) {
      if (word === 'function' || word === 'filter') {
        this.skipBlank(false);
        this.readBare();
      }
      return undefined;
    }
    const lineStart = this.lines.lineStart(start);
    const indent = this.lines.indent(start);
    const stmt: Stmt = { style: 'ps', head, words: [], params: [], positionals: [], span: { offset: start, length: 0 }, lineStart, indent, piped, end: head.span.offset + head.span.length };
    const problems = this.problems.length;
    if (NATIVE.has(programOf(head))) this.nativeArgs(stmt);
    else this.cmdletArgs(stmt);
    stmt.span.length = stmt.end - start;
    // A command the lexer could not read to its end (an open quote) is reported, not guessed at.
    if (this.problems.length === problems) this.stmts.push(stmt);
    this.skipBlank(false);
    return t[this.pos] === '|' && t[this.pos + 1] !== '|' ? stmt : undefined;
  }

  /** `$name = value` (a literal list, array or hashtable is remembered); other `$…` statements are skipped. */
  private assignment(): undefined {
    const t = this.text;
    ASSIGN.lastIndex = this.pos;
    const m = ASSIGN.exec(t);
    if (!m) {
      this.memberAssignment();
      this.skipToStmtEnd();
      return undefined;
    }
    const name = m[1].toLowerCase();
    this.pos += m[0].length;
    this.skipBlank(false);
    if (m[2] === '+=') {
      this.vars.set(name, { kind: 'list', val: { items: [], span: { offset: this.pos, length: 0 }, unknown: true, literal: false } });
      this.skipToStmtEnd();
      return undefined;
    }
    if (t.startsWith('@{', this.pos)) {
      this.vars.set(name, { kind: 'table', params: this.hashtable() });
      return undefined;
    }
    const val = this.readValue();
    this.vars.set(name, { kind: 'list', val });
    if (!this.atStmtEnd()) {
      // `$x = Get-Something …`: the value is whatever the command returns.
      this.vars.set(name, { kind: 'list', val: { ...val, unknown: true, items: val.items.map((i) => ({ ...i, unknown: true })) } });
      this.skipToStmtEnd();
    }
    return undefined;
  }

  /**
   * `$rule.RemoteAddress = '10.0.0.0/8'` changes one parameter of a remembered hashtable, so a later `@rule` splats
   * the new value; any other `$rule.…` statement (`$rule.Add(…)`) leaves the table unknown, so `@rule` is unknown.
   */
  private memberAssignment(): void {
    const t = this.text;
    MEMBER_ASSIGN.lastIndex = this.pos;
    const m = MEMBER_ASSIGN.exec(t);
    const name = m ? m[1].toLowerCase() : (MEMBER_USE.lastIndex = this.pos, MEMBER_USE.exec(t)?.[1].toLowerCase());
    const v = name === undefined ? undefined : this.vars.get(name);
    if (!name || v?.kind !== 'table') return;
    if (!m) {
      this.vars.delete(name);
      return;
    }
    const keyText = m[2] ?? m[4];
    const keyAt = t.indexOf(keyText, this.pos + 1 + m[1].length);
    this.pos += m[0].length;
    this.skipBlank(false);
    const value = this.readValue();
    const key: Tok = { text: keyText, span: { offset: keyAt, length: keyText.length }, literal: true, unknown: false };
    const params = v.params.filter((p) => p.name !== keyText.toLowerCase());
    params.push({ name: keyText.toLowerCase(), key, value: this.atStmtEnd() ? value : { ...value, unknown: true }, splat: true });
    this.vars.set(name, { kind: 'table', params });
  }

  /** `@{ Key = value; Key2 = value }` as parameters (for splatting). */
  private hashtable(): Param[] {
    const t = this.text;
    const out: Param[] = [];
    const open = this.pos;
    this.pos += 2;
    for (;;) {
      this.skipBlank(true);
      if (this.pos >= this.n) {
        this.neverClosed(open, 2, 'a "@{" hashtable is never closed');
        return out;
      }
      if (t[this.pos] === '}') {
        this.pos++;
        return out;
      }
      const key = this.readElement()[0];
      this.skipBlank(false);
      if (!key || t[this.pos] !== '=') {
        this.problems.push({ span: key?.span ?? { offset: this.pos, length: 1 }, message: 'expected "Key = value" in the hashtable' });
        this.skipBalancedFrom(open);
        return out;
      }
      this.pos++;
      this.skipBlank(false);
      out.push({ name: key.text.toLowerCase(), key, value: this.readValue(), splat: true });
    }
  }

  private skipBalancedFrom(open: number): void {
    this.pos = open + 1;
    this.skipBalanced('{', '}', 1);
  }

  private cmdletArgs(stmt: Stmt): void {
    const t = this.text;
    let pending: Param | undefined;
    for (;;) {
      this.skipBlank(false);
      if (this.atStmtEnd()) break;
      const c = t[this.pos];
      if (c === '-' && /[A-Za-z]/.test(t[this.pos + 1] ?? '')) {
        PARAM.lastIndex = this.pos;
        const m = PARAM.exec(t) as RegExpExecArray;
        const key: Tok = { text: m[1], span: { offset: this.pos, length: 1 + m[1].length }, literal: true, unknown: false };
        this.pos += m[0].length;
        stmt.end = key.span.offset + key.span.length;
        const p: Param = { name: m[1].toLowerCase(), key };
        stmt.params.push(p);
        pending = undefined;
        if (m[2]) {
          p.value = this.readValue();
          stmt.end = p.value.span.offset + p.value.span.length;
        } else if (!SWITCHES.has(p.name)) pending = p;
        continue;
      }
      if (c === '@' && /[A-Za-z_]/.test(t[this.pos + 1] ?? '')) {
        SPLAT.lastIndex = this.pos;
        const m = SPLAT.exec(t) as RegExpExecArray;
        const v = this.vars.get(m[1].toLowerCase());
        const span = { offset: this.pos, length: m[0].length };
        this.pos += m[0].length;
        stmt.end = span.offset + span.length;
        if (v?.kind === 'table' && this.budget.take(m[0], span, 0, v.params.length)) for (const p of v.params) stmt.params.push(p);
        else stmt.params.push({ name: '@splat', key: { text: m[0], span, literal: false, unknown: true }, value: { items: [], span, unknown: true, literal: false } });
        continue;
      }
      const before = this.pos;
      const val = this.readValue();
      if (this.pos === before) {
        this.pos++;
        continue;
      }
      stmt.end = val.span.offset + val.span.length;
      if (pending) {
        pending.value = val;
        pending = undefined;
      } else stmt.positionals.push(val);
    }
  }

  /** Raw words for a native program (netsh, dism): whitespace splits, quotes group, `$var` expands. */
  private nativeArgs(stmt: Stmt): void {
    const t = this.text;
    for (;;) {
      this.skipBlank(false);
      if (this.atStmtEnd()) break;
      const start = this.pos;
      let out = '';
      let literal = true;
      let unknown = false;
      while (this.pos < this.n && !isSpace(t[this.pos]) && !isNl(t[this.pos]) && t[this.pos] !== ';' && t[this.pos] !== '|') {
        const c = t[this.pos];
        if (c === '"' || c === "'") {
          literal = false;
          const s = this.quoted(c);
          out += s.text;
          unknown ||= s.unknown;
        } else if (c === '$') {
          literal = false;
          const v = this.variable();
          out += v.map((x) => x.text).join(',');
          unknown ||= v.length === 0 || v.some((x) => x.unknown);
        } else if (c === '`') {
          literal = false;
          out += t[this.pos + 1] ?? '';
          this.pos += 2;
        } else {
          out += c;
          this.pos++;
        }
      }
      stmt.words.push({ text: out, span: { offset: start, length: this.pos - start }, literal, unknown });
      stmt.end = this.pos;
    }
  }

}
