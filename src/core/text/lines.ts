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
  return leadingBlanks(text, lineStartOf(text, offset));
}

/** The spaces and tabs at `lineStart`: a line's indentation, read forward only. */
export function leadingBlanks(text: string, lineStart: number): string {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(lineStart, i);
}

/**
 * The same answers for offsets that move forward through a text (each command of a script in turn). Searching
 * back and forth from every command rescans a long line once per command on it: thousands of commands on one
 * line made reading quadratic. Here each line's start and end are found once; going back costs one search.
 */
export class LineCursor {
  private start = 0;
  /** The line break ending the current line, or the text's length. */
  private end: number;
  private indentEnd = -1;

  constructor(private readonly text: string) {
    const nl = text.indexOf('\n');
    this.end = nl < 0 ? text.length : nl;
  }

  private at(offset: number): void {
    if (offset >= this.start && offset <= this.end) return;
    // Past the current line: the '\n' at `end` bounds the search back.
    this.start = offset > this.end ? this.text.lastIndexOf('\n', offset - 1) + 1 : lineStartOf(this.text, offset);
    const nl = this.text.indexOf('\n', offset);
    this.end = nl < 0 ? this.text.length : nl;
    this.indentEnd = -1;
  }

  lineStart(offset: number): number {
    this.at(offset);
    return this.start;
  }

  nextLineStart(offset: number): number {
    this.at(offset);
    return this.end < this.text.length ? this.end + 1 : this.text.length;
  }

  indent(offset: number): string {
    this.at(offset);
    if (this.indentEnd < 0) {
      let i = this.start;
      while (this.text[i] === ' ' || this.text[i] === '\t') i++;
      this.indentEnd = i;
    }
    return this.text.slice(this.start, this.indentEnd);
  }
}
