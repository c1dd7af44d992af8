/** The walk from the tree-sitter tree to the document model, with one TreeCursor. Every cursor step or read is a
 *  call into wasm, so in a tree without errors the bodies are read from the text: plain attributes (hcl-plain.ts)
 *  and nested blocks made of them cost no call. The cursor visits top-level blocks, whose ends check the reading,
 *  and the comments, blocks and attributes the text reader declines. A tree with errors is walked node by node. */
import type { Language, TreeCursor } from 'web-tree-sitter';
import { AttrTable, NO_ATTRS, TextAttrs } from './attrs';
import { spanOf, TOP_LEVEL, type HAttr, type HBlock } from './doc';
import { readAttrNode } from './hcl-node';
import { isIdStart, isSpace, plainHeader, plainString, readPlainAttr, scanPlainAttr, type PlainAttrPlace, type PlainHeader } from './hcl-plain';

/** Whether the model needs a block's attributes (its nested blocks are read anyway, for misplaced top-level ones). */
export type WantedBlock = (type: string, labels: string[]) => boolean;

/** The named node types the walk compares, as small numbers indexed by the language's type id. */
const enum K { other, error, body, block, attribute, identifier, stringLit, templateLiteral, blockEnd }
const KIND_NAMES: Record<string, K> = {
  body: K.body, block: K.block, attribute: K.attribute, identifier: K.identifier,
  string_lit: K.stringLit, template_literal: K.templateLiteral, block_end: K.blockEnd,
};

const kindTables = new WeakMap<Language, Uint8Array>();

export function kindsOf(language: Language): Uint8Array {
  let table = kindTables.get(language);
  if (!table) {
    table = new Uint8Array(language.types.length);
    for (let id = 0; id < table.length; id++) {
      const name = language.types[id];
      // Node#type reads the same array and calls ids outside it ERROR.
      if (!name) table[id] = K.error;
      else if (language.nodeTypeIsNamed(id)) table[id] = name === 'ERROR' ? K.error : (KIND_NAMES[name] ?? K.other);
    }
    kindTables.set(language, table);
  }
  return table;
}

/** Where the cursor is while a clean body is read: on the body, on the body's block (entered only when an item
 *  needs it), or not used (a nested block read from the text alone). */
const enum Via { body, block, none }

const CLOSE = 125;
const NO_SPAN = spanOf(0, 0);

/** The text reader and the tree disagree: the caller walks the tree node by node instead. */
export class OutOfStep extends Error {}

/** Nested block bodies read; a deeper body is skipped (real configurations nest blocks about five deep:
 *  resource, dynamic, content, …) and reported, so the walk's recursion stays far from the stack's edge. */
export const MAX_BLOCK_DEPTH = 64;

export class Walker {
  private readonly table: AttrTable;
  private depth = 0;
  /** Where the first body too deep to read starts, or -1. */
  deepAt = -1;
  /** The plain attribute the text reader last scanned. */
  private readonly place: PlainAttrPlace = { nameEnd: 0, valueStart: 0, end: 0 };

  constructor(
    private readonly text: string,
    private readonly c: TreeCursor,
    private readonly kinds: Uint8Array,
    /** No error in the tree: bodies are read from the text. Else attributes are checked one by one. */
    private readonly clean: boolean,
    private readonly wanted: WantedBlock,
    private readonly top: HBlock[],
  ) {
    this.table = new AttrTable(text);
  }

  /** The root's first body, read into `top`; with `withAttrs`, its attributes too (a .tfvars file's). */
  readRoot(withAttrs = false): TextAttrs | undefined {
    const c = this.c;
    const attrs = withAttrs ? new TextAttrs(this.table) : undefined;
    if (!c.gotoFirstChild()) return attrs;
    do {
      if (this.kind() === K.body) {
        this.readBody(this.top, attrs, true);
        break;
      }
    } while (c.gotoNextSibling());
    c.gotoParent();
    attrs?.close();
    return attrs;
  }

