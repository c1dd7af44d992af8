/** The advisory catalog: the data in data/catalog.json, in threat order, looked up by id, alias, CVE or KB. */
import data from './data/catalog.json';
import type { AdvisoryData, CatalogFile, KevCatalogInfo } from './model';
import { compareThreat } from './threat';

export type { AdvisoryData } from './model';

function deepFreeze<T>(v: T, depth = 0): T {
  // The data is a few levels deep; the bound keeps a hostile overlay from recursing without end.
  if (depth > 8 || v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  for (const x of Object.values(v)) deepFreeze(x, depth + 1);
  return Object.freeze(v);
}

export class AdvisoryCatalog {
  /** Most threatening first (see threat.ts). */
  readonly advisories: readonly AdvisoryData[];
  readonly kevCatalog: KevCatalogInfo;
  private readonly byKey = new Map<string, AdvisoryData>();

  constructor(file: CatalogFile) {
    this.kevCatalog = deepFreeze({ ...(file.kevCatalog ?? { version: 'unknown', date: '1970-01-01' }) });
    this.advisories = deepFreeze([...file.advisories].sort(compareThreat));
    for (const a of this.advisories) {
      for (const key of [a.id, ...a.aliases, ...a.cves, ...a.kbs]) {
        const k = key.toLowerCase();
        // An id never loses to another entry's alias.
        if (!this.byKey.has(k) || key === a.id) this.byKey.set(k, a);
      }
    }
  }

  /** By id, alias, CVE or KB number, ignoring case and surrounding blanks. */
  byId(key: string): AdvisoryData | undefined {
    return this.byKey.get(key.trim().toLowerCase());
  }
}

export const BUILTIN_CATALOG = new AdvisoryCatalog(data as unknown as CatalogFile);

/** The built-in catalog's advisories, most threatening first. */
export const ADVISORIES = BUILTIN_CATALOG.advisories;

export function advisoryById(id: string): AdvisoryData | undefined {
  return BUILTIN_CATALOG.byId(id);
}
