/** A chart's values: values.yaml, then the files that override it, looked up by path with where each is written. */
import * as yaml from 'yaml';
import type { Document, Node } from 'yaml';
import type { Companion, Span } from '../../types';
import { isMap, isSeq, pairOf, spanOf } from '../common/yaml';

/** Where a value is written: the file and the `key: value` pair. */
export interface Origin {
  uri: string;
  span: Span;
  path: string;
}

interface ValuesDoc {
  uri: string;
  doc: Document.Parsed;
}

/** A values lookup's result: the plain value (undefined when no file sets it) and where it is written. */
export interface Found {
  value: unknown;
  origin?: Origin;
}

/** The chart folder of a template: the part before its last `templates` folder (sub-charts have their own). */
export function chartRootOf(uri: string): string | undefined {
  const m = uri.lastIndexOf('/templates/');
  const w = uri.lastIndexOf('\\templates\\');
  const at = Math.max(m, w);
  return at < 0 ? undefined : uri.slice(0, at + 1);
}

/** The files a Helm template's analysis reads, lowest precedence first: the chart's values.yaml, then the
 *  `valuesFiles` (relative to the chart folder, as `helm -f` would be given them). Empty for other documents. */
export function companionUris(uri: string, valuesFiles: readonly string[] = []): string[] {
  const root = chartRootOf(uri);
  if (root === undefined) return [];
  const sep = root.endsWith('\\') ? '\\' : '/';
  return ['values.yaml', ...valuesFiles.filter((f) => f && !f.includes('..'))].map((f) => root + f.split('/').join(sep));
}

/** Reads the companions as values files; unparsable ones are skipped (Helm would refuse the chart). */
export class Values {
  private readonly docs: ValuesDoc[];

  constructor(companions: readonly Companion[]) {
    this.docs = [];
    for (const c of companions) {
      const doc = yaml.parseDocument(c.text, { prettyErrors: false, uniqueKeys: false, strict: false });
      if (!doc.errors.length) this.docs.push({ uri: c.uri, doc });
    }
  }

  /** True when some values file was read: without one, every `.Values` lookup is unknown. */
  get known(): boolean {
    return this.docs.length > 0;
  }

  /** The value at `path`: the last file that sets it wins; maps merge key by key (Helm's coalescing). */
  lookup(path: readonly string[]): Found {
    let found: Found | undefined;
    for (const d of this.docs) {
      const at = nodeAt(d.doc.contents as Node | null, path);
      if (!at) continue;
      const value = toPlain(d.doc, at.node);
      const origin = at.span && { uri: d.uri, span: at.span, path: path.join('.') };
      found = found && isObject(found.value) && isObject(value) ? { value: merge(found.value, value), origin } : { value, origin };
    }
    return found ?? { value: undefined };
  }
}

function nodeAt(root: Node | null, path: readonly string[]): { node: Node | null; span?: Span } | undefined {
  let node: Node | null = root;
  let span: Span | undefined = spanOf(root);
  for (const key of path) {
    if (isSeq(node) && /^\d+$/.test(key)) {
      // A list item (from `range`): its own node.
      node = (node.items[Number(key)] as Node | undefined) ?? null;
      if (!node) return undefined;
      span = spanOf(node);
      continue;
    }
    if (!isMap(node)) return undefined;
    const pair = pairOf(node, key);
    if (!pair) return undefined;
    node = pair.value ?? null;
    span = spanOf(pair);
  }
  return { node, span };
}

function toPlain(doc: Document.Parsed, node: Node | null): unknown {
  if (!node) return null;
  try {
    return node.toJS(doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Later values win; nested maps merge; null removes a key (as `helm -f` does). Depth bounded by the files'. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = isObject(out[k]) && isObject(v) ? merge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}
