/** Edit selection for "fix all" and reason filling for suppressions. Pure, so unit tests run it without VS Code. */
import { REASON_PLACEHOLDER, sortEdits, type Finding, type Fix, type TextEdit } from '../core/index';

/** The fix "fix all" applies for a finding: its preferred one, unless it still needs the user's input. */
export function autoFix(f: Finding): Fix | undefined {
  return f.fixes.find((x) => x.isPreferred && !x.needsInput);
}

/**
 * Every finding's automatic fix as one sorted edit list. A fix whose edits would partly overlap an earlier fix is
 * left out whole, since half a fix can leave a broken rule.
 */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  let fixes = findings.map(autoFix).filter((x): x is Fix => x !== undefined);
  for (;;) {
    const kept = sortEdits(fixes.flatMap((f) => f.edits));
    const keptSet = new Set(kept);
    const partial = fixes.filter((f) => !f.edits.every((e) => keptSet.has(e)));
    if (partial.length === 0) return kept;
    fixes = fixes.filter((f) => !partial.includes(f));
  }
}

/** The reason as one line, so it cannot end the comment or start a new rule. */
export function cleanReason(reason: string): string {
  return reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The core writes REASON_PLACEHOLDER into suppression edits; this puts the user's reason in its place. */
export function fillReason(edits: readonly TextEdit[], reason: string): TextEdit[] {
  const r = cleanReason(reason);
  return edits.map((e) => ({ span: e.span, newText: e.newText.split(REASON_PLACEHOLDER).join(r) }));
}
