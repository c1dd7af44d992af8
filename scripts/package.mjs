// `npm run package`: a production build packaged as dist/smb-guard.vsix, its size printed against a budget
// (fails over it). The .vsix carries its own user README (README.vsix.md, images packaged and linked
// relatively so they show offline) and no CLI: the CLI is the npm package's `bin`.
//   node scripts/package.mjs [--budget-kb=N]
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
/** The whole .vsix, compressed. Today about 0.9 MB: the two analysis bundles (desktop, web) and the wasm parsers. */
const BUDGET_KB = Number(process.argv.find((a) => a.startsWith('--budget-kb='))?.split('=')[1] ?? 1536);
/** The activation bundle is loaded by every window that opens a JSON, YAML or shell file: it must stay small. */
const ACTIVATION_BUDGET_KB = 40;
const LIST_ARGS = ['--no-dependencies', '--readme-path', 'README.vsix.md'];
const VSIX = join(ROOT, 'dist', 'smb-guard.vsix');
const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
  }
  return r.stdout;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

function main() {
  run(process.execPath, ['esbuild.mjs', '--production']);
  run(vsce, ['package', ...LIST_ARGS, '--no-rewrite-relative-links', '-o', VSIX]);
  const files = run(vsce, ['ls', ...LIST_ARGS]).split('\n').filter(Boolean);
  const problems = [];
  if (files.some((f) => f === 'dist/cli.js')) problems.push('the CLI (dist/cli.js) is in the .vsix: .vscodeignore must leave it out');
  const size = (f) => statSync(join(ROOT, f)).size;
  const activation = size('dist/extension.js');
  if (activation > ACTIVATION_BUDGET_KB * 1024) problems.push(`the activation bundle is ${kb(activation)}, over its ${ACTIVATION_BUDGET_KB} KB budget`);
  const total = statSync(VSIX).size;
  if (total > BUDGET_KB * 1024) problems.push(`the .vsix is ${kb(total)}, over its ${BUDGET_KB} KB budget`);
  const largest = files
    .map((f) => ({ f, bytes: size(f) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6)
    .map(({ f, bytes }) => `  ${kb(bytes).padStart(8)}  ${f}`);
  console.log(`${files.length} files; largest (uncompressed):\n${largest.join('\n')}`);
  console.log(`activation bundle dist/extension.js: ${kb(activation)} (budget ${ACTIVATION_BUDGET_KB} KB)`);
  for (const p of problems) console.error(`package: ${p}`);
  console.log(`dist/smb-guard.vsix: ${kb(total)} (budget ${BUDGET_KB} KB)${problems.length ? ': FAILED' : ''}`);
  if (problems.length) process.exit(1);
}

try {
  main();
} catch (err) {
  console.error(`package: ${err?.message ?? err}`);
  process.exit(1);
}
