/** Reads fixture files and their "# expect: <rule-id>[@severity][:+N]" markers. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { companionUris, LineIndex, ruleMetas, type Companion, type Finding, type RuleId } from '../../../src/core/index';

export const FIXTURES = join(process.cwd(), 'test', 'fixtures');

export function fixtureFiles(format: string): string[] {
  const dir = join(FIXTURES, format);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  // A golden of a file without an extension (Vagrantfile) is `Vagrantfile.fixed`. A Helm chart's Chart.yaml and
  // values files are read with its templates, not analysed themselves. Notes beside the fixtures are Markdown;
  // the markdown format's fixtures are the Markdown files themselves.
  return walk(dir)
    .filter((f) => !/\.fixed(?:\.|$)|[\\/](?:Chart|values(?:-[\w.-]+)?)\.yaml$/.test(f) && (format === 'markdown' || !/\.md$/.test(f)))
    .sort();
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The files a fixture's analysis reads besides itself (a Helm template's values.yaml), as a host passes them. */
export function companionsOf(path: string, valuesFiles: readonly string[] = []): Companion[] {
  return companionUris(path, valuesFiles).flatMap((uri) => {
    try {
      return [{ uri, text: readFileSync(uri, 'utf8') }];
    } catch {
      return [];
    }
  });
}

/** One marker item: `smb-internet-exposure`, `smb-internet-exposure@warning`, either with `:+N` (before or after
 *  the severity). */
const ITEM = String.raw`[a-z0-9-]+(?:@[a-z]+)?(?::[+-]\d+)?(?:@[a-z]+)?`;
const MARKER = new RegExp(String.raw`expect:\s*(${ITEM}(?:\s*,\s*${ITEM})*)`);

/** Expected "line:rule-id@severity" entries (1-based lines) from the markers in the text. Without `@severity`
 *  a marker expects the rule's default severity. */
export function expectedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return;
    for (const item of m[1].split(',')) {
      const parts = /^([a-z0-9-]+)(?:@([a-z]+))?(?::([+-]\d+))?(?:@([a-z]+))?$/.exec(item.trim());
      if (!parts) continue;
      const [, id, sevBefore, delta, sevAfter] = parts;
      const severity = sevBefore ?? sevAfter ?? ruleMetas[id as RuleId]?.severity ?? 'unknown-rule';
      out.push(`${i + 1 + (delta ? Number(delta) : 0)}:${id}@${severity}`);
    }
  });
  return out.sort();
}

export function actualMarkers(text: string, findings: Finding[]): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => `${lines.positionAt(f.span.offset).line + 1}:${f.ruleId}@${f.severity}`).sort();
}

/** Identity of a finding that survives edits elsewhere in the file. */
export function findingKey(text: string, f: Finding): string {
  return `${f.ruleId}|${text.slice(f.ruleSpan.offset, f.ruleSpan.offset + f.ruleSpan.length)}|${f.details.services.join(',')}`;
}
