/**
 * Interval lists, the arithmetic under AddressSet: flat, sorted, disjoint, non-touching half-open intervals
 * `[start0, end0, start1, end1, …]`. Half-open bounds need no "+ 1", so the same code runs on numbers (IPv4) and
 * bigints (IPv6).
 */

/** An address as a number (IPv4: exact in a double) or a bigint (IPv6: 128 bits). */
export type Bound = number | bigint;

/** The one empty interval list: a single-family set does not allocate one for the other family. */
export const NONE: readonly never[] = Object.freeze([]);

/** a ∪ b in one linear pass; touching intervals join. */
export function union<T extends Bound>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return a as T[];
  if (a.length === 0) return b as T[];
  // Sized up front and cut to length at the end: growing by push copies a large merge several times over.
  const out = new Array<T>(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let s: T;
    let e: T;
    if (j >= b.length || (i < a.length && a[i] <= b[j])) {
      s = a[i];
      e = a[i + 1];
      i += 2;
    } else {
      s = b[j];
      e = b[j + 1];
      j += 2;
    }
    if (n > 0 && s <= out[n - 1]) {
      if (e > out[n - 1]) out[n - 1] = e;
    } else {
      out[n++] = s;
      out[n++] = e;
    }
  }
  out.length = n;
  return out;
}

/** The union of many lists: one or two are merged directly; more are gathered and sorted once. */
export function unionMany<T extends Bound>(lists: (readonly T[])[]): readonly T[] {
  let total = 0;
  let first: readonly T[] | undefined;
  let second: readonly T[] | undefined;
  for (const l of lists) {
    if (l.length === 0) continue;
    total += l.length;
    if (!first) first = l;
    else second ??= l;
  }
  if (!first) return NONE;
  if (total === first.length) return first;
  if (second && total === first.length + second.length) return union(first, second);
  const flat: T[] = [];
  for (const l of lists) for (let i = 0; i < l.length; i++) flat.push(l[i]);
  return sortMerge(flat);
}

/** Intervals in any order (flat, half-open), sorted by start and merged. */
export function sortMerge<T extends Bound>(flat: readonly T[]): T[] {
  const out: T[] = [];
  const push = (s: T, e: T) => {
    const n = out.length;
    if (n > 0 && s <= out[n - 1]) {
      if (e > out[n - 1]) out[n - 1] = e;
    } else out.push(s, e);
  };
  const count = flat.length / 2;
  if (typeof flat[0] === 'number' && count <= MAX_KEYED) {
    // IPv4 starts are below 2^32: start·2^20 + position is an exact double, so a plain numeric sort of
    // those keys orders the intervals without a comparator call per step.
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = (flat[2 * i] as number) * MAX_KEYED + i;
    keys.sort();
    for (const key of keys) {
      const k = 2 * (key % MAX_KEYED);
      push(flat[k], flat[k + 1]);
    }
    return out;
  }
  const order = Array.from({ length: count }, (_, i) => 2 * i);
  order.sort((x, y) => (flat[x] < flat[y] ? -1 : flat[x] > flat[y] ? 1 : 0));
  for (const k of order) push(flat[k], flat[k + 1]);
  return out;
}

/** How many intervals the keyed sort of `sortMerge` can order (the position takes 20 bits of the key). */
const MAX_KEYED = 2 ** 20;

/** a − b in one sweep; binary search skips the parts of `b` that end before each interval of `a`. When `b`
 *  takes nothing away (most queries of what earlier rules decided), `a` itself comes back, unallocated. */
export function subtract<T extends Bound>(a: readonly T[], b: readonly T[]): readonly T[] {
  if (b.length === 0 || a.length === 0) return a;
  let out: T[] | undefined;
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i];
    const e = a[i + 1];
    j = firstEndingAfter(b, s, j);
    if (j >= b.length || b[j] >= e) {
      out?.push(s, e);
      continue;
    }
    out ??= a.slice(0, i);
    for (let k = j; k < b.length && b[k] < e; k += 2) {
      if (b[k] > s) out.push(s, b[k]);
      s = b[k + 1];
      if (s >= e) break;
    }
    if (s < e) out.push(s, e);
  }
  return out ?? a;
}

/** a ∩ b; binary search skips what cannot overlap. When the smaller list lies wholly inside the other (a rule's
 *  peer inside what reaches its list, the common case), that list itself comes back, unallocated. */
export function intersect<T extends Bound>(a: readonly T[], b: readonly T[]): readonly T[] {
  if (a.length === 0 || b.length === 0) return NONE;
  if (a.length > b.length) [a, b] = [b, a];
  let out: T[] | undefined;
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    const s = a[i];
    const e = a[i + 1];
    j = firstEndingAfter(b, s, j);
    if (j < b.length && b[j] <= s && b[j + 1] >= e) {
      out?.push(s, e);
      continue;
    }
    out ??= a.slice(0, i);
    for (let k = j; k < b.length && b[k] < e; k += 2) {
      const lo = b[k] > s ? b[k] : s;
      const hi = b[k + 1] < e ? b[k + 1] : e;
      out.push(lo, hi);
    }
  }
  if (!out) return a;
  // Of two lists of one size, the first may be the wider one: the second, if that is the answer, unallocated too.
  return out.length === b.length && out.every((x, i) => x === b[i]) ? b : out;
}

/** Whether any interval of `flat` (in any order) shares a point with the sorted list `b`. */
export function overlapsAny<T extends Bound>(flat: readonly T[], b: readonly T[]): boolean {
  if (b.length === 0) return false;
  for (let i = 0; i < flat.length; i += 2) {
    const j = firstEndingAfter(b, flat[i], 0);
    if (j < b.length && b[j] < flat[i + 1]) return true;
  }
  return false;
}

/** Index (even) of the first interval of `b`, from `from` on, that ends after `x`. */
function firstEndingAfter<T extends Bound>(b: readonly T[], x: T, from: number): number {
  let lo = from >> 1;
  let hi = b.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[2 * mid + 1] <= x) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}