  private kind(): K {
    const id = this.c.nodeTypeId;
    return id < this.kinds.length ? this.kinds[id] : K.error;
  }

  /** Reads the body under the cursor into `blocks`/`attrs` (no `attrs`: attributes skipped); top-level block types
   *  go to `top` (recovery). `wanted` says whether nested blocks that are not top-level types are read in full. */
  readBody(blocks: HBlock[], attrs: TextAttrs | undefined, wanted: boolean): void {
    if (this.tooDeep(this.c.startIndex)) return;
    this.depth++;
    if (this.clean) this.readBodyText(blocks, attrs, wanted, this.c.startIndex, this.c.endIndex, Via.body);
    else this.readBodyNodes(blocks, attrs, wanted);
    this.depth--;
  }

  /** True (and the place noted) when a body at `start` is nested deeper than MAX_BLOCK_DEPTH. */
  private tooDeep(start: number): boolean {
    if (this.depth < MAX_BLOCK_DEPTH) return false;
    if (this.deepAt < 0) this.deepAt = start;
    return true;
  }

  private readBodyNodes(blocks: HBlock[], attrs: TextAttrs | undefined, wanted: boolean): void {
    const c = this.c;
    if (!c.gotoFirstChild()) return;
    do {
      const k = this.kind();
      if (k === K.error && c.gotoFirstChild()) {
        // Complete blocks inside an error region still count.
        do {
          if (this.kind() !== K.block) continue;
          const b = this.readBlock(blocks === this.top, wanted);
          if (b) (TOP_LEVEL.has(b.type) ? this.top : blocks).push(b);
        } while (c.gotoNextSibling());
        c.gotoParent();
      } else this.readChild(k, blocks, attrs, wanted);
    } while (c.gotoNextSibling());
    c.gotoParent();
  }

  /** A clean body: items are attributes, blocks and comments, one node each, separated by white space only. Plain
   *  attributes, and nested blocks made only of them, are read from the text; the cursor steps to the other items
   *  (`item` counts the nodes passed). `via` says where the cursor is (see Via). Returns where the body ends: `end`,
   *  or with Via.none the offset of its `}`; -1 when the body must be read otherwise. */
  private readBodyText(blocks: HBlock[], attrs: TextAttrs | undefined, wanted: boolean, start: number, end: number, via: Via): number {
    // Too deep: a body on its own goes to the tree reader (which skips it); others are left unread.
    if (this.tooDeep(start)) return via === Via.none ? -1 : end;
    this.depth++;
    const read = this.readBodyTextIn(blocks, attrs, wanted, start, end, via);
    this.depth--;
    return read;
  }

  private readBodyTextIn(blocks: HBlock[], attrs: TextAttrs | undefined, wanted: boolean, start: number, end: number, via: Via): number {
    const c = this.c;
    const text = this.text;
    const alone = via === Via.none;
    let pos = start;
    let item = 0;
    let at = -1;
    if (alone) while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
    while (pos < end) {
      if (alone && text.charCodeAt(pos) === CLOSE) return pos;
      const place = this.place;
      if (scanPlainAttr(text, pos, end, place)) {
        const next = place.end;
        let n = next;
        while (n < end && isSpace(text.charCodeAt(n))) n++;
        // Only a new item (a name), the body's end or its `}` proves the value ends here: `a = b # c` could go on `.d`.
        const d = text.charCodeAt(n);
        if (next === end || (n < end && ((n > next && isIdStart(d)) || (alone && d === CLOSE)))) {
          attrs?.addPlain(pos, place.nameEnd, place.valueStart, next);
          item++;
          pos = n;
          continue;
        }
      }
      const h = plainHeader(text, pos, end);
      // A nested block is read from the text when it can be: the enclosing block's end, which the tree gives,
      // checks the reading (a top-level block type nested would be a lost brace: the tree decides).
      const inner = h && blocks !== this.top && !TOP_LEVEL.has(h.type) ? this.readBlockAlone(pos, h, end, wanted) : undefined;
      if (inner) {
        blocks.push(inner);
        pos = inner.closeOffset + 1;
      } else {
        if (alone) return -1;
        if (at < 0) {
          if (via === Via.block && !this.enterBody(start, end)) return -1;
          if (!c.gotoFirstChild()) throw new OutOfStep();
          at = 0;
        }
        for (; at < item; at++) if (!c.gotoNextSibling()) throw new OutOfStep();
        if (c.startIndex !== pos) throw new OutOfStep();
        if (h) pos = this.readBlockIn(pos, h, blocks, wanted);
        else {
          this.readChild(this.kind(), blocks, attrs, wanted);
          pos = c.endIndex;
        }
      }
      item++;
      while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
    }
    if (alone) return -1;
    if (at >= 0) {
      c.gotoParent();
      if (via === Via.block) c.gotoParent();
    }
    return end;
  }

