/**
 * Here-documents (bash(1), Here Documents): the lines after the command's line, up to a line that is exactly
 * the delimiter. With `<<-` leading tab characters are stripped from the body lines and the delimiter line;
 * a quoted delimiter word (`'EOF'`, `"EOF"`, `\EOF`) means the body is not expanded. Without a delimiter line
 * the body runs to the end of the file (bash warns and does the same).
 */
import type { Span } from '../../types';

export interface HereDocOperator {
  delimiter: string;
  /** Any part of the word was quoted: the shell passes the body as written. */
  quoted: boolean;
  /** `<<-`: leading tabs are not part of the lines. */
  stripTabs: boolean;
}

export interface HereDoc extends HereDocOperator {
  /** The body: from the line after the command to the start of the delimiter line. */
  body: Span;
}

/** The here-document whose body starts at `start` (a line start), and where reading goes on after it. */
export function readHereDoc(text: string, start: number, op: HereDocOperator): { doc: HereDoc; next: number } {
  let pos = start;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    let from = pos;
    if (op.stripTabs) while (from < lineEnd && text[from] === '\t') from++;
    // A CRLF file's delimiter line still ends the body (the line's text is the delimiter before the '\r').
    const to = lineEnd > from && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    if (text.slice(from, to) === op.delimiter) {
      return { doc: { ...op, body: { offset: start, length: pos - start } }, next: nl < 0 ? text.length : nl + 1 };
    }
    pos = nl < 0 ? text.length : nl + 1;
  }
  return { doc: { ...op, body: { offset: start, length: text.length - start } }, next: text.length };
}
