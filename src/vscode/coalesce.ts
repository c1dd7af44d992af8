/** Runs `fn` once per burst of calls: a workspace scan changes one file at a time, and the views redraw once. */
export class Coalesced {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly fn: () => void,
    private readonly ms = 100,
  ) {}

  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fn();
    }, this.ms);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
