/** A document with parts blanked: the same length, lines and columns, so a reader of the rest reports and edits
 *  at the document's own offsets (a runbook's code blocks, the bodies of command substitutions). */
import type { Span } from '../../types';

/** Spaces for every character but line breaks (CR LF kept, so a fix writes the document's own line ends). */
export function blank(s: string): string {
  // Runs of spaces between line breaks (a per-character replace costs a megabyte document a second of GC).
  let out = '';
  let at = 0;
  for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', at)) {
    const cr = nl > at && s[nl - 1] === '\r' ? 1 : 0;
    out += ' '.repeat(nl - at - cr) + (cr ? '\r\n' : '\n');
    at = nl + 1;
  }
  return out + ' '.repeat(s.length - at);
}

/** The text with everything outside `keep` blanked; `keep` in order, not overlapping (later overlaps are cut). */
export function keepOnly(text: string, keep: readonly Span[], body: (s: Span) => string = (s) => text.slice(s.offset, s.offset + s.length)): string {
  let out = '';
  let at = 0;
  for (const s of keep) {
    if (s.offset < at) continue;
    out += blank(text.slice(at, s.offset)) + body(s);
    at = s.offset + s.length;
  }
  return out + blank(text.slice(at));
}
