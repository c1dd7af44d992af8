/**
 * A reader for .bat/.cmd files: commands of words, `REM`/`::` comments, `^` continuations, `&`/`|`
 * separators, `%VAR%` expansion from `set VAR=value`. Only netsh and dism commands matter to us.
 */
import type { ParseProblem } from '../../types';
import { ExpansionBudget } from '../common/expansion';
import type { Lexed, Stmt, Tok } from './tokens';
import { programOf } from './tokens';

const PROGRAMS = new Set(['netsh', 'dism', 'powershell', 'pwsh']);

export function lexBatch(text: string): Lexed {
  const stmts: Stmt[] = [];
  const vars = new Map<string, string>();
  const budget = new ExpansionBudget(text.length);
  const problems: ParseProblem[] = [];
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const lineStart = pos;
    while (pos < n && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '@')) pos++;
    if (isComment(text, pos)) {
      pos = lineEnd(text, pos);
      continue;
    }
    // One physical line may hold several commands ("a & b"); a line ending in ^ continues.
    let words: Tok[] = [];
    const flush = () => {
      if (words.length) command(text, words, lineStart, vars, stmts);
      words = [];
    };
    while (pos < n && text[pos] !== '\n') {
      const c = text[pos];
      const cont = c === '^' ? continuationEnd(text, pos) : -1;
      if (c === ' ' || c === '\t' || c === '\r') pos++;
      else if (cont > pos) pos = cont;
      else if (c === '&' || c === '|' || c === '(' || c === ')') {
        // A bracket at the start of a word opens or closes an "if … ( … )" block.
        flush();
        pos++;
      } else {
        // word() stops only before a character handled above, so it always reads at least one.
        const w = word(text, pos, vars, budget);
        if (w.next <= pos) {
          problems.push({ span: { offset: pos, length: 1 }, message: 'the batch reader could not read past this character; the rest of the file is not read' });
          return { stmts, problems: problems.concat(budget.problems) };
        }
        words.push(w.tok);
        pos = w.next;
      }
    }
    flush();
    pos++;
  }
  return { stmts, problems: problems.concat(budget.problems) };
}

/**
 * Where a line continuation that starts with the `^` at `pos` ends, or -1 when the caret escapes a character.
 * cmd.exe drops every CR before it reads carets, so "^" + CRs + LF continues the line, and so does a caret
 * (with CRs) at the end of the file; a lone CR is no line end.
 */
function continuationEnd(text: string, pos: number): number {
  let k = pos + 1;
  while (text[k] === '\r') k++;
  if (k >= text.length) return text.length;
  return text[k] === '\n' ? k + 1 : -1;
}

function isComment(text: string, pos: number): boolean {
  if (text[pos] === ':' && text[pos + 1] === ':') return true;
  // A "#" line is no batch syntax, but SMB Guard's own suppression comments look like that.
  if (text[pos] === '#') return true;
  return /^rem(?:[\s.:]|$)/i.test(text.slice(pos, pos + 4));
}

function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl;
}

function word(text: string, start: number, vars: Map<string, string>, budget: ExpansionBudget): { tok: Tok; next: number } {
  let pos = start;
  let out = '';
  let literal = true;
  let unknown = false;
  let quoted = false;
  while (pos < text.length) {
    const c = text[pos];
    if (c === '\n' || c === '\r') break;
    if (!quoted && (c === ' ' || c === '\t' || c === '&' || c === '|')) break;
    if (!quoted && c === ')' && out === '') break;
    if (c === '"') {
      quoted = !quoted;
      literal = false;
      pos++;
    } else if (c === '^' && !quoted) {
      if (continuationEnd(text, pos) > pos) break;
      // The caret escapes the next character; CRs between them are dropped, as cmd.exe drops them.
      let k = pos + 1;
      while (text[k] === '\r') k++;
      out += text[k];
      literal = false;
      pos = k + 1;
    } else if (c === '%') {
      const m = /^%(?:%\w|~?[0-9*]|~[a-z]*\d|([A-Za-z_][\w]*)%)/.exec(text.slice(pos, pos + 80));
      if (!m) {
        out += c;
        pos++;
        continue;
      }
      literal = false;
      const v = m[1] ? vars.get(m[1].toLowerCase()) : undefined;
      if (v === undefined || !budget.take(m[0], { offset: pos, length: m[0].length }, v.length)) unknown = true;
      else out += v;
      pos += m[0].length;
    } else if (c === '!' && /^![A-Za-z_]\w*!/.test(text.slice(pos, pos + 80))) {
      const close = text.indexOf('!', pos + 1);
      literal = false;
      unknown = true;
      pos = close + 1;
    } else {
      out += c;
      pos++;
    }
  }
  return { tok: { text: out, span: { offset: start, length: pos - start }, literal, unknown }, next: pos };
}

function command(text: string, words: Tok[], lineStart: number, vars: Map<string, string>, stmts: Stmt[]): void {
  const first = words[0].text.toLowerCase();
  if (first === 'echo' || first === 'echo.') return;
  if (first === 'set' && words.length > 1 && !words[1].text.startsWith('/')) {
    const body = words.slice(1).map((w) => w.text).join(' ');
    const eq = body.indexOf('=');
    const name = body.slice(0, eq).trim().toLowerCase();
    if (eq > 0 && words.slice(1).some((w) => w.unknown)) vars.delete(name);
    else if (eq > 0) vars.set(name, body.slice(eq + 1));
    return;
  }
  // "if exist x netsh …", "call netsh …": the program may come after a condition.
  const at = words.findIndex((w) => PROGRAMS.has(programOf(w)));
  if (at < 0) return;
  const head = words[at];
  const last = words[words.length - 1];
  const indent = /^[ \t]*/.exec(text.slice(lineStart, head.span.offset))?.[0] ?? '';
  stmts.push({
    style: 'batch',
    head,
    words: words.slice(at + 1),
    params: [],
    positionals: [],
    span: { offset: head.span.offset, length: last.span.offset + last.span.length - head.span.offset },
    lineStart,
    indent,
    end: last.span.offset + last.span.length,
  });
}
