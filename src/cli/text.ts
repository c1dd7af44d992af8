// Human-readable output: one `path:line:col: severity rule-id message` line per finding, then a summary.
// Paths with control characters are quoted and escaped, so a file name cannot forge a line.
import { LineIndex } from '../core/index';
import { printablePath } from './errors';
import { compareRanges, compareStrings, rangeOf } from './location';
import { countFindings, sortedFiles, type ScanReport } from './report';

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** "3 findings (1 error, 2 warnings) in 2 of 5 files", or "No findings in 5 files". */
export function summaryLine(report: ScanReport): string {
  const c = countFindings(report.files);
  const files = report.files.length;
  if (c.findings === 0) return `No findings in ${plural(files, 'file')}`;
  const parts = [c.error ? plural(c.error, 'error') : '', c.warning ? plural(c.warning, 'warning') : '', c.info ? `${c.info} info` : ''];
  return `${plural(c.findings, 'finding')} (${parts.filter(Boolean).join(', ')}) in ${c.filesWithFindings} of ${plural(files, 'file')}`;
}

export function toText(report: ScanReport): string {
  const out: string[] = [];
  for (const file of sortedFiles(report.files)) {
    const lines = new LineIndex(file.text);
    const rows = file.findings
      .map((f) => ({ f, range: rangeOf(lines, f.span) }))
      .sort((a, b) => compareRanges(a.range, b.range) || compareStrings(a.f.ruleId, b.f.ruleId));
    for (const { f, range } of rows) {
      out.push(`${printablePath(file.path)}:${range.startLine}:${range.startColumn}: ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  if (report.fixesApplied !== undefined) out.push(`Applied ${plural(report.fixesApplied, 'fix', 'fixes')}`);
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}
