/** Go template text as Helm writes it, read into a tree of text and actions (text/template's lexing: `{{- ` and
 *  ` -}}` trim the whitespace next to them; comments are `{{/* … *\/}}`). Scanned once, left to right. */
import type { ParseProblem } from '../../types';

export interface Action {
  /** `{{` to `}}` in the template. */
  start: number;
  end: number;
  /** What is between the delimiters, without trim markers, trimmed. */
  body: string;
}

export type TNode =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'output'; action: Action }
  /** if / with / range: branches in order, the last with `cond` undefined when there is an `else`. */
  | { kind: 'block'; word: 'if' | 'with' | 'range'; action: Action; branches: { cond: string | undefined; body: TNode[] }[] }
  /** define / block and anything else SMB Guard does not render. */
  | { kind: 'skip'; action: Action };

/** Blocks nested deeper than this are not read (no chart needs it; it bounds the recursion). */
export const MAX_NESTING = 24;

interface Token {
  text?: { start: number; end: number };
  action?: Action;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The end of an action that starts its body at `from`: the `}}` outside quotes, or -1. */
function closeOf(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length - 1; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
      else if (c === '\n' && quote !== '`') return -1;
    } else if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

function lex(text: string, problems: ParseProblem[]): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    if (open < 0) {
      tokens.push({ text: { start: pos, end: text.length } });
      break;
    }
    let end = open;
    const trimLeft = text[open + 2] === '-' && isSpace(text[open + 3]);
    if (trimLeft) while (end > pos && isSpace(text[end - 1])) end--;
    if (end > pos) tokens.push({ text: { start: pos, end } });
    let from = open + (trimLeft ? 3 : 2);
    while (isSpace(text[from])) from++;
    const comment = text.startsWith('/*', from);
    const close = comment ? text.indexOf('*/', from + 2) : closeOf(text, from);
    const stop = comment && close >= 0 ? text.indexOf('}}', close + 2) : close;
    if (stop < 0) {
      problems.push({ span: { offset: open, length: 2 }, message: 'a Helm action that is never closed with }}' });
      return tokens;
    }
    const trimRight = text[stop - 1] === '-' && isSpace(text[stop - 2]);
    if (!comment) tokens.push({ action: { start: open, end: stop + 2, body: text.slice(from, trimRight ? stop - 1 : stop).trim() } });
    pos = stop + 2;
    if (trimRight) while (isSpace(text[pos])) pos++;
  }
  return tokens;
}

const firstWord = (body: string) => /^[a-z]+/.exec(body)?.[0] ?? '';

/** The template as a tree. Unbalanced `end`s and blocks left open become problems; what was read stays. */
export function parseTemplate(text: string, problems: ParseProblem[]): TNode[] {
  const tokens = lex(text, problems);
  let i = 0;
  // Reads nodes until an `else` or `end` at this level (returned for the caller) or the end of the tokens.
  const readBody = (depth: number): { nodes: TNode[]; stop?: Action } => {
    const nodes: TNode[] = [];
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.text) {
        nodes.push({ kind: 'text', ...t.text });
        continue;
      }
      const action = t.action!;
      const word = firstWord(action.body);
      if (word === 'end' || word === 'else') return { nodes, stop: action };
      if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') {
        if (depth >= MAX_NESTING) {
          problems.push({ span: { offset: action.start, length: action.end - action.start }, message: `Helm blocks nested more than ${MAX_NESTING} deep; the rest was not read` });
          i = tokens.length;
          return { nodes };
        }
        const branches: { cond: string | undefined; body: TNode[] }[] = [];
        let cond: string | undefined = action.body.slice(word.length).trim();
        for (;;) {
          const { nodes: body, stop } = readBody(depth + 1);
          branches.push({ cond, body });
          if (!stop) {
            problems.push({ span: { offset: action.start, length: action.end - action.start }, message: `a Helm "${word}" without its {{ end }}` });
            break;
          }
          if (firstWord(stop.body) === 'end') break;
          // `else`, `else if X`, `else with X`: one more branch.
          const rest = stop.body.slice(4).trim();
          cond = rest.startsWith(`${word} `) ? rest.slice(word.length).trim() : undefined;
          if (cond === undefined && branches.some((b) => b.cond === undefined)) break;
        }
        if (word === 'define' || word === 'block') nodes.push({ kind: 'skip', action });
        else nodes.push({ kind: 'block', word, action, branches });
        continue;
      }
      nodes.push({ kind: 'output', action });
    }
    return { nodes };
  };
  const nodes: TNode[] = [];
  while (i < tokens.length) {
    const { nodes: more, stop } = readBody(0);
    nodes.push(...more);
    if (stop) problems.push({ span: { offset: stop.start, length: stop.end - stop.start }, message: `a Helm {{ ${firstWord(stop.body)} }} that closes nothing` });
  }
  return nodes;
}
