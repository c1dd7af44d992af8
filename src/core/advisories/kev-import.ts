/**
 * CISA's known_exploited_vulnerabilities.json → overlay entries that replace each advisory's KEV status. Pure: the
 * CLI reads the file and writes the overlay. Field names as in cisagov/kev-data's schema (see docs/advisories-overlay.md).
 */
import { BUILTIN_CATALOG, type AdvisoryCatalog } from './catalog';
import type { KevCatalogInfo, KevEntry, KevStatus } from './model';

export interface KevImport {
  kevCatalog: KevCatalogInfo;
  /** One per catalog advisory with CVEs, in catalog order: its id and its new KEV status. */
  advisories: { id: string; kev: KevStatus }[];
  /** How many advisories the import lists in KEV. */
  listed: number;
}

export class KevFormatError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CVE = /^CVE-\d{4}-\d{4,19}$/;

interface KevRow {
  cveID: string;
  dateAdded: string;
  dueDate?: string;
  knownRansomwareCampaignUse?: string;
}

function rows(json: Record<string, unknown>): Map<string, KevRow> {
  const list = json.vulnerabilities;
  if (!Array.isArray(list)) throw new KevFormatError('no "vulnerabilities" list: is this CISA\'s known_exploited_vulnerabilities.json?');
  const out = new Map<string, KevRow>();
  for (const [i, v] of list.entries()) {
    const r = v as Partial<KevRow> | null;
    if (!r || typeof r.cveID !== 'string' || !CVE.test(r.cveID) || typeof r.dateAdded !== 'string' || !DATE.test(r.dateAdded)) {
      throw new KevFormatError(`vulnerabilities[${i}] lacks a valid cveID or dateAdded`);
    }
    out.set(r.cveID.toUpperCase(), r as KevRow);
  }
  return out;
}

function entry(r: KevRow): KevEntry {
  const ransomware = r.knownRansomwareCampaignUse === 'Known' ? 'Known' : r.knownRansomwareCampaignUse === 'Unknown' ? 'Unknown' : null;
  return { cve: r.cveID, dateAdded: r.dateAdded, ...(r.dueDate && DATE.test(r.dueDate) ? { dueDate: r.dueDate } : {}), ransomware };
}

export function importKev(json: unknown, catalog: AdvisoryCatalog = BUILTIN_CATALOG): KevImport {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new KevFormatError('expected a JSON object');
  const o = json as Record<string, unknown>;
  const version = typeof o.catalogVersion === 'string' ? o.catalogVersion : undefined;
  const date = typeof o.dateReleased === 'string' ? o.dateReleased.slice(0, 10) : undefined;
  if (!version || !date || !DATE.test(date)) throw new KevFormatError('missing catalogVersion or dateReleased');
  const byCve = rows(o);
  const source = `CISA KEV catalog ${version} (imported with smb-guard advisories import-kev)`;
  const advisories = catalog.advisories
    .filter((a) => a.cves.length > 0)
    .map((a) => ({
      id: a.id,
      kev: { asOf: date, source, entries: a.cves.flatMap((c) => (byCve.has(c.toUpperCase()) ? [entry(byCve.get(c.toUpperCase())!)] : [])) },
    }));
  return { kevCatalog: { version, date, source: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog' }, advisories, listed: advisories.filter((a) => a.kev.entries.length).length };
}
