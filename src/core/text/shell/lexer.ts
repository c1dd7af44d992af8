/**
 * The one shell lexer of every script reader: splits a script into commands of words, keeping each word's source
 * span (and, when asked, each character's source offset) so fixes land byte-exact. It follows bash(1):
 * QUOTING (inside double quotes a backslash escapes only $ ` " \ and newline), `\` line continuations, `;` `&&`
 * `||` `|` `&` lists, comments at a word's start, here-documents (see heredoc.ts), simple variables and
 * pass-through functions (`ipt() { iptables "$@"; }`). Bounded by construction: one pass over the text, every
 * expansion charged to the document's ExpansionBudget.
 */
import type { ParseProblem, Span } from '../../types';
import { ExpansionBudget } from '../../formats/common/expansion';
import { commandHead, runsHereDoc, type CommandHead } from './command';
import { readHereDoc, type HereDoc, type HereDocOperator } from './heredoc';
import { isDigitCode } from '../chars';

export type { HereDoc } from './heredoc';

export interface Word {
  /** The word after quote removal and variable expansion. */
  text: string;
  span: Span;
  /** Written exactly as `text` in the source (no quotes, escapes or variables): safe to edit piecewise. */
  literal: boolean;
  /** Holds a variable or command substitution whose value is not knowable from the file. */
  unknown: boolean;
  /** With `maps`: the source offset of each character of `text`. */
  map?: number[];
}

export interface Command {
  words: Word[];
  span: Span;
  /** The here-documents the command reads (`nft -f - <<EOF`), in the order written. */
  hereDocs?: HereDoc[];
  /** Where the command starts and which word is its program (command.ts), worked out once for every reader. */
  head: CommandHead;
}

export interface ShellVar {
  value: string;
  unknown: boolean;
  /** With `maps`: the source offset of each character of `value`. */
  map?: number[];
}

