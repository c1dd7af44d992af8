/** Values from other files, live: a change to a file others read re-analyses them, opened or not. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, waitForDiagnostics, workspaceRoot } from './helpers';

const isExposure = (d: vscode.Diagnostic) => codeOf(d) === 'smb-internet-exposure';

async function replaceIn(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = doc.getText().indexOf(from);
  assert.ok(at >= 0, `${from} in ${doc.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}

suite('Project: values from other files', () => {
  test("editing the default in variables.tf updates the unopened main.tf's diagnostics, and reverting clears them", async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const root = workspaceRoot();
    const main = vscode.Uri.joinPath(root, 'tfmodule/main.tf');
    const vars = vscode.Uri.joinPath(root, 'tfmodule/variables.tf');
    const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === main.toString());
    assert.ok(!isOpen(), 'main.tf is not open');
    const doc = await vscode.workspace.openTextDocument(vars);

    await replaceIn(doc, '10.0.0.0/24', '0.0.0.0/0');
    const ds = await waitForDiagnostics(main, (x) => x.some(isExposure), 'the exposure on the unopened main.tf');
    const d = ds.find(isExposure)!;
    assert.equal(d.range.start.line, 7, 'on the cidr_blocks line of main.tf');
    const related = (d.relatedInformation ?? []).filter((r) => r.location.uri.toString() === vars.toString());
    assert.deepEqual(related.map((r) => r.location.range.start.line), [3], 'the default line of variables.tf');
    assert.ok(!isOpen(), 'main.tf is still not open');

    await replaceIn(doc, '0.0.0.0/0', '10.0.0.0/24');
    await waitForDiagnostics(main, (x) => !x.some(isExposure), 'the exposure on main.tf to clear');
    await vscode.commands.executeCommand('workbench.action.files.revert', vars);
  });
});
