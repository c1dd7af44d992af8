/** The steps from opening the first claimed document to its first diagnostics, each timed the first time it
 *  happens: the activation bundle keeps them (the in-host tests print them; the output channel logs them at debug
 *  level) and hands the marker to the analysis bundle (the two bundles share no module instances). */
export type Marker = (step: string) => void;

let marker: Marker = () => {};

export function setMarker(m: Marker): void {
  marker = m;
}

/** Records `step` the first time it happens (later calls cost a lookup). */
export function mark(step: string): void {
  marker(step);
}

/** A marker that keeps the first time of each step (at most `max` steps: a bound, not a filter). */
export function firstTimes(now: () => number, onMark: (step: string, ms: number) => void, max = 32): { marks: Record<string, number>; mark: Marker } {
  const marks: Record<string, number> = {};
  let count = 0;
  return {
    marks,
    mark(step) {
      if (step in marks || count >= max) return;
      count++;
      marks[step] = now();
      onMark(step, marks[step]);
    },
  };
}
