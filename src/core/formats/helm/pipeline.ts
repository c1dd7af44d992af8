/** Helm pipelines: `.Values.a.b`, literals, a few functions (default, quote, toYaml, indent, nindent, eq, not,
 *  and, or …) and `|`. Anything else (include, tpl, variables, other functions, `.Release`) is unknown. */
import * as yaml from 'yaml';
import { isObject, type Origin, type Values } from './values';

export const UNKNOWN = Symbol('unknown');

/** A value with the values-file places it comes from. `path` is set while it still is a `.Values` entry. */
export interface Val {
  v: unknown;
  origins: Origin[];
  path?: string[];
}

export const unknownVal: Val = { v: UNKNOWN, origins: [] };

/** What `.` is: the chart's top level, or a value (inside `with` and `range`). */
export type Dot = 'root' | Val;

type Tok = { t: 'str' | 'num' | 'word' | 'field' | 'var' | 'op'; s: string };

/** Parenthesised pipelines nested deeper than this are unknown. */
const MAX_PARENS = 8;

function tokenize(body: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '"' || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < body.length && body[j] !== c) {
        if (c === '"' && body[j] === '\\' && j + 1 < body.length) j++;
        s += body[j++];
      }
      if (j >= body.length) return undefined;
      out.push({ t: 'str', s });
      i = j + 1;
    } else if (c === '|' || c === '(' || c === ')') {
      out.push({ t: 'op', s: c });
      i++;
    } else {
      let j = i;
      while (j < body.length && !' \t\r\n|()"`'.includes(body[j])) j++;
      const s = body.slice(i, j);
      i = j;
      if (s === ':=' || s === '=' || s === ',') return undefined;
      out.push({ t: /^-?\d+(\.\d+)?$/.test(s) ? 'num' : s.startsWith('.') ? 'field' : s.startsWith('$') ? 'var' : 'word', s });
    }
  }
  return out;
}

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

const known = (v: unknown, origins: Origin[] = []): Val => ({ v, origins });
const mergeOrigins = (vals: Val[]) => vals.flatMap((x) => x.origins);

