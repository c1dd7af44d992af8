/**
 * The addresses earlier rules already decided, for one walk of one list. Adding is O(1) amortised and a
 * query touches only what overlaps, so 50,000-rule blocklists stay linear-ish rather than quadratic.
 */
import { AddressSet } from '../model/cidr';

export class Consumed {
  private base = AddressSet.empty;
  private pending: AddressSet[] = [];
  private pendingSize = 0;

  add(set: AddressSet): void {
    if (set.isEmpty) return;
    this.pending.push(set);
    this.pendingSize += set.v4.length + set.v6.length;
    // Fold pending sets in once they outweigh √(base): keeps both add and query cheap.
    const baseSize = this.base.v4.length + this.base.v6.length;
    if (this.pendingSize > 32 && this.pendingSize * this.pendingSize > baseSize) this.fold();
  }

  /** `set` minus everything consumed so far. */
  from(set: AddressSet): AddressSet {
    let out = set.subtract(this.base);
    for (const p of this.pending) {
      if (out.isEmpty) break;
      out = out.subtract(p);
    }
    return out;
  }

  private fold(): void {
    this.base = AddressSet.unionAll([this.base, ...this.pending]);
    this.pending = [];
    this.pendingSize = 0;
  }
}
