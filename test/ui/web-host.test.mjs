// UI: the packaged extension in VS Code's web-worker extension host (the `browser` entry, as vscode.dev runs it):
// the analysis bundle loads through workspace.fs, Terraform's tree-sitter wasm parses, a value from
// terraform.tfvars (fetched through workspace.fs) decides a finding, the hover, the Findings view and the detail
// webview show it, and Fix All writes what the CLI writes.
//
// How the host is chosen (VS Code 1.99; the same code is in code-server 4.99.4's workbench.js):
// - src/vs/workbench/services/extensions/common/extensionManifestPropertiesService.ts: getExtensionKind() takes the
//   kinds the user configured in `remote.extensionKind` over those deduceExtensionKind() reads from package.json
//   (`main` + `browser` in a browser workbench: ["workspace", "web"]; `browser` alone: ["web"]).
// - src/vs/workbench/services/extensions/browser/extensionService.ts: BrowserExtensionHostKindPicker.pickRunningLocation
//   takes the first kind that can run: `workspace` (installed on the server) → the remote Node host, `web` → the local
//   web worker (a browser workbench allows remotely installed extensions there).
// So `"remote.extensionKind": { "smb-guard.smb-guard": ["web"] }` in the test workspace's settings moves the very .vsix
// the other tests use into the web worker, as vscode.dev, which has no Node host, would run it. No variant package,
// no second server. The activation bundle logs its host, read at run time: with the setting gone the log names the
// Node host and this test fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { goTo, openSmbGuard, openWorkbench, quickOpen, sel, waitForErrorCount, waitForFile } from './workbench.mjs';

/** What `smb-guard scan --fix` makes of `file` (run on a copy). */
function cliFix(root, file) {
  const dir = mkdtempSync(join(tmpdir(), 'smb-guard-web-fix-'));
  try {
    const copy = join(dir, basename(file));
    copyFileSync(file, copy);
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', '--fix', copy], { encoding: 'utf8' });
    if (r.status === 2 || r.error) throw new Error(`smb-guard scan --fix failed: ${r.error ?? r.stderr}`);
    return readFileSync(copy, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a command by its palette title (F1). */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator(sel.quickInput);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator(sel.quickInputRow, { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** The Problems panel row whose text includes `text` (the panel is toggled open and closed again). */
async function problemsRow(page, text) {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const rowText = await row.innerText();
  await page.keyboard.press('Control+Shift+M');
  return rowText;
}

export const tests = [
  {
    name: 'web worker extension host: Terraform findings, a tfvars value, hover, views, Fix All',
    async run({ page, url, workspace, root }) {
      const { publisher, name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      const moduleText = readFileSync(join(workspace, 'tfmodule', 'main.tf'), 'utf8').split('\n');
      const varLine = moduleText.findIndex((l) => l.includes('= var.smb_sources')) + 1;
      if (varLine < 1) throw new Error('fixture tfmodule/main.tf changed: fix the test');
      const cloudFile = join(workspace, 'cloud', 'main.tf');
      const expectedFix = cliFix(root, cloudFile);
      if (expectedFix === readFileSync(cloudFile, 'utf8')) throw new Error('the CLI fixes nothing in cloud/main.tf: fix the fixture or the test');
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify({ 'remote.extensionKind': { [`${publisher}.${name}`]: ['web'] } }, null, 2)}\n`);
      // The project case: variables.tf's default is a private /24 (no finding); terraform.tfvars opens it to anyone.
      writeFileSync(join(workspace, 'tfmodule', 'terraform.tfvars'), 'smb_sources = ["0.0.0.0/0"]\n');

      await openWorkbench(page, url);
      await quickOpen(page, 'cloud/main.tf', 'cidr_blocks');
      await page.locator(sel.squiggleError).first().waitFor({ state: 'attached', timeout: 30_000 });
      await waitForErrorCount(page, 1);

      // Where it runs: the activation bundle logs its host, read at run time (a Node host names its Node version).
      await runCommand(page, 'SMB Guard: Show Output');
      // (The editor renders spaces as U+00A0, which \s matches.)
      const logLine = page.locator(`.panel ${sel.editorLines} .view-line`, { hasText: /activated\sin\s.*\sextension\shost/ }).first();
      await logLine.waitFor({ state: 'visible', timeout: 15_000 });
      const logged = (await logLine.innerText()).replace(/\u00a0/g, ' ');
      if (!logged.includes('in the web worker extension host')) throw new Error(`not in the web worker extension host: ${logged}`);
      const loaded = page.locator(`.panel ${sel.editorLines} .view-line`, { hasText: /readers\sloaded\sin/ }).first();
      await loaded.waitFor({ state: 'visible' });
      // The web figures, printed as the in-host suite prints the desktop ones (a long log line wraps: its first row).
      const figures = [logged.match(/activated in [\d.]+ ms/), (await loaded.innerText()).replace(/\u00a0/g, ' ').match(/readers loaded in \d+ ms(?: \(the bundle \d+ ms)?/)];
      console.log(`    web worker: ${figures.map((m) => m?.[0] ?? '?').join('; ')}${figures[1]?.[0].includes('bundle') ? ')' : ''}`);

      const cloud = await problemsRow(page, 'TCP 445 (SMB) is accepted from anywhere');
      if (!cloud.includes('smb-internet-exposure')) throw new Error(`Problems row lacks the rule id: ${cloud}`);

      // A value from terraform.tfvars decides: the file was read through workspace.fs (project-files.ts).
      await quickOpen(page, 'tfmodule/main.tf', 'var.smb_sources');
      await waitForErrorCount(page, 2);
      const module = await problemsRow(page, 'set in terraform.tfvars');
      if (!module.includes('smb-internet-exposure')) throw new Error(`Problems row lacks the rule id: ${module}`);

      // The hover provider answers in the worker too (Control+K Control+I on the flagged value).
      await goTo(page, varLine, moduleText[varLine - 1].indexOf('var.') + 1);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator(sel.hover, { hasText: 'Top advisory' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Escape');
      await page.locator(sel.hover).first().waitFor({ state: 'hidden' });

      // The Findings view lists both files; the detail webview shows the finding at the cursor.
      await openSmbGuard(page);
      const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Findings/i }) });
      await tree.locator('.monaco-list-row', { hasText: 'tfmodule' }).first().waitFor({ state: 'visible' });
      await tree.locator('.monaco-list-row', { hasText: 'cloud' }).first().waitFor({ state: 'visible' });
      const detail = page.frameLocator(sel.webviewFrame).frameLocator('#active-frame');
      await detail.locator('section[aria-label="Selected finding"]', { hasText: 'terraform.tfvars' }).waitFor({ state: 'visible', timeout: 15_000 });

      // Fix All in the worker writes what the CLI's --fix writes (the same core, in Node).
      await quickOpen(page, 'cloud/main.tf', 'cidr_blocks');
      await runCommand(page, 'SMB Guard: Fix All SMB Exposures in This File');
      await page.keyboard.press('Control+S');
      await waitForFile(cloudFile, expectedFix);
      await waitForErrorCount(page, 1);
    },
  },
];
