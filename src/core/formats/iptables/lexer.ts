/** Splits iptables-save lines into words, keeping each word's source span (scripts: text/shell/lexer.ts). */
import type { Word } from '../../text/shell/lexer';

const SPACE = 32;
const TAB = 9;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

/** Walks the words of one iptables-save line in place: whitespace separates, double quotes group (comments), a
 *  backslash inside quotes escapes. Both the general lexer and the fast save-line reader split lines with it. */
export class SaveWordCursor {
  /** The word at hand, and whether it holds quotes. */
  start = 0;
  end = 0;
  quoted = false;
  private pos = 0;
  private lineEnd = 0;

  constructor(readonly text: string) {}

  /** Starts on the line [lineStart, lineEnd). */
  reset(lineStart: number, lineEnd: number): void {
    this.pos = lineStart;
    this.lineEnd = lineEnd;
  }

  /** Moves to the next word; false at the end of the line. */
  next(): boolean {
    const { text, lineEnd } = this;
    let i = this.pos;
    let c = 0;
    while (i < lineEnd && ((c = text.charCodeAt(i)) === SPACE || c === TAB || c === CR)) i++;
    if (i >= lineEnd) {
      this.pos = i;
      return false;
    }
    this.start = i;
    this.quoted = false;
    while (i < lineEnd) {
      c = text.charCodeAt(i);
      // Every character that ends a word or opens a quote is at most '"': one comparison passes the rest.
      if (c > QUOTE) {
        i++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) break;
      if (c === QUOTE) {
        this.quoted = true;
        i++;
        while (i < lineEnd && (c = text.charCodeAt(i)) !== QUOTE) i += c === BACKSLASH && i + 1 < lineEnd ? 2 : 1;
      }
      i++;
    }
    this.end = Math.min(i, lineEnd);
    this.pos = i;
    return true;
  }
}

/** Splits one iptables-save line into words. */
export function lexSaveLine(text: string, lineStart: number, lineEnd: number): Word[] {
  const words: Word[] = [];
  const cur = new SaveWordCursor(text);
  cur.reset(lineStart, lineEnd);
  while (cur.next()) {
    const { start, end, quoted } = cur;
    words.push({ text: quoted ? unquote(text, start, end) : text.slice(start, end), span: { offset: start, length: end - start }, literal: !quoted, unknown: false });
  }
  return words;
}

/** The text of a word with quotes: quotes removed, escapes inside them resolved, copied in runs. */
function unquote(text: string, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== QUOTE) {
      out += text[i++];
      continue;
    }
    let run = ++i;
    while (i < end && text.charCodeAt(i) !== QUOTE) {
      if (text.charCodeAt(i) === BACKSLASH && i + 1 < end) {
        out += text.slice(run, i);
        run = ++i;
      }
      i++;
    }
    out += text.slice(run, i);
    i++;
  }
  return out;
}
