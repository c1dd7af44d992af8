/** The rule registry agrees with the rule files, the docs under docs/rules/ and the fixtures. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, test } from 'node:test';
import { analyzeText, type Finding, type RuleId } from '../../../src/core/index';
import { initAllFormats } from '../helpers/assets';
import { ruleMetas, rules as exposureRules, settingRules } from '../../../src/core/rules/index';

const rules = [...exposureRules, ...settingRules];
import smbInternetExposure from '../../../src/core/rules/smb-internet-exposure';
import smbBroadPrivateExposure from '../../../src/core/rules/smb-broad-private-exposure';
import smbDefaultPolicyExposure from '../../../src/core/rules/smb-default-policy-exposure';
import smbOutboundInternet from '../../../src/core/rules/smb-outbound-internet';
import smbSmbv1Enabled from '../../../src/core/rules/smb-smbv1-enabled';

const ROOT = process.cwd();

before(() => initAllFormats());
const ids = Object.keys(ruleMetas) as RuleId[];

/** Default exports of the rule files, by file name (esbuild bundles them, so they are imported statically). */
const ruleFiles: Record<string, unknown> = {
  'smb-internet-exposure': smbInternetExposure,
  'smb-broad-private-exposure': smbBroadPrivateExposure,
  'smb-default-policy-exposure': smbDefaultPolicyExposure,
  'smb-outbound-internet': smbOutboundInternet,
  'smb-smbv1-enabled': smbSmbv1Enabled,
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

function doc(id: string): string {
  return readFileSync(join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
}

test('every registered rule lives in src/core/rules/<id>.ts and is that file\'s default export', () => {
  assert.ok(rules.length > 0);
  for (const rule of rules) {
    const id = rule.meta.id;
    assert.ok(existsSync(join(ROOT, 'src', 'core', 'rules', `${id}.ts`)), `src/core/rules/${id}.ts is missing`);
    assert.ok(id in ruleFiles, `${id} is registered but not imported by this test`);
    assert.equal(ruleFiles[id], rule, `the default export of src/core/rules/${id}.ts is not the registered rule`);
    assert.equal(ruleMetas[id], rule.meta, `ruleMetas['${id}'] is not the rule's own meta`);
  }
  // And no rule file is left out of the registry.
  const onDisk = readdirSync(join(ROOT, 'src', 'core', 'rules'))
    .filter((n) => n.endsWith('.ts') && n !== 'index.ts' && n !== 'rule.ts')
    .map((n) => n.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(onDisk, rules.map((r) => r.meta.id).sort());
});

test('every rule id has docs/rules/<id>.md whose first heading names the id', () => {
  for (const id of ids) {
    assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md is missing`);
    const heading = doc(id)
      .split(/\r?\n/)
      .find((l) => /^#{1,6}\s/.test(l));
    assert.ok(heading, `docs/rules/${id}.md has no heading`);
    assert.match(heading, new RegExp(`^#{1,6}\\s.*\\b${id}\\b`), `first heading of docs/rules/${id}.md does not name ${id}`);
  }
});

test('each doc states the default severity of its rule', () => {
  for (const id of ids) {
    const m = /default severity\W*?`?(error|warning|info)`?/i.exec(doc(id));
    assert.ok(m, `docs/rules/${id}.md does not state a default severity`);
    assert.equal(m[1].toLowerCase(), ruleMetas[id].severity, `docs/rules/${id}.md states the wrong default severity`);
  }
});

test('every fixable rule is triggered by a fixture and offers a real (non-suppress) fix there', () => {
  const fixtures = walk(join(ROOT, 'test', 'fixtures')).filter((f) => !/\.md$|\.json$/.test(f));
  const found = new Map<RuleId, { file: string; finding: Finding }[]>();
  for (const file of fixtures) {
    const text = readFileSync(file, 'utf8');
    for (const finding of analyzeText({ uri: file, text }).findings) {
      const list = found.get(finding.ruleId) ?? [];
      list.push({ file: relative(ROOT, file), finding });
      found.set(finding.ruleId, list);
    }
  }
  for (const id of ids) {
    if (!ruleMetas[id].fixable) continue;
    const hits = found.get(id) ?? [];
    assert.ok(hits.length > 0, `no fixture under test/fixtures triggers ${id}`);
    assert.ok(
      hits.some((h) => h.finding.fixes.some((f) => f.kind !== 'suppress' && f.edits.length > 0)),
      `${id} is fixable but no fixture finding offers a non-suppress fix (${hits.map((h) => h.file).join(', ')})`,
    );
  }
});

test('no two rules share a title', () => {
  const titles = ids.map((id) => ruleMetas[id].title);
  assert.equal(new Set(titles).size, titles.length, `duplicate titles: ${titles.join(' | ')}`);
  for (const t of titles) assert.ok(t.trim().length > 0);
});
