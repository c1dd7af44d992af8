/** A clean block's attributes, kept as offsets into the text: most are never read (names, descriptions, tags), and
 *  objects per attribute were most of what the walk allocated. A value is built when a mapper asks for it. */
import type { HAttr, HAttrs, HVal } from './doc';
import { plainAttrAt, plainValueAt } from './hcl-plain';

/** The attributes of one document, three numbers each: where a plain attribute starts, its name ends and it ends in
 *  the text, or -1-i, 0, 0 for an attribute read from the nodes (`TextAttrs.read[i]`). One array for all, so a
 *  block keeps two numbers instead of an array of its own. */
export class AttrTable {
  readonly entries: number[] = [];
  /** Bodies being read, innermost last: a block's attributes are interleaved with its nested blocks' in the text. */
  readonly open: number[] = [];
  constructor(readonly text: string) {}
}

export class TextAttrs implements HAttrs {
  private first = 0;
  private end = 0;
  private readonly mark: number;
  private read: HAttr[] | undefined;

  /** Attributes added until `close()` belong to this block. */
  constructor(private readonly table: AttrTable) {
    this.mark = table.open.length;
  }

  /** A plain attribute (hcl-plain.ts) at [start, end), its name at [start, nameEnd). */
  addPlain(start: number, nameEnd: number, end: number): void {
    this.table.open.push(start, nameEnd, end);
  }

  set(_name: string, attr: HAttr): void {
    (this.read ??= []).push(attr);
    this.table.open.push(-this.read.length, 0, 0);
  }

  /** The body is read: its attributes move to the table. */
  close(): void {
    const { open, entries } = this.table;
    this.first = entries.length;
    for (let i = this.mark; i < open.length; i++) entries.push(open[i]);
    this.end = entries.length;
    open.length = this.mark;
  }

  get(name: string): HAttr | undefined {
    const i = this.find(name);
    if (i < 0) return undefined;
    const { entries, text } = this.table;
    return entries[i] >= 0 ? plainAttrAt(text, entries[i], entries[i + 2], name) : this.read![-entries[i] - 1];
  }

  /** `get(name)?.value`, without building the attribute. */
  value(name: string): HVal | undefined {
    const i = this.find(name);
    if (i < 0) return undefined;
    const { entries, text } = this.table;
    return entries[i] >= 0 ? plainValueAt(text, entries[i], entries[i + 2]) : this.read![-entries[i] - 1].value;
  }

  has(name: string): boolean {
    return this.find(name) >= 0;
  }

  /** Like a Map: each name once, where it first appears, with its last value. */
  [Symbol.iterator](): IterableIterator<[string, HAttr]> {
    const m = new Map<string, HAttr>();
    for (let i = this.first; i < this.end; i += 3) {
      const a = this.attr(i);
      if (a) m.set(a.name, a);
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
    for (let i = this.end - 3; i >= this.first; i -= 3) {
      const s = entries[i];
      if (s >= 0 ? entries[i + 1] - s === n && text.startsWith(name, s) : this.read![-s - 1].name === name) return i;
    }
    return -1;
  }

  private attr(i: number): HAttr | undefined {
    const { entries, text } = this.table;
    const s = entries[i];
    return s >= 0 ? plainAttrAt(text, s, entries[i + 2]) : this.read![-s - 1];
  }
}

/** The attributes of a block the model does not read: none kept. Never added to. */
export const NO_ATTRS = new TextAttrs(new AttrTable(''));
