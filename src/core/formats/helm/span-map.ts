/** Rendered-text offsets → template offsets: copied text maps one to one, an action's value to its `{{ … }}`. */
import type { Span, TextEdit } from '../../types';
import type { Origin } from './values';
import type { Segment } from './render';

export class SpanMap {
  constructor(private readonly segments: readonly Segment[]) {}

  /** The index of the segment holding rendered offset `at` (the last one for the end of the text). */
  private indexAt(at: number): number {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid].rEnd <= at) lo = mid + 1;
      else if (s[mid].rStart > at) hi = mid - 1;
      else return mid;
    }
    return s.length - 1;
  }

  private segmentAt(at: number): Segment | undefined {
    return this.segments[this.indexAt(at)];
  }

  span(span: Span): Span {
    const first = this.segmentAt(span.offset);
    if (!first) return { offset: 0, length: 0 };
    const start = first.verbatim ? first.tStart + Math.min(span.offset - first.rStart, first.tEnd - first.tStart) : first.tStart;
    if (span.length <= 0) return { offset: start, length: 0 };
    const lastAt = span.offset + span.length - 1;
    const last = this.segmentAt(lastAt)!;
    const end = last.verbatim ? last.tStart + Math.min(lastAt + 1 - last.rStart, last.tEnd - last.tStart) : last.tEnd;
    return { offset: start, length: Math.max(0, end - start) };
  }

  /** The values-file places behind the rendered text in these spans. */
  origins(spans: readonly (Span | undefined)[]): Origin[] {
    const out: Origin[] = [];
    for (const span of spans) {
      if (!span) continue;
      const first = this.indexAt(span.offset);
      for (let i = Math.max(0, first); i < this.segments.length && this.segments[i].rStart < span.offset + Math.max(1, span.length); i++) {
        for (const o of this.segments[i].origins) if (!out.some((x) => x.uri === o.uri && x.span.offset === o.span.offset)) out.push(o);
      }
    }
    return out;
  }

  /** The edit in template offsets, when it lies inside text copied from the template; otherwise undefined (a
   *  rendered value is changed where it is written, which a fix in this file cannot do). */
  edit(edit: TextEdit): TextEdit | undefined {
    const { offset, length } = edit.span;
    const end = offset + length;
    const at = this.indexAt(offset);
    // An insertion where two pieces meet may go into the earlier one.
    const seg = [this.segments[at], this.segments[at - 1]].find((s) => s?.verbatim && s.rStart <= offset && end <= s.rEnd);
    if (!seg) return undefined;
    return { span: { offset: seg.tStart + (offset - seg.rStart), length }, newText: edit.newText };
  }
}
