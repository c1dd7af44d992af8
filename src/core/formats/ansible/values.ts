/** Task argument values: YAML scalars with Jinja `{{ var }}` / `{{ item.port }}` resolved from play vars and
 *  loop items when they are literal; anything else stays unknown (never guessed). */
import type { Node, Scalar } from 'yaml';
import type { RelatedLocation, Span } from '../../types';
import type { ExpansionBudget } from '../common/expansion';
import { get, isMap, isScalar, isSeq, spanOf } from '../common/yaml';

/** A scalar value. `exact`: `text` is written verbatim at `span` (sub-spans can be computed). */
export interface Val {
  text: string;
  span: Span;
  known: boolean;
  exact: boolean;
}

export interface Scope {
  vars: Map<string, Node>;
  /** The current loop item, and the name it goes by (loop_control.loop_var). */
  item?: Node;
  itemVar: string;
  /** Inside a loop whose items are not literal: `item` is unknown. */
  loopUnknown: boolean;
  /** The document's expansion budget: every reference followed draws on it (templates can fan out). */
  budget: ExpansionBudget;
  /** Variables written in other files (group_vars, role defaults, vars_files): their value node → where. */
  foreign?: Map<Node, RelatedLocation>;
  /** Where this task's values came from: each foreign variable a resolution passes through (one per task pass). */
  trail?: RelatedLocation[];
  /** Where the loop is written, when its items come from another file (their own places are in that file). */
  itemAt?: Span;
}

/** A sequence's `at`: where the reference is written when its items live in another file. */
export type Resolved = { kind: 'scalar'; val: Val } | { kind: 'seq'; items: Node[]; span: Span; at?: Span } | { kind: 'map'; node: Node; span: Span };

const NO_SPAN: Span = { offset: 0, length: 0 };
const REF = /^\s*([A-Za-z_]\w*)((?:\.\w+|\[\s*['"]?\w+['"]?\s*\])*)\s*(?:\|\s*(?:int|string|trim)\s*)*$/;

/** `text` with each `{{ expr }}` replaced by `fn(expr)`, as `/\{\{(.*?)\}\}/g` does (the first '}}', on the same
 *  line), in one pass: that pattern rescans the rest of the line at every '{{' that is never closed. */
function replaceTemplates(text: string, fn: (expr: string) => string): string {
  let out = '';
  let last = 0;
  let close = -1; // the first '}}' at or after the last search point
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i)) {
    if (close < i + 2) close = text.indexOf('}}', i + 2);
    if (close < 0) break;
    const brk = lineBreakIn(text, i + 2, close);
    if (brk >= 0) {
      i = brk; // no '{{' before this break closes on its line
      continue;
    }
    out += text.slice(last, i) + fn(text.slice(i + 2, close));
    last = i = close + 2;
  }
  return last ? out + text.slice(last) : text;
}

/** The first line terminator (what '.' does not match) in `text[from, to)`, or -1. */
function lineBreakIn(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return k;
  }
  return -1;
}

/** A plain or quoted scalar's text span (inside the quotes); one object, no intermediate spans. */
function scalarSpan(node: Scalar): Span {
  const r = node.range;
  const t = node.type; // compared as literals: the bundled `yaml` Scalar class sits behind a getter
  const quoted = t === 'QUOTE_SINGLE' || t === 'QUOTE_DOUBLE';
  if (!r) return quoted ? { offset: 1, length: 0 } : NO_SPAN;
  if (quoted) return { offset: r[0] + 1, length: Math.max(0, r[1] - r[0] - 2) };
  return { offset: r[0], length: r[1] - r[0] };
}

/** True when `text` is written verbatim at `span`: plain scalars, and quoted ones without escapes. */
function scalarExact(node: Scalar, span: Span, text: string): boolean {
  const t = node.type;
  if (t === 'PLAIN') return true;
  if (t === 'QUOTE_SINGLE') return !text.includes("'") && span.length === text.length;
  if (t === 'QUOTE_DOUBLE') return span.length === text.length;
  return false;
}

/** The node a reference such as `item.port` or `smb_ports` names, or undefined when not knowable. */
function lookup(expr: string, scope: Scope): Node | undefined | 'unknown' {
  const m = REF.exec(expr);
  if (!m) return 'unknown';
  const path = m[2] ? m[2].match(/\w+/g) ?? [] : [];
  let node: Node | undefined;
  if (m[1] === scope.itemVar && (scope.item || scope.loopUnknown)) {
    if (!scope.item) return 'unknown';
    node = scope.item;
  } else {
    node = scope.vars.get(m[1]);
    const origin = node && scope.foreign?.get(node);
    if (origin && scope.trail && !scope.trail.includes(origin)) scope.trail.push(origin);
  }
  if (!node) return 'unknown';
  for (const key of path) {
    // `item[0]`, `item.1`: a list (a with_nested/with_together pass, a literal list item) is indexed.
    if (isSeq(node) && /^\d+$/.test(key)) node = (node.items[Number(key)] as Node | null | undefined) ?? undefined;
    else if (isMap(node)) node = get(node, key);
    else return 'unknown';
    if (!node) return 'unknown';
  }
  return node;
}

function unknownVal(text: string, span: Span): Val {
  return { text, span, known: false, exact: false };
}

/** A scalar without a template, as `resolve` reads it, without the wrapper; undefined for anything else. */
function literalOf(node: Node | null | undefined): Val | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const text = String(node.value);
  if (text.includes('{{')) return undefined;
  const span = scalarSpan(node as Scalar);
  return { text, span, known: true, exact: scalarExact(node as Scalar, span, text) };
}

