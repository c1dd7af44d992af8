/** Reason filling for suppression fixes. Pure, so unit tests run it without VS Code. */
import { REASON_PLACEHOLDER, type TextEdit } from '../core/index';

/** The reason as one line, so it cannot end the comment or start a new rule. */
export function cleanReason(reason: string): string {
  return reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The core writes REASON_PLACEHOLDER into suppression edits; this puts the user's reason in its place. */
export function fillReason(edits: readonly TextEdit[], reason: string): TextEdit[] {
  const r = cleanReason(reason);
  return edits.map((e) => ({ span: e.span, newText: e.newText.split(REASON_PLACEHOLDER).join(r) }));
}
