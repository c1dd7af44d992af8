/**
 * Runs the in-host suite in desktop VS Code via @vscode/test-electron (`npm run test:electron`).
 * Needs to download VS Code; where that is impossible (our closed network), use `npm run test:vscode`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // This file is bundled to dist/test/integration/run-electron.js.
  const root = resolve(__dirname, '../../..');
  const extensionTestsPath = resolve(__dirname, 'suite', 'index');
  const version = process.env.VSCODE_TEST_VERSION || 'stable';

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 60_000 });
  } catch (err) {
    console.error(
      `\nCould not download VS Code ${version} for @vscode/test-electron:\n  ${err instanceof Error ? err.message : String(err)}\n\n` +
        'This needs access to update.code.visualstudio.com. On machines without it (our CI and dev boxes),\n' +
        'run the same suite in code-server instead:  npm run test:vscode\n',
    );
    return 2;
  }

  // Tests edit and save files: run them on a copy so the repository never changes.
  const workspace = mkdtempSync(join(tmpdir(), 'smb-guard-ws-'));
  cpSync(join(root, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { SMB_GUARD_E2E_GREP: process.env.SMB_GUARD_E2E_GREP ?? '' },
    });
    return 0;
  } catch (err) {
    console.error(`In-host tests failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
