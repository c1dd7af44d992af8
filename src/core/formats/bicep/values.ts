/** Bicep values as far as the file decides them: literals, parameters' defaults, variables, interpolated
 *  strings, member access on known objects, and `for` loops over known arrays. Anything else is unknown.
 *  Every value keeps the expression it was written as (`expr`), so findings land there and fixes edit it. */
import type { Span } from '../../types';
import type { ExpansionBudget } from '../common/expansion';
import type { BicepFile, Expr } from './parser';

export type Value =
  | { kind: 'str'; s: string; expr: Expr; loop: boolean }
  | { kind: 'num'; n: number; expr: Expr; loop: boolean }
  | { kind: 'bool'; b: boolean; expr: Expr; loop: boolean }
  | { kind: 'arr'; items: Value[]; expr: Expr; loop: boolean }
  | { kind: 'obj'; props: Map<string, PropValue>; expr: Expr; loop: boolean; conditional: boolean }
  | { kind: 'unknown'; expr: Expr; loop: boolean };

export interface PropValue {
  key: string;
  /** The `key: value` pair as written (for edits that replace the pair), absent for values built elsewhere. */
  span: Span;
  /** The value as the pair writes it (a name, a literal), where edits go. */
  written: Expr;
  /** What it evaluates to, written where it is defined (a parameter's default, a loop's array item). */
  value: Value;
}

export interface Env {
  file: BicepFile;
  budget: ExpansionBudget;
  /** Loop variables in scope. */
  locals: Map<string, Value>;
  /** True inside a loop body: one piece of text stands for several values. */
  loop: boolean;
}

/** Names followed one inside another (`var a = b`, `var b = c`…): deeper is unknown (and a cycle stops). */
const MAX_REFS = 16;

export const spanOfValue = (v: Value): Span => v.expr.span;

export function evaluate(expr: Expr, env: Env, refs = 0): Value {
  const loop = env.loop;
  switch (expr.k) {
    case 'str': {
      let s = '';
      for (const p of expr.parts) {
        if (typeof p === 'string') s += p;
        else {
          const v = evaluate(p, env, refs);
          const piece = v.kind === 'str' ? v.s : v.kind === 'num' ? String(v.n) : v.kind === 'bool' ? String(v.b) : undefined;
          if (piece === undefined || !env.budget.take('${…}', expr.span, piece.length, 0)) return { kind: 'unknown', expr, loop };
          s += piece;
        }
      }
      return { kind: 'str', s, expr, loop };
    }
    case 'num':
      return { kind: 'num', n: expr.n, expr, loop };
    case 'bool':
      return { kind: 'bool', b: expr.b, expr, loop };
    case 'arr':
      return { kind: 'arr', items: expr.items.map((i) => evaluate(i, env, refs)), expr, loop };
    case 'obj': {
      const props = new Map<string, PropValue>();
      for (const p of expr.props) {
        const key = p.key.toLowerCase();
        if (!props.has(key)) props.set(key, { key: p.key, span: p.span, written: p.value, value: evaluate(p.value, env, refs) });
      }
      return { kind: 'obj', props, expr, loop, conditional: false };
    }
    case 'ref':
      return reference(expr.name, expr, env, refs);
    case 'member': {
      const base = evaluate(expr.obj, env, refs);
      const prop = base.kind === 'obj' ? base.props.get(expr.name.toLowerCase()) : undefined;
      // The value where it is written (a loop's array item, a variable), so findings land on it.
      return prop ? prop.value : { kind: 'unknown', expr, loop };
    }
    case 'for': {
      const items = iterate(expr, env, refs);
      return items ? { kind: 'arr', items, expr, loop } : { kind: 'unknown', expr, loop };
    }
    case 'if': {
      const body = evaluate(expr.body, env, refs);
      return body.kind === 'obj' ? { ...body, conditional: true } : { kind: 'unknown', expr, loop };
    }
    default:
      return { kind: 'unknown', expr, loop };
  }
}

function reference(name: string, expr: Expr, env: Env, refs: number): Value {
  const local = env.locals.get(name);
  if (local) return local;
  const target = env.file.vars.get(name) ?? env.file.params.get(name);
  // Charged by the length of what it stands for: a large variable used many times costs each time.
  if (!target || refs >= MAX_REFS || !env.budget.take(name, expr.span, target.span.length)) return { kind: 'unknown', expr, loop: env.loop };
  // Variables and parameters do not see loop variables.
  return evaluate(target, { ...env, locals: new Map() }, refs + 1);
}

/** The values of a `[for …]` body, one per item of a known source array; undefined when the source is unknown. */
export function iterate(expr: Extract<Expr, { k: 'for' }>, env: Env, refs = 0): Value[] | undefined {
  const source = evaluate(expr.source, env, refs);
  if (source.kind !== 'arr') return undefined;
  const out: Value[] = [];
  for (let i = 0; i < source.items.length; i++) {
    if (!env.budget.take('for', expr.span, 0)) return undefined;
    const locals = new Map(env.locals);
    locals.set(expr.item, source.items[i]);
    if (expr.index) locals.set(expr.index, { kind: 'num', n: i, expr: expr.source, loop: true });
    out.push(evaluate(expr.body, { ...env, locals, loop: true }, refs));
  }
  return out;
}

/** A string value's text, or undefined. */
export const textOf = (v: Value | undefined): string | undefined => (v?.kind === 'str' ? v.s : v?.kind === 'num' ? String(v.n) : undefined);
