/** "Fix all": the fixes that apply without asking, chosen so they can be applied together (editor, CLI --fix, tests). */
import type { Finding, Fix, TextEdit } from '../types';
import { applyEdits, sortEdits } from './apply-edits';

/** The fix "fix all" applies for a finding: its preferred one, unless it still needs the user's input. */
export function autoFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.isPreferred && !f.needsInput && f.edits.length > 0);
}

export interface FixSelection {
  /** Sorted, non-overlapping; the fixes' own edit objects. */
  edits: TextEdit[];
  /** The findings whose fix is in `edits`. */
  fixed: Finding[];
  /** Fixes chosen; two findings with the identical fix count once. */
  count: number;
}

const overlaps = (a: TextEdit, b: TextEdit): boolean =>
  a.span.offset < b.span.offset + b.span.length && b.span.offset < a.span.offset + a.span.length;

/**
 * Each finding's automatic fix, in finding order. A fix that overlaps one already chosen is left out whole,
 * since half a fix can leave a broken rule; it can be applied in a next pass on the re-analysed text.
 */
export function selectAutoFixes(findings: readonly Finding[]): FixSelection {
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  const seen = new Set<string>();
  // Inserted rules by their text: the same deny written twice (before two rules of one list, or once per Windows
  // rule, where blocks win wherever they stand) is one deny too many. The second finding waits for the next pass,
  // which sees whether the first deny already cleared it.
  const inserted = new Set<string>();
  let count = 0;
  for (const finding of findings) {
    const fix = autoFix(finding);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (!seen.has(key)) {
      if (fix.edits.some((e) => edits.some((x) => overlaps(e, x)))) continue;
      const inserts = fix.edits.filter((e) => e.span.length === 0 && e.newText.trim()).map((e) => e.newText.trim());
      if (inserts.some((t) => inserted.has(t))) continue;
      for (const t of inserts) inserted.add(t);
      seen.add(key);
      edits.push(...fix.edits);
      count++;
    }
    fixed.push(finding);
  }
  return { edits: sortEdits(edits), fixed, count };
}

export interface FixAllOutcome {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Findings of the final text. */
  findings: Finding[];
}

/** Where `offset` ends up after the edits; text inserted exactly at `offset` lands before it. */
export function shiftedOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.span.offset + e.span.length <= offset) delta += e.newText.length - e.span.length;
  return offset + delta;
}

/**
 * Fix all until it converges: apply the automatic fixes, analyse again, repeat while something changes (at most
 * `maxPasses`). A fix can uncover a rule the fixed one shadowed, overlapping and duplicate fixes wait a pass; a
 * fix that leaves its own finding in place stops the loop, so nothing is ever applied twice.
 */
export function fixAllText(text: string, analyze: (text: string) => Finding[], maxPasses = 5): FixAllOutcome {
  let findings = analyze(text);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { edits, fixed, count } = selectAutoFixes(findings);
    const next = applyEdits(text, edits);
    if (!count || next === text) break;
    text = next;
    applied += count;
    findings = analyze(text);
    const moved = new Set(fixed.map((f) => `${f.ruleId}@${shiftedOffset(f.ruleSpan.offset, edits)}`));
    if (findings.some((f) => moved.has(`${f.ruleId}@${f.ruleSpan.offset}`))) break;
  }
  return { text, applied, findings };
}
