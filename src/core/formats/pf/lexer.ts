/** Splits pf.conf into statements of tokens, expanding macros, keeping each token's source span. */
import type { Span } from '../../types';
import { ExpansionBudget } from '../common/expansion';

export interface Tok {
  /** The token after quote removal; for "$macro" expansions, one token of the macro's value. */
  text: string;
  span: Span;
  /** Written exactly as `text` at `span`: safe to edit piecewise. */
  literal: boolean;
  /** A macro that is not defined (before this use): its value is not knowable. */
  unknown: boolean;
  quoted: boolean;
}

export interface Statement {
  toks: Tok[];
  span: Span;
  /** Offset of the line the statement starts on, its indentation, and the offset past its last line. */
  lineStart: number;
  indent: string;
  end: number;
}

const PUNCT = new Set(['{', '}', '(', ')', ',']);
const OPS = ['!=', '<=', '>=', '><', '<>', '=', '<', '>', '!'];
const STATEMENT_START = /^[ \t]*(?:pass|block|match|table|set|scrub|antispoof|anchor|nat|rdr|binat|queue|altq|include|load)\b/;
const WORD_END = /[\s{}(),!=<>"#\\]/;
const ENDS = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v{}(),!=<>"#\\') ENDS[ch.charCodeAt(0)] = 1;
const isWordEnd = (code: number) => code < 128 && ENDS[code] === 1;

/** Lexes `text`; `macros` is read for expansions and written by the caller as definitions are met. Expansions
 *  draw on `budget` (one per document): past it a macro use is unknown. */
export function lexPf(text: string, macros: Map<string, string>, onStatement: (s: Statement) => void, budget = new ExpansionBudget(text.length)): void {
  const n = text.length;
  let i = 0;
  let toks: Tok[] = [];
  let depth = 0;
  let start = 0;
  // A macro is used over and over ("on $ext_if" on most rules): its value is split into tokens once.
  const split = new Map<string, string[]>();
  const flush = (end: number) => {
    if (toks.length) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const first = toks[0].span.offset;
      const last = toks[toks.length - 1].span;
      onStatement({
        toks,
        span: { offset: first, length: last.offset + last.length - first },
        lineStart,
        indent: /^[ \t]*/.exec(text.slice(lineStart, first))?.[0] ?? '',
        end,
      });
    }
    toks = [];
    depth = 0;
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      i++;
      // Newlines inside braces continue the statement (pf allows lists over several lines), unless the next
      // line starts a new statement: an unclosed "{" in a half-typed rule must not swallow the file.
      if (depth <= 0 || (toks[0]?.text !== 'anchor' && STATEMENT_START.test(text.slice(i, i + 24)))) flush(i);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (!toks.length) start = i;
    if (c === '"') {
      const q = quoted(text, i);
      toks.push({ text: q.text, span: { offset: i, length: q.end - i }, literal: false, unknown: false, quoted: true });
      i = q.end;
      continue;
    }
    if (c === '$') {
      const m = /^[A-Za-z_][\w]*/.exec(text.slice(i + 1, i + 65));
      const name = m?.[0] ?? '';
      const span = { offset: i, length: name.length + 1 };
      const defined = macros.get(name);
      const value = defined !== undefined && budget.take(`$${name}`, span, defined.length) ? defined : undefined;
      if (value === undefined) toks.push({ text: `$${name}`, span, literal: false, unknown: true, quoted: false });
      else {
        let parts = split.get(value);
        if (!parts) split.set(value, (parts = lexValue(value)));
        for (const t of parts) toks.push({ text: t, span, literal: false, unknown: false, quoted: false });
      }
      i += name.length + 1;
      // "$int_if:network", "$lan/24": the suffix belongs to the expanded word.
      if ((text[i] === ':' || text[i] === '/') && value !== undefined && toks.length) {
        let j = i + 1;
        while (j < n && !WORD_END.test(text[j])) j++;
        const last = toks[toks.length - 1];
        toks[toks.length - 1] = { ...last, text: last.text + text.slice(i, j), span: { offset: span.offset, length: j - span.offset } };
        i = j;
      }
      continue;
    }
    if (PUNCT.has(c)) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      toks.push({ text: c, span: { offset: i, length: 1 }, literal: true, unknown: false, quoted: false });
      i++;
      continue;
    }
    if (c === '<' && /^<[\w.-]+>/.test(text.slice(i, i + 66))) {
      const close = text.indexOf('>', i);
      toks.push({ text: text.slice(i, close + 1), span: { offset: i, length: close + 1 - i }, literal: true, unknown: false, quoted: false });
      i = close + 1;
      continue;
    }
    const op = c === '!' || c === '=' || c === '<' || c === '>' ? OPS.find((o) => text.startsWith(o, i)) : undefined;
    if (op) {
      toks.push({ text: op, span: { offset: i, length: op.length }, literal: true, unknown: false, quoted: false });
      i += op.length;
      continue;
    }
    let j = i + 1;
    while (j < n && !isWordEnd(text.charCodeAt(j))) j++;
    toks.push({ text: text.slice(i, j), span: { offset: i, length: j - i }, literal: true, unknown: false, quoted: false });
    i = j;
  }
  flush(n);
}

/**
 * A quoted string from its opening quote at `open`, as pfctl's yylex reads it (OpenBSD sbin/pfctl/parse.y): a
 * backslash before a line break joins the next line (`smb = "{ 139 \` / `445 }"`; pfctl drops both, in
 * every version of its lexer). A line break without a backslash ends the string here, where pfctl would read on to the next quote: a
 * half-typed line's open quote must not swallow the rest of the file. `end` is past the closing quote, or at the
 * line break or the end of the text when none closes it.
 */
function quoted(text: string, open: number): { text: string; end: number } {
  const n = text.length;
  let out = '';
  let j = open + 1;
  while (j < n) {
    const c = text[j];
    if (c === '"') return { text: out, end: j + 1 };
    if (c === '\\') {
      const next = text[j + 1];
      const crlf = next === '\r' && text[j + 2] === '\n';
      if (next === '\n' || crlf) {
        j += crlf ? 3 : 2;
        continue;
      }
    }
    if (c === '\n' || (c === '\r' && text[j + 1] === '\n')) return { text: out, end: j };
    out += c;
    j++;
  }
  return { text: out, end: n };
}

/** The tokens of a macro's value ("{ 139 445 }" gives five), for expansion at the use site. */
export function lexValue(value: string): string[] {
  const out: string[] = [];
  // No macros here, so nothing expands: the value was charged to the budget where it is used.
  lexPf(value.replace(/\n/g, ' '), new Map(), (s) => {
    for (const t of s.toks) out.push(t.text);
  });
  return out;
}

/** A macro definition's value with earlier macros expanded ("$a $b" inside quotes is expanded by pfctl too);
 *  undefined (unknown) when an expansion would pass the budget. */
export function macroValue(toks: Tok[], macros: Map<string, string>, budget: ExpansionBudget): string | undefined {
  let known = true;
  const parts = toks.map((t) => {
    if (!t.quoted) return t.text;
    return t.text.replace(/\$([A-Za-z_]\w*)/g, (m, name: string, at: number) => {
      const value = macros.get(name);
      if (value === undefined || !known) return m;
      // A quoted token's text starts one past its opening quote.
      if (!budget.take(m, { offset: t.span.offset + 1 + at, length: m.length }, value.length)) known = false;
      return known ? value : m;
    });
  });
  return known ? parts.join(' ') : undefined;
}
