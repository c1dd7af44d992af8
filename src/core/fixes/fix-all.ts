/** "Fix all": the fixes that apply without asking, chosen so they can be applied together (editor, CLI --fix, tests). */
import type { Finding, Fix, TextEdit } from '../types';
import { sortEdits } from './apply-edits';

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
  let count = 0;
  for (const finding of findings) {
    const fix = autoFix(finding);
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
  return { edits: sortEdits(edits), fixed, count };
}
