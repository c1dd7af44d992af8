// --fix: applies each finding's preferred, input-free fix, skipping fixes that overlap one already chosen.
import { applyEdits, type Finding, type Fix, type TextEdit } from '../core/index';

/** The fix --fix applies for a finding, if any: preferred and needing no input from the user. */
export function autoFixOf(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.isPreferred && !f.needsInput && f.edits.length > 0);
}

const overlaps = (a: TextEdit, b: TextEdit): boolean =>
  a.span.offset < b.span.offset + b.span.length && b.span.offset < a.span.offset + a.span.length;

/** Non-overlapping edits of the auto-fixes, the findings they fix, and how many fixes (identical ones count once). */
export function selectFixes(findings: readonly Finding[]): { edits: TextEdit[]; fixed: Finding[]; count: number } {
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const finding of findings) {
    const fix = autoFixOf(finding);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (!seen.has(key)) {
      if (fix.edits.some((e) => edits.some((x) => overlaps(e, x)))) continue;
      seen.add(key);
      edits.push(...fix.edits);
      count++;
    }
    fixed.push(finding);
  }
  return { edits, fixed, count };
}

/** Where `offset` ends up after the edits; text inserted exactly at `offset` lands before it. */
export function shiftOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.span.offset + e.span.length <= offset) delta += e.newText.length - e.span.length;
  return offset + delta;
}

export interface FixOutcome {
  text: string;
  applied: number;
  /** Findings of the final text. */
  findings: Finding[];
}

/**
 * Fixes in passes until nothing is fixable: a fix can uncover a rule the fixed one shadowed, and overlapping
 * fixes wait for the next pass. Stops early when a fixed rule is still flagged, so a fix that does not help
 * is never applied twice.
 */
export function fixText(text: string, analyze: (text: string) => Finding[], maxPasses = 10): FixOutcome {
  let findings = analyze(text);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { edits, fixed, count } = selectFixes(findings);
    const next = applyEdits(text, edits);
    if (!count || next === text) break;
    text = next;
    applied += count;
    findings = analyze(text);
    const moved = new Set(fixed.map((f) => `${f.ruleId}@${shiftOffset(f.ruleSpan.offset, edits)}`));
    if (findings.some((f) => moved.has(`${f.ruleId}@${f.ruleSpan.offset}`))) break;
  }
  return { text, applied, findings };
}
