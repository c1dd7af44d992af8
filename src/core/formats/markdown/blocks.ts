/** Code blocks of runbooks: Markdown fences (``` and ~~~, CommonMark) and reStructuredText `code-block::` /
 *  `code::` / `sourcecode::` directives and `::` literal blocks, with their language and exact content range. */

export interface CodeBlock {
  /** The language tag, lower case ('' when untagged). */
  lang: string;
  /** Where the fence (or directive) line starts: a suppression just above it covers the block. */
  fence: number;
  /** The content: from the first line after the fence to the end of the last content line. */
  from: number;
  to: number;
}

/** At most this many blocks are read: a generated document costs no more. */
export const MAX_BLOCKS = 500;

interface Line {
  start: number;
  end: number;
  text: string;
}

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const body = text[end - 1] === '\r' ? end - 1 : end;
    yield { start, end: body, text: text.slice(start, body) };
    start = end + 1;
  }
}

/** A fence: up to three spaces, or more inside a list item (`1. Run:` then an indented fence). */
const FENCE = /^( {0,12})(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const DIRECTIVE = /^([ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*(\S*)/;
/** A paragraph ending in `::` introduces an indented literal block (docutils, reStructuredText Markup
 *  Specification, Literal Blocks): untagged, read by content. A directive (`.. note::`) is not one. */
const LITERAL = /^([ \t]*)(?!\.\.[ \t])(?:\S[^\n]*)?::[ \t]*()$/;

function indentOf(s: string): number {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

const isIndented = (s: string) => (s.startsWith('    ') || s.startsWith('\t')) && s.trim() !== '';
const isBlank = (s: string) => s.trim() === '';

/** An indented code block (four spaces or a tab) starting at line i, after a blank line or an HTML comment (it
 *  cannot interrupt a paragraph): pushed untagged, read by content. Returns the last line it took. */
function indentedBlock(lines: readonly Line[], i: number, out: CodeBlock[]): number {
  const before = lines[i - 1]?.text.trim();
  if (!isIndented(lines[i].text) || (before !== undefined && before !== '' && !before.startsWith('<!--'))) return i;
  let last = i;
  let j = i + 1;
  for (; j < lines.length && (isBlank(lines[j].text) || isIndented(lines[j].text)); j++) if (!isBlank(lines[j].text)) last = j;
  out.push({ lang: '', fence: lines[i].start, from: lines[i].start, to: lines[last].end });
  return last;
}

/** Every code block, in order. `rst` reads directives instead of fences. */
export function codeBlocks(text: string, rst: boolean): CodeBlock[] {
  const out: CodeBlock[] = [];
  const lines = [...linesOf(text)];
  for (let i = 0; i < lines.length && out.length < MAX_BLOCKS; i++) {
    const line = lines[i];
    if (!rst) {
      const m = FENCE.exec(line.text);
      if (!m) {
        i = indentedBlock(lines, i, out);
        continue;
      }
      const mark = m[2];
      const indent = m[1].length;
      // A backtick fence's info string holds no backtick (that is inline code).
      if (mark[0] === '`' && line.text.slice(line.text.indexOf(mark) + mark.length).includes('`')) continue;
      let j = i + 1;
      // The closing fence: the same character, at least as long, nothing after it but blanks.
      while (j < lines.length) {
        const t = lines[j].text.trim();
        if (t.length >= mark.length && t[0] === mark[0] && indentOf(lines[j].text) <= indent + 3 && [...t].every((c) => c === mark[0])) break;
        j++;
      }
      if (j > i + 1) out.push({ lang: m[3].replace(/^\{\.?|\}$/g, '').toLowerCase(), fence: line.start, from: lines[i + 1].start, to: lines[j - 1].end });
      i = j;
      continue;
    }
    const m = DIRECTIVE.exec(line.text) ?? LITERAL.exec(line.text);
    if (!m) continue;
    const base = m[1].length;
    let j = i + 1;
    // Options (`:linenos:`) and blank lines before the content; the content is indented past the directive.
    while (j < lines.length && (lines[j].text.trim() === '' || (indentOf(lines[j].text) > base && lines[j].text.trim().startsWith(':')))) j++;
    const first = j;
    let last = -1;
    while (j < lines.length && (lines[j].text.trim() === '' || indentOf(lines[j].text) > base)) {
      if (lines[j].text.trim() !== '') last = j;
      j++;
    }
    if (last >= first) out.push({ lang: m[2].toLowerCase(), fence: line.start, from: lines[first].start, to: lines[last].end });
    i = Math.max(i, j - 1);
  }
  return out;
}