/** A value as Helm prints it into the manifest; undefined when SMB Guard cannot say (maps, lists). */
export function printed(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function indentLines(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join(`\n${pad}`);
}

/** Helm's toYaml: the YAML of the value without its final line break. */
function toYaml(v: unknown): string {
  if (v === undefined) return 'null';
  return yaml.stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
}

function call(name: string, args: Val[]): Val {
  if (args.some((a) => a.v === UNKNOWN)) return unknownVal;
  const origins = mergeOrigins(args);
  const last = args[args.length - 1];
  switch (name) {
    case 'default':
      return args.length === 2 ? (truthy(args[1].v) ? args[1] : args[0]) : unknownVal;
    case 'quote':
    case 'squote': {
      const q = name === 'quote' ? '"' : "'";
      const parts = args.filter((a) => a.v !== undefined && a.v !== null).map((a) => printed(a.v));
      if (parts.some((p) => p === undefined)) return unknownVal;
      return known(parts.map((p) => q + (name === 'quote' ? p!.replace(/[\\"]/g, '\\$&') : p) + q).join(' '), origins);
    }
    case 'toYaml':
      return args.length === 1 ? known(toYaml(args[0].v), origins) : unknownVal;
    case 'indent':
    case 'nindent': {
      const n = Number(args[0]?.v);
      if (args.length !== 2 || !Number.isInteger(n) || n < 0 || n > 256 || typeof args[1].v !== 'string') return unknownVal;
      return known((name === 'nindent' ? '\n' : '') + indentLines(n, args[1].v), origins);
    }
    case 'int':
    case 'int64': {
      const n = Number(last?.v ?? 0);
      return args.length === 1 && Number.isFinite(n) ? known(Math.trunc(n), origins) : unknownVal;
    }
    case 'toString': {
      const p = args.length === 1 ? printed(args[0].v) : undefined;
      return p === undefined ? unknownVal : known(p, origins);
    }
    case 'eq':
    case 'ne': {
      if (args.length < 2 || args.some((a) => typeof a.v === 'object' && a.v !== null)) return unknownVal;
      const same = args.slice(1).some((a) => a.v === args[0].v);
      return known(name === 'eq' ? same : !same, origins);
    }
    case 'not':
      return args.length === 1 ? known(!truthy(args[0].v), origins) : unknownVal;
    case 'and':
      return args.find((a) => !truthy(a.v)) ?? last ?? unknownVal;
    case 'or':
      return args.find((a) => truthy(a.v)) ?? last ?? unknownVal;
    case 'empty':
      return args.length === 1 ? known(!truthy(args[0].v), origins) : unknownVal;
    case 'lower':
    case 'upper':
    case 'trim':
      if (args.length !== 1 || typeof args[0].v !== 'string') return unknownVal;
      return known(name === 'lower' ? args[0].v.toLowerCase() : name === 'upper' ? args[0].v.toUpperCase() : args[0].v.trim(), origins);
    default:
      return unknownVal;
  }
}

/** Evaluates pipelines against the chart's values. */
export class Evaluator {
  constructor(private readonly values: Values) {}

  /** The value of a pipeline, or unknown for anything outside the supported forms. */
  eval(body: string, dot: Dot): Val {
    const toks = tokenize(body);
    if (!toks?.length) return unknownVal;
    const at = { i: 0 };
    const v = this.pipeline(toks, at, dot, 0);
    return at.i === toks.length ? v : unknownVal;
  }

  private pipeline(toks: Tok[], at: { i: number }, dot: Dot, depth: number): Val {
    let value: Val | undefined;
    for (;;) {
      const args: (Val | string)[] = [];
      while (at.i < toks.length && !(toks[at.i].t === 'op' && toks[at.i].s !== '(')) {
        const tok = toks[at.i++];
        if (tok.t === 'word' && !args.length && !['true', 'false', 'nil'].includes(tok.s)) args.push(tok.s);
        else if (tok.t === 'op') {
          if (depth >= MAX_PARENS) return unknownVal;
          const inner = this.pipeline(toks, at, dot, depth + 1);
          if (toks[at.i]?.s !== ')') return unknownVal;
          at.i++;
          args.push(inner);
        } else args.push(this.operand(tok, dot));
      }
      const [head, ...rest] = args;
      const vals = rest.filter((a): a is Val => typeof a !== 'string');
      if (typeof head === 'string') value = call(head, value ? [...vals, value] : vals);
      else if (head && !rest.length && !value) value = head;
      else return unknownVal;
      if (toks[at.i]?.s !== '|') return value;
      at.i++;
    }
  }

  private operand(tok: Tok, dot: Dot): Val {
    if (tok.t === 'str') return known(tok.s);
    if (tok.t === 'num') return known(Number(tok.s));
    if (tok.t === 'word') return known(tok.s === 'true' ? true : tok.s === 'false' ? false : null);
    if (tok.t === 'var') return tok.s === '$' ? unknownVal : tok.s.startsWith('$.') ? this.field(tok.s.slice(1), 'root') : unknownVal;
    return this.field(tok.s, dot);
  }

  /** `.a.b` from `dot`; from the top level only `.Values…` is known. */
  field(chain: string, dot: Dot): Val {
    const names = chain === '.' ? [] : chain.slice(1).split('.');
    if (names.some((n) => !n)) return unknownVal;
    if (dot === 'root') {
      if (names[0] !== 'Values' || !this.values.known) return unknownVal;
      return this.at(names.slice(1));
    }
    if (dot.path) return this.at([...dot.path, ...names]);
    let v: unknown = dot.v;
    for (const n of names) v = isObject(v) ? v[n] : v === undefined || v === null ? undefined : UNKNOWN;
    return v === UNKNOWN ? unknownVal : known(v, dot.origins);
  }

  private at(path: string[]): Val {
    const found = this.values.lookup(path);
    return { v: found.value, origins: found.origin ? [found.origin] : [], path };
  }
}
