/** Turns catalog entries into plain JSON cards for the advisory panel, the hover and generated docs. */
import { BUILTIN_CATALOG, type AdvisoryCatalog } from './catalog';
import type { AdvisoryData, CvssEntry, RemediationCategory } from './model';
import { headlineCvss, threatTier } from './threat';

export interface AdvisoryCard {
  id: string;
  /** Our short title; `officialTitle` is the vendor's, when verified. */
  title: string;
  officialTitle: string | null;
  published: string;
  /** e.g. 'vendor date', 'NVD date'. */
  publishedSource: string;
  /** e.g. 'Critical (Microsoft)'; null when no vendor rating was verified. */
  severity: string | null;
  /** Headline score with its scorer, e.g. '9.8 CVSS 3.1 (NVD)'. */
  cvss: string;
  cvssDetails: string[];
  /** 'kev-ransomware' | 'kev' | 'exploited' | 'other': what the card's badge shows. */
  threat: 'kev-ransomware' | 'kev' | 'exploited' | 'other';
  kev: string;
  /** Always present: 'KEV data as of 2025-08-25'. */
  kevAsOf: string;
  kevDetails: string[];
  exploitation: string[];
  /** e.g. 'Inbound TCP 139, 445 (server); outbound TCP 445 (client)'. */
  ports: string;
  affects: string[];
  /** Every affected product is out of vendor support. */
  endOfLife: boolean;
  /** Kept for its story (MS05-027, the 2004–2005 worms). */
  history: boolean;
  cwe: string[];
  summary: string;
  context: string | null;
  remediation: { category: RemediationCategory; label: string; text: string }[];
  references: string[];
  unverified: string[];
}

export const REMEDIATION_LABEL: Record<RemediationCategory, string> = {
  vendor_fix: 'Vendor fix',
  workaround: 'Workaround',
  mitigation: 'Mitigation',
  no_fix_planned: 'No fix planned',
  none_available: 'No fix available',
};

const PUBLISHED_SOURCE = { vendor: 'vendor date', nvd: 'NVD date', 'cve-record': 'CVE record date', 'third-party': 'third-party date', organisation: 'your organisation' };
const THREAT = ['kev-ransomware', 'kev', 'exploited', 'other'] as const;

export function cvssLabel(c: CvssEntry): string {
  return `${c.score.toFixed(1)} CVSS ${c.version} (${c.scorer}${c.type === 'cna' ? '' : `, ${c.type}`})`;
}

export function kevText(a: AdvisoryData): string {
  const entries = a.kev.entries;
  if (!entries.length) return 'Not in CISA KEV';
  const since = entries.map((e) => e.dateAdded).sort()[0];
  const rw = entries.some((e) => e.ransomware === 'Known') ? 'Known' : entries.every((e) => e.ransomware === 'Unknown') ? 'Unknown' : 'not verified';
  return `In CISA KEV since ${since}; ransomware use: ${rw}`;
}

/** 'Inbound TCP 139, 445 (server); outbound TCP 445 (client)': exposures grouped by direction, protocol and role. */
export function portsText(a: AdvisoryData): string {
  const groups = new Map<string, number[]>();
  for (const e of a.exposures) {
    const key = `${e.direction} ${e.protocol.toUpperCase()}|${e.role}`;
    const ports = groups.get(key) ?? [];
    if (!ports.includes(e.port)) ports.push(e.port);
    groups.set(key, ports);
  }
  if (!groups.size) return 'No verified port';
  const text = [...groups].map(([key, ports]) => {
    const [head, role] = key.split('|');
    return `${head} ${[...ports].sort((x, y) => x - y).join(', ')} (${role})`;
  });
  return text.join('; ').replace(/^./, (c) => c.toUpperCase());
}

export function toCard(a: AdvisoryData): AdvisoryCard {
  const head = headlineCvss(a.cvss);
  return {
    id: a.id,
    title: a.shortTitle,
    officialTitle: a.officialTitle ?? null,
    published: a.published.date,
    publishedSource: PUBLISHED_SOURCE[a.published.source],
    severity: a.vendorSeverity ? `${a.vendorSeverity.rating} (${a.vendorSeverity.scorer})` : null,
    cvss: head ? cvssLabel(head) : 'No verified CVSS score',
    cvssDetails: a.cvss.map((c) => `${c.cve ? `${c.cve}: ` : ''}${cvssLabel(c)}${c.vector ? ` ${c.vector}` : ''}`),
    threat: THREAT[threatTier(a)],
    kev: kevText(a),
    kevAsOf: `KEV data as of ${a.kev.asOf}`,
    kevDetails: a.kev.entries.length > 1 ? a.kev.entries.map((e) => `${e.cve}: added ${e.dateAdded} (ransomware use: ${e.ransomware ?? 'not verified'})`) : [],
    exploitation: a.exploitation.map((e) => `${e.name} (${e.kind === 'poc' ? 'proof of concept' : e.kind})`),
    ports: portsText(a),
    affects: [...a.affects.products],
    endOfLife: a.affects.endOfLife,
    history: a.history === true,
    cwe: [...a.cwe],
    summary: a.summary,
    context: a.context ?? null,
    remediation: a.remediation.map((r) => ({ category: r.category, label: REMEDIATION_LABEL[r.category], text: r.text })),
    references: a.references.map((r) => r.url),
    unverified: [...a.unverified],
  };
}

/** Cards for the given ids or aliases, in threat order; unknown ids and repeats are dropped. */
export function advisoryCards(ids: readonly string[], catalog: AdvisoryCatalog = BUILTIN_CATALOG): AdvisoryCard[] {
  const wanted = new Set(ids.map((id) => catalog.byId(id)).filter((a): a is AdvisoryData => a !== undefined));
  return catalog.advisories.filter((a) => wanted.has(a)).map(toCard);
}
