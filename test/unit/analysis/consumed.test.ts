/** What earlier rules decided, against the plain definition: a query gives the set minus the union of every
 *  add so far, whether the adds are still pending, merged, or met by the query. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Consumed } from '../../../src/core/analysis/consumed';
import { AddressSet } from '../../../src/core/model/cidr';

/** A seeded source of integers below n, from the generator's high bits (its low bits repeat quickly). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => Math.floor(((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * n);
}

/** An aligned block of 2^bits addresses in a corner of 2^16 addresses of each family, so adds and queries meet. */
function block(next: (n: number) => number, bits: number): AddressSet {
  const size = 2 ** bits;
  const offset = Math.floor(next(2 ** 16) / size) * size;
  if (next(6) === 0) {
    const start = (0x20010db8n << 96n) + BigInt(offset);
    return AddressSet.range(start, start + BigInt(size));
  }
  return AddressSet.range(0x0a000000 + offset, 0x0a000000 + offset + size);
}

test('queries equal the set minus everything added, across pending, merged and cloned states', () => {
  for (const seed of [1, 2, 3, 4]) {
    const next = rng(seed);
    const consumed = new Consumed();
    let added = AddressSet.empty;
    let copy: { consumed: Consumed; added: AddressSet } | undefined;
    // Long runs of adds between queries push past the pending limit; short ones keep it small.
    for (let step = 0; step < 2000; step++) {
      if (next(seed % 2 === 0 ? 40 : 4) === 0) {
        const q = block(next, 8 + next(5)).union(block(next, next(6)));
        assert.ok(consumed.from(q).equals(q.subtract(added)), `seed ${seed}, step ${step}`);
        if (copy) assert.ok(copy.consumed.from(q).equals(q.subtract(copy.added)), `clone, seed ${seed}, step ${step}`);
      } else {
        const b = block(next, next(6));
        consumed.add(b);
        added = added.union(b);
      }
      if (step === 1000) copy = { consumed: consumed.clone(), added };
    }
  }
});
