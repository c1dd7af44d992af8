/** A clean block's attributes, kept as offsets into the text: most are never read (names, descriptions, tags), and
 *  objects per attribute were most of what the walk allocated. A value is built when a mapper asks for it. */
import type { Span } from '../../types';
import { spanOf, type HAttr, type HAttrs, type HVal, type Scalar } from './doc';
import { plainScalarAt, plainScalarsAt, plainValueAt } from './hcl-plain';

/** The attributes of one document, four numbers each: where a plain attribute starts, its name ends, its value
 *  starts and it ends in the text, or -1-i, 0, 0, 0 for an attribute read from the nodes (`TextAttrs.read[i]`). One
 *  array for all, so a block keeps two numbers instead of an array of its own. */
export class AttrTable {
  /** Up to `size`. Typed and grown by doubling: a growing array of numbers was the walk's largest allocation. */
  entries: Int32Array;
  size = 0;
  /** Bodies being read, innermost last, up to `openEnd`: a block's attributes are interleaved with its nested
   *  blocks' in the text. The array never shrinks: cutting its length would give up its store, to be grown again. */
  readonly open: number[] = [];
  openEnd = 0;
  constructor(readonly text: string) {
    // About one plain attribute (four numbers) per 32 characters of text to begin with.
    this.entries = new Int32Array(Math.max(64, text.length >> 3));
  }

  /** One attribute of the innermost body being read, as the four numbers above. */
  push(a: number, b: number, c: number, d: number): void {
    const { open } = this;
    const i = this.openEnd;
    open[i] = a;
    open[i + 1] = b;
    open[i + 2] = c;
    open[i + 3] = d;
    this.openEnd = i + 4;
  }
}

export class TextAttrs implements HAttrs {
  private first = 0;
  private end = 0;
  private readonly mark: number;
  private read: HAttr[] | undefined;

  /** Attributes added until `close()` belong to this block. */
  constructor(private readonly table: AttrTable) {
    this.mark = table.openEnd;
  }

  /** A plain attribute (hcl-plain.ts) at [start, end), its name at [start, nameEnd), its value from valueStart. */
  addPlain(start: number, nameEnd: number, valueStart: number, end: number): void {
    this.table.push(start, nameEnd, valueStart, end);
  }

  set(_name: string, attr: HAttr): void {
    (this.read ??= []).push(attr);
    this.table.push(-this.read.length, 0, 0, 0);
  }

  /** The body is read: its attributes move to the table. */
  close(): void {
    const { table } = this;
    const { open, openEnd } = table;
    const first = table.size;
    const end = first + openEnd - this.mark;
    if (end > table.entries.length) {
      const grown = new Int32Array(Math.max(end, table.entries.length * 2));
      grown.set(table.entries.subarray(0, first));
      table.entries = grown;
    }
    const { entries } = table;
    for (let i = this.mark, j = first; i < openEnd; i++, j++) entries[j] = open[i];
    this.first = first;
    this.end = table.size = end;
    table.openEnd = this.mark;
  }

  get(name: string): HAttr | undefined {
    const i = this.find(name);
    return i < 0 ? undefined : this.attr(i, name);
  }

  /** `get(name)?.value`, without building the attribute. */
  value(name: string): HVal | undefined {
    const i = this.find(name);
    if (i < 0) return undefined;
    const { entries, text } = this.table;
    return entries[i] >= 0 ? plainValueAt(text, entries[i + 2], entries[i + 3]) : this.read![-entries[i] - 1].value;
  }

  /** The attribute's value when it is a string or number literal, read as `scalar()` reads it without building the
   *  value; undefined when there is no such attribute or its value is something else. */
  literal(name: string): Scalar | undefined {
    const i = this.find(name);
    const { entries, text } = this.table;
    return i >= 0 && entries[i] >= 0 ? plainScalarAt(text, entries[i + 2], entries[i + 3]) : undefined;
  }

  /** Like `literal`, for a list of literals or a single one: `scalarList()`'s reading. */
  literals(name: string): { items: Scalar[]; unknown: false; site: Span } | undefined {
    const i = this.find(name);
    const { entries, text } = this.table;
    if (i < 0 || entries[i] < 0) return undefined;
    const start = entries[i + 2];
    const end = entries[i + 3];
    const one = plainScalarAt(text, start, end);
    const items = one ? [one] : plainScalarsAt(text, start, end);
    return items && { items, unknown: false, site: spanOf(start, end) };
  }

  /** `get(name)?.span`, without building the attribute. */
  span(name: string): Span | undefined {
    const i = this.find(name);
    if (i < 0) return undefined;
    const { entries } = this.table;
    return entries[i] >= 0 ? spanOf(entries[i], entries[i + 3]) : this.read![-entries[i] - 1].span;
  }

  has(name: string): boolean {
    return this.find(name) >= 0;
  }

  /** Like a Map: each name once, where it first appears, with its last value. */
  [Symbol.iterator](): IterableIterator<[string, HAttr]> {
    const m = new Map<string, HAttr>();
    for (let i = this.first; i < this.end; i += 4) {
      const a = this.attr(i);
      m.set(a.name, a);
    }
    return m[Symbol.iterator]();
  }

  /** Serialised like the Map it stands for (tests compare documents as JSON). */
  toJSON(): [string, HAttr][] {
    return [...this];
  }

  /** The table position of the last attribute called `name`, or -1. */
  private find(name: string): number {
    const { entries, text } = this.table;
    const n = name.length;
    for (let i = this.end - 4; i >= this.first; i -= 4) {
      const s = entries[i];
      if (s >= 0 ? entries[i + 1] - s === n && text.startsWith(name, s) : this.read![-s - 1].name === name) return i;
    }
    return -1;
  }

  /** The attribute at table position `i` (`name`: its name, when the caller has it). */
  private attr(i: number, name?: string): HAttr {
    const { entries, text } = this.table;
    const s = entries[i];
    if (s < 0) return this.read![-s - 1];
    // The walk scanned this value: it reads again.
    const value = plainValueAt(text, entries[i + 2], entries[i + 3])!;
    return { name: name ?? text.slice(s, entries[i + 1]), span: spanOf(s, entries[i + 3]), value };
  }
}

/** The attributes of a block the model does not read: none kept. Never added to. */
export const NO_ATTRS = new TextAttrs(new AttrTable(''));
