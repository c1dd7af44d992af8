/** "Remove this rule": deletes the rule's whole lines, when nothing else shares them. Formats whose rules do not
 *  sit on lines of their own write it themselves (`FixWriter.removeRule`). */
import type { AccessRule } from '../model/rule';
import type { TextEdit } from '../types';

/** What may precede a rule on its first line: indentation, a YAML list dash. */
const LEAD = /^[ \t]*(?:-[ \t]+)?$/;
/** What may follow it on its last line: a separating comma, a comment. */
const TRAIL = /^[ \t]*,?[ \t]*(?:(?:#|\/\/).*)?$/;

export function removeRuleLines(text: string, rule: AccessRule): TextEdit[] | undefined {
  const { offset, length } = rule.span;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset + length);
  const end = newline < 0 ? text.length : newline + 1;
  if (!LEAD.test(text.slice(start, offset)) || !TRAIL.test(text.slice(offset + length, newline < 0 ? text.length : newline).replace(/\r$/, ''))) return undefined;
  // A YAML item's dash owns the lines below it that are indented deeper: the rule must end where the item does.
  const dash = text.slice(start, offset).indexOf('-');
  if (dash >= 0 && itemContinues(text, end, dash)) return undefined;
  const edits: TextEdit[] = [{ span: { offset: start, length: end - start }, newText: '' }];
  // The last element of a JSON array or object: the comma before it must go too.
  const trailingComma = /,/.test(text.slice(offset + length, newline < 0 ? text.length : newline));
  if (!trailingComma && /^\s*[\]}]/.test(text.slice(end))) {
    const before = text.slice(0, start).search(/,\s*$/);
    if (before >= 0) edits.unshift({ span: { offset: before, length: 1 }, newText: '' });
  }
  return edits;
}

/** The next non-blank line is indented deeper than the dash: it still belongs to the item. */
function itemContinues(text: string, from: number, dashColumn: number): boolean {
  const rest = /^(?:[ \t]*\r?\n)*([ \t]*)\S/.exec(text.slice(from, from + 4096));
  return rest !== null && rest[1].length > dashColumn;
}
