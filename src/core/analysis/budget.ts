/**
 * One time budget for a whole analysis: detection, extraction, the exposure walk and fix building all ask it.
 * It starts when analysis starts. Extraction gets a share of it and stops early with a partial model, so the
 * walk always has time left to report what the part read holds: a tight budget shows the findings of the head
 * of a file, never none at all because the parse ate the time.
 */

/** The stages an analysis goes through, as `incomplete.stage` names them. */
export type Stage = 'extraction' | 'walk' | 'fixes';

/** Where and when the budget stopped an analysis. */
export interface Stopped {
  /** Milliseconds from the start of the analysis to the cut. */
  afterMs: number;
  stage: Stage;
  /** Extraction read the text up to this offset (the rest was not analysed). */
  analysedTo?: number;
}

/** Below this an allowance would cut before a first line is read; a smaller budget is raised to it (editors
 *  keep their own minimum of 50 ms, the CLI has no limit). */
export const MIN_BUDGET_MS = 100;
/** Extraction may use this share of the allowance; the rest is the walk's and the fixes'. */
const EXTRACTION_SHARE = 0.6;

/** While reading, the clock is read at least every this many checks (lines, statements)… */
const READ_STRIDE = 16;
/** …and whenever reading has moved on this many characters since (one long line is checked at once). */
const READ_STRIDE_CHARS = 4096;

export class Budget {
  private readonly started: number;
  private readonly deadline: number;
  /** The milliseconds this budget was given. */
  private readonly ms: number;
  /** The first cut, with what it cut. Undefined while the analysis is complete. */
  stopped: Stopped | undefined;

  /** `ms` from now (Infinity: never runs out). `started` lets a share keep the analysis's start time. */
  constructor(ms: number, started = Date.now()) {
    this.started = started;
    this.ms = ms;
    this.deadline = Date.now() + ms;
  }

  /** The budget of one analysis: at least MIN_BUDGET_MS, so a tiny setting still reads and walks a file's head. */
  static forAnalysis(ms: number): Budget {
    return new Budget(Number.isFinite(ms) ? Math.max(ms, MIN_BUDGET_MS) : Infinity);
  }

  /** Reading calls since the clock was last read, and how far reading had got then. */
  private calls = 0;
  private readTo = 0;

  /** True once time is out; the first time, records the cut of `stage` (extraction says how far it read).
   *  Cheap: call it once per line, statement or document. While reading (`analysedTo` given) the clock is read
   *  every READ_STRIDE calls or READ_STRIDE_CHARS of text: a clock read costs some 200 ns on our machines, a
   *  tenth of the time a 50,000-line iptables-save file takes when read once per line. */
  check(stage: Stage = 'walk', analysedTo?: number): boolean {
    if (this.stopped) return true;
    if (this.deadline === Infinity) return false; // no limit (the CLI): no clock to read
    if (analysedTo !== undefined) {
      if (++this.calls < READ_STRIDE && analysedTo >= this.readTo && analysedTo - this.readTo < READ_STRIDE_CHARS) return false;
      this.calls = 0;
      this.readTo = analysedTo;
    }
    if (Date.now() < this.deadline) return false;
    this.stop(stage, analysedTo);
    return true;
  }

  /** Runs out with the analysis's budget (not later), after at most `share` of the time left now. */
  share(share: number): Budget {
    const now = Date.now();
    const left = this.deadline - now;
    return new Budget(Number.isFinite(left) ? Math.max(0, left * share) : Infinity, this.started);
  }

  /** The allowance extraction may use before it stops with a partial model. */
  forExtraction(): Budget {
    return this.share(EXTRACTION_SHARE);
  }

  /** The walk's budget after `extraction`: this one, or, when extraction was cut (and may have run over, a parse
   *  cannot stop midway), a grace of the walk's share from now, so the part read is still walked. */
  forWalk(extraction: Budget): Budget {
    if (!extraction.stopped) return this;
    const grace = this.ms * (1 - EXTRACTION_SHARE);
    return Date.now() + grace <= this.deadline ? this : new Budget(grace, this.started);
  }

  /** Records the first cut: `stage` ended early; extraction says how far it read. */
  stop(stage: Stage, analysedTo?: number): void {
    if (this.stopped) return;
    this.stopped = { afterMs: Date.now() - this.started, stage };
    if (analysedTo !== undefined) this.stopped.analysedTo = analysedTo;
  }

  /** Set once any stage has been cut (the walk's old name for it). */
  get exceeded(): boolean {
    return this.stopped !== undefined;
  }

  /** A budget that never runs out (the CLI, and callers that give none). */
  static unlimited(): Budget {
    return new Budget(Infinity);
  }
}

/** Thrown by `stopReading` to leave a reader's callbacks at once; the extractor catches it and models what it
 *  read. */
export class OutOfTime extends Error {}

/** Leaves extraction (OutOfTime) once `budget` is out, recording that it read up to `at`. */
export function stopReading(budget: Budget | undefined, at: number): void {
  if (budget?.check('extraction', at)) throw new OutOfTime('out of time');
}
