/** Splits iptables-save lines and shell scripts into commands of words, keeping each word's source span. */
import type { ParseProblem, Span } from '../../types';
import { ExpansionBudget } from '../common/expansion';

export interface Word {
  /** The word after quote removal and variable expansion. */
  text: string;
  span: Span;
  /** Written exactly as `text` in the source (no quotes, escapes or variables): safe to edit piecewise. */
  literal: boolean;
  /** Holds a variable or command substitution whose value is not knowable from the file. */
  unknown: boolean;
}

export interface Command {
  words: Word[];
  span: Span;
}

export interface ShellVar {
  value: string;
  unknown: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Lexes a shell script. `vars` collects simple assignments as they are met, so later words expand. Returns the
 *  problem of the expansion budget, if expanding variables would pass it (the values past it are unknown).
 *  `substitutions`, when given, collects the bodies of closed `$(…)` and backquoted command substitutions (their
 *  words stay unknown here), for readers that look inside them: `ID=$(docker run …)`. */
export function lexShell(text: string, vars: Map<string, ShellVar>, onCommand: (c: Command) => void, substitutions?: Span[]): ParseProblem[] {
  const n = text.length;
  const budget = new ExpansionBudget(n);
  let i = 0;
  let words: Word[] = [];
  const end = () => {
    if (words.length) {
      const first = words[0].span.offset;
      const last = words[words.length - 1];
      const cmd = { words, span: { offset: first, length: last.span.offset + last.span.length - first } };
      recordAssignment(cmd, vars);
      onCommand(cmd);
    }
    words = [];
  };
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      end();
      i++;
    } else if (c === '#' ) {
      while (i < n && text[i] !== '\n') i++;
    } else {
      // readWord stops only before a break character, so it reads at least this one.
      const w = readWord(text, i, vars, budget, substitutions);
      words.push(w.word);
      i = w.next;
    }
  }
  end();
  return budget.problems;
}

function isBreak(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')';
}

function readWord(text: string, start: number, vars: Map<string, ShellVar>, budget: ExpansionBudget, subs?: Span[]): { word: Word; next: number } {
  let i = start;
  let out = '';
  let literal = true;
  let unknown = false;
  const expand = (at: number): number => {
    const r = expandVar(text, at, vars, budget, subs);
    out += r.value;
    unknown ||= r.unknown;
    literal = false;
    return r.next;
  };
  while (i < text.length && !isBreak(text[i])) {
    const c = text[i];
    if (c === '\\') {
      literal = false;
      if (text[i + 1] === '\n') i += 2;
      else {
        out += text[i + 1] ?? '';
        i += 2;
      }
    } else if (c === "'") {
      literal = false;
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      out += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      literal = false;
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          out += text[i + 1];
          i += 2;
        } else if (text[i] === '$') i = expand(i);
        else out += text[i++];
      }
      i++;
    } else if (c === '$') {
      i = expand(i);
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close > i + 1) subs?.push({ offset: i + 1, length: close - i - 1 });
      i = close < 0 ? text.length : close + 1;
      unknown = true;
      literal = false;
    } else {
      out += c;
      i++;
    }
  }
  const next = Math.min(i, text.length);
  return { word: { text: out, span: { offset: start, length: next - start }, literal, unknown }, next };
}

/** Expands `$NAME`, `${NAME}`, `${NAME:-default}`; `$(…)`, `$((…))` and positional parameters are unknown. */
function expandVar(text: string, at: number, vars: Map<string, ShellVar>, budget: ExpansionBudget, subs?: Span[]): { value: string; unknown: boolean; next: number } {
  const r = lookupVar(text, at, vars, subs);
  if (!r.value || budget.take(text.slice(at, Math.min(r.next, at + 66)), { offset: at, length: r.next - at }, r.value.length)) return r;
  return { value: '', unknown: true, next: r.next };
}

function lookupVar(text: string, at: number, vars: Map<string, ShellVar>, subs?: Span[]): { value: string; unknown: boolean; next: number } {
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
    if (text[i] === ')' && text[at + 2] !== '(' && i > at + 2) subs?.push({ offset: at + 2, length: i - at - 2 });
    return { value: '', unknown: true, next: i + 1 };
  }
  if (next === '{') {
    const close = text.indexOf('}', at);
    if (close < 0) return { value: '', unknown: true, next: text.length };
    const body = text.slice(at + 2, close);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-=](.*))?$/.exec(body);
    const v = m ? vars.get(m[1]) : undefined;
    if (v) return { value: v.value, unknown: v.unknown, next: close + 1 };
    if (m?.[2] !== undefined) return { value: m[2], unknown: false, next: close + 1 };
    return { value: '', unknown: true, next: close + 1 };
  }
  const m = NAME.exec(text.slice(at + 1, at + 65));
  if (!m) return { value: '$', unknown: /[0-9@*#?$!-]/.test(next ?? ''), next: /[0-9@*#?$!-]/.test(next ?? '') ? at + 2 : at + 1 };
  const v = vars.get(m[0]);
  return { value: v?.value ?? '', unknown: v ? v.unknown : true, next: at + 1 + m[0].length };
}

/** `NAME=value` (optionally after export/readonly/local/declare) with no command after it. */
function recordAssignment(cmd: Command, vars: Map<string, ShellVar>): void {
  let words = cmd.words;
  if (['export', 'readonly', 'local', 'declare', 'typeset'].includes(words[0].text)) words = words.slice(1);
  if (!words.length || !words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))) return;
  for (const w of words) {
    const eq = w.text.indexOf('=');
    vars.set(w.text.slice(0, eq), { value: w.text.slice(eq + 1), unknown: w.unknown });
  }
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

