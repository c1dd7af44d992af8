/** The Findings tree in a real VS Code: its files and findings after a workspace scan agree with Problems, its
 *  badge counts them, the severity filter narrows it, and its selection follows the active editor and cursor. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, ours, waitForDiagnostics, waitUntil, workspaceRoot } from './helpers';

/** The shapes of src/vscode/findings-tree.ts this suite reads (typed loosely, so the adapter is not compiled in). */
interface FindingNode {
  kind: 'finding';
  uri: string;
  findingKey: string;
  item: { ruleId: string; severity: string; line: number };
}
interface FileNode {
  kind: 'file';
  uri: string;
  label: string;
  children: FindingNode[];
}
interface Tree {
  view: vscode.TreeView<FileNode | FindingNode>;
  roots(): readonly FileNode[];
  rebuild(): void;
}

async function tree(): Promise<Tree> {
  const ext = vscode.extensions.getExtension<{ findingsTree: Tree }>(EXTENSION_ID);
  assert.ok(ext);
  const api = await ext.activate();
  assert.ok(api.findingsTree, 'activate() returns the findings tree');
  return api.findingsTree;
}

const selected = (t: Tree) => {
  const n = t.view.selection[0];
  return n?.kind === 'finding' ? `${n.uri}#${n.findingKey}` : n ? n.uri : 'nothing';
};

suite('SMB Guard views', () => {
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('after a workspace scan the tree lists every analysed file with its findings, as Problems does', async () => {
    const t = await tree();
    const office = vscode.Uri.joinPath(workspaceRoot(), 'office', 'rules.v4');
    const fileserver = vscode.Uri.joinPath(workspaceRoot(), 'fileserver', 'rules.v4');
    await vscode.commands.executeCommand('smbGuard.scanWorkspace');
    await waitForDiagnostics(office, (ds) => ds.length > 0, 'scan results for office/rules.v4');
    await waitForDiagnostics(fileserver, (ds) => ds.length > 0, 'scan results for fileserver/rules.v4');
    t.rebuild();

    const roots = t.roots();
    const labels = roots.map((r) => r.label);
    assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), 'files in path order');
    for (const uri of [office, fileserver]) {
      const file = roots.find((r) => r.uri === uri.toString());
      assert.ok(file, `${vscode.workspace.asRelativePath(uri)} is in the tree: ${labels.join(', ')}`);
      // Each finding is one Problems entry: same rule, same (1-based) line.
      const problems = ours(uri)
        .filter((d) => String(codeOf(d)).startsWith('smb-'))
        .map((d) => `${codeOf(d)}@${d.range.start.line + 1}`)
        .sort();
      assert.deepEqual(file.children.map((c) => `${c.item.ruleId}@${c.item.line}`).sort(), problems);
    }
    const exposures = roots.flatMap((r) => r.children).filter((c) => c.item.ruleId !== 'smb-parse-error').length;
    assert.equal(t.view.badge?.value, exposures, 'the badge counts the exposures listed');
    assert.match(t.view.badge?.tooltip ?? '', /\d+ errors?/);
  });

  test('the tree selects the finding at the cursor, and the file of an editor with none there', async () => {
    const t = await tree();
    await vscode.commands.executeCommand('smbGuard.findings.focus');
    await waitUntil(() => t.view.visible, 'the Findings view to show');
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'fileserver', 'rules.v4');
    const editor = await vscode.window.showTextDocument(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.length > 1, 'two findings in fileserver/rules.v4');
    t.rebuild();
    const file = t.roots().find((r) => r.uri === uri.toString());
    assert.ok(file);

    for (const d of ds.slice(0, 2)) {
      const node = file.children.find((c) => c.item.line === d.range.start.line + 1 && c.item.ruleId === codeOf(d));
      assert.ok(node, `a node for line ${d.range.start.line + 1}`);
      editor.selection = new vscode.Selection(d.range.start, d.range.start);
      const want = `${node.uri}#${node.findingKey}`;
      await waitUntil(() => selected(t) === want, `the tree to select line ${d.range.start.line + 1} (selected: ${selected(t)})`);
    }

    // A line with no finding in another file: the tree selects that file.
    const other = vscode.Uri.joinPath(workspaceRoot(), 'office', 'rules.v4');
    const second = await vscode.window.showTextDocument(other);
    await waitForDiagnostics(other, (x) => x.length > 0, 'office/rules.v4 findings');
    second.selection = new vscode.Selection(0, 0, 0, 0);
    await waitUntil(() => selected(t) === other.toString() || selected(t).startsWith(`${other.toString()}#`), `the tree to follow into office/rules.v4 (selected: ${selected(t)})`);
  });

  test('the detail panel follows the active editor: another file\'s finding never stays on screen', async () => {
    const ext = vscode.extensions.getExtension<{ advisoryView: object }>(EXTENSION_ID)!;
    const { advisoryView } = await ext.activate();
    const office = vscode.Uri.joinPath(workspaceRoot(), 'office', 'rules.v4');
    const editor = await vscode.window.showTextDocument(office);
    const [d] = await waitForDiagnostics(office, (x) => x.length > 0, 'office/rules.v4 findings');
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    await vscode.commands.executeCommand('smbGuard.openPanel');
    const internals = advisoryView as unknown as { view?: vscode.WebviewView };
    await waitUntil(() => internals.view?.visible === true, 'the detail view to show');
    const webview = internals.view!.webview;
    const posted: { detail: { uri: string } | null; hint: string }[] = [];
    const original = webview.postMessage.bind(webview);
    webview.postMessage = (m: unknown) => {
      posted.push(JSON.parse(JSON.stringify(m)));
      return original(m);
    };
    try {
      await vscode.commands.executeCommand('smbGuard.showAdvisory');
      await waitUntil(() => posted.at(-1)?.detail?.uri === office.toString(), 'the panel to show the office finding');
      // Another analysed file, the cursor on its first line (no finding there): the panel lets go of office/rules.v4.
      const other = vscode.Uri.joinPath(workspaceRoot(), 'scripts', 'firewall.sh');
      const second = await vscode.window.showTextDocument(other);
      second.selection = new vscode.Selection(0, 0, 0, 0);
      await waitUntil(
        () => posted.at(-1)?.detail === null && /scripts\/firewall\.sh/.test(posted.at(-1)!.hint),
        `the panel to drop the office finding and name the file in front (last: ${JSON.stringify(posted.at(-1))})`,
      );
    } finally {
      webview.postMessage = original;
    }
  });

  test('the severity filter hides findings of other severities, and the description says so', async () => {
    const t = await tree();
    t.rebuild();
    const before = t.roots().flatMap((r) => r.children);
    assert.ok(before.some((c) => c.item.severity === 'error') && before.some((c) => c.item.severity !== 'error'), 'the workspace has mixed severities');
    const internals = t as unknown as { shown: Set<string> };
    internals.shown = new Set(['error']);
    try {
      t.rebuild();
      const after = t.roots().flatMap((r) => r.children);
      assert.deepEqual(
        after.map((c) => c.item.severity).filter((s) => s !== 'error'),
        [],
      );
      assert.equal(after.length, before.filter((c) => c.item.severity === 'error').length);
      assert.equal(t.view.description, 'Errors only');
    } finally {
      internals.shown = new Set(['error', 'warning', 'info']);
      t.rebuild();
    }
    assert.equal(t.view.description, undefined);
  });
});