  /** A nested block read from the text alone, its end being the `}` that closes its body, before `limit`. Undefined,
   *  with nothing kept, when an item needs the tree. */
  private readBlockAlone(start: number, h: PlainHeader, limit: number, wanted: boolean): HBlock | undefined {
    const size = this.table.size;
    const attrs = wanted ? new TextAttrs(this.table) : undefined;
    const block: HBlock = { type: h.type, typeSpan: spanOf(start, h.typeEnd), labels: h.labels, span: NO_SPAN, attrs: attrs ?? NO_ATTRS, blocks: [], closeOffset: 0, json: false };
    const close = this.readBodyText(block.blocks, attrs, wanted, h.brace + 1, limit, Via.none);
    attrs?.close();
    if (close < 0) {
      this.table.size = size;
      return undefined;
    }
    block.span = spanOf(start, close + 1);
    block.closeOffset = close;
    return block;
  }

  /** From a block to its body, when the tree has the body exactly at [start, end): the child before the final `}`.
   *  (gotoFirstChildForIndex would be one call, but web-tree-sitter 0.27 ignores its index.) */
  private enterBody(start: number, end: number): boolean {
    const c = this.c;
    if (!c.gotoLastChild()) return false;
    if (c.gotoPreviousSibling() && this.kind() === K.body && c.startIndex === start && c.endIndex === end) return true;
    c.gotoParent();
    return false;
  }

  /** One child of a body: an attribute, a block, or something skipped (comments). */
  private readChild(k: K, blocks: HBlock[], attrs: TextAttrs | undefined, wanted: boolean): void {
    if (k === K.attribute) {
      if (!attrs) return;
      const a = this.readAttr();
      if (a) attrs.set(a.name, a);
    } else if (k === K.block) {
      const b = this.readBlock(blocks === this.top, wanted);
      if (b) (blocks !== this.top && TOP_LEVEL.has(b.type) ? this.top : blocks).push(b);
    }
  }

  /** The block under the cursor, starting at `start` in a clean tree, whose header the text shows (`h`), into
   *  `blocks` (or `top`); returns its end. */
  private readBlockIn(start: number, h: PlainHeader, blocks: HBlock[], wanted: boolean): number {
    const end = this.c.endIndex;
    const atTop = blocks === this.top;
    let b = this.readBlockText(start, end, h, atTop, wanted);
    if (b === undefined) {
      if (this.kind() !== K.block) throw new OutOfStep();
      b = this.readBlock(atTop, wanted);
    }
    if (b) (!atTop && TOP_LEVEL.has(b.type) ? this.top : blocks).push(b);
    return end;
  }

