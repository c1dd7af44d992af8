/** Apply text edits: sorted by offset, overlapping edits dropped (the first one wins). */
import type { Span, TextEdit } from '../types';

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

/** The text under `span` with the edits that lie inside it applied: a copy of a rule with changes. */
export function applyEditsWithin(text: string, span: Span, edits: readonly TextEdit[]): string {
  const end = span.offset + span.length;
  const inside = edits
    .filter((e) => e.span.offset >= span.offset && e.span.offset + e.span.length <= end)
    .map((e) => ({ newText: e.newText, span: { offset: e.span.offset - span.offset, length: e.span.length } }));
  return applyEdits(text.slice(span.offset, end), inside);
}
