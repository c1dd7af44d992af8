/** Counts in words: "1 error", "18 errors", "2 infos" is not English, so information findings stay "info". Pure. */
import type { FindingCounts } from './panel-model';

/** "1 exposure", "18 exposures". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "18 errors, 1 warning, 2 info": the severities present, worst first; "no exposure" when there is none. */
export function countsText(c: FindingCounts): string {
  const parts = [c.error ? plural(c.error, 'error') : '', c.warning ? plural(c.warning, 'warning') : '', c.info ? `${c.info.toLocaleString('en-US')} info` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no exposure';
}
