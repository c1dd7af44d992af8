/** Turns catalog entries into plain JSON objects for the advisory webview panel. */
import { advisoryById, type Advisory, type AdvisoryCvss } from './catalog';

export interface AdvisoryCard {
  id: string;
  title: string;
  published: string;
  /** The webview should flag the date as unconfirmed when true. */
  publishedUnverified: boolean;
  severity: string | null;
  /** Headline score, e.g. '9.8 (CVSS 3.1)'. */
  cvss: string;
  /** Every known score, one line each. */
  cvssDetails: string[];
  kev: string;
  /** Per-CVE KEV lines when a bulletin's CVEs were added on different dates. */
  kevDetails: string[];
  malware: string[];
  /** e.g. 'TCP 139, 445'. */
  ports: string;
  summary: string;
  context: string | null;
  workarounds: string[];
  references: string[];
  unverified: string[];
}

// Always leads the panel: it is the advisory the product's story starts from.
const LEAD_ID = 'MS05-027';

function cvssLabel(c: AdvisoryCvss): string {
  return `${c.score.toFixed(1)} (CVSS ${c.version})`;
}

/** Newest CVSS version wins, then the highest score within it. */
function headlineCvss(scores: readonly AdvisoryCvss[]): string {
  if (scores.length === 0) return 'No verified CVSS score';
  const best = scores.reduce((a, b) => {
    const dv = Number.parseFloat(b.version) - Number.parseFloat(a.version);
    return dv > 0 || (dv === 0 && b.score > a.score) ? b : a;
  });
  return cvssLabel(best);
}

function kevText(a: Advisory): string {
  const k = a.kev;
  if (!k.listed) return `Not in CISA KEV (checked against ${k.checkedAgainst})`;
  const since = k.dateAdded ? ` since ${k.dateAdded}` : '';
  const ransomware = k.ransomware ? ` (ransomware use: ${k.ransomware})` : ' (ransomware use: not verified)';
  return `In CISA KEV${since}${ransomware}`;
}

function portsText(a: Advisory): string {
  const parts: string[] = [];
  if (a.ports.tcp.length) parts.push(`TCP ${[...a.ports.tcp].sort((x, y) => x - y).join(', ')}`);
  if (a.ports.udp.length) parts.push(`UDP ${[...a.ports.udp].sort((x, y) => x - y).join(', ')}`);
  return parts.length ? parts.join('; ') : 'Not verified';
}

function toCard(a: Advisory): AdvisoryCard {
  return {
    id: a.id,
    title: a.title,
    published: a.published,
    publishedUnverified: a.publishedUnverified === true,
    severity: a.severity ?? null,
    cvss: headlineCvss(a.cvss),
    cvssDetails: a.cvss.map((c) => `${c.cve ? `${c.cve}: ` : ''}${cvssLabel(c)}, ${c.source}`),
    kev: kevText(a),
    kevDetails: (a.kev.entries ?? []).map((e) => `${e.cve}: added ${e.dateAdded} (ransomware use: ${e.ransomware})`),
    malware: [...a.malware],
    ports: portsText(a),
    summary: a.summary,
    context: a.context ?? null,
    workarounds: [...a.workarounds],
    references: [...a.references],
    unverified: [...a.unverified],
  };
}

/** Cards for the given ids or aliases, in the given order, lead advisory first; unknown ids and repeats are dropped. */
export function advisoryCards(ids: string[]): AdvisoryCard[] {
  const seen = new Set<string>();
  const found: Advisory[] = [];
  for (const id of ids) {
    const a = advisoryById(id);
    if (!a || seen.has(a.id)) continue;
    seen.add(a.id);
    found.push(a);
  }
  const lead = found.filter((a) => a.id === LEAD_ID);
  return [...lead, ...found.filter((a) => a.id !== LEAD_ID)].map(toCard);
}
