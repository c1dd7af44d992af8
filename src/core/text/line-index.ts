/** Offset ⇄ line/character conversion (0-based, UTF-16), the only place that does this math. */

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private lazyStarts: Uint32Array | undefined;

  constructor(private readonly text: string) {}

  /** Worked out on first use: an analysis with no finding never needs them. Counted first, then written into a
   *  typed array of that size: a pushed array grows by copying itself, and the collector scans its store. */
  private get starts(): Uint32Array {
    if (this.lazyStarts) return this.lazyStarts;
    const crlf = this.text.indexOf('\r') >= 0;
    const starts = new Uint32Array(this.lineBreaks(crlf) + 1);
    this.lineBreaks(crlf, starts);
    this.lazyStarts = starts;
    return starts;
  }

  /** How many line breaks the text has; with `out`, where each line after the first starts (from out[1]). */
  private lineBreaks(crlf: boolean, out?: Uint32Array): number {
    const { text } = this;
    let n = 0;
    if (!crlf) {
      // No CR anywhere: indexOf finds each LF many times faster than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        n++;
        if (out) out[n] = i + 1;
      }
      return n;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      else if (c !== 10 && c !== 13) continue;
      n++;
      if (out) out[n] = i + 1;
    }
    return n;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[Math.max(0, pos.line)] + pos.character, this.lineEnd(pos.line));
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}