/** Walks the words of one iptables-save line in place: whitespace separates, double quotes group (comments), a
 *  backslash inside quotes escapes. Both the general lexer and the fast save-line reader split lines with it. */
export class SaveWordCursor {
  /** The word at hand, and whether it holds quotes. */
  start = 0;
  end = 0;
  quoted = false;
  private pos = 0;
  private lineEnd = 0;

  constructor(readonly text: string) {}

  /** Starts on the line [lineStart, lineEnd). */
  reset(lineStart: number, lineEnd: number): void {
    this.pos = lineStart;
    this.lineEnd = lineEnd;
  }

  /** Moves to the next word; false at the end of the line. */
  next(): boolean {
    const { text, lineEnd } = this;
    let i = this.pos;
    let c = 0;
    while (i < lineEnd && ((c = text.charCodeAt(i)) === SPACE || c === TAB || c === CR)) i++;
    if (i >= lineEnd) {
      this.pos = i;
      return false;
    }
    this.start = i;
    this.quoted = false;
    while (i < lineEnd) {
      c = text.charCodeAt(i);
      // Every character that ends a word or opens a quote is at most '"': one comparison passes the rest.
      if (c > QUOTE) {
        i++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) break;
      if (c === QUOTE) {
        this.quoted = true;
        i++;
        while (i < lineEnd && (c = text.charCodeAt(i)) !== QUOTE) i += c === BACKSLASH && i + 1 < lineEnd ? 2 : 1;
      }
      i++;
    }
    this.end = Math.min(i, lineEnd);
    this.pos = i;
    return true;
  }
}

/** Splits one iptables-save line into words. */
export function lexSaveLine(text: string, lineStart: number, lineEnd: number): Word[] {
  const words: Word[] = [];
  const cur = new SaveWordCursor(text);
  cur.reset(lineStart, lineEnd);
  while (cur.next()) {
    const { start, end, quoted } = cur;
    words.push({ text: quoted ? unquote(text, start, end) : text.slice(start, end), span: { offset: start, length: end - start }, literal: !quoted, unknown: false });
  }
  return words;
}

/** The text of a word with quotes: quotes removed, escapes inside them resolved, copied in runs. */
function unquote(text: string, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== QUOTE) {
      out += text[i++];
      continue;
    }
    let run = ++i;
    while (i < end && text.charCodeAt(i) !== QUOTE) {
      if (text.charCodeAt(i) === BACKSLASH && i + 1 < end) {
        out += text.slice(run, i);
        run = ++i;
      }
      i++;
    }
    out += text.slice(run, i);
    i++;
  }
  return out;
}

/** Words that run the rest of the line as a command: `sudo`, `doas`, `time`, `nice`, `ionice`, `nohup`, `env`,
 *  `exec`, `command` (issue 14's one list of command prefixes). */
const PREFIXES = new Set(['sudo', 'doas', 'time', 'nice', 'ionice', 'nohup', 'env', 'exec', 'command']);
/** Prefix options that take a value in the next word (`sudo -u root`, `nice -n 10`, `ionice -c 3`). */
const PREFIX_VALUE = /^-(?:[ugCDhprRTnc]|-user|-group|-adjustment|-class|-classdata)$/;

/** The index of the command's program word: after prefixes, their options and `NAME=value` assignments
 *  (`sudo -u root env A=1 nice -n 5 docker …` → the index of `docker`). words.length when there is none. */
export function commandStart(words: readonly Word[]): number {
  let k = 0;
  let inPrefix = false;
  while (k < words.length) {
    const t = words[k].text;
    if (PREFIXES.has(t)) inPrefix = true;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
      // an assignment before the command (or an `env` argument)
    } else if (inPrefix && t.startsWith('-')) {
      if (PREFIX_VALUE.test(t)) k++;
    } else break;
    k++;
  }
  return Math.min(k, words.length);
}