  /** A clean block read from the text: the tree gives its end (`}`); its body is read with `inBlock` (the cursor
   *  checks the body only if it must step into it). Undefined when the tree disagrees: the cursor reader takes it. */
  private readBlockText(start: number, end: number, h: PlainHeader, atTop: boolean, parentWanted: boolean): HBlock | undefined {
    const text = this.text;
    if (text.charCodeAt(end - 1) !== 125 || h.brace >= end - 1) return undefined;
    let s = h.brace + 1;
    while (s < end - 1 && isSpace(text.charCodeAt(s))) s++;
    let e = end - 1;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    const { type, labels } = h;
    const full = atTop || TOP_LEVEL.has(type) ? this.wanted(type, labels) : parentWanted;
    const attrs = full ? new TextAttrs(this.table) : undefined;
    const block: HBlock = { type, typeSpan: spanOf(start, h.typeEnd), labels, span: spanOf(start, end), attrs: attrs ?? NO_ATTRS, blocks: [], closeOffset: end - 1, json: false };
    const read = s >= e || this.readBodyText(block.blocks, attrs, full, s, e, Via.block) >= 0;
    attrs?.close();
    if (!read) return undefined;
    if (block.blocks.length && TOP_LEVEL.has(type)) {
      const stray = block.blocks.find((b) => TOP_LEVEL.has(b.type));
      if (stray) block.closeOffset = Math.min(block.closeOffset, stray.span.offset);
    }
    return block;
  }

  /** The block under the cursor. At the top, or for a top-level block type, `wanted` decides whether its attributes
   *  are read; a nested block of another type is read when its parent is. */
  private readBlock(atTop: boolean, parentWanted: boolean): HBlock | undefined {
    const c = this.c;
    const start = c.startIndex;
    const end = c.endIndex;
    let type: string | undefined;
    const labels: string[] = [];
    // In a clean tree the block ends with its `}`.
    const block: HBlock = { type: '', typeSpan: spanOf(0, 0), labels, span: spanOf(start, end), attrs: NO_ATTRS, blocks: [], closeOffset: this.clean ? end - 1 : end, json: false };
    if (c.gotoFirstChild()) {
      do {
        const k = this.kind();
        if (k === K.identifier && type === undefined) {
          const s = c.startIndex;
          const e = c.endIndex;
          type = this.text.slice(s, e);
          block.typeSpan = spanOf(s, e);
        } else if (k === K.stringLit) labels.push(this.stringContent());
        else if (k === K.identifier) labels.push(this.text.slice(c.startIndex, c.endIndex));
        else if (k === K.body) {
          const full = type !== undefined && (atTop || TOP_LEVEL.has(type) ? this.wanted(type, labels) : parentWanted);
          const attrs = full ? new TextAttrs(this.table) : undefined;
          if (attrs) block.attrs = attrs;
          this.readBody(block.blocks, attrs, full);
          attrs?.close();
          if (this.clean) break;
        } else if (k === K.blockEnd) {
          const s = c.startIndex;
          block.closeOffset = c.nodeIsMissing || s === c.endIndex ? end : s;
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    if (type === undefined) return undefined;
    block.type = type;
    // A nested top-level block means the braces went wrong: end this block where that one starts.
    const stray = block.blocks.find((b) => TOP_LEVEL.has(b.type));
    if (stray && TOP_LEVEL.has(block.type)) block.closeOffset = Math.min(block.closeOffset, stray.span.offset);
    return block;
  }

  private readAttr(): HAttr | undefined {
    const c = this.c;
    if (this.clean) return readPlainAttr(this.text, c.startIndex, c.endIndex) ?? readAttrNode(c.currentNode);
    const node = c.currentNode;
    return (!node.hasError && readPlainAttr(this.text, node.startIndex, node.endIndex)) || readAttrNode(node);
  }

  /** The text of a string literal's template_literal child ('' when it has none). */
  private stringContent(): string {
    const c = this.c;
    if (this.clean) {
      const plain = plainString(this.text, c.startIndex, c.endIndex);
      if (plain !== undefined) return plain;
    }
    let out = '';
    if (!c.gotoFirstChild()) return out;
    do {
      if (this.kind() === K.templateLiteral) {
        out = this.text.slice(c.startIndex, c.endIndex);
        break;
      }
    } while (c.gotoNextSibling());
    c.gotoParent();
    return out;
  }
}
