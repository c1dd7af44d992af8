/**
 * The one glob and wildcard matcher: `.gitignore` patterns and `--exclude` (CLI), `smbGuard.exclude` and file-name
 * hints (editor), Windows Firewall rule-name wildcards. Patterns come from files and settings SMB Guard does not
 * control, so the matcher is polynomial by construction: a pattern compiles to an NFA with at most one state per
 * pattern character (plus one per `{`), and a test walks the text once, keeping the set of live states
 * (Thompson's simulation). A test costs O(pattern length × text length) time and O(pattern length) memory, whatever
 * the pattern: no backtracking, no RegExp built from the pattern, no error for a malformed one.
 */

/**
 * - `git`: gitignore (wildmatch): `*` and `?` stay inside a folder, `**` as a whole segment spans folders (elsewhere it
 *   is `*`), `[…]`/`[!…]`/`[^…]` classes with ranges, `\` escapes the next character, case-sensitive. A class
 *   that is never closed makes the pattern match nothing, and a reversed range (`[z-a]`) matches its first
 *   character only, as in git.
 * - `vscode`: like `git`, plus `{a,b}` alternatives and `**` anywhere spans folders; `\` is a plain character, an
 *   unclosed `[` is literal, letters match either case.
 * - `wildcard`: only `*` is special, and it matches any text (PowerShell and netsh rule names, already lower-cased).
 */
export type GlobSyntax = 'git' | 'vscode' | 'wildcard';

export interface Glob {
  test(text: string): boolean;
}

const SEP = 47; // '/'
type Test = (c: number) => boolean;

/** The NFA: state i consumes one character accepted by `tests[i]`, or (no test) is a free move; `outs[i]` follow. */
class Nfa implements Glob {
  readonly tests: (Test | undefined)[] = [];
  readonly outs: number[][] = [];
  accept = -1;
  /** States whose `outs` the next added state joins. */
  private holes: number[] = [];

  add(test: Test | undefined): number {
    const i = this.tests.length;
    this.tests.push(test);
    this.outs.push([]);
    for (const h of this.holes) this.outs[h].push(i);
    this.holes = [i];
    return i;
  }

  /** A state that loops over characters accepted by `test` (zero or more): `*`, `**`. */
  addStar(test: Test): void {
    const free = this.add(undefined);
    const loop = this.tests.length;
    this.tests.push(test);
    this.outs.push([free]);
    this.outs[free].push(loop);
    this.holes = [free];
  }

  takeHoles(): number[] {
    return this.holes;
  }

  setHoles(holes: number[]): void {
    this.holes = holes;
  }

  test(text: string): boolean {
    const n = this.tests.length;
    const mark = new Int32Array(n).fill(-1);
    let live: number[] = [];
    const stack: number[] = [];
    // Adds `s` and every state its free moves reach; an explicit stack, so a long pattern cannot overflow.
    const reach = (s: number, into: number[], step: number) => {
      stack.push(s);
      while (stack.length) {
        const t = stack.pop() as number;
        if (mark[t] === step) continue;
        mark[t] = step;
        into.push(t);
        if (!this.tests[t]) for (const u of this.outs[t]) if (mark[u] !== step) stack.push(u);
      }
    };
    reach(0, live, 0);
    for (let k = 0; k < text.length && live.length; k++) {
      const c = text.charCodeAt(k);
      const next: number[] = [];
      for (const s of live) {
        const t = this.tests[s];
        if (t && t(c)) for (const u of this.outs[s]) reach(u, next, k + 1);
      }
      live = next;
    }
    return live.includes(this.accept);
  }
}

const NEVER: Glob = { test: () => false };

/** One character of a class: a range `lo`–`hi` (git also takes `lo` alone when the range is reversed). */
interface ClassItem {
  lo: number;
  hi: number;
}

/** Reads the class that starts at `pattern[open] === '['`; undefined when no `]` closes it. */
function readClass(pattern: string, open: number, escapes: boolean): { items: ClassItem[]; negated: boolean; end: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const items: ClassItem[] = [];
  const charAt = (k: number): [number, number] | undefined => {
    if (k >= pattern.length) return undefined;
    if (escapes && pattern[k] === '\\' && k + 1 < pattern.length) return [pattern.charCodeAt(k + 1), k + 2];
    return [pattern.charCodeAt(k), k + 1];
  };
  for (let first = true; ; first = false) {
    if (i >= pattern.length) return undefined;
    if (pattern[i] === ']' && !first) return { items, negated, end: i };
    const lo = charAt(i) as [number, number];
    i = lo[1];
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      const hi = charAt(i + 1) as [number, number];
      items.push({ lo: lo[0], hi: hi[0] });
      i = hi[1];
    } else items.push({ lo: lo[0], hi: lo[0] });
  }
}

