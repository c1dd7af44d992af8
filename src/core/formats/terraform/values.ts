/** Resolves values the file itself settles: literals, var.x defaults, locals, dynamic-block iterators. */
import type { RelatedLocation, Span } from '../../types';
import { TextAttrs } from './attrs';
import { innerSpan, type HBlock, type HDoc, type HVal, type Scalar } from './doc';

export interface Scope {
  vars: Map<string, HVal>;
  locals: Map<string, HVal>;
  /** A dynamic block's iterator: its name and the current element. */
  iter?: { name: string; key: HVal; value: HVal; outer?: Scope['iter'] };
  /** Values written in other files (a tfvars file, a module call): where, and the scope their own references
   *  resolve in (a module call's input is an expression of the caller). */
  foreign?: Map<HVal, Foreign>;
  /** Where the values resolved since the last rule came from: each foreign value a resolution passes through. The
   *  collector hands them to the rule it adds next (build.ts). Shared by every scope of a document. */
  trail?: RelatedLocation[];
}

export interface Foreign {
  origin: RelatedLocation;
  /** Where its references resolve, when not where it is used (a caller's scope). */
  scope?: Scope;
}

/** A resolved value and where the rule writes it (the reference when the value lives elsewhere). */
export interface Got {
  v: HVal;
  site: Span;
  /** True when the rule writes the literal itself, so a fix can edit it in place. */
  direct: boolean;
}

const MAX_DEPTH = 8;

export function fileScope(doc: HDoc): Scope {
  const scope: Scope = { vars: new Map(), locals: new Map() };
  for (const b of doc.blocks) {
    if (b.type === 'variable' && b.labels[0]) {
      const d = b.attrs.get('default');
      if (d) scope.vars.set(b.labels[0], d.value);
    } else if (b.type === 'locals') for (const [k, a] of b.attrs) scope.locals.set(k, a.value);
  }
  return scope;
}

/** The value behind `v`, or undefined when the file cannot tell. */
export function resolve(v: HVal | undefined, scope: Scope, depth = 0): HVal | undefined {
  if (!v || depth > MAX_DEPTH) return undefined;
  if (v.kind === 'expr') return undefined;
  if (v.kind !== 'ref' || !v.ref) return v;
  const [head, name, ...rest] = v.ref;
  let base: HVal | undefined;
  if (head === 'var' && name !== undefined) base = scope.vars.get(name);
  else if (head === 'local' && name !== undefined) base = scope.locals.get(name);
  else {
    for (let it = scope.iter; it; it = it.outer) {
      if (it.name !== head) continue;
      if (name === 'value') base = it.value;
      else if (name === 'key') base = it.key;
      break;
    }
  }
  // A value from another file resolves in its own scope, and the rule records where it came from.
  const foreign = base && scope.foreign?.get(base);
  if (foreign) scope.trail?.push(foreign.origin);
  const at = foreign?.scope ?? scope;
  let cur = resolve(base, at, depth + 1);
  for (const step of rest) {
    if (!cur) return undefined;
    if (cur.kind === 'object') cur = resolve(cur.entries?.find((e) => e.key === step)?.value, at, depth + 1);
    else if (cur.kind === 'tuple' && /^\d+$/.test(step)) cur = resolve(cur.items?.[Number(step)], at, depth + 1);
    else return undefined;
  }
  // A list written in another file: its items' references are that file's, resolved there (what stays unresolved
  // is unknown, not looked up again here).
  if (foreign && at !== scope && cur?.kind === 'tuple' && cur.items?.some((i) => i.kind === 'ref' || i.kind === 'expr')) {
    cur = { ...cur, items: cur.items.map((i): HVal => (i.kind === 'ref' ? (resolve(i, at, depth + 1) ?? { kind: 'expr', span: i.span }) : i)) };
  }
  return cur;
}

export function get(v: HVal | undefined, scope: Scope): Got | undefined {
  if (!v) return undefined;
  const r = resolve(v, scope);
  return r ? { v: r, site: v.span, direct: r === v } : undefined;
}

