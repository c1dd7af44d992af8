/** Compose's `.env` file and `${VAR}` interpolation, as `docker compose` reads them (the shell's environment, which
 *  wins over `.env`, is not seen: a variable neither sets stays unknown). */
import type { RelatedLocation } from '../../types';
import { nameOf } from '../../project/uri';

export interface EnvValue {
  value: string;
  origin: RelatedLocation;
}
export type Env = Map<string, EnvValue>;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `KEY=VALUE` (or `export KEY=VALUE`) → its key and raw value; read by hand, no pattern over the whole line. */
function entryOf(line: string): [string, string] | undefined {
  const eq = line.indexOf('=');
  if (eq < 0) return undefined;
  let key = line.slice(0, eq).trim();
  if (key.startsWith('export ') || key.startsWith('export\t')) key = key.slice(7).trim();
  return NAME.test(key) ? [key, line.slice(eq + 1).trim()] : undefined;
}

/** `KEY=VALUE` lines: `#` comments, optional `export`, quoted values unquoted, ` #` after a plain value a comment. */
export function parseEnv(uri: string, text: string): Env {
  const env: Env = new Map();
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = entryOf(line);
    if (m) {
      let v = m[1];
      const q = v[0];
      const hash = v.search(/[ \t]#/);
      if ((q === '"' || q === "'") && v.indexOf(q, 1) > 0) v = v.slice(1, v.indexOf(q, 1));
      else if (hash >= 0) v = v.slice(0, hash).trimEnd();
      env.set(m[0], { value: v, origin: { uri, span: { offset, length: line.length }, message: `${m[0]}=${v} in ${nameOf(uri)}` } });
    }
    offset += raw.length + 1;
  }
  return env;
}

/** `text` with `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}` replaced and `$$`
 *  kept as one `$`; undefined when a value is not known (unset without a default, `${VAR:?error}`, a default that
 *  itself interpolates). `used`: the `.env` entries read. One pass over the text. */
export function interpolate(text: string, env: Env, used: RelatedLocation[]): string | undefined {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('$', i);
    if (at < 0 || at === text.length - 1) return out + text.slice(i);
    out += text.slice(i, at);
    const next = text[at + 1];
    if (next === '$') {
      out += '$';
      i = at + 2;
      continue;
    }
    let name: string;
    let op = '';
    let arg = '';
    if (next === '{') {
      const close = text.indexOf('}', at + 2);
      if (close < 0) return undefined;
      const m = /^([A-Za-z_]\w*)(?:(:?[-+?])(.*))?$/s.exec(text.slice(at + 2, close));
      if (!m || (m[3] ?? '').includes('$')) return undefined;
      [, name, op = '', arg = ''] = m;
      i = close + 1;
    } else {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(at + 1, at + 1 + 256));
      if (!m) {
        out += '$';
        i = at + 1;
        continue;
      }
      name = m[0];
      i = at + 1 + name.length;
    }
    const set = env.get(name);
    if (set && !used.includes(set.origin)) used.push(set.origin);
    const empty = !set || set.value === '';
    if (op === ':-' || op === '-') out += (op === ':-' ? empty : !set) ? arg : set!.value;
    else if (op === ':+' || op === '+') out += (op === ':+' ? !empty : !!set) ? arg : '';
    else if (!set) return undefined; // unset, or `?` / `:?`: an error, or a value from the shell
    else if (op === ':?' && empty) return undefined;
    else out += set.value;
  }
  return out;
}
