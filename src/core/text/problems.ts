/** The one rule for parse problems every format reports: spans inside the text, and a bounded number. */
import type { ParseProblem, Span } from '../types';

/** Problems kept per document, the count of the rest included: the first ones say what is wrong; thousands
 *  (one per character of a broken line) only cost memory. */
export const MAX_PROBLEMS = 100;

/** A parser may point one past the end (an unexpected end of file): keep the span inside the text. */
export function within(text: string, span: Span): Span {
  const offset = Math.min(Math.max(0, span.offset), text.length);
  return { offset, length: Math.max(0, Math.min(span.length, text.length - offset)) };
}

function countOfRest(text: string, last: ParseProblem, rest: number): ParseProblem {
  return { span: within(text, last.span), message: `${rest} more problems not listed` };
}

/** At most MAX_PROBLEMS problems, spans inside the text: the first ones, then one that counts the rest. */
export function capProblems(text: string, problems: readonly ParseProblem[]): ParseProblem[] {
  const fits = problems.length <= MAX_PROBLEMS;
  const kept = problems.slice(0, fits ? MAX_PROBLEMS : MAX_PROBLEMS - 1).map((p) => ({ ...p, span: within(text, p.span) }));
  if (!fits) kept.push(countOfRest(text, kept[kept.length - 1], problems.length - kept.length));
  return kept;
}
