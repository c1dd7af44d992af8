/** The .vsix is a product for users: their README (images packaged, linked relatively so they show offline in
 *  the Extensions view, no developer commands), a CHANGELOG, the walkthrough's media, and no CLI. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = process.cwd();
const readme = readFileSync(join(root, 'README.vsix.md'), 'utf8');

/** What `npm run package` puts in the .vsix (scripts/package.mjs passes the same options). */
function packaged(): string[] {
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['ls', '--no-dependencies', '--readme-path', 'README.vsix.md'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

test('the user README names no developer command and links only packaged images', () => {
  assert.doesNotMatch(readme, /\bnpm (?:start|test|run|ci|install)\b|node dist\/|npx |esbuild|code-server/);
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length >= 2, 'the README shows the extension at work');
  const files = new Set(packaged());
  for (const img of images) {
    assert.doesNotMatch(img, /^[a-z]+:/, `${img}: an absolute link does not show offline`);
    assert.ok(files.has(img), `${img} is not in the .vsix`);
  }
});

test('the .vsix holds the bundles, the walkthrough and a CHANGELOG, and neither the CLI nor sources', () => {
  const files = packaged();
  for (const f of ['dist/extension.js', 'dist/engine.js', 'dist/web/extension.js', 'dist/web/engine.js', 'CHANGELOG.md', 'media/walkthrough/scan-workspace.md']) {
    assert.ok(files.includes(f) || !existsSync(join(root, f)), `${f} is missing from the .vsix`);
  }
  assert.ok(files.includes('CHANGELOG.md'));
  const unwanted = files.filter((f) => /^(?:dist\/cli\.js|src\/|test\/|scripts\/|node_modules\/|examples\/)|\.map$|^README\.md$/.test(f));
  assert.deepEqual(unwanted, []);
});
