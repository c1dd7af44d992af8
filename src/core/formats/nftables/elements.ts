/** Splits a set literal into its elements. */
import type { Tok } from './lexer';

/** The elements of `{ a, b - c, d }` (or of a bare list), one token list each; line ends separate too. */
export function elementsOf(toks: Tok[]): Tok[][] {
  const inner = toks[0]?.text === '{' ? toks.slice(1, toks[toks.length - 1]?.text === '}' ? -1 : undefined) : toks;
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  let depth = 0;
  for (const t of inner) {
    if (t.text === '{') depth++;
    if (t.text === '}') depth--;
    if (depth === 0 && (t.text === ',' || t.kind === 'nl')) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}