export interface LexOptions {
  /** Collects the bodies of closed `$(…)` and backquoted command substitutions (their words stay unknown here),
   *  for readers that look inside them: `ID=$(docker run …)`. */
  substitutions?: Span[];
  /** Record each character's source offset (Word.map, ShellVar.map). */
  maps?: boolean;
  /** Leave `$NAME` and `${NAME}` as written (a reader that resolves them itself, as nft does). */
  keepVariables?: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const NAME_ONLY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Commands of a function body followed before giving up on it as a pass-through. */
const FUNCTION_BODY_LIMIT = 16;

interface Ctx {
  text: string;
  vars: Map<string, ShellVar>;
  budget: ExpansionBudget;
  opts: LexOptions;
}

/** Lexes a shell script. `vars` collects simple assignments as they are met, so later words expand. Returns the
 *  problem of the expansion budget, if expanding variables would pass it (the values past it are unknown). */
export function lexShell(text: string, vars: Map<string, ShellVar>, onCommand: (c: Command) => void, options: LexOptions = {}): ParseProblem[] {
  const n = text.length;
  const ctx: Ctx = { text, vars, budget: new ExpansionBudget(n), opts: options };
  const functions = new Map<string, string>();
  let fn: { name: string; through?: Word[]; commands: number } | undefined;
  let i = 0;
  let words: Word[] = [];
  /** Here-documents opened on this line, by the command that opened them: their bodies follow the line. */
  let pending: { ops: HereDocOperator[]; cmd?: Command }[] = [];
  let current: HereDocOperator[] = [];
  /** Commands of this line held until its here-documents are read, to be reported in order. */
  let held: Command[] = [];
  /** Inside the here-document of a script fed to a shell: where its body ends and reading goes on. */
  let resume: { at: number; next: number } | undefined;
  const end = () => {
    let ws = words;
    words = [];
    const opened = current;
    current = [];
    // `function ipt {` / `ipt() {`: follow the body to learn a pass-through (`iptables "$@"`).
    if (ws[0]?.text === 'function' && ws[1] && NAME_ONLY.test(ws[1].text)) {
      fn = { name: ws[1].text, commands: 0 };
      ws = ws.slice(2);
    }
    if (fn) {
      if (ws[0]?.text === '{') ws = ws.slice(1);
      if (ws[0]?.text === '}' || fn.commands > FUNCTION_BODY_LIMIT) {
        if (fn.commands === 1 && fn.through) functions.set(fn.name, fn.through.slice(0, -1).map((w) => w.text).join(' '));
        else if (fn.through) emit(fn.through, []);
        fn = undefined;
        if (ws[0]?.text === '}') ws = ws.slice(1);
      } else if (ws.length) {
        fn.commands++;
        const last = ws[ws.length - 1];
        if (fn.through) {
          // A second command: not a pass-through; the first runs as written after all.
          emit(fn.through, []);
          fn.through = undefined;
        } else if (fn.commands === 1 && ws.length > 1 && /^"?\$[@*]"?$/.test(text.slice(last.span.offset, last.span.offset + last.span.length))) {
          // Held: if it stays the only command, each call runs it with its own words.
          fn.through = ws;
          ws = [];
        }
      }
    }
    emit(ws, opened);
  };
  const emit = (given: Word[], opened: HereDocOperator[]) => {
    let ws = given;
    if (!ws.length) {
      if (opened.length) pending.push({ ops: opened });
      return;
    }
    // A call of a pass-through function runs its program: `ipt -A …` is `iptables -A …`.
    const head = commandHead(ws);
    const k = head.program;
    const body = ws[k]?.literal ? functions.get(ws[k].text) : undefined;
    if (body !== undefined) ws = [...ws.slice(0, k), { ...ws[k], text: body, literal: false, map: undefined }, ...ws.slice(k + 1)];
    const first = ws[0].span.offset;
    const last = ws[ws.length - 1];
    // (A pass-through's program word keeps its place: the head holds for the substituted words too.)
    const cmd: Command = { words: ws, span: { offset: first, length: last.span.offset + last.span.length - first }, head };
    recordAssignment(cmd, vars);
    if (opened.length) pending.push({ ops: opened, cmd });
    if (held.length || opened.length) held.push(cmd);
    else onCommand(cmd);
  };
  /** At a line's end: the bodies of its here-documents follow, one after another. */
  const lineEnd = () => {
    if (!pending.length && !held.length) return;
    const start = i;
    let script: { at: number; next: number } | undefined;
    for (const p of pending) {
      for (const op of p.ops) {
        const doc = readHereDoc(text, i, op);
        i = doc.next;
        if (p.cmd) (p.cmd.hereDocs ??= []).push(doc.doc);
        // A script fed to a shell (`ssh host bash -s <<EOF`) is read as commands, in place (one level deep).
        if (p.cmd && !resume && !script && p.ops.length === 1 && pending.length === 1 && runsHereDoc(p.cmd.words)) {
          script = { at: doc.doc.body.offset + doc.doc.body.length, next: doc.next };
        }
      }
    }
    if (script) {
      resume = script;
      i = start;
    }
    pending = [];
    const out = held;
    held = [];
    for (const c of out) onCommand(c);
  };
  while (i < n) {
    if (resume && i >= resume.at) {
      // The end of a script's here-document: its last command ends, reading goes on after the delimiter.
      end();
      lineEnd();
      i = Math.max(i, resume.next);
      resume = undefined;
      continue;
    }
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (c === '\n') {
      end();
      i++;
      lineEnd();
    } else if (c === '(' && words.length === 1 && words[0].literal && NAME_ONLY.test(words[0].text) && /^\([ \t]*\)/.test(text.slice(i, i + 16))) {
      // `name() …`: a function definition; its body follows.
      fn = { name: words[0].text, commands: 0 };
      words = [];
      i = text.indexOf(')', i) + 1;
    } else if ((c === '&' && text[i + 1] === '>') || (mayRedirect(text, i) && redirection(text, i))) {
      // A redirection (`2>/dev/null`, `&>log`, `>&2`, `<<<word`) is not an argument: it and its target are
      // skipped (bash(1), REDIRECTION).
      i = skipRedirection(ctx, i);
    } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      end();
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      const op = parseHereDocOperator(text, i);
      if (op) {
        current.push(op.op);
        i = op.next;
      } else {
        i += 2;
      }
    } else {
      // readWord stops only before a break character, so it reads at least this one.
      const w = readWord(ctx, i);
      words.push(w);
      i = endOf(w);
    }
  }
  end();
  lineEnd();
  return ctx.budget.problems;
}

