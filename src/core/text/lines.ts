/** Where lines start and end around an offset: what every fix writer needs to place whole lines. */

/** The start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the line break of the line holding `offset` (the end of the text on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** How far `offset` is from the start of its line, in code units. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The blanks that indent the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(start, i);
}