/** A scalar as text (strings, numbers, booleans); undefined when unknown or not a scalar. */
export function scalar(v: HVal | undefined, scope: Scope): Scalar | undefined {
  // get() without its record: this runs for every attribute of every rule.
  const r = v && resolve(v, scope);
  if (!v || !r || r.value === undefined || r.kind === 'tuple' || r.kind === 'object') return undefined;
  const direct = r === v;
  return { text: String(r.value), site: direct ? innerSpan(r) : v.span, direct };
}

/** A list's scalar items; `unknown` when the list or any item cannot be resolved. */
export function scalarList(v: HVal | undefined, scope: Scope): { items: Scalar[]; unknown: boolean; site: Span } | undefined {
  if (!v) return undefined;
  const g = get(v, scope);
  if (!g) return { items: [], unknown: true, site: v.span };
  if (g.v.kind !== 'tuple') {
    const one = scalar(v, scope);
    return one ? { items: [one], unknown: false, site: v.span } : { items: [], unknown: true, site: v.span };
  }
  const items: Scalar[] = [];
  let unknown = false;
  for (const item of g.v.items ?? []) {
    const s = scalar(item, scope);
    if (s) items.push(g.direct ? s : { ...s, site: g.site, direct: false });
    else unknown = true;
  }
  return { items, unknown, site: v.span };
}

export const attrValue = (b: HBlock, name: string): HVal | undefined => (b.attrs instanceof TextAttrs ? b.attrs.value(name) : b.attrs.get(name)?.value);

/** `scalar(attrValue(b, name), scope)`; a literal written in the text is read without building its value. */
export function scalarAttr(b: HBlock, name: string, scope: Scope): Scalar | undefined {
  return (b.attrs instanceof TextAttrs && b.attrs.literal(name)) || scalar(attrValue(b, name), scope);
}

/** `scalarList(attrValue(b, name), scope)`, likewise. */
export function scalarListAttr(b: HBlock, name: string, scope: Scope): ReturnType<typeof scalarList> {
  return (b.attrs instanceof TextAttrs && b.attrs.literals(name)) || scalarList(attrValue(b, name), scope);
}

export const attrSpan = (b: HBlock, name: string): Span | undefined => (b.attrs instanceof TextAttrs ? b.attrs.span(name) : b.attrs.get(name)?.span);

/** A resource reference such as aws_security_group.web.id, as "aws_security_group.web"; else the written text. */
export function refKey(v: HVal | undefined, text: string): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'ref' && v.ref && v.ref.length >= 2 && v.ref[0] !== 'var' && v.ref[0] !== 'local') return `${v.ref[0]}.${v.ref[1]}`;
  if (v.kind === 'string') return String(v.value);
  return text.slice(v.span.offset, v.span.offset + v.span.length);
}

/** The content blocks of `dynamic "<type>"` children, each with the scope of one for_each element. */
export function expand(parent: HBlock, type: string, scope: Scope): { block: HBlock; scope: Scope; direct: boolean }[] {
  const out: { block: HBlock; scope: Scope; direct: boolean }[] = [];
  for (const b of parent.blocks) {
    if (b.type === type) out.push({ block: b, scope, direct: true });
    if (b.type !== 'dynamic' || b.labels[0] !== type) continue;
    const content = b.blocks.find((c) => c.type === 'content');
    const each = resolve(b.attrs.get('for_each')?.value, scope);
    if (!content || !each) continue;
    const it = b.attrs.get('iterator')?.value;
    const name = it?.kind === 'ref' && it.ref?.length === 1 ? it.ref[0] : it?.kind === 'string' ? String(it.value) : type;
    const pairsOf: { key: HVal; value: HVal }[] =
      each.kind === 'tuple' ? (each.items ?? []).map((value, i) => ({ key: { kind: 'number', span: value.span, value: i }, value })) :
      each.kind === 'object' ? (each.entries ?? []).map((e) => ({ key: { kind: 'string', span: e.value.span, value: e.key }, value: e.value })) : [];
    for (const p of pairsOf) out.push({ block: content, scope: { ...scope, iter: { name, key: p.key, value: p.value, outer: scope.iter } }, direct: false });
  }
  return out;
}
