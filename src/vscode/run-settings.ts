/** `smbGuard.run` and `smbGuard.enable`, as ESLint and markdownlint have them: when to analyse, and whether to at
 *  all in a workspace folder. Imports nothing, so the activation bundle and the analysis read them alike. */

export const RUN_MODES = ['onType', 'onSave', 'off'] as const;
/** `onType`: as you type (after `smbGuard.debounceMs`); `onSave`: when a file is opened or saved; `off`: never. */
export type RunMode = (typeof RUN_MODES)[number];
export const DEFAULT_RUN: RunMode = 'onType';

export function mapRun(v: unknown, warn: (m: string) => void): RunMode {
  if (v === undefined || v === null) return DEFAULT_RUN;
  if ((RUN_MODES as readonly unknown[]).includes(v)) return v as RunMode;
  warn(`smbGuard.run: ${JSON.stringify(v)} is not ${RUN_MODES.join(', ')}; using ${DEFAULT_RUN}.`);
  return DEFAULT_RUN;
}

export function mapEnable(v: unknown, warn: (m: string) => void): boolean {
  if (v === undefined || v === null || v === true) return true;
  if (v === false) return false;
  warn(`smbGuard.enable: ${JSON.stringify(v)} is not true or false; using true.`);
  return true;
}

/** True when documents in this folder are analysed at all. */
export const analyses = (s: { run: RunMode; enable: boolean }): boolean => s.enable && s.run !== 'off';
