// The scan result shared by the output formats, and the severity ↔ level ↔ --fail-on mapping.
import type { Finding, Severity } from '../core/index';

export interface ScannedFile {
  /** Path shown to people: relative to the scan root with '/' separators, or absolute when outside it. */
  path: string;
  /** SARIF artifact URI: a relative reference under the root, or an absolute file URI when outside it. */
  uri: string;
  text: string;
  format: string;
  findings: Finding[];
  /** Other files the analysis read (a Helm chart's values files), where related locations with a `uri` point:
   *  the core's uri, the path and SARIF uri shown for it, and its text. */
  companions?: { uri: string; path: string; sarifUri: string; text: string }[];
}

export interface ScanReport {
  /** Absolute path of the scan root (the working directory). */
  root: string;
  /** Every file a format claimed, whether or not it has findings. */
  files: ScannedFile[];
  /** Set when --fix ran. */
  fixesApplied?: number;
}

export type SarifLevel = 'error' | 'warning' | 'note';
export type FailOn = SarifLevel | 'none';

export function levelOf(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

const RANK: Record<SarifLevel, number> = { note: 1, warning: 2, error: 3 };

/** True when a finding of this severity should make the scan fail. */
export function meetsFailOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && RANK[levelOf(severity)] >= RANK[failOn];
}

export interface Counts {
  findings: number;
  error: number;
  warning: number;
  info: number;
  filesWithFindings: number;
}

export function countFindings(files: readonly ScannedFile[]): Counts {
  const c: Counts = { findings: 0, error: 0, warning: 0, info: 0, filesWithFindings: 0 };
  for (const f of files) {
    if (f.findings.length) c.filesWithFindings++;
    for (const x of f.findings) {
      c.findings++;
      c[x.severity]++;
    }
  }
  return c;
}

/** Files in path order (code-unit order, not locale order, so goldens are stable everywhere). */
export function sortedFiles(files: readonly ScannedFile[]): ScannedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
