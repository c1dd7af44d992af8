/**
 * How deep YAML/JSON nests, measured before the `yaml` composer (which recurses once per level) sees the text:
 * JSON nested 10,000 deep overflowed the stack there and, a few analyses later, aborted the whole process.
 * The scan runs the library's own lexer, so quotes, comments and block scalars are read exactly as the parser
 * reads them, and keeps no tree: linear time, a stack of one number per open block level.
 */
import * as yaml from 'yaml';
import type { Budget } from '../../analysis/budget';

const Lexer = yaml.Lexer;
const tokenType = yaml.CST.tokenType;

/**
 * The deepest nesting read. Real templates stay far below: Kubernetes manifests nest about 15 levels, ARM and
 * CloudFormation templates with intrinsic functions about 25 (the scan counts a map's scalar values and a
 * node's anchor or tag as a level of their own, so it reads up to twice the real depth). The composer fails
 * near 2,500 levels on a default stack, less when called from deep inside a host: 200 keeps a wide margin.
 */
export const MAX_YAML_DEPTH = 200;

/** Unmatched closing brackets a document may have: the parser reports each one as an error of its own, and a
 *  line of 300,000 of them took seconds and half a gigabyte. */
export const MAX_STRAY_CLOSERS = 100;

/** A document not to be parsed: [start, end) of the text, where it passed a limit, and which. */
export interface DeepDocument {
  start: number;
  end: number;
  at: number;
  why: 'depth' | 'closers';
}

export interface DepthScan {
  deep: DeepDocument[];
  /** Set when the budget ran out: the text was scanned up to this line start, outside any flow collection. */
  cut?: number;
}

/** Scans every document's nesting; stops at a line start when `budget` runs out. */
export function scanDepth(text: string, budget?: Budget, limit = MAX_YAML_DEPTH): DepthScan {
  const deep: DeepDocument[] = [];
  /** Columns of the open block levels (a block node opens at its column and closes at a line left of it). */
  const cols: number[] = [];
  let offset = 0;
  let lineStart = 0;
  let flow = 0;
  let docStart = 0;
  let deepAt = -1;
  let why: DeepDocument['why'] = 'depth';
  let stray = 0;
  let safe = 0;
  let atScalar = false;
  let count = 0;
  const pass = () => {
    if (deepAt < 0 && cols.length + flow > limit) deepAt = offset;
  };
  const strayCloser = () => {
    if (++stray > MAX_STRAY_CLOSERS && deepAt < 0) {
      deepAt = offset;
      why = 'closers';
    }
  };
  // A node starts at this column: levels at or right of it are closed, and it opens one of its own.
  const open = () => {
    const col = offset - lineStart;
    while (cols.length && cols[cols.length - 1] > col) cols.pop();
    if (!cols.length || cols[cols.length - 1] < col) cols.push(col);
    pass();
  };
  const endDocument = (next: number) => {
    if (deepAt >= 0) deep.push({ start: docStart, end: offset, at: deepAt, why });
    docStart = next;
    cols.length = 0;
    flow = 0;
    deepAt = -1;
    why = 'depth';
    stray = 0;
  };
  for (const tok of new Lexer().lex(text)) {
    if ((++count & 1023) === 0 && budget?.check('extraction', safe)) return { deep, cut: safe };
    if (atScalar) {
      // The scalar marker's text: it may span lines.
      atScalar = false;
    } else {
      const type = tokenType(tok);
      switch (type) {
        case 'doc-mode':
          continue; // markers with no text
        case 'flow-error-end':
          flow = 0;
          continue;
        case 'scalar':
          atScalar = true;
          if (flow === 0) open();
          continue;
        case 'doc-start':
        case 'doc-end':
          endDocument(offset + tok.length);
          break;
        case 'newline':
          offset += tok.length;
          lineStart = offset;
          if (flow === 0) safe = offset;
          continue;
        case 'flow-map-start':
        case 'flow-seq-start':
          if (flow === 0) open();
          flow++;
          pass();
          break;
        case 'flow-map-end':
        case 'flow-seq-end':
          if (flow > 0) flow--;
          else strayCloser();
          break;
        case 'seq-item-ind':
        case 'explicit-key-ind':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar-header':
        case 'alias':
        case 'anchor':
        case 'tag':
          if (flow === 0) open();
          break;
      }
    }
    if (tok.length > 1) {
      const nl = tok.lastIndexOf('\n');
      if (nl >= 0) lineStart = offset + nl + 1;
    }
    offset += tok.length;
  }
  endDocument(offset);
  return { deep };
}

/** The text with each deep document blanked (line breaks kept, so every offset stays where it was). */
export function blankDeep(text: string, deep: readonly DeepDocument[]): string {
  if (!deep.length) return text;
  let out = '';
  let at = 0;
  for (const d of deep) {
    out += text.slice(at, d.start) + text.slice(d.start, d.end).replace(/[^\r\n]/g, ' ');
    at = d.end;
  }
  return out + text.slice(at);
}
