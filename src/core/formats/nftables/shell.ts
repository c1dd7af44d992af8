/** Finds `nft …` commands (and `nft -f - <<EOF` here-documents) in shell scripts read by the shared shell lexer,
 *  with quoting removed and each character's source offset kept. */
import { programName } from '../../text/shell/command';
import { lexShell, type Command, type ShellVar, type Word } from '../../text/shell/lexer';
import { pushAll } from '../../text/arrays';

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

const PROGRAM = /^(?:.*\/)?nft$/;

export function scanShell(text: string): ShellScan {
  const out: ShellScan = { items: [], vars: new Map() };
  const vars = new Map<string, ShellVar>();
  // nft resolves `$name` itself (shell variables become its own, see rs.shellVars): they stay as written.
  lexShell(text, vars, (c) => command(text, c, out, vars), { maps: true, keepVariables: true });
  for (const [name, v] of vars) out.vars.set(name, { text: v.value, map: v.map ?? [] });
  return out;
}

function isNft(word: Word | undefined, vars: Map<string, ShellVar>): boolean {
  const prog = programName(word);
  const v = /^\$\{?(\w+)\}?$/.exec(prog);
  return PROGRAM.test(v ? programName({ ...(word as Word), text: vars.get(v[1])?.value ?? '' }) : prog);
}

function command(text: string, cmd: Command, out: ShellScan, vars: Map<string, ShellVar>): void {
  const words = cmd.words;
  const { head } = cmd;
  const k = head.program;
  if (!isNft(words[k], vars)) return;
  const reads = words.some((w, j) => j > k && w.text === '-f' && (words[j + 1]?.text === '-' || words[j + 1]?.text === '/dev/stdin'));
  if (reads) for (const doc of cmd.hereDocs ?? []) out.items.push({ start: doc.body.offset, end: doc.body.offset + doc.body.length });
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
      map.push((map[map.length - 1] ?? w.span.offset) + 1);
    }
    joined += w.text;
    pushAll(map, w.map ?? []);
  });
  // The prefix keeps wrappers (sudo, env) but not the shell keywords in front of them.
  out.items.push({ text: joined, map, prefix: text.slice(words[head.from].span.offset, words[a].span.offset) });
}
