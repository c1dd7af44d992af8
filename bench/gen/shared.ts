/** What the benchmark generators share: a seeded random source and the bare YAML parse. */
import { parseYaml } from '../../src/core/formats/common/yaml';

/** A deterministic generator in [0, 1): the same seed writes the same file every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The parse every YAML/JSON format's extraction starts with, alone. */
export function bareParseYaml(text: string): unknown {
  return parseYaml(text).docs.length;
}
