/** Position-keeping YAML (and JSON, a YAML subset) for the IaC formats: parse once, read nodes with their spans. */
import * as yaml from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Budget } from '../../analysis/budget';
import { capProblems } from '../../text/problems';
import type { ParseProblem, Span } from '../../types';
import { blankDeep, MAX_STRAY_CLOSERS, MAX_YAML_DEPTH, scanDepth } from './yaml-depth';

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

/** The share of the extraction budget the depth scan may use: the parse after it takes about four times as long
 *  as the scan of the same text, so the part scanned can still be parsed within the budget. */
const SCAN_SHARE = 0.2;

/** Parses every document. Errors become problems; warnings (unknown tags such as CloudFormation's `!Ref`) do not.
 *  A document nested deeper than MAX_YAML_DEPTH is not parsed (one problem where it passes the limit). When
 *  `budget` runs out during the depth scan, only the text scanned so far is parsed (the budget says how far). */
export function parseYaml(text: string, budget?: Budget): YamlFile {
  const scan = scanDepth(text, budget?.share(SCAN_SHARE));
  let source = blankDeep(text, scan.deep);
  if (scan.cut !== undefined) {
    budget?.stop('extraction', scan.cut);
    source = source.slice(0, scan.cut);
  }
  const docs = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const problems: ParseProblem[] = scan.deep.map((d) => ({
    span: { offset: d.at, length: 1 },
    message: d.why === 'depth' ? `nested more than ${MAX_YAML_DEPTH} levels deep; this document was not read` : `more than ${MAX_STRAY_CLOSERS} closing brackets that close nothing; this document was not read`,
  }));
  for (const doc of list) {
    for (const e of doc.errors) problems.push({ span: { offset: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]) }, message: e.message.split('\n')[0] });
  }
  return { docs: list, problems: capProblems(text, problems.sort((a, b) => a.span.offset - b.span.offset)) };
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

