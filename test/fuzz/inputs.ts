/** Input number `i` of a format's stream: a pure function of (format, seed, i), so a run can resume anywhere. */
import type { Seed } from './corpus';
import { mutate } from './mutate';
import { Random, seedOf } from './random';

export interface FuzzInput {
  seed: string;
  uri: string;
  text: string;
}

export function inputOf(format: string, seeds: readonly Seed[], base: number, i: number): FuzzInput {
  const rnd = new Random(seedOf(format, base) ^ Math.imul(i + 1, 0x9e3779b1));
  const seed = seeds[i % seeds.length];
  const others = seeds.map((s) => s.text);
  return { seed: seed.name, uri: seed.uri, text: mutate(seed.text, rnd, others) };
}
