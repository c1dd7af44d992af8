/**
 * An organisation's overlay: a YAML file of its own advisories and of overrides of built-in ones, merged over the
 * built-in catalog. Problems carry offsets into the YAML text so editors can show them where they are.
 *
 *   kevCatalog: { version: "2026.12.01", date: "2026-12-01" }   # optional: the KEV data the overrides reflect
 *   advisories:
 *     - id: MS08-067            # a built-in id: the fields given replace the built-in ones
 *       kev: { asOf: "2026-12-01", source: "CISA KEV 2026.12.01", entries: [...] }
 *     - id: ACME-2026-001        # a new id: a complete entry, as in data/catalog.json
 *       kind: organisation
 *       ...
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import schemaJson from './data/schema.json';
import { AdvisoryCatalog, BUILTIN_CATALOG } from './catalog';
import type { AdvisoryData, CatalogFile, KevCatalogInfo } from './model';
import { checkSchema, formatPath, type SchemaProblem } from './schema-check';

export interface OverlayProblem {
  message: string;
  /** Offset and length in the overlay text (0/0 when the problem is the file as a whole). */
  offset: number;
  length: number;
}

export interface OverlayResult {
  catalog: AdvisoryCatalog;
  problems: OverlayProblem[];
  /** Ids of the entries that were added or replaced. */
  applied: string[];
}

/** Larger files are refused unread: an overlay is a few dozen entries, and parsing stays bounded. */
export const MAX_OVERLAY_CHARS = 1_000_000;
export const MAX_OVERLAY_ENTRIES = 2000;

const SCHEMA = schemaJson as Record<string, unknown>;
const ADVISORY_SCHEMA = (SCHEMA.definitions as Record<string, Record<string, unknown>>).advisory;
const KEV_CATALOG_SCHEMA = (SCHEMA.definitions as Record<string, Record<string, unknown>>).kevCatalog;

/** The node at `path`, or the deepest one that exists on the way there; with `key`, the key of the last step. */
function locate(doc: Document, path: readonly (string | number)[], key = false): [number, number] {
  let node: unknown = doc.contents;
  let range: [number, number] | undefined = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === step);
      if (!pair) break;
      if (key && i === path.length - 1 && pair.key) return rangeOf(pair.key) ?? range ?? [0, 0];
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else break;
    range = rangeOf(node) ?? range;
  }
  return range ?? [0, 0];
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function problemAt(doc: Document, path: (string | number)[], p: SchemaProblem, label: string): OverlayProblem {
  const unknownKey = p.message === 'is not a known property';
  const [start, end] = locate(doc, [...path, ...p.path], unknownKey);
  return { message: `${label}${p.path.length ? ` ${formatPath(p.path)}` : ''} ${p.message}`, offset: start, length: Math.max(0, end - start) };
}

/** The built-in catalog with the overlay's entries merged in; invalid entries are left out and reported. */
export function applyOverlay(text: string, base: AdvisoryCatalog = BUILTIN_CATALOG): OverlayResult {
  const unchanged = (problems: OverlayProblem[]): OverlayResult => ({ catalog: base, problems, applied: [] });
  if (text.length > MAX_OVERLAY_CHARS) return unchanged([{ message: `The advisory overlay is larger than ${MAX_OVERLAY_CHARS} characters and was not read.`, offset: 0, length: 0 }]);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return unchanged(doc.errors.slice(0, 20).map((e) => ({ message: `YAML: ${e.message.split('\n')[0]}`, offset: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]) })));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // yaml refuses alias bombs ("excessive alias count") here.
    return unchanged([{ message: `YAML: ${(e as Error).message}`, offset: 0, length: Math.min(text.length, 1) }]);
  }
  const problems: OverlayProblem[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Array.isArray((value as CatalogFile).advisories)) {
    return unchanged([{ message: 'An advisory overlay is a mapping with an "advisories" list (see docs/advisories-overlay.md).', offset: 0, length: Math.min(text.length, 1) }]);
  }
  const file = value as Record<string, unknown> & { advisories: unknown[] };
  for (const key of Object.keys(file)) {
    if (!['advisories', 'kevCatalog', '$schema'].includes(key)) problems.push(problemAt(doc, [], { path: [key], message: 'is not a known property' }, 'Overlay:'));
  }
  let kevCatalog: KevCatalogInfo = base.kevCatalog;
  if (file.kevCatalog !== undefined) {
    const kp = checkSchema(SCHEMA, file.kevCatalog, KEV_CATALOG_SCHEMA);
    if (kp.length) problems.push(...kp.map((p) => problemAt(doc, ['kevCatalog'], p, 'kevCatalog:')));
    else kevCatalog = file.kevCatalog as KevCatalogInfo;
  }
  const merged = new Map<string, AdvisoryData>(base.advisories.map((a) => [a.id, a]));
  const applied: string[] = [];
  file.advisories.slice(0, MAX_OVERLAY_ENTRIES).forEach((raw, i) => {
    const entry = raw as Record<string, unknown> | null;
    const id = entry && typeof entry === 'object' && typeof entry.id === 'string' ? entry.id : undefined;
    if (!id) {
      problems.push(problemAt(doc, ['advisories', i], { path: [], message: 'needs an "id" (a built-in id to override, or a new one)' }, `Entry ${i + 1}`));
      return;
    }
    if (applied.includes(id)) {
      problems.push(problemAt(doc, ['advisories', i, 'id'], { path: [], message: 'appears twice; the first entry wins' }, `Entry ${id}`));
      return;
    }
    const builtIn = merged.get(id);
    const candidate = builtIn ? { ...builtIn, ...entry } : entry;
    const found = checkSchema(SCHEMA, candidate, ADVISORY_SCHEMA);
    if (found.length) {
      problems.push(...found.map((p) => problemAt(doc, ['advisories', i], p, `${builtIn ? 'Override of' : 'Entry'} ${id}:`)));
      return;
    }
    merged.set(id, candidate as unknown as AdvisoryData);
    applied.push(id);
  });
  if (file.advisories.length > MAX_OVERLAY_ENTRIES) {
    problems.push({ message: `Only the first ${MAX_OVERLAY_ENTRIES} overlay entries are read.`, offset: 0, length: 0 });
  }
  return { catalog: new AdvisoryCatalog({ kevCatalog, advisories: [...merged.values()] }), problems, applied };
}
