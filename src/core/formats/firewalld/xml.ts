/** A small, tolerant XML reader: elements with attribute value spans, comments skipped, entities decoded.
 *  It never throws; what it cannot read becomes a problem and reading goes on. */
import type { ParseProblem, Span } from '../../types';

export interface XmlAttr {
  name: string;
  /** The decoded value and the span of the raw value between the quotes. */
  value: string;
  valueSpan: Span;
}

export interface XmlElement {
  name: string;
  /** From `<` to the end of the end tag (or of the start tag when self-closing or never closed). */
  span: Span;
  /** Offset just after the start tag's `>`. */
  startTagEnd: number;
  attrs: XmlAttr[];
  children: XmlElement[];
  selfClosing: boolean;
  /** Offset of the `</name>` end tag, when there is one. */
  endTagStart?: number;
  /** The start tag was cut short or garbled: fixes leave it alone. */
  broken?: boolean;
}

export interface XmlDocument {
  roots: XmlElement[];
  problems: ParseProblem[];
}

/** Shared by every element without children, so a large file allocates one array, not thousands. */
const NO_CHILDREN: XmlElement[] = [];

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };

/** Decodes the five predefined entities and character references; anything else stays as written. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (all, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? all;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

function isNameChar(c: number): boolean {
  // letters, digits, - _ . :
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46 || c === 58;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Elements nested deeper are skipped with their content: firewalld's files nest four levels (zone, rule,
 *  source), and each open element costs every unmatched end tag a search. */
export const MAX_XML_DEPTH = 64;

export function parseXml(text: string): XmlDocument {
  const problems: ParseProblem[] = [];
  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  /** Elements open beyond MAX_XML_DEPTH: skipped, only counted so their end tags pair up. */
  let overflow = 0;
  const n = text.length;
  const problem = (offset: number, length: number, message: string) => problems.push({ span: { offset, length: Math.max(1, Math.min(length, n - offset)) }, message });
  const add = (el: XmlElement) => (stack.length ? stack[stack.length - 1].children : roots).push(el);
  const skipTo = (from: number, close: string, what: string): number => {
    const at = text.indexOf(close, from);
    if (at < 0) {
      problem(from, n - from, `${what} is not closed`);
      return n;
    }
    return at + close.length;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const found = text.indexOf('<', i);
    const lt = found < 0 ? n : found;
    // Text outside the root element makes the file unreadable for firewalld (inside, it is ignored).
    if (stack.length === 0 && /\S/.test(text.slice(i, lt))) {
      const at = i + (/\S/.exec(text.slice(i, lt))?.index ?? 0);
      problem(at, text.indexOf('\n', at) < 0 ? n - at : text.indexOf('\n', at) - at, 'text outside the root element');
    }
    if (found < 0) break;
    if (text.startsWith('<!--', lt)) i = skipTo(lt + 4, '-->', 'a comment');
    else if (text.startsWith('<?', lt)) i = skipTo(lt + 2, '?>', 'a processing instruction');
    else if (text.startsWith('<![CDATA[', lt)) i = skipTo(lt + 9, ']]>', 'a CDATA section');
    else if (text.startsWith('<!', lt)) i = skipTo(lt + 2, '>', 'a declaration');
    else if (text[lt + 1] === '/') i = endTag(lt);
    else i = startTag(lt);
  }
  for (let k = stack.length - 1; k >= 0; k--) {
    const el = stack[k];
    problem(el.span.offset, el.startTagEnd - el.span.offset, `<${el.name}> is not closed`);
    el.span.length = n - el.span.offset;
  }
  return { roots, problems };

  function readName(at: number): number {
    let j = at;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    return j;
  }

  function endTag(lt: number): number {
    const nameEnd = readName(lt + 2);
    const name = text.slice(lt + 2, nameEnd);
    let j = nameEnd;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (text[j] === '>') j++;
    else problem(lt, j - lt, `the end tag </${name}> is not closed`);
    if (overflow) {
      overflow--;
      return j;
    }
    let k = stack.length - 1;
    while (k >= 0 && stack[k].name !== name) k--;
    if (k < 0) {
      problem(lt, j - lt, `</${name}> has no matching start tag`);
      return j;
    }
    while (stack.length - 1 > k) {
      const open = stack.pop() as XmlElement;
      problem(open.span.offset, open.startTagEnd - open.span.offset, `<${open.name}> is not closed`);
      open.span.length = lt - open.span.offset;
    }
    const el = stack.pop() as XmlElement;
    el.endTagStart = lt;
    el.span.length = j - el.span.offset;
    return j;
  }

  function startTag(lt: number): number {
    const nameEnd = readName(lt + 1);
    if (nameEnd === lt + 1) {
      problem(lt, 1, 'a "<" that starts no tag');
      return lt + 1;
    }
    const el: XmlElement = { name: text.slice(lt + 1, nameEnd), span: { offset: lt, length: 0 }, startTagEnd: nameEnd, attrs: [], children: NO_CHILDREN, selfClosing: false };
    let j = nameEnd;
    let done = false;
    const before = problems.length;
    while (j < n && !done) {
      const c = text.charCodeAt(j);
      if (isSpace(c)) j++;
      else if (c === 62 /* > */) {
        j++;
        done = true;
      } else if (c === 47 /* / */ && text[j + 1] === '>') {
        el.selfClosing = true;
        j += 2;
        done = true;
      } else if (c === 60 /* < */) break;
      else j = attribute(el, j);
    }
    el.startTagEnd = j;
    el.span.length = j - lt;
    if (problems.length > before) el.broken = true;
    if (stack.length >= MAX_XML_DEPTH) {
      if (!overflow) problem(lt, j - lt, `elements nested more than ${MAX_XML_DEPTH} deep; the deeper ones were not read`);
      if (done && !el.selfClosing) overflow++;
      return j;
    }
    add(el);
    if (!done) {
      // Truncated or broken: keep what was read, as if the tag closed itself.
      problem(lt, j - lt, `the tag <${el.name}> is not closed`);
      el.selfClosing = true;
      el.broken = true;
    } else if (!el.selfClosing) {
      el.children = [];
      stack.push(el);
    }
    return j;
  }

  function attribute(el: XmlElement, at: number): number {
    const nameEnd = readName(at);
    if (nameEnd === at) {
      problem(at, 1, `unexpected "${text[at]}" in <${el.name}>`);
      return at + 1;
    }
    let j = nameEnd;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const name = text.slice(at, nameEnd);
    if (text[j] !== '=') {
      problem(at, nameEnd - at, `the attribute ${name} in <${el.name}> has no value`);
      return nameEnd;
    }
    j++;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'") {
      problem(at, j - at + 1, `the value of ${name} in <${el.name}> is not quoted`);
      while (j < n && !isSpace(text.charCodeAt(j)) && text[j] !== '>' && text[j] !== '<') j++;
      return j;
    }
    let close = j + 1;
    while (close < n && text[close] !== quote && text[close] !== '<' && text[close] !== '\n') close++;
    if (text[close] !== quote) {
      problem(at, close - at, `the value of ${name} in <${el.name}> is not closed`);
      return close;
    }
    const raw = text.slice(j + 1, close);
    el.attrs.push({ name, value: decodeEntities(raw), valueSpan: { offset: j + 1, length: raw.length } });
    return close + 1;
  }
}

export function attr(el: XmlElement, name: string): XmlAttr | undefined {
  return el.attrs.find((a) => a.name === name);
}
