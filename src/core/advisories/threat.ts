/** Threat order: CISA KEV with ransomware use first, then KEV, then by severity, then what still-supported systems face. */
import type { AdvisoryData, CvssEntry } from './model';

const VENDOR_SCORE: Record<string, number> = { Critical: 9, High: 8, Important: 7, Medium: 5, Moderate: 5, Low: 3 };

/** The score a card leads with: the newest CVSS version, highest score within it. */
export function headlineCvss(scores: readonly CvssEntry[]): CvssEntry | undefined {
  let best: CvssEntry | undefined;
  for (const c of scores) {
    const dv = best ? Number.parseFloat(c.version) - Number.parseFloat(best.version) : 1;
    if (!best || dv > 0 || (dv === 0 && c.score > best.score)) best = c;
  }
  return best;
}

export const isKevListed = (a: AdvisoryData): boolean => a.kev.entries.length > 0;
export const hasKnownRansomware = (a: AdvisoryData): boolean => a.kev.entries.some((e) => e.ransomware === 'Known');
/** Named worms or ransomware (WannaCry, Conficker…), whatever KEV says. */
export const spreadInTheWild = (a: AdvisoryData): boolean => a.exploitation.some((e) => e.kind === 'worm' || e.kind === 'ransomware');

/** 0 = KEV with known ransomware use, 1 = KEV, 2 = worm or ransomware without KEV listing, 3 = the rest. */
export function threatTier(a: AdvisoryData): number {
  if (isKevListed(a)) return hasKnownRansomware(a) ? 0 : 1;
  return spreadInTheWild(a) ? 2 : 3;
}

function severityScore(a: AdvisoryData): number {
  return headlineCvss(a.cvss)?.score ?? VENDOR_SCORE[a.vendorSeverity?.rating ?? ''] ?? 0;
}

/** Negative when `a` is the greater threat. Total and deterministic (ties end on the id). */
export function compareThreat(a: AdvisoryData, b: AdvisoryData): number {
  return (
    threatTier(a) - threatTier(b) ||
    Number(spreadInTheWild(b)) - Number(spreadInTheWild(a)) ||
    severityScore(b) - severityScore(a) ||
    Number(a.affects.endOfLife) - Number(b.affects.endOfLife) ||
    Number(a.history === true) - Number(b.history === true) ||
    b.published.date.localeCompare(a.published.date) ||
    a.id.localeCompare(b.id)
  );
}
