/**
 * Mutations of realistic files, the kinds that broke the product in the December 2026 campaign: byte flips,
 * truncation, splices, line-ending and BOM changes, deep nesting, long runs and repeated lines. Each one is
 * bounded: an input never grows past `MAX_INPUT` characters.
 */
import type { Random } from './random';

/** The largest input a mutation may produce: well inside the editor's default 2 MB limit. */
export const MAX_INPUT = 256 * 1024;

/** Tokens that drive lexers and expanders into their corners. */
const HOSTILE = [
  '"', "'", '`', '{', '}', '[', ']', '(', ')', '<', '>', '!', '\\', '\u0000', '\r', '^\r', '^', '%', '%%', '$', '${', '$(',
  '{{', '}}', '*', '**', '?', ':', '::', ';', '&', '&&', '|', '#', '<!--', '-->', '\ufeff', '\t', '/', '-', '--', '=',
  '0.0.0.0/0', '::/0', '445', '139', '137:139', '445:139', '65536', '-1', 'any', 'ACCEPT', 'allow', 'permit',
];

type Mutator = (text: string, rnd: Random, others: readonly string[]) => string;

const at = (text: string, rnd: Random) => rnd.int(text.length + 1);

const MUTATORS: Mutator[] = [
  // Replace one character with a random one (ASCII, control, or a far plane character).
  (t, r) => {
    const i = r.int(Math.max(1, t.length));
    const c = r.pick([String.fromCharCode(r.int(128)), String.fromCharCode(r.int(0x3000)), '\ud83d\ude00', '\ud800']);
    return t.slice(0, i) + c + t.slice(i + 1);
  },
  // Cut the file somewhere.
  (t, r) => t.slice(0, at(t, r)),
  // Drop a stretch.
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(Math.min(t.length, i + r.int(200)));
  },
  // Splice in a hostile token.
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(HOSTILE) + t.slice(i);
  },
  // Splice in a piece of another file of the same format.
  (t, r, others) => {
    const o = others.length ? r.pick(others) : t;
    const from = r.int(o.length + 1);
    const i = at(t, r);
    return t.slice(0, i) + o.slice(from, from + r.int(400)) + t.slice(i);
  },
  // Line endings: CRLF, lone CR, or mixed.
  (t, r) => (r.int(3) === 0 ? t.replace(/\r?\n/g, '\r\n') : r.int(2) === 0 ? t.replace(/\r?\n/g, '\r') : t.replace(/\n/g, () => (r.int(2) ? '\r\n' : '\r'))),
  // Add or remove a byte-order mark.
  (t) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : `\ufeff${t}`),
  // Deep nesting of brackets or braces at one place.
  (t, r) => {
    const depth = 50 + r.int(5000);
    const [open, close] = r.pick([['[', ']'], ['{', '}'], ['(', ')'], ['{{', '}}'], ['<a>', '</a>']]);
    const i = at(t, r);
    return t.slice(0, i) + open.repeat(depth) + (r.int(2) ? close.repeat(depth) : '') + t.slice(i);
  },
  // A long run of one hostile token (the quadratic cases: a token of ':' where an address is expected).
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(HOSTILE).repeat(100 + r.int(20000)) + t.slice(i);
  },
  // Repeat one line many times (a huge list), or join many lines into one.
  (t, r) => {
    const lines = t.split('\n');
    const k = r.int(lines.length);
    if (r.int(2)) return [...lines.slice(0, k), ...Array<string>(50 + r.int(2000)).fill(lines[k]), ...lines.slice(k + 1)].join('\n');
    return [...lines.slice(0, k), Array<string>(50 + r.int(2000)).fill(lines[k]).join(r.pick([' ; ', ' && ', ' ', '; '])), ...lines.slice(k + 1)].join('\n');
  },
];

/** One to four stacked mutations of `text`, bounded in size. */
export function mutate(text: string, rnd: Random, others: readonly string[]): string {
  let out = text;
  const rounds = 1 + rnd.int(4);
  for (let i = 0; i < rounds; i++) {
    out = rnd.pick(MUTATORS)(out, rnd, others);
    if (out.length > MAX_INPUT) out = out.slice(0, MAX_INPUT);
  }
  return out;
}
