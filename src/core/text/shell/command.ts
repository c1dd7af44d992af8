/**
 * Which word of a shell command is the program: the one list of command prefixes every script reader uses
 * (iptables, nft, ufw, firewall-cmd, docker run). Options are those of the real tools: sudo(8), doas(1),
 * env(1), nice(1), ionice(1), time(1) (GNU), nohup(1), and bash(1)'s `exec` and `command` builtins.
 */
import type { Word } from './lexer';

const COMMAND_OPTIONS: ReadonlySet<string> = new Set();

/** Each prefix that runs the rest of the line as a command, with its options that take the next word as value. */
const PREFIX_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-U', '--other-user', '-R', '--chroot'])],
  ['doas', new Set(['-u', '-C'])],
  ['env', new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string'])],
  ['nice', new Set(['-n', '--adjustment'])],
  ['ionice', new Set(['-c', '--class', '-n', '--classdata', '-t'])],
  ['time', new Set(['-f', '--format', '-o', '--output'])],
  ['nohup', new Set()],
  ['exec', new Set(['-a'])],
  ['command', COMMAND_OPTIONS],
]);

/** Reserved words that may stand before a command (bash(1), SHELL GRAMMAR: compound commands, `!` pipelines). */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '(']);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The prefixes as a pattern for the format detectors' quick checks on raw text: `(?:sudo|doas|…)`. */
export const PREFIX_WORDS = `(?:${[...PREFIX_VALUES.keys()].join('|')})`;

export interface CommandHead {
  /** The first word after the shell's reserved words (`then`, `!`, `{`): where the command as written starts. */
  from: number;
  /** The program word; words.length when there is none (an assignment alone). */
  program: number;
}

/** Where the command starts and which word is its program: past reserved words, prefixes with their options,
 *  and `NAME=value` assignments (`then sudo -u root env A=1 nice -n 5 iptables …` → from `sudo`, program
 *  `iptables`). */
export function commandHead(words: readonly Word[]): CommandHead {
  let from = 0;
  while (from < words.length && KEYWORDS.has(words[from].text)) from++;
  let k = from;
  let prefix: ReadonlySet<string> | undefined;
  while (k < words.length) {
    const t = words[k].text;
    const values = PREFIX_VALUES.get(t);
    if (values) prefix = values;
    else if (ASSIGNMENT.test(t)) {
      // an assignment before the command (or an `env` argument)
    } else if (prefix && t.startsWith('-')) {
      // `command -v x` only says what x is (bash(1), SHELL BUILTIN COMMANDS): nothing runs.
      if (prefix === COMMAND_OPTIONS && /^-[pvV]*[vV]/.test(t)) return { from, program: words.length };
      // `--` ends the prefix's options; `-u root` takes the next word; `--user=root` and flags do not.
      if (prefix.has(t)) k++;
    } else break;
    k++;
  }
  return { from, program: Math.min(k, words.length) };
}

/** The index of the program word (see commandHead). */
export function commandStart(words: readonly Word[]): number {
  return commandHead(words).program;
}

/** The program's name as the shell runs it: the first field of the word (`$IPT` may hold `iptables -w`). */
export function programName(word: Word | undefined): string {
  return word ? (word.text.trim().split(/\s+/)[0] ?? '') : '';
}

const SHELLS = /^(?:.*\/)?(?:sh|bash|dash|zsh|ksh|ash|mksh)$/;
/** ssh(1) options that take the next word as value. */
const SSH_VALUES = new Set(['-B', '-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w']);

/** A shell reading its script from standard input: `bash`, `sh -s`, `sudo bash -x -`, not `bash -c …` or
 *  `bash file` (bash(1), INVOCATION: "If the -s option is present, or if no arguments remain after option
 *  processing, then commands are read from the standard input"). */
function shellOnStdin(words: readonly string[]): boolean {
  const k = commandStart(words.map((text) => ({ text }) as Word));
  if (!SHELLS.test(words[k] ?? '')) return false;
  const rest = words.slice(k + 1);
  if (rest.includes('-s')) return true;
  return rest.every((w) => w.startsWith('-') && w !== '-c' && !/^-[a-z]*c/.test(w));
}

/** Whether a here-document given to this command is a script the shell runs: a shell on standard input, or
 *  `ssh host` with no remote command or with such a shell (ssh(1): the remote shell reads standard input). */
export function runsHereDoc(words: readonly Word[]): boolean {
  const k = commandStart(words);
  const texts = words.map((w) => w.text);
  if (shellOnStdin(texts)) return true;
  if (!/^(?:.*\/)?ssh$/.test(programName(words[k]))) return false;
  let a = k + 1;
  while (a < texts.length && texts[a].startsWith('-')) a += SSH_VALUES.has(texts[a]) ? 2 : 1;
  // The remote command is the words after the host, joined and split again by the remote shell.
  const remote = texts.slice(a + 1).join(' ').trim().split(/\s+/).filter(Boolean);
  return a < texts.length && (remote.length === 0 || shellOnStdin(remote));
}
