/** Apply text edits: sorted by offset, overlapping edits dropped (the first one wins). */
import type { TextEdit } from '../types';

export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length);
  const out: TextEdit[] = [];
  let end = -1;
  for (const e of sorted) {
    // Two insertions at one offset are fine; anything else that starts before the previous end overlaps.
    if (e.span.offset < end) continue;
    out.push(e);
    end = e.span.offset + e.span.length;
  }
  return out;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of sortEdits(edits)) {
    out += text.slice(pos, e.span.offset) + e.newText;
    pos = e.span.offset + e.span.length;
  }
  return out + text.slice(pos);
}