const otherCase = (c: number): number[] => {
  const s = String.fromCharCode(c);
  const out: number[] = [];
  for (const v of [s.toLowerCase(), s.toUpperCase()]) if (v.length === 1 && v.charCodeAt(0) !== c) out.push(v.charCodeAt(0));
  return out;
};

function classTest(items: ClassItem[], negated: boolean, ignoreCase: boolean): Test {
  const inItems = (c: number) => items.some((r) => c === r.lo || (r.lo <= c && c <= r.hi));
  const has = ignoreCase ? (c: number) => inItems(c) || otherCase(c).some(inItems) : inItems;
  return (c) => c !== SEP && has(c) !== negated;
}

function literalTest(c: number, ignoreCase: boolean): Test {
  const alt = ignoreCase ? otherCase(c) : [];
  if (!alt.length) return (x) => x === c;
  return (x) => x === c || alt.includes(x);
}

/** Compiles `pattern`; never throws. */
export function compileGlob(pattern: string, syntax: GlobSyntax): Glob {
  const nfa = new Nfa();
  const git = syntax === 'git';
  const vscode = syntax === 'vscode';
  const wildcard = syntax === 'wildcard';
  const ignoreCase = vscode;
  const notSep: Test = (c) => c !== SEP;
  const any: Test = () => true;
  nfa.add(undefined); // the start state
  /** Open `{` groups: the state that branches to each alternative, and the ends of the alternatives so far. */
  const groups: { branch: number; ends: number[] }[] = [];
  const n = pattern.length;
  for (let i = 0; i < n; i++) {
    const ch = pattern[i];
    if (ch === '*' && wildcard) {
      while (pattern[i + 1] === '*') i++;
      nfa.addStar(any);
    }
    else if (wildcard) nfa.add(literalTest(pattern.charCodeAt(i), false));
    else if (ch === '*') {
      let stars = 1;
      while (pattern[i + stars] === '*') stars++;
      const wholeSegment = (i === 0 || pattern[i - 1] === '/') && (i + stars === n || pattern[i + stars] === '/');
      if (stars === 1 || (git && !wholeSegment)) nfa.addStar(notSep);
      else if (pattern[i + stars] === '/') {
        // `**/`: zero or more whole folders, i.e. nothing, or anything that ends with '/'.
        const skip = nfa.add(undefined);
        nfa.addStar(any);
        const slash = nfa.add((c) => c === SEP);
        nfa.setHoles([slash, skip]);
        i++;
      } else nfa.addStar(any);
      i += stars - 1;
    } else if (ch === '?') nfa.add(notSep);
    else if (ch === '[') {
      const cls = readClass(pattern, i, git);
      if (cls) {
        nfa.add(classTest(cls.items, cls.negated, ignoreCase));
        i = cls.end;
      } else if (git) return NEVER; // wildmatch gives up on the whole pattern
      else nfa.add(literalTest(91, false));
    } else if (ch === '\\' && git && i + 1 < n) nfa.add(literalTest(pattern.charCodeAt(++i), false));
    else if (ch === '{' && vscode) groups.push({ branch: nfa.add(undefined), ends: [] });
    else if (ch === ',' && groups.length) {
      const g = groups[groups.length - 1];
      g.ends.push(...nfa.takeHoles());
      nfa.setHoles([g.branch]);
    } else if (ch === '}' && groups.length) {
      const g = groups.pop() as { branch: number; ends: number[] };
      nfa.setHoles([...g.ends, ...nfa.takeHoles()]);
    } else nfa.add(literalTest(pattern.charCodeAt(i), ignoreCase));
  }
  // Unclosed `{` groups end with the pattern.
  for (let g = groups.pop(); g; g = groups.pop()) nfa.setHoles([...g.ends, ...nfa.takeHoles()]);
  nfa.accept = nfa.add(undefined);
  return nfa;
}
