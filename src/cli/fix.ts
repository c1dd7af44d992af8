// --fix: applies the core's automatic fixes in passes until nothing more is fixable.
import { applyEdits, selectAutoFixes, type Finding, type TextEdit } from '../core/index';

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
    const { edits, fixed, count } = selectAutoFixes(findings);
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