/** `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF` (bash(1), Here Documents: any quoting of the word means
 *  the body is not expanded; the delimiter is the word after quote removal). */
function parseHereDocOperator(text: string, at: number): { op: HereDocOperator; next: number } | undefined {
  const m = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|(\\?)([^\s;&|()<>'"]+))/.exec(text.slice(at, at + 256));
  if (!m) return undefined;
  const delimiter = m[2] ?? m[3] ?? m[5];
  const quoted = m[2] !== undefined || m[3] !== undefined || m[4] === '\\';
  return { op: { delimiter, quoted, stripTabs: m[1] === '-' }, next: at + m[0].length };
}

function isQuoteOrExpansion(c: string): boolean {
  return c === '\\' || c === "'" || c === '"' || c === '$' || c === '`';
}

function isBreak(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

/** Where a word ends in the source. */
const endOf = (w: Word): number => w.span.offset + w.span.length;

/** A cheap test before the pattern below: `<` or `>` at `at`, or after one to three digits (`2>`). Most words
 *  that start with a digit are ports and addresses, and need no slice and no pattern. */
function mayRedirect(text: string, at: number): boolean {
  let i = at;
  while (i < at + 3 && isDigitCode(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  return c === 60 || c === 62; // < >
}
/** A redirection operator at a word's start: `[n]>`, `[n]>>`, `[n]<`, `[n]<>`, `[n]>&`, `[n]<&`, `>|`, `&>`,
 *  `&>>`, `<<<`. Here-documents (`<<`) are read apart. */
const REDIRECT = /^(?:&>>?|[0-9]{0,3}(?:>>|>&|>\||<>|<&|<<<|>|<(?!<)))/;

function redirection(text: string, at: number): string | undefined {
  return REDIRECT.exec(text.slice(at, at + 8))?.[0];
}

/** Past a redirection and its target word (`>&2` and `>&-` name a descriptor). */
function skipRedirection(ctx: Ctx, at: number): number {
  const { text } = ctx;
  const op = redirection(text, at) ?? '';
  let i = at + op.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i >= text.length || isBreak(text[i])) return i;
  // The target is a word of its own (expanded by the shell, never an argument of the command).
  return endOf(readWord({ ...ctx, opts: { ...ctx.opts, maps: false } }, i));
}

/** Reads one word from `start` (not a break character). The word's span ends where reading stopped. */
function readWord(ctx: Ctx, start: number): Word {
  const { text, opts } = ctx;
  // Most words are plain characters only: one slice, no quote removal, no expansion.
  let plain = start;
  while (plain < text.length && !isBreak(text[plain]) && !isQuoteOrExpansion(text[plain])) plain++;
  if (plain >= text.length || isBreak(text[plain])) {
    const word: Word = { text: text.slice(start, plain), span: { offset: start, length: plain - start }, literal: true, unknown: false };
    if (opts.maps) word.map = Array.from({ length: plain - start }, (_, k) => start + k);
    return word;
  }
  return readQuotedWord(ctx, start);
}

/** A word with quotes, escapes or expansions. */
function readQuotedWord(ctx: Ctx, start: number): Word {
  const { text, opts } = ctx;
  let i = start;
  let out = '';
  const map: number[] | undefined = opts.maps ? [] : undefined;
  let literal = true;
  let unknown = false;
  const put = (s: string, at: number) => {
    out += s;
    if (map) for (let j = 0; j < s.length; j++) map.push(at + j);
  };
  const dollar = (at: number): number => {
    literal = false;
    if (opts.keepVariables && text[at + 1] !== '(') {
      // Kept as written for the reader to resolve: `$NAME`, `${NAME}`.
      const m = /^\$(?:\{[^}\n]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at, at + 130));
      const len = m ? m[0].length : 1;
      put(text.slice(at, at + len), at);
      return at + len;
    }
    const r = expandVar(ctx, at);
    // An expanded value's characters come from the variable (its map, when known) or stand for the reference.
    out += r.value;
    if (map) for (let j = 0; j < r.value.length; j++) map.push(r.map?.[j] ?? at);
    unknown ||= r.unknown;
    return r.next;
  };
  while (i < text.length && !isBreak(text[i])) {
    const c = text[i];
    if (c === '\\') {
      literal = false;
      if (text[i + 1] === '\n') i += 2;
      else {
        if (i + 1 < text.length) put(text[i + 1], i + 1);
        i += 2;
      }
    } else if (c === "'") {
      literal = false;
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      put(text.slice(i + 1, stop), i + 1);
      i = stop + 1;
    } else if (c === '"') {
      literal = false;
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
          if (text[i + 1] !== '\n') put(text[i + 1], i + 1);
          i += 2;
        } else if (text[i] === '$') i = dollar(i);
        else {
          put(text[i], i);
          i++;
        }
      }
      i++;
    } else if (c === '$') {
      i = dollar(i);
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close > i + 1) opts.substitutions?.push({ offset: i + 1, length: close - i - 1 });
      i = close < 0 ? text.length : close + 1;
      unknown = true;
      literal = false;
    } else {
      // A run of plain characters is copied at once: most words are nothing else.
      let j = i + 1;
      while (j < text.length && !isBreak(text[j]) && !isQuoteOrExpansion(text[j])) j++;
      put(text.slice(i, j), i);
      i = j;
    }
  }
  const next = Math.min(i, text.length);
  const word: Word = { text: out, span: { offset: start, length: next - start }, literal, unknown };
  if (map) word.map = map;
  return word;
}

