/** CloudFormation values: literals, `Ref` to parameters with a literal Default, `Sub` without variables,
 *  and the logical id a `Ref` / `GetAtt` points at. Everything else is unknown, never guessed. */
import type { Node } from 'yaml';
import type { RelatedLocation } from '../../types';
import { get, isMap, isScalar, isSeq, pairs, str } from '../common/yaml';

/** A resolved value: the text, or undefined for "cannot be known from the template" (a plain string: no
 *  wrapper object per value read). */
export type Resolved = string | undefined;

/** Parameters by name, with their Default node when they have one, or the node a parameter file gives. */
export class Params extends Map<string, Node | undefined> {
  /** Values from a parameter file: where each is written. */
  readonly origins = new Map<string, RelatedLocation>();
  /** Where the values resolved since the last `taken()` came from. */
  private used: RelatedLocation[] = [];

  noteUse(name: string): void {
    const o = this.origins.get(name);
    if (o && !this.used.includes(o)) this.used.push(o);
  }

  /** The origins noted since the last call, for the rule just built. */
  taken(): RelatedLocation[] | undefined {
    const out = this.used;
    this.used = [];
    return out.length ? out : undefined;
  }
}

export function readParams(root: unknown): Params {
  const out = new Params();
  for (const p of pairs(get(root, 'Parameters'))) {
    const name = str(p.key);
    if (name) out.set(name, get(p.value, 'Default'));
  }
  return out;
}

/** The only key of a one-key map (`{ "Ref": … }`, `{ "Fn::Sub": … }`). */
function soleKey(node: unknown): { key: string; value: Node | null } | undefined {
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const key = str(node.items[0].key);
  return key ? { key, value: node.items[0].value as Node | null } : undefined;
}

function refValue(name: string | undefined, params: Params, depth: number): Resolved {
  if (!name || !params.has(name) || depth > 3) return undefined;
  params.noteUse(name);
  const d = params.get(name);
  return d ? resolve(d, params, depth + 1) : undefined;
}

function subValue(node: unknown): Resolved {
  const s = isScalar(node) ? str(node) : undefined;
  return s !== undefined && !s.includes('${') ? s : undefined;
}

export function resolve(node: unknown, params: Params, depth = 0): Resolved {
  if (isScalar(node)) {
    const tag = node.tag;
    if (!tag || !tag.startsWith('!')) return str(node);
    if (tag === '!Ref') return refValue(str(node), params, depth);
    if (tag === '!Sub') return subValue(node);
    return undefined;
  }
  const fn = soleKey(node);
  if (fn?.key === 'Ref') return refValue(str(fn.value), params, depth);
  if (fn?.key === 'Fn::Sub') return subValue(fn.value);
  return undefined;
}

/** The logical id behind `!Ref X`, `!GetAtt X.GroupId`, `!GetAtt [X, GroupId]` and their long forms; for
 *  anything else (a literal sg-… id, an import) a key made of the node's text, so equal texts still join. */
export function targetOf(node: unknown, text: string): string | undefined {
  if (isScalar(node)) {
    const v = str(node);
    if (node.tag === '!Ref') return v;
    if (node.tag === '!GetAtt') return v?.split('.')[0];
    if (!node.tag?.startsWith('!') && v) return `=${v}`;
  }
  if (isSeq(node) && node.tag === '!GetAtt') return str(node.items[0]);
  const fn = soleKey(node);
  if (fn?.key === 'Ref') return str(fn.value);
  if (fn?.key === 'Fn::GetAtt') return isSeq(fn.value) ? str(fn.value.items[0]) : str(fn.value)?.split('.')[0];
  const r = (node as Node | undefined)?.range;
  return r ? `=${text.slice(r[0], r[1])}` : undefined;
}
