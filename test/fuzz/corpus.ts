/** The seeds: every fixture of a format (the realistic files the project writes for its own tests). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIXTURE_ROOT = join(process.cwd(), 'test', 'fixtures');

export interface Seed {
  name: string;
  /** The path the file has, so detection by name sees what it would see. */
  uri: string;
  text: string;
}

export function formatsWithFixtures(): string[] {
  return readdirSync(FIXTURE_ROOT)
    .filter((d) => d !== 'cli' && statSync(join(FIXTURE_ROOT, d)).isDirectory())
    .sort();
}

export function seedsOf(format: string): Seed[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return walk(join(FIXTURE_ROOT, format))
    .filter((f) => !/\.md$/.test(f))
    .sort()
    .map((path) => ({ name: relative(FIXTURE_ROOT, path), uri: `file://${path}`, text: readFileSync(path, 'utf8') }));
}
