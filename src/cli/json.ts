// Stable JSON output: files sorted by path, findings by position, 1-based lines and exclusive end columns.
import { LineIndex, type Finding } from '../core/index';
import { compareStrings, rangeOf, type Range1 } from './location';
import { countFindings, sortedFiles, type ScanReport, type ScannedFile } from './report';

/** A finding's or related location's place: 1-based, end column exclusive. */
export interface JsonPlace {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFinding extends JsonPlace {
  ruleId: string;
  severity: string;
  message: string;
  advisories: string[];
  /** `file` is set for a place in another file (a Helm values file). */
  related: (JsonPlace & { message: string; file?: string })[];
  fixes: { title: string; kind: string; isPreferred: boolean; needsInput?: string; edits: (Range1 & { newText: string })[] }[];
  details: Finding['details'];
}

const place = (r: Range1): JsonPlace => ({ line: r.startLine, column: r.startColumn, endLine: r.endLine, endColumn: r.endColumn });

function findingJson(f: Finding, lines: LineIndex, companions?: ScannedFile['companions']): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...place(rangeOf(lines, f.span)),
    advisories: [...f.advisories],
    related: f.related.map((x) => {
      const other = x.uri ? companions?.find((c) => c.uri === x.uri) : undefined;
      return other ? { ...place(rangeOf(new LineIndex(other.text), x.span)), message: x.message, file: other.path } : { ...place(rangeOf(lines, x.span)), message: x.message };
    }),
    fixes: f.fixes.map((x) => ({
      title: x.title,
      kind: x.kind,
      isPreferred: x.isPreferred === true,
      ...(x.needsInput ? { needsInput: x.needsInput } : {}),
      edits: [...x.edits]
        .sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length)
        .map((e) => ({ ...rangeOf(lines, e.span), newText: e.newText })),
    })),
    details: { ...f.details },
  };
}

function compareFindings(a: JsonFinding, b: JsonFinding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

export function toJsonValue(report: ScanReport, version: string) {
  const c = countFindings(report.files);
  return {
    tool: { name: 'SMB Guard', version },
    summary: {
      files: report.files.length,
      filesWithFindings: c.filesWithFindings,
      findings: c.findings,
      errors: c.error,
      warnings: c.warning,
      infos: c.info,
      ...(report.fixesApplied !== undefined ? { fixesApplied: report.fixesApplied } : {}),
    },
    files: sortedFiles(report.files).map((file) => {
      const lines = new LineIndex(file.text);
      const findings = file.findings
        .map((f) => findingJson(f, lines, file.companions))
        .sort(compareFindings);
      return { path: file.path, format: file.format, findings };
    }),
  };
}

export function toJson(report: ScanReport, version: string): string {
  return `${JSON.stringify(toJsonValue(report, version), null, 2)}\n`;
}
