/** Reads fixture files and their "# expect: <rule-id>[:+N]" markers. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, type Finding } from '../../../src/core/index';

export const FIXTURES = join(process.cwd(), 'test', 'fixtures');

export function fixtureFiles(format: string): string[] {
  const dir = join(FIXTURES, format);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  // Notes beside the fixtures are Markdown; the markdown format's fixtures are the Markdown files themselves.
  return walk(dir).filter((f) => !/\.fixed(?:\.|$)/.test(f) && (format === 'markdown' || !/\.md$/.test(f))).sort();
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Expected "line:rule-id" pairs (1-based lines) from the markers in the text. */
export function expectedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /expect:\s*([a-z0-9-]+(?::[+-]\d+)?(?:\s*,\s*[a-z0-9-]+(?::[+-]\d+)?)*)/.exec(line);
    if (!m) return;
    for (const item of m[1].split(',')) {
      const [id, delta] = item.trim().split(':');
      out.push(`${i + 1 + (delta ? Number(delta) : 0)}:${id}`);
    }
  });
  return out.sort();
}

export function actualMarkers(text: string, findings: Finding[]): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => `${lines.positionAt(f.span.offset).line + 1}:${f.ruleId}`).sort();
}

/** Identity of a finding that survives edits elsewhere in the file. */
export function findingKey(text: string, f: Finding): string {
  return `${f.ruleId}|${text.slice(f.ruleSpan.offset, f.ruleSpan.offset + f.ruleSpan.length)}|${f.details.services.join(',')}`;
}
