// Bundles the extension (Node and web worker), the CLI, and — with --tests / --bench — the test and benchmark entries.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files under `dir` whose names end with `suffix` (Node 20 has no fs.globSync). */
function findFiles(dir, suffix) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(findFiles(p, suffix));
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out;
}

const argv = process.argv.slice(2);
const args = new Set(argv);
/** --tests-out=DIR builds the unit tests elsewhere, so parallel work in one tree does not share dist/. */
const testsOut = argv.find((a) => a.startsWith('--tests-out='))?.slice('--tests-out='.length);
const production = args.has('--production');
// web-tree-sitter's ESM build needs import.meta.url, which CommonJS bundles lack: use its CommonJS build.
const alias = { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' };
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', target: 'es2022', alias };

/** The extension is two bundles per host: a small activation bundle (package.json `main` / `browser`), and the
 *  analysis bundle it loads on first use (src/vscode/engine-loader.ts). */
const desktop = { ...common, platform: 'node', format: 'cjs', external: ['vscode'], define: { 'process.env.SMB_GUARD_WEB': '""' } };
// node:fs: src/vscode/files.ts requires it in the desktop host only (never run in the web one).
const web = { ...common, platform: 'browser', format: 'cjs', external: ['vscode', 'node:fs', 'node:fs/promises'], define: { 'process.env.NODE_ENV': '"production"', 'process.env.SMB_GUARD_WEB': '"1"' } };
const builds = testsOut ? [] : [
  { ...desktop, entryPoints: ['src/vscode/main.ts'], outfile: 'dist/extension.js' },
  { ...desktop, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/engine.js' },
  { ...web, entryPoints: ['src/vscode/main.ts'], outfile: 'dist/web/extension.js' },
  { ...web, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/engine.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
];

if (args.has('--tests') || testsOut) {
  const entries = findFiles('test/unit', '.test.ts');
  // The ReDoS test loads the TypeScript compiler and recheck (native binary, worker script) from node_modules; the
  // activation-bundle test runs esbuild.
  builds.push({ ...common, entryPoints: entries, outdir: testsOut ?? 'dist/test/unit', outbase: 'test/unit', platform: 'node', format: 'cjs', external: ['typescript', 'recheck', 'esbuild'] });
  const integration = findFiles('test/integration', '.ts');
  if (integration.length && !testsOut) {
    builds.push({ ...common, entryPoints: integration, outdir: 'dist/test/integration', outbase: 'test/integration', platform: 'node', format: 'cjs', external: ['vscode', 'mocha', '@vscode/test-electron'] });
  }
}
if (args.has('--fuzz')) {
  builds.push({ ...common, sourcemap: false, entryPoints: ['test/fuzz/main.ts'], outfile: 'dist/fuzz/main.js', platform: 'node', format: 'cjs' });
}
if (args.has('--bench')) {
  builds.push({ ...common, sourcemap: false, entryPoints: ['bench/main.ts'], outfile: 'dist/bench/main.js', platform: 'node', format: 'cjs' });
}

/** Wasm the core loads at run time (tree-sitter and its Terraform grammar): next to the bundles, in dist/wasm. */
const WASM = [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
];
/** The codicon font the detail panel draws its icons with: packaged, since a webview loads no remote resource. */
const CODICONS = ['node_modules/@vscode/codicons/dist/codicon.css', 'node_modules/@vscode/codicons/dist/codicon.ttf'];
if (!testsOut) {
  mkdirSync('dist/wasm', { recursive: true });
  for (const file of WASM) copyFileSync(file, join('dist/wasm', file.slice(file.lastIndexOf('/') + 1)));
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of CODICONS) copyFileSync(file, join('dist/codicons', file.slice(file.lastIndexOf('/') + 1)));
}

if (args.has('--watch')) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
