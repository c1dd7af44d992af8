/**
 * `text` as a literal inside a RegExp pattern: every syntax character escaped. The one way a pattern may hold
 * text that is not a constant (test/unit/redos.test.ts reads a call of it as a literal and rejects any other
 * variable part), so a file can never add a quantifier to a pattern.
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
