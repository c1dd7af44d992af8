/**
 * The addresses earlier rules already decided, for one walk of one list, kept as a few sorted runs of
 * geometrically growing size (a log-structured merge): adding is amortised O(log n), a query subtracts
 * each run with binary search. A 50,000-rule blocklist so stays O(n log n) instead of O(n²).
 * Adds are batched until a query meets them or there are many: a blocklist with no allow between its entries
 * is merged once, and an allow that none of the latest entries touch does not merge them.
 */
import { AddressSet, AddressSetBuilder } from '../model/cidr';

const size = (s: AddressSet) => s.intervals;
/** Pending intervals kept unsorted at most: a query scans them for overlaps. */
const PENDING_LIMIT = 256;

export class Consumed {
  private runs: AddressSet[] = [];
  private pending = new AddressSetBuilder();

  /** An independent copy: the sets themselves are immutable, only the lists are copied. */
  clone(): Consumed {
    const c = new Consumed();
    c.runs = [...this.runs];
    c.pending = this.pending.clone();
    return c;
  }

  add(set: AddressSet): void {
    this.pending.add(set);
  }

  /** `set` minus everything consumed so far. */
  from(set: AddressSet): AddressSet {
    if (this.pending.size >= PENDING_LIMIT || this.pending.overlaps(set)) this.flush();
    let out = set;
    for (let i = this.runs.length - 1; i >= 0 && !out.isEmpty; i--) out = out.subtract(this.runs[i]);
    return out;
  }

  private flush(): void {
    if (this.pending.isEmpty) return;
    this.runs.push(this.pending.take());
    // Merge while the newest run is at least half the size of the one before it.
    while (this.runs.length > 1 && 2 * size(this.runs[this.runs.length - 1]) >= size(this.runs[this.runs.length - 2])) {
      const top = this.runs.pop() as AddressSet;
      this.runs[this.runs.length - 1] = this.runs[this.runs.length - 1].union(top);
    }
  }
}
