/** ARM template values: literals, `[parameters('x')]` with a literal defaultValue, `[variables('x')]`,
 *  and `concat` of those. Any other expression is unknown, never guessed. */
import type { Node } from 'yaml';
import type { Span } from '../../types';
import type { ExpansionBudget } from '../common/expansion';
import { get, isScalar, isSeq, spanOf, str } from '../common/yaml';

export interface Scope {
  parameters: unknown;
  variables: unknown;
  /** The document's: a `concat` of variables that are `concat`s of variables multiplies. */
  budget: ExpansionBudget;
}

const NO_SPAN: Span = { offset: 0, length: 0 };

const MAX_DEPTH = 4;
/** Calls nested in one expression: real templates nest a handful (`concat(parameters('a'), '/', …)`); each level
 *  is a recursive call that also rescans its arguments, so 10,000 levels overflowed the stack. Deeper is unknown. */
const MAX_NESTING = 32;

/** The text of a scalar value, or undefined when it is an expression we cannot evaluate. `at`: the value the
 *  evaluation started from, where the expansion budget's problem goes. */
export function resolveText(node: unknown, scope: Scope, depth = 0, at?: Span): string | undefined {
  if (!isScalar(node)) return undefined;
  const s = str(node);
  if (s === undefined) return undefined;
  if (typeof node.value !== 'string' || !s.startsWith('[')) return s;
  if (s.startsWith('[[')) return s.slice(1);
  if (!s.endsWith(']') || depth > MAX_DEPTH) return undefined;
  return evaluate(s.slice(1, -1).trim(), scope, depth, at ?? spanOf(node as Node) ?? NO_SPAN);
}

/** The items of an array value: written inline, or the defaultValue of `[parameters('x')]`. */
export function resolveItems(node: unknown, scope: Scope): Node[] | undefined {
  if (isSeq(node)) return node.items as Node[];
  const s = isScalar(node) ? str(node) : undefined;
  const m = s ? /^\[\s*(parameters|variables)\(\s*'([^']*)'\s*\)\s*\]$/.exec(s) : null;
  if (!m) return undefined;
  const target = m[1] === 'parameters' ? get(get(scope.parameters, m[2]), 'defaultValue') : get(scope.variables, m[2]);
  return isSeq(target) ? (target.items as Node[]) : undefined;
}

function evaluate(expr: string, scope: Scope, depth: number, at: Span, nesting = 0): string | undefined {
  if (nesting > MAX_NESTING) return undefined;
  const lit = /^'((?:[^']|'')*)'$/.exec(expr);
  if (lit) return lit[1].replace(/''/g, "'");
  if (/^-?\d+$/.test(expr)) return expr;
  const call = /^([A-Za-z]+)\s*\(([\s\S]*)\)$/.exec(expr);
  if (!call) return undefined;
  const fn = call[1].toLowerCase();
  const args = splitArgs(call[2]);
  if (!args) return undefined;
  if ((fn === 'parameters' || fn === 'variables') && args.length === 1) {
    const name = evaluate(args[0], scope, depth + 1, at, nesting + 1);
    if (name === undefined || !scope.budget.take(`${fn}('${name.slice(0, 64)}')`, at, 0)) return undefined;
    const target = fn === 'parameters' ? get(get(scope.parameters, name), 'defaultValue') : get(scope.variables, name);
    return resolveText(target, scope, depth + 1, at);
  }
  if (fn === 'concat') {
    let out = '';
    for (const a of args) {
      const v = evaluate(a, scope, depth + 1, at, nesting + 1);
      if (v === undefined || !scope.budget.take('concat(…)', at, v.length, 0)) return undefined;
      out += v;
    }
    return out;
  }
  return undefined;
}

/** Top-level comma-separated arguments (quotes and parentheses respected). */
function splitArgs(s: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quoted || depth !== 0) return undefined;
  const last = s.slice(start).trim();
  if (last) out.push(last);
  return out;
}
