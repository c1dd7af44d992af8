/** Position-keeping YAML (and JSON, a YAML subset) for the IaC formats: parse once, read nodes with their spans. */
import * as yaml from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { ParseProblem, Span } from '../../types';

export type YamlNode = Node;

// Read once: bundled, the CommonJS `yaml` exports sit behind a property getter that every call would pay.
export const isMap: typeof yaml.isMap = yaml.isMap;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;
export const isPair: typeof yaml.isPair = yaml.isPair;
const parseAllDocuments = yaml.parseAllDocuments;

export interface YamlFile {
  docs: Document.Parsed[];
  problems: ParseProblem[];
}

/** Parses every document. Errors become problems; warnings (unknown tags such as CloudFormation's `!Ref`) do not. */
export function parseYaml(text: string): YamlFile {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const problems: ParseProblem[] = [];
  for (const doc of list) {
    for (const e of doc.errors) problems.push({ span: { offset: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]) }, message: e.message.split('\n')[0] });
  }
  return { docs: list, problems };
}

/** The span of a node's value (without trailing comments or line breaks). */
export function spanOf(node: Node | Pair | null | undefined): Span | undefined {
  if (!node) return undefined;
  if (isPair(node)) {
    // From the key's start to the value's end (the key's end when there is no value): one span, no parts.
    const k = (node.key as Node | null)?.range;
    if (!k) return undefined;
    const v = (node.value as Node | null)?.range ?? k;
    return { offset: k[0], length: v[1] - k[0] };
  }
  const r = node.range;
  return r ? { offset: r[0], length: r[1] - r[0] } : undefined;
}

/** The pair under `key` in a map node (exact key match), or undefined. */
export function pairOf(node: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(node)) return undefined;
  const list = node.items;
  for (let i = 0; i < list.length; i++) {
    const k = list[i].key;
    if (!isScalar(k)) continue;
    const v = k.value;
    // Most keys are strings: compare without converting; numbers and booleans compare as their text.
    if (v === key || (typeof v !== 'string' && String(v) === key)) return list[i] as Pair<Node, Node>;
  }
  return undefined;
}

/** The value node under `key`, or undefined. */
export function get(node: unknown, key: string): Node | undefined {
  return pairOf(node, key)?.value ?? undefined;
}

/** A scalar's value as text (numbers and booleans too); undefined for maps, sequences and null. */
export function str(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** A sequence's items, or [] for anything else. */
export function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** The map's pairs, or []. */
export function pairs(node: unknown): Pair<Node, Node>[] {
  return isMap(node) ? (node.items as Pair<Node, Node>[]) : [];
}

