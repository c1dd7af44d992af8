// Builds the extension (+ test bundles) and packages it as a .vsix for the code-server harness.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, VSIX } from './config.mjs';
import { removeOnExit } from './server.mjs';

function run(cmd, args, cwd = ROOT, quiet = false) {
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) {
    const output = quiet ? `\n${r.stdout}${r.stderr}` : '';
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}) in ${cwd}${output}`);
  }
}

/** Bundles test/integration/**\/*.ts exactly as `node esbuild.mjs --tests` does, without the extension entry. */
async function bundleIntegrationTests() {
  const esbuild = await import('esbuild');
  const find = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  await esbuild.build({
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    target: 'es2022',
    absWorkingDir: ROOT,
    entryPoints: find(join(ROOT, 'test', 'integration')),
    outdir: join(ROOT, 'dist', 'test', 'integration'),
    outbase: join(ROOT, 'test', 'integration'),
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
  });
}

/**
 * Returns `{ extensionDir, vsix }`. Normally builds this repository (`npm run package`, then the integration tests).
 * With SMB_GUARD_E2E_EXTENSION_DIR=<dir> it tests another, already built extension folder instead
 * (a stand-in while src/vscode is being written): packages that folder and bundles only the tests.
 */
export async function buildAndPackage({ tests = true, log = console.log } = {}) {
  const started = Date.now();
  const other = process.env.SMB_GUARD_E2E_EXTENSION_DIR;
  if (other) {
    const extensionDir = resolve(other);
    log(`[e2e] SMB_GUARD_E2E_EXTENSION_DIR: testing the extension in ${extensionDir}`);
    if (tests) await bundleIntegrationTests();
    const vsix = join(removeOnExit(mkdtempSync(join(tmpdir(), 'smb-guard-vsix-'))), 'extension.vsix');
    run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], extensionDir, true);
    log(`[e2e] built and packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { extensionDir, vsix };
  }
  if (!existsSync(join(ROOT, 'src', 'vscode', 'extension.ts'))) {
    throw new Error(
      'src/vscode/extension.ts does not exist yet, so there is no extension to test.\n' +
        'To exercise the harness anyway, point SMB_GUARD_E2E_EXTENSION_DIR at a built extension folder.',
    );
  }
  // A production build, packaged; the in-host suite runs these very bundles (minified, as the .vsix ships them,
  // so its activation and first-diagnostic figures are the product's), with only the tests bundled beside them.
  run('npm', ['run', '--silent', 'package']);
  if (!existsSync(VSIX)) throw new Error(`npm run package did not produce ${VSIX}`);
  if (tests) await bundleIntegrationTests();
  log(`[e2e] built and packaged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { extensionDir: ROOT, vsix: VSIX };
}
