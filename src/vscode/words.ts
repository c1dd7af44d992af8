/** Counts in words: "1 error", "18 errors", "2 infos" is not English, so information findings stay "info". Pure. */
import type { FindingCounts } from './panel-model';

/** "18", "12,000": digits grouped as en-US groups them. Small whole numbers skip toLocaleString, whose first call
 *  loads the number formats (about 10 ms), in the way of the first diagnostics (the status bar counts them). */
export function digits(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1000 ? String(n) : n.toLocaleString('en-US');
}

/** "1 exposure", "18 exposures". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${digits(n)} ${n === 1 ? one : many}`;
}

/** "18 errors, 1 warning, 2 info": the severities present, worst first; "no exposure" when there is none. */
export function countsText(c: FindingCounts): string {
  const parts = [c.error ? plural(c.error, 'error') : '', c.warning ? plural(c.warning, 'warning') : '', c.info ? `${digits(c.info)} info` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no exposure';
}
