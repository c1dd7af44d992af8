/** SMB Guard's own advisory catalog, assembled from the verified fact sheet; data lives in the data-*.ts files. */
import { ADVISORIES_2005_2011 } from './data-2005-2011';
import { ADVISORIES_2012_LATER } from './data-2012-later';

export interface AdvisoryCvss {
  version: string;
  score: number;
  vector: string;
  source: string;
  /** Set when a bulletin covers several CVEs and the score belongs to one of them. */
  cve?: string;
}

/** One KEV row; only used where a bulletin's CVEs were added on different dates. */
export interface AdvisoryKevEntry {
  cve: string;
  dateAdded: string;
  ransomware: 'Known' | 'Unknown';
}

export interface Advisory {
  id: string;
  aliases: string[];
  title: string;
  /** 'YYYY-MM-DD'. */
  published: string;
  /** True when `published` comes only from an unconfirmed source; show it as such. */
  publishedUnverified?: boolean;
  summary: string;
  context?: string;
  severity?: string;
  cvss: AdvisoryCvss[];
  kev: {
    listed: boolean;
    /** Earliest KEV addition when several CVEs are listed. */
    dateAdded?: string;
    /** Left out when CISA's ransomware flag could not be confirmed. */
    ransomware?: 'Known' | 'Unknown';
    checkedAgainst: string;
    entries?: AdvisoryKevEntry[];
  };
  malware: string[];
  ports: { tcp: number[]; udp: number[] };
  workarounds: string[];
  references: string[];
  unverified: string[];
}

// Featured first because they are the ones users meet most when 445/139 is exposed.
const FEATURED = ['MS05-027', 'MS08-067', 'MS17-010', 'CVE-2020-0796', 'CVE-2017-7494'];

function assemble(all: readonly Advisory[]): readonly Advisory[] {
  const featured = FEATURED.map((id) => all.find((a) => a.id === id)).filter((a): a is Advisory => a !== undefined);
  const rest = all
    .filter((a) => !FEATURED.includes(a.id))
    .sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
  return Object.freeze([...featured, ...rest]);
}

export const ADVISORIES: readonly Advisory[] = assemble([...ADVISORIES_2005_2011, ...ADVISORIES_2012_LATER]);

const BY_KEY = new Map<string, Advisory>();
for (const a of ADVISORIES) {
  for (const key of [a.id, ...a.aliases]) {
    const k = key.toLowerCase();
    // An id never loses to another entry's alias.
    if (!BY_KEY.has(k) || key === a.id) BY_KEY.set(k, a);
  }
}

/** Finds an advisory by id or alias (CVE, KB, nickname), ignoring case and surrounding blanks. */
export function advisoryById(id: string): Advisory | undefined {
  return BY_KEY.get(id.trim().toLowerCase());
}
