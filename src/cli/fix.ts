// --fix: the core's fix-all, run until it converges: the loop the editor and the tests use too.
import { fixAllText, shiftedOffset, type Finding, type FixAllOutcome } from '../core/index';

export type FixOutcome = FixAllOutcome;

/** Where `offset` ends up after the edits; text inserted exactly at `offset` lands before it. */
export const shiftOffset = shiftedOffset;

/** Fixes in passes until nothing is fixable (at most `maxPasses`); see `fixAllText`. */
export function fixText(text: string, analyze: (text: string) => Finding[], maxPasses = 10): FixOutcome {
  return fixAllText(text, analyze, maxPasses);
}
