/** Finds container runs (`docker run`, `docker create`, `podman run`, `nerdctl run`, `docker service create`) in
 *  the commands of the shared shell lexer, and reads their publish, network and image arguments. */
import { commandStart } from '../../text/shell/command';
import type { Command, Word } from '../../text/shell/lexer';

export interface RunCommand {
  /** `docker run`, `podman create`, `docker service create` … as written. */
  tool: string;
  /** Swarm services publish through the ingress mesh on every node: no host address can be given. */
  service: boolean;
  publishes: Publish[];
  /** `-P` / `--publish-all`: the word, and the offset of the `P` within it. */
  publishAll?: { word: Word; at: number };
  /** `--network host` / `--net=host`: the words that say it. */
  hostNetwork?: Word[];
  image?: Word;
  command: Command;
}

export interface Publish {
  /** The words of the option (`-p` and its value, or one `--publish=…` word). */
  words: Word[];
  /** The value as the shell passes it. */
  value: string;
  /** Holds a variable or substitution the file does not settle (`-p $(PORT):445`): not read. */
  unknown: boolean;
  /** Where the value's text starts in the document, when it is written plainly (or quoted whole). */
  at: number | undefined;
  span: { offset: number; length: number };
}

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);
/** Short options of `docker run` / `service create` that take a value (the rest are flags: -d -i -t -P -q). */
const SHORT_VALUE = new Set(['a', 'c', 'e', 'h', 'l', 'm', 'p', 'u', 'v', 'w']);
/** Long options without a value; every other long option takes one (docker run reference). */
const LONG_FLAG = new Set([
  'rm', 'detach', 'interactive', 'tty', 'privileged', 'publish-all', 'init', 'read-only', 'disable-content-trust',
  'no-healthcheck', 'oom-kill-disable', 'quiet', 'help', 'no-resolve-image', 'with-registry-auth', 'replace',
  'rmi', 'no-hosts', 'http-proxy', 'sig-proxy', 'use-api-socket',
]);

/** Leading words that are not shell: a YAML key (`run:`, `script:`, `- run:`), a list dash, a systemd `Exec…=` key. */
function programStart(words: readonly Word[]): { k: number; program: string } | undefined {
  let k = 0;
  while (k < words.length && k < 3 && (words[k].text === '-' || /^[\w.-]+:$/.test(words[k].text))) k++;
  const rest = words.slice(k);
  const first = rest[0]?.text ?? '';
  const exec = /^Exec[A-Za-z]*=[-@:+!]*/.exec(first);
  if (exec) return { k, program: first.slice(exec[0].length) };
  const s = commandStart(rest);
  // A Makefile recipe line may start with `@` (silent), `-` (ignore errors) or `+`.
  return s < rest.length ? { k: k + s, program: rest[s].text.replace(/^[@+-]{1,3}/, '') } : undefined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Where a word's text starts in the document: the word itself, or inside quotes that hold it whole. */
function textStart(source: string, w: Word, skip = 0): number | undefined {
  if (w.unknown) return undefined;
  if (w.literal) return w.span.offset + skip;
  const raw = source.slice(w.span.offset, w.span.offset + w.span.length);
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length === w.text.length + 2 && raw.endsWith(q) && raw.slice(1, -1) === w.text) return w.span.offset + 1 + skip;
  return undefined;
}

/** The container run this command is, or undefined. */
export function readRun(source: string, command: Command): RunCommand | undefined {
  const words = command.words;
  const start = programStart(words);
  if (!start || !ENGINES.has(basename(start.program))) return undefined;
  let k = start.k + 1;
  const sub = words[k]?.text;
  let service = false;
  if (sub === 'run' || sub === 'create') k++;
  else if ((sub === 'container' && (words[k + 1]?.text === 'run' || words[k + 1]?.text === 'create')) || (sub === 'service' && words[k + 1]?.text === 'create')) {
    service = sub === 'service';
    k += 2;
  } else return undefined;
  const tool = [basename(start.program), ...words.slice(start.k + 1, k).map((w) => w.text)].join(' ');
  const run: RunCommand = { tool, service, publishes: [], command };
  const publish = (opt: Word[], value: Word, skip: number) => {
    const first = opt[0].span.offset;
    const last = opt[opt.length - 1];
    run.publishes.push({ words: opt, value: value.text.slice(skip), unknown: value.unknown, at: textStart(source, value, skip), span: { offset: first, length: last.span.offset + last.span.length - first } });
  };
  const network = (opt: Word[], value: string) => {
    if (value === 'host') run.hostNetwork = opt;
  };
  for (; k < words.length; k++) {
    const w = words[k];
    const t = w.text;
    if (t === '--') {
      run.image = words[k + 1];
      break;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = t.slice(2, eq < 0 ? undefined : eq);
      if (eq < 0 && LONG_FLAG.has(name)) {
        if (name === 'publish-all') run.publishAll = { word: w, at: -1 };
        continue;
      }
      if (name === 'publish-all') continue; // --publish-all=false
      const value = eq < 0 ? words[++k] : w;
      if (!value) break;
      const skip = eq < 0 ? 0 : eq + 1;
      const opt = eq < 0 ? [w, value] : [w];
      if (name === 'publish') publish(opt, value, skip);
      else if (name === 'network' || name === 'net') network(opt, value.text.slice(skip));
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      // A cluster of flags, the last of which may take a value (`-dp 445:445`, `-p445:445`).
      for (let c = 1; c < t.length; c++) {
        const letter = t[c];
        if (letter === 'P' && w.literal) run.publishAll = { word: w, at: c };
        else if (letter === 'P') run.publishAll = { word: w, at: -1 };
        if (!SHORT_VALUE.has(letter)) continue;
        const inline = c + 1 < t.length;
        const skip = t[c + 1] === '=' ? c + 2 : c + 1;
        const value = inline ? w : words[++k];
        if (value && letter === 'p') publish(inline ? [w] : [w, value], value, inline ? skip : 0);
        break;
      }
      continue;
    }
    run.image = w;
    break;
  }
  return run;
}