interface Expanded {
  value: string;
  unknown: boolean;
  next: number;
  map?: number[];
}

/** Expands `$NAME`, `${NAME}`, `${NAME:-default}`; `$(…)`, `$((…))` and positional parameters are unknown. */
function expandVar(ctx: Ctx, at: number): Expanded {
  const { text, budget } = ctx;
  const r = lookupVar(ctx, at);
  if (!r.value || budget.take(text.slice(at, Math.min(r.next, at + 66)), { offset: at, length: r.next - at }, r.value.length)) return r;
  return { value: '', unknown: true, next: r.next };
}

function lookupVar(ctx: Ctx, at: number): Expanded {
  const { text, vars } = ctx;
  const next = text[at + 1];
  if (next === '(') {
    let depth = 0;
    let i = at + 1;
    for (; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) break;
      else if (text[i] === '\n' && depth === 0) break;
    }
    // A closed command substitution (not `$((…))` arithmetic): its body is a script of its own.
    if (text[i] === ')' && text[at + 2] !== '(' && i > at + 2) ctx.opts.substitutions?.push({ offset: at + 2, length: i - at - 2 });
    return { value: '', unknown: true, next: i + 1 };
  }
  if (next === '{') {
    const close = text.indexOf('}', at);
    if (close < 0) return { value: '', unknown: true, next: text.length };
    const body = text.slice(at + 2, close);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-=](.*))?$/.exec(body);
    const v = m ? vars.get(m[1]) : undefined;
    if (v) return { value: v.value, unknown: v.unknown, next: close + 1, map: v.map };
    if (m?.[2] !== undefined) return { value: m[2], unknown: false, next: close + 1 };
    return { value: '', unknown: true, next: close + 1 };
  }
  const m = NAME.exec(text.slice(at + 1, at + 65));
  if (!m) return { value: '$', unknown: /[0-9@*#?$!-]/.test(next ?? ''), next: /[0-9@*#?$!-]/.test(next ?? '') ? at + 2 : at + 1 };
  const v = vars.get(m[0]);
  return { value: v?.value ?? '', unknown: v ? v.unknown : true, next: at + 1 + m[0].length, map: v?.map };
}

/** `NAME=value` (optionally after export/readonly/local/declare) with no command after it. */
function recordAssignment(cmd: Command, vars: Map<string, ShellVar>): void {
  let words = cmd.words;
  if (['export', 'readonly', 'local', 'declare', 'typeset'].includes(words[0].text)) words = words.slice(1);
  if (!words.length || !words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))) return;
  for (const w of words) {
    const eq = w.text.indexOf('=');
    const v: ShellVar = { value: w.text.slice(eq + 1), unknown: w.unknown };
    if (w.map) v.map = w.map.slice(eq + 1);
    vars.set(w.text.slice(0, eq), v);
  }
}
