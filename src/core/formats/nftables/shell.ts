/** Finds `nft …` commands (and `nft -f - <<EOF` here-documents) in shell scripts, with quoting removed. */
import { escapeRegExp } from '../../text/regexp';

/** One command's argument text as nft sees it (words joined by spaces), and where each character came from. */
export interface NftCommand {
  text: string;
  map: number[];
  /** The program as written, with a trailing space ("nft ", "sudo nft ", "$NFT "). */
  prefix: string;
}

/** The body of `nft -f - <<EOF`: plain nft text. */
export interface HereDoc {
  start: number;
  end: number;
}

export interface ShellScan {
  /** Commands and here-documents in the order the script runs them. */
  items: (NftCommand | HereDoc)[];
  vars: Map<string, { text: string; map: number[] }>;
}

interface Word {
  text: string;
  map: number[];
  start: number;
}

const LEADING = new Set(['sudo', 'command', 'exec', 'time', 'nice', 'env', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '(']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '(']);
const PROGRAM = /^(?:.*\/)?nft$/;

export function scanShell(text: string): ShellScan {
  const out: ShellScan = { items: [], vars: new Map() };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const words: Word[] = [];
    let heredoc: string | undefined;
    // One command: words up to an unquoted line end, ;, &, | or a comment.
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || (text[i] === '\\' && text[i + 1] === '\n'))) i += text[i] === '\\' ? 2 : 1;
      if (i >= n) break;
      const c = text[i];
      if (c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') {
        i++;
        break;
      }
      if (c === '#') {
        while (i < n && text[i] !== '\n') i++;
        continue;
      }
      if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
        const m = /^<<-?\s*['"]?([A-Za-z_][\w]*)['"]?/.exec(text.slice(i, i + 80));
        if (m) {
          heredoc = m[1];
          i += m[0].length;
          continue;
        }
      }
      const w = readWord(text, i);
      words.push(w.word);
      i = w.end;
    }
    command(text, words, out);
    if (heredoc !== undefined) {
      const body = i;
      const end = new RegExp(`^[ \\t]*${escapeRegExp(heredoc)}[ \\t]*\\r?$`, 'm');
      const m = end.exec(text.slice(body));
      const stop = m ? body + m.index : n;
      if (isNft(words, out.vars) && words.some((w, k) => w.text === '-f' && (words[k + 1]?.text === '-' || words[k + 1]?.text === '/dev/stdin'))) out.items.push({ start: body, end: stop });
      i = m ? stop + m[0].length : n;
    }
  }
  return out;
}

function isNft(words: Word[], vars: ShellScan['vars']): boolean {
  let k = 0;
  while (k < words.length && (LEADING.has(words[k].text) || /^[A-Za-z_]\w*=/.test(words[k].text) || (words[k - 1]?.text === 'sudo' && words[k].text.startsWith('-')))) k++;
  const prog = words[k]?.text ?? '';
  const v = /^\$\{?(\w+)\}?$/.exec(prog);
  return PROGRAM.test(v ? (vars.get(v[1])?.text.trim().split(/\s+/)[0] ?? '') : prog);
}

function command(text: string, words: Word[], out: ShellScan): void {
  const assign = words.length === 1 ? words[0] : words.length === 2 && ['export', 'local', 'readonly', 'declare'].includes(words[0].text) ? words[1] : undefined;
  const m = assign && /^([A-Za-z_]\w*)=/.exec(assign.text);
  if (assign && m) {
    out.vars.set(m[1], { text: assign.text.slice(m[0].length), map: assign.map.slice(m[0].length) });
    return;
  }
  let k = 0;
  while (k < words.length && (LEADING.has(words[k].text) || /^[A-Za-z_]\w*=/.test(words[k].text) || (words[k - 1]?.text === 'sudo' && words[k].text.startsWith('-')))) k++;
  if (!isNft(words.slice(k, k + 1), out.vars)) return;
  // The prefix keeps wrappers (sudo, env) but not the shell keywords in front of them.
  let from = 0;
  while (from < k && (KEYWORDS.has(words[from].text) || /^[A-Za-z_]\w*=/.test(words[from].text))) from++;
  let a = k + 1;
  // Options before the command; -f reads a file (or stdin), -c only checks: neither is a command here.
  while (a < words.length && words[a].text.startsWith('-')) {
    if (['-f', '--file', '-c', '--check', '-i', '--interactive'].includes(words[a].text)) return;
    a += ['-I', '--includepath', '-D', '--define'].includes(words[a].text) ? 2 : 1;
  }
  if (a >= words.length) return;
  const map: number[] = [];
  let joined = '';
  words.slice(a).forEach((w, j) => {
    if (j) {
      joined += ' ';
      map.push((map[map.length - 1] ?? w.start) + 1);
    }
    joined += w.text;
    map.push(...w.map);
  });
  out.items.push({ text: joined, map, prefix: text.slice(words[from].start, words[a].start) });
}

/** One shell word: quotes removed, escapes resolved, each character's source offset kept. */
function readWord(text: string, i: number): { word: Word; end: number } {
  const start = i;
  let s = '';
  const map: number[] = [];
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || (c === ')' && !s.includes('$('))) break;
    if (c === '\\' && i + 1 < n) {
      if (text[i + 1] !== '\n') {
        s += text[i + 1];
        map.push(i + 1);
      }
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const e = close < 0 ? n : close;
      for (let j = i + 1; j < e; j++) map.push(j);
      s += text.slice(i + 1, e);
      i = e + 1;
    } else if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) i++;
        if (text[i] !== '\n' || text[i - 1] !== '\\') {
          s += text[i];
          map.push(i);
        }
        i++;
      }
      i++;
    } else {
      s += c;
      map.push(i);
      i++;
    }
  }
  return { word: { text: s, map, start }, end: Math.min(i, n) };
}
