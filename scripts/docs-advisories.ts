// `npm run docs:advisories`: regenerates docs/advisories.md and the advisory block of every docs/rules page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleMetas } from '../src/core/index';
import { advisoriesDoc, withRuleBlock } from '../src/cli/advisory-docs';
import { levelOf } from '../src/cli/report';

const root = process.cwd();
writeFileSync(join(root, 'docs/advisories.md'), advisoriesDoc());
for (const meta of Object.values(ruleMetas)) {
  const file = join(root, 'docs/rules', `${meta.id}.md`);
  writeFileSync(file, withRuleBlock(readFileSync(file, 'utf8'), meta.id, levelOf(meta.severity)));
}
console.log('docs/advisories.md and docs/rules/*.md updated');
