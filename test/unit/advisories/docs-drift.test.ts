/** Generated texts stay in step with the data: docs/advisories.md, the rule pages' advisory blocks, SARIF rule help. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleMetas, type RuleId } from '../../../src/core/index';
import { advisoriesForRule } from '../../../src/core/advisories/for-rule';
import { topAdvisories } from '../../../src/core/advisories/top';
import { advisoriesDoc, ruleBlock } from '../../../src/cli/advisory-docs';
import { levelOf } from '../../../src/cli/report';
import { ruleHelp } from '../../../src/cli/rule-help';
import { toSarif } from '../../../src/cli/sarif';

const read = (p: string) => readFileSync(join(process.cwd(), p), 'utf8');
const HINT = 'run `npm run docs:advisories` and commit the result';

test('docs/advisories.md is what the data generates', () => {
  assert.equal(read('docs/advisories.md'), advisoriesDoc(), HINT);
});

test('each docs/rules page carries the generated advisory block', () => {
  for (const meta of Object.values(ruleMetas)) {
    assert.ok(read(`docs/rules/${meta.id}.md`).includes(ruleBlock(meta.id, levelOf(meta.severity))), `${meta.id}: ${HINT}`);
  }
});

test('SARIF rule help: markdown with the top advisories from the data, CWE tags, severity rationale', () => {
  const rules = toSarif({ rootUri: 'file:///w/', version: '0.0.0', files: [] }).runs[0].tool.driver.rules;
  for (const rule of rules) {
    const id = rule.id as RuleId;
    const md = rule.help.markdown ?? '';
    assert.match(md, /\*\*What\*\*/, id);
    assert.match(md, /\*\*How to fix\*\*/, id);
    const top = topAdvisories(advisoriesForRule(id));
    for (const a of top.shown) assert.ok(md.includes(`[${a.id}](${a.url})`), `${id}: ${a.id} missing from help.markdown`);
    if (top.more) assert.match(md, new RegExp(`${top.more} more`), id);
    const tags = (rule.properties.tags as string[]).filter((t) => t.startsWith('external/cwe/'));
    assert.deepEqual(tags, ruleHelp[id].cwe.map((n) => `external/cwe/cwe-${n}`), id);
    if (id !== 'smb-parse-error') assert.match(md, /\*\*Security severity\*\* \d+\.\d/, id);
  }
  const tag = (id: string) => rules.find((r) => r.id === id)!.properties.tags as string[];
  assert.ok(tag('smb-internet-exposure').includes('external/cwe/cwe-668'));
  assert.ok(tag('smb-broad-private-exposure').includes('external/cwe/cwe-668'));
  assert.ok(tag('smb-default-policy-exposure').includes('external/cwe/cwe-1188'));
  assert.ok(tag('smb-smbv1-enabled').includes('external/cwe/cwe-477'));
  assert.ok(tag('smb-outbound-internet').includes('external/cwe/cwe-522'));
});
