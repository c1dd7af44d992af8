/** The passes of a task's loop, as Ansible's lookup plugins make them: `loop`/`with_items`/`with_list` run once
 *  per element; `with_nested` over the product of its lists, `with_together` over their zip (shorter lists
 *  padded with None), `with_dict` over `{key, value}` pairs, `with_subelements` over `[element, subelement]`.
 *  Items that are not written as one node (a product, a pair) are built as YAML nodes around the written ones,
 *  so `item[0]`, `item.1`, `item.key` resolve to the node in the file (and findings point at it). */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { get, isMap, isScalar, pairs, spanOf } from '../common/yaml';
import type { Span } from '../../types';
import { resolve, scalarOf, type Scope } from './values';

export type LoopKind = 'list' | 'nested' | 'together' | 'dict' | 'subelements';

const KEYS: Record<string, LoopKind> = {
  loop: 'list',
  with_items: 'list',
  with_list: 'list',
  with_nested: 'nested',
  with_cartesian: 'nested',
  with_together: 'together',
  with_dict: 'dict',
  with_subelements: 'subelements',
};

export interface LoopOf {
  pair: Pair<Node, Node>;
  kind: LoopKind;
}

/** The task's loop keyword, if any. */
export function loopOf(task: YAMLMap): LoopOf | undefined {
  for (const p of pairs(task)) {
    if (!isScalar(p.key)) continue;
    const key = String(p.key.value);
    if (Object.prototype.hasOwnProperty.call(KEYS, key)) return { pair: p as Pair<Node, Node>, kind: KEYS[key] };
  }
  return undefined;
}

/** One pass per item, and where a plain list was written when it came through a variable (`at`); undefined when
 *  the loop's items cannot be known (a variable not in the file, a filter). */
export function loopItems(loop: LoopOf, scope: Scope): { items: Node[]; at?: Span } | undefined {
  const r = resolve(loop.pair.value, scope);
  if (loop.kind === 'dict') return wrap(r?.kind === 'map' ? dictItems(r.node as YAMLMap, scope) : undefined);
  if (r?.kind !== 'seq') return undefined;
  if (loop.kind === 'list') return { items: r.items, at: r.at };
  return wrap(builtItems(loop.kind, r.items, scope));
}

const wrap = (items: Node[] | undefined) => (items ? { items } : undefined);

function builtItems(kind: Exclude<LoopKind, 'list' | 'dict'>, items: Node[], scope: Scope): Node[] | undefined {
  switch (kind) {
    case 'nested':
      return nested(listsOf(items, scope), scope);
    case 'together':
      return together(listsOf(items, scope), scope);
    case 'subelements':
      return subelements(items, scope);
  }
}

/** Each element of a `with_nested`/`with_together` list as a list of nodes (a template naming a list too). */
function listsOf(items: Node[], scope: Scope): Node[][] | undefined {
  const out: Node[][] = [];
  for (const n of items) {
    const r = resolve(n, scope);
    if (r?.kind === 'seq') out.push(r.items);
    else if (r?.kind === 'scalar' && r.val.known) out.push([n]); // a plain word is a one-element list
    else return undefined;
  }
  return out;
}

/** A built item: a sequence of the written nodes; its place is the last written one (the innermost list's). */
function tuple(nodes: (Node | null)[]): Node {
  const seq = new YAMLSeq();
  for (const n of nodes) seq.items.push(n ?? new Scalar(null));
  const last = nodes[nodes.length - 1];
  if (last?.range) seq.range = last.range;
  return seq;
}

/** Draws `count` items from the document's budget: a product of lists grows fast. */
function afford(scope: Scope, span: Node | undefined, count: number): boolean {
  return scope.budget.take('loop', spanOf(span) ?? { offset: 0, length: 0 }, 0, count);
}

function nested(lists: Node[][] | undefined, scope: Scope): Node[] | undefined {
  if (!lists || !lists.length) return lists ? [] : undefined;
  let total = 1;
  for (const l of lists) total *= l.length;
  if (!afford(scope, lists[0][0], total)) return undefined;
  let out: Node[][] = [[]];
  for (const l of lists) {
    const next: Node[][] = [];
    for (const prefix of out) for (const n of l) next.push([...prefix, n]);
    out = next;
  }
  return out.map(tuple);
}

function together(lists: Node[][] | undefined, scope: Scope): Node[] | undefined {
  if (!lists) return undefined;
  let length = 0; // a loop, not Math.max(...): a spread of a long list overflows the stack
  for (const l of lists) if (l.length > length) length = l.length;
  if (!afford(scope, lists[0]?.[0], length)) return undefined;
  const out: Node[] = [];
  for (let i = 0; i < length; i++) out.push(tuple(lists.map((l) => l[i] ?? null)));
  return out;
}

/** `{key, value}` per entry; its place is the entry (key to value). */
function dictItems(map: YAMLMap, scope: Scope): Node[] | undefined {
  if (!afford(scope, map, map.items.length)) return undefined;
  return map.items.map((p) => {
    const item = new YAMLMap();
    item.items.push(new Pair(new Scalar('key'), p.key), new Pair(new Scalar('value'), p.value));
    const s = spanOf(p as Pair);
    if (s) item.range = [s.offset, s.offset + s.length, s.offset + s.length];
    return item;
  });
}

/** `[list, 'key', {skip_missing: true}]`: `[element, sub]` for each `sub` of each element's `key` list. An element
 *  without the key is an error in Ansible unless skip_missing is set: either way it gives no pass here. */
function subelements(args: Node[], scope: Scope): Node[] | undefined {
  const list = resolve(args[0], scope);
  const key = scalarOf(args[1], scope);
  if (list?.kind !== 'seq' || !key?.known) return undefined;
  const out: Node[] = [];
  for (const element of list.items) {
    const subs = isMap(element) ? get(element, key.text) : undefined;
    if (subs === undefined) continue;
    const r = resolve(subs, scope);
    if (r?.kind !== 'seq') return undefined;
    if (!afford(scope, subs, r.items.length)) return undefined;
    for (const sub of r.items) out.push(tuple([element, sub]));
  }
  return out;
}
