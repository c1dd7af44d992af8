/** The line break a document already uses, so inserted lines match it (CRLF files stay CRLF). */

/** The last document asked about: fixes for every finding of one file ask again, and a full scan of a large
 *  file per finding shows in profiles. Strings are immutable, so the same string has the same answer. */
let lastText: string | undefined;
let lastBreak: '\r\n' | '\n' = '\n';

export function lineBreakOf(text: string): '\r\n' | '\n' {
  if (text !== lastText) {
    lastBreak = text.includes('\r\n') ? '\r\n' : '\n';
    lastText = text;
  }
  return lastBreak;
}

/** The line break to write before text inserted at `offset`: one when that is the end of a file whose last
 *  line has none, so the insertion starts a line of its own; none otherwise (an empty file included). */
export function breakBefore(text: string, offset: number): string {
  return offset === text.length && text.length > 0 && !text.endsWith('\n') ? lineBreakOf(text) : '';
}
