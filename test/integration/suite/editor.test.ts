/** Editor behaviours in a real VS Code: hover, workspace scan with its watcher, the size limit and the time budget. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, open, ours, waitForDiagnostics, workspaceRoot } from './helpers';

const hoverText = (hovers: vscode.Hover[]): string =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('smbGuard').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** A file of its own under the workspace, removed again by the suite's teardown. */
async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), `editor-${process.pid}`, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

suite('SMB Guard editor', () => {
  suiteTeardown(async () => {
    for (const key of ['maxFileSizeKB', 'timeBudgetMs']) await setting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), `editor-${process.pid}`), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('hover on a flagged rule: the rule, one line of reason, the top advisory and a link to the panel', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'server', 'rules.v4');
    const editor = await open(uri);
    const [d] = await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'the internet exposure');
    const flagged = ours(uri).find((x) => codeOf(x) === 'smb-internet-exposure') ?? d;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, flagged.range.start);
    const text = hoverText(hovers ?? []);
    assert.match(text, /SMB Guard: SMB is reachable from the internet/, `hovers at ${JSON.stringify(flagged.range.start)}: ${JSON.stringify(hovers)}`);
    // The most exploited advisory only, with how many more the panel has: short enough for the hover limit.
    assert.match(text, /Top advisory: \*\*MS17\\?-010\*\*/);
    assert.match(text, /\d+ more/);
    assert.match(text, /KEV data as of/);
    assert.doesNotMatch(text, /MS08\\?-068|MS09\\?-050/, 'only one advisory is named');
    assert.ok(text.split('\n').filter((l) => l.trim()).length <= 4, `the hover is at most four lines: ${text}`);
    assert.match(text, /command:smbGuard\.showAdvisory\?/);
    // Off the flagged range there is no SMB Guard hover.
    const clean = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 0));
    assert.doesNotMatch(hoverText(clean ?? []), /SMB Guard/);
  });

  test('Scan Workspace reports unopened files, and the watcher follows files created, changed and deleted', async () => {
    const office = vscode.Uri.joinPath(workspaceRoot(), 'office', 'rules.v4');
    const backup = vscode.Uri.joinPath(workspaceRoot(), 'scripts', 'backup.sh');
    await vscode.commands.executeCommand('smbGuard.scanWorkspace');
    const found = await waitForDiagnostics(office, (ds) => ds.length > 0, 'scan results for office/rules.v4 (never opened)');
    assert.ok(found.every((x) => String(codeOf(x)).startsWith('smb-')));
    assert.deepEqual(ours(backup), [], 'a shell script without firewall commands gets nothing');

    // Into a folder that already exists: a watcher may miss a file created together with its folder.
    const created = vscode.Uri.joinPath(workspaceRoot(), 'server', `watched-${process.pid}.rules`);
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n'));
    await waitForDiagnostics(created, (ds) => ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'the watcher to analyse a new file');
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('*filter\n:INPUT DROP [0:0]\n-A INPUT -s 192.168.1.0/24 -p tcp --dport 445 -j ACCEPT\nCOMMIT\n'));
    await waitForDiagnostics(created, (ds) => ds.length === 0, 'the watcher to re-analyse a changed file');
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n'));
    await waitForDiagnostics(created, (ds) => ds.some((x) => codeOf(x) === 'smb-default-policy-exposure'), 'the default-policy finding');
    await vscode.workspace.fs.delete(created, { useTrash: false });
    await waitForDiagnostics(created, (ds) => ds.length === 0, 'diagnostics cleared after delete');
  });

  test('a file over smbGuard.maxFileSizeKB gets one information diagnostic instead of findings', async () => {
    const rules = Array.from({ length: 60 }, (_, i) => `-A INPUT -s 45.76.${i}.0/24 -p tcp -m tcp --dport 445 -j ACCEPT`);
    const uri = await writeScratch('big-rules.v4', ['*filter', ':INPUT DROP [0:0]', ...rules, 'COMMIT', ''].join('\n'));
    await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.filter((x) => codeOf(x) === 'smb-internet-exposure').length === 60, 'sixty findings under the default limit');
    await setting('maxFileSizeKB', 1);
    const [skipped, ...rest] = await waitForDiagnostics(uri, (ds) => ds.length === 1 && /maxFileSizeKB/.test(ds[0].message), 'the size notice');
    assert.equal(rest.length, 0);
    assert.equal(skipped.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(skipped.range.start.line, 0);
    await setting('maxFileSizeKB', undefined);
    await waitForDiagnostics(uri, (ds) => ds.length === 60, 'findings back after the limit is lifted');
  });

  test('a file that needs longer than smbGuard.timeBudgetMs shows what was found and says the analysis stopped', async () => {
    await setting('timeBudgetMs', 50);
    // 40,000 blocklist drops before an accept from anywhere: more than 50 ms of work on any machine.
    const drops = Array.from({ length: 40_000 }, (_, i) => `-A INPUT -s 45.${(i >> 8) & 255}.${i & 255}.9/32 -j DROP`);
    const uri = await writeScratch('slow-rules.v4', ['*filter', ':INPUT DROP [0:0]', ...drops, '-A INPUT -p tcp --dport 445 -j ACCEPT', 'COMMIT', ''].join('\n'));
    const started = Date.now();
    await open(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => /stopped analysing/.test(d.message)), 'the time-budget notice', 30_000);
    assert.equal(ds.filter((d) => /stopped analysing/.test(d.message)).length, 1);
    assert.ok(Date.now() - started < 20_000);
    await setting('timeBudgetMs', 60_000);
    await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'smb-internet-exposure') && !x.some((d) => /stopped/.test(d.message)), 'the full analysis without a tight budget', 30_000);
  });
});
