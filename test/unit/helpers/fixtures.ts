/** Reads fixture files and their "# expect: <rule-id>[@severity][:+N]" markers. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineIndex, ruleMetas, type Finding, type ProjectSettings, type RuleId, type SyncSource } from '../../../src/core/index';

export const FIXTURES = join(process.cwd(), 'test', 'fixtures');

const READ_WITH = /[\\/](?:settings\.json|[\w-]+\.params\.json|\.env|inventory(?:\.\w+)?)$|[\\/](?:group_vars|host_vars|defaults|vars)[\\/]/;

export function fixtureFiles(format: string): string[] {
  const dir = join(FIXTURES, format);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  // A golden of a file without an extension (Vagrantfile) is `Vagrantfile.fixed`. A Helm chart's Chart.yaml and
  // values files and Terraform variable files are read with the files that use them, not analysed themselves.
  // A case folder's settings.json, CloudFormation parameter files (*.params.json), Compose's .env, and Ansible's
  // inventories, group_vars/, host_vars/ and role defaults/ and vars/ are read likewise.
  // Notes beside the fixtures are Markdown; the markdown format's fixtures are the Markdown files themselves.
  return walk(dir)
    .filter((f) => !/\.fixed(?:\.|$)|[\\/](?:Chart|values(?:-[\w.-]+)?)\.yaml$|\.tfvars(?:\.json)?$/.test(f) && !READ_WITH.test(f) && (format === 'markdown' || !/\.md$/.test(f)))
    .sort();
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The case folder of a fixture in a sub-folder (`terraform/module-tfvars/main.tf` → `…/terraform/module-tfvars/`):
 *  a folder fixture is one project. A fixture directly in its format's folder is analysed alone. */
export function caseFolderOf(path: string): string | undefined {
  const parts = relative(FIXTURES, path).split(sep);
  return parts.length > 2 ? join(FIXTURES, parts[0], parts[1]) + sep : undefined;
}

/** A case folder's project settings (its settings.json, paths relative to the files that use them), with the case
 *  folder as the root searches stay in. */
export function fixtureSettings(path: string): ProjectSettings {
  const root = caseFolderOf(path);
  if (!root) return { roots: [] };
  const file = join(root, 'settings.json');
  return { ...(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ProjectSettings) : {}), roots: [root] };
}

/** The disk as a host gives it to the core, limited to the fixture's case folder (nothing for a lone fixture). */
export function fixtureSource(path: string): SyncSource {
  const root = caseFolderOf(path);
  const inside = (p: string) => root !== undefined && p.startsWith(root);
  return {
    list: (folder) => (inside(folder) ? readdirSync(folder).map((n) => (statSync(join(folder, n)).isDirectory() ? `${n}/` : n)).sort() : null),
    read: (file) => (inside(file) ? readFileSync(file, 'utf8') : null),
  };
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
