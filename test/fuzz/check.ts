/**
 * The invariants every input must keep, whatever its bytes: analysis returns (no exception) in its format,
 * every span lies inside the text, at most one parse-error finding, the same result twice, and every fix
 * applies cleanly and leaves a file that analyses without throwing and without more parse problems.
 */
import { analyzeText, applyEdits, REASON_PLACEHOLDER, sortEdits, type AnalysisResult, type Span } from '../../src/core/index';

export interface CheckOptions {
  /** At most this many fixes are applied and re-analysed per input. */
  fixLimit: number;
  /** Analyse twice and compare. */
  determinism: boolean;
  /** Passed to the analysis, e.g. the editor's `timeBudgetMs`. */
  timeBudgetMs?: number;
}

export interface CheckResult {
  /** Time of the first analysis, in ms. */
  ms: number;
  /** CPU time of the process meanwhile, in ms: what a hang guard should read in a single-threaded run, since a
   *  hang burns CPU while wall time also counts the other processes of a shared machine (under a load of 17 on
   *  two cores, a 10 KB file took 600 ms of wall time). Worker threads share it, so the long pass reads `ms`. */
  cpuMs: number;
  /** Heap growth over the first analysis, in MB (no collection forced: what the host would hold at its peak). */
  heapMB: number;
  findings: number;
  fixesApplied: number;
  /** Broken invariants, each one line. */
  failures: string[];
}

function inside(span: Span, length: number): boolean {
  return span.offset >= 0 && span.length >= 0 && span.offset + span.length <= length;
}

function summary(r: AnalysisResult): string {
  return JSON.stringify([r.format, r.findings.map((f) => [f.ruleId, f.severity, f.span, f.message, f.fixes.length]), r.problems.length]);
}

export function checkInput(formatId: string, uri: string, text: string, options: CheckOptions): CheckResult {
  const failures: string[] = [];
  const analyse = (t: string) => analyzeText({ uri, text: t, formatId, options: { timeBudgetMs: options.timeBudgetMs } });
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1000;
  };
  let result: AnalysisResult;
  try {
    result = analyse(text);
  } catch (e) {
    return { ms: performance.now() - started, cpuMs: cpuMs(), heapMB: 0, findings: 0, fixesApplied: 0, failures: [`analysis threw: ${describeError(e)}`] };
  }
  const ms = performance.now() - started;
  const cpu = cpuMs();
  const heapMB = Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  if (result.format !== formatId) failures.push(`analysed as ${result.format}, not ${formatId}`);
  for (const f of result.findings) {
    if (!inside(f.span, text.length) || !inside(f.ruleSpan, text.length)) failures.push(`${f.ruleId} span outside the text`);
  }
  for (const p of result.problems) if (!inside(p.span, text.length)) failures.push(`problem span outside the text: ${p.message.slice(0, 80)}`);
  const parseErrors = result.findings.filter((f) => f.ruleId === 'smb-parse-error').length;
  if (parseErrors > 1) failures.push(`${parseErrors} parse-error findings`);

  if (options.determinism && !result.incomplete) {
    try {
      const again = analyse(text);
      if (!again.incomplete && summary(again) !== summary(result)) failures.push('a second analysis gave another result');
    } catch (e) {
      failures.push(`second analysis threw: ${describeError(e)}`);
    }
  }

  let fixesApplied = 0;
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (fixesApplied >= options.fixLimit) break;
      fixesApplied++;
      const edits = fix.edits.map((e) => ({ ...e, newText: e.newText.replace(REASON_PLACEHOLDER, 'fuzz') }));
      if (edits.some((e) => !inside(e.span, text.length))) {
        failures.push(`fix "${fix.title}" edits outside the text`);
        continue;
      }
      if (sortEdits(edits).length !== edits.length) failures.push(`fix "${fix.title}" has overlapping edits`);
      try {
        const after = analyse(applyEdits(text, edits));
        if (after.problems.length > result.problems.length) failures.push(`fix "${fix.title}" adds parse problems: ${after.problems[0]?.message.slice(0, 80)}`);
      } catch (e) {
        failures.push(`analysis after fix "${fix.title}" threw: ${describeError(e)}`);
      }
    }
  }
  return { ms, cpuMs: cpu, heapMB, findings: result.findings.length, fixesApplied, failures };
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.slice(0, 120)}${e.stack ? ` at ${e.stack.split('\n')[1]?.trim() ?? ''}` : ''}`;
  return String(e).slice(0, 120);
}

/** Time normalised to 100 KB; inputs under 10 KB count as 10 KB (fixed costs dominate there). */
export function msPer100KB(ms: number, length: number): number {
  return (ms * 102400) / Math.max(length, 10240);
}