/** Resolves a node to a scalar, a sequence or a map; undefined for null or missing. */
export function resolve(node: Node | null | undefined, scope: Scope, depth = 0): Resolved | undefined {
  if (!node) return undefined;
  if (isSeq(node)) return { kind: 'seq', items: node.items as Node[], span: spanOf(node) ?? NO_SPAN };
  if (isMap(node)) return { kind: 'map', node, span: spanOf(node) ?? NO_SPAN };
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const lit = literalOf(node);
  if (lit) return { kind: 'scalar', val: lit };
  const text = String(node.value);
  const span = scalarSpan(node as Scalar);
  const whole = /^\s*\{\{(.*?)\}\}\s*$/.exec(text);
  if (whole && !whole[1].includes('}}')) {
    const target = lookup(whole[1], scope);
    const name = `{{${whole[1]}}}`;
    if (target === 'unknown' || !target || !scope.budget.enter(name, span, depth + 1) || !scope.budget.take(name, span, 0)) return { kind: 'scalar', val: unknownVal(text, span) };
    const r = resolve(target, scope, depth + 1);
    // A loop item keeps its own place (the finding points into the loop list) unless that list is in another file;
    // a variable points at the task.
    const ofItem = target === scope.item || isChildOf(target, scope.item);
    if (r?.kind === 'scalar' && (!ofItem || scope.itemAt)) return { kind: 'scalar', val: { ...r.val, span: ofItem ? scope.itemAt! : span, exact: false } };
    // A list or map from another file: its places are there, so the reference stands for them.
    if (r && r.kind !== 'scalar' && !ofItem && isForeign(whole[1], scope)) return r.kind === 'seq' ? { ...r, span, at: span } : { ...r, span };
    return r;
  }
  let known = true;
  const out = replaceTemplates(text, (expr) => {
    // One unknown part makes the whole value unknown: the rest is not worth resolving.
    if (!known) return '';
    const all = `{{${expr}}}`;
    const target = lookup(expr, scope);
    const r = target === 'unknown' || !scope.budget.enter(all, span, depth + 1) ? undefined : resolve(target, scope, depth + 1);
    if (r?.kind !== 'scalar' || !r.val.known || !scope.budget.take(all, span, r.val.text.length)) {
      known = false;
      return '';
    }
    return r.val.text;
  });
  return { kind: 'scalar', val: known ? { text: out, span, known: true, exact: false } : unknownVal(text, span) };
}

function isForeign(expr: string, scope: Scope): boolean {
  const head = REF.exec(expr)?.[1];
  const node = head === undefined ? undefined : scope.vars.get(head);
  return !!node && !!scope.foreign?.has(node);
}

function isChildOf(node: Node, parent: Node | undefined): boolean {
  if (isSeq(parent)) return parent.items.some((n) => n === node || isChildOf(node, n as Node));
  if (!parent || !isMap(parent)) return false;
  return parent.items.some((p) => p.value === node || p.key === node);
}

/** A scalar value, or an unknown one for lists/maps where a scalar is expected. */
export function scalarOf(node: Node | null | undefined, scope: Scope): Val | undefined {
  const lit = literalOf(node);
  if (lit) return lit;
  const r = resolve(node, scope);
  if (!r) return undefined;
  if (r.kind === 'scalar') return r.val;
  return unknownVal('', r.span);
}

/** A value that may be one scalar or a list of scalars (cidr_ip, ports, source_ranges). */
export function listOf(node: Node | null | undefined, scope: Scope): Val[] | undefined {
  const lit = literalOf(node);
  if (lit) return [lit];
  const r = resolve(node, scope);
  if (!r) return undefined;
  if (r.kind === 'scalar') return [r.val];
  if (r.kind === 'map') return [unknownVal('', r.span)];
  const at = r.at;
  return r.items.map((n) => {
    const v = scalarOf(n, scope);
    return at ? { ...(v ?? unknownVal('', at)), span: at, exact: false } : (v ?? unknownVal('', spanOf(n) ?? r.span));
  });
}

/** A sub-span of an exact value; the whole value otherwise. */
export function subSpan(v: Val, start: number, length: number): Span {
  return v.exact ? { offset: v.span.offset + start, length } : v.span;
}

/** Ansible truthiness of a literal value (yes/true/1/on). */
export function isTrue(v: Val | undefined): boolean {
  return !!v && v.known && /^(?:true|yes|on|1)$/i.test(v.text.trim());
}

/** Splits a legacy `key=value key2="a b"` argument string; values keep their offsets inside the string. */
export function splitFreeForm(text: string): { key: string; value: string; start: number; keyStart: number; end: number }[] {
  const out: { key: string; value: string; start: number; keyStart: number; end: number }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i])) i++;
    const keyStart = i;
    while (i < n && !/[\s=]/.test(text[i])) i++;
    if (text[i] !== '=') {
      while (i < n && !/\s/.test(text[i])) i++;
      continue;
    }
    const key = text.slice(keyStart, i);
    i++;
    const q = text[i];
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, i + 1);
      const end = close < 0 ? n : close;
      out.push({ key, value: text.slice(i + 1, end), start: i + 1, keyStart, end: close < 0 ? n : close + 1 });
      i = close < 0 ? n : close + 1;
    } else {
      const vs = i;
      while (i < n && !/\s/.test(text[i])) i++;
      out.push({ key, value: text.slice(vs, i), start: vs, keyStart, end: i });
    }
  }
  return out;
}
