/**
 * PowerShell loops over lists the script writes: `foreach ($g in 'A','B') { … }` and `'A','B' | ForEach-Object { … }`
 * read their body once per element with the loop variable bound to it. Each extra pass is charged to the
 * document's expansion budget and each nesting level to its depth, so reading stays linear and the stack bounded.
 */
import type { Val } from './tokens';
import { PsScanner } from './ps-scanner';

/** `foreach (` `$name in` up to the collection. */
const FOREACH_HEAD = /\([ \t]*\$([A-Za-z_]\w*)[ \t]+in[ \t]+/iy;
/** A variable piped on: `$groups | …`. */
const PIPED_VARIABLE = /\$[A-Za-z_]\w*[ \t]*\|(?!\|)/y;
/** `| ForEach-Object {`, `| % {`, `| foreach -Process {`. */
const FOREACH_OBJECT = /\|[ \t]*(?:foreach-object|foreach|%)(?:[ \t]+-process)?[ \t]*(?=\{)/iy;
/** `1..10`: a range the reader does not enumerate. */
const RANGE = /^\d+\.\.\d+$/;

export abstract class PsLoops extends PsScanner {
  /** Loops being replayed, innermost last: each nested loop counts as one more level of the budget's depth. */
  private loops = 0;

  /** The statements up to `end`: the lexer's own loop, run again over a body. */
  protected abstract statements(end: number): void;

  /**
   * `foreach ($g in 'A','B') { … }`: the body is read once per element with `$g` bound to it. A collection the
   * script does not show (`$x = Get-…`, a range) reads the body once with `$g` unknown. False (nothing read)
   * when the parentheses are not of that form.
   */
  protected foreachStatement(): boolean {
    const t = this.text;
    const open = this.pos;
    FOREACH_HEAD.lastIndex = open;
    const m = FOREACH_HEAD.exec(t);
    if (!m) return false;
    this.pos += m[0].length;
    const list = this.readValue();
    this.skipBlank(true);
    if (t[this.pos] !== ')') {
      this.pos = open;
      return false;
    }
    this.pos++;
    this.skipBlank(true);
    if (t[this.pos] !== '{') return true;
    this.loopBody(m[1].toLowerCase(), list);
    return true;
  }

  /**
   * `'A','B' | ForEach-Object { … $_ … }` (also `@(…)`, a literal `$list`, and the `%`/`foreach` aliases): the
   * script block is read once per element with `$_` bound to it. False, with nothing read, for any other statement.
   */
  protected pipedLoop(): boolean {
    const t = this.text;
    const start = this.pos;
    const problems = this.problems.length;
    if (t[start] === '$') {
      PIPED_VARIABLE.lastIndex = start;
      if (!PIPED_VARIABLE.test(t)) return false;
    }
    const list = this.readValue();
    this.skipBlank(false);
    FOREACH_OBJECT.lastIndex = this.pos;
    const m = t[this.pos] === '|' ? FOREACH_OBJECT.exec(t) : null;
    if (!m) {
      this.pos = start;
      this.problems.length = problems;
      return false;
    }
    this.pos += m[0].length;
    this.loopBody('_', list);
    return true;
  }

  /** The `{ … }` at `pos`, read once per element of `list` with `$name` bound to it; `pos` ends after the `}`. */
  private loopBody(name: string, list: Val): void {
    const open = this.pos;
    const span = { offset: open, length: 1 };
    const unknown: Val = { items: [], span, unknown: true, literal: false };
    // Each nested loop recurses: past the budget's depth (or once the budget is spent) the body is left to the
    // caller, which reads it flat, once, with the variable unknown. So no file can overflow the stack.
    if (!this.budget.enter(`$${name}`, span, this.loops + 1)) {
      this.vars.set(name, { kind: 'list', val: unknown });
      return;
    }
    this.skipBalanced('{', '}');
    const close = this.pos;
    const known = !list.unknown && list.items.length > 0 && !list.items.some((i) => RANGE.test(i.text));
    // Each extra pass reads the body again: charged to the document's expansion budget, so nested loops and long
    // lists stay linear in the document; past it the body is read once with the variable unknown.
    const passes = known && this.budget.take(`$${name}`, span, (list.items.length - 1) * (close - open), list.items.length) ? list.items : [undefined];
    const before = this.vars.get(name);
    this.loops++;
    for (const item of passes) {
      const val: Val = item ? { items: [item], span: item.span, unknown: item.unknown, literal: false } : unknown;
      this.vars.set(name, { kind: 'list', val });
      this.pos = open + 1;
      this.statements(close - 1);
    }
    this.loops--;
    if (before) this.vars.set(name, before);
    else this.vars.delete(name);
    this.pos = close;
  }
}
