/** Wiring of the extension in a real VS Code: activation, diagnostics, quick fixes. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzeText, applyEdits, type Finding, type Severity } from '../../../src/core/index';
import { EXTENSION_ID, SOURCE, codeOf, open, ours, scratchCopy, waitForDiagnostics, waitUntil, workspaceRoot } from './helpers';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** What the core says about the document: the reference the adapter must reproduce. */
function coreFindings(doc: vscode.TextDocument): Finding[] {
  return analyzeText({ uri: doc.uri.toString(), text: doc.getText() }).findings;
}

const spanRange = (doc: vscode.TextDocument, f: Finding) =>
  new vscode.Range(doc.positionAt(f.span.offset), doc.positionAt(f.span.offset + f.span.length));

suite('SMB Guard in VS Code', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('activates when an iptables file is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
    await open(vscode.Uri.joinPath(workspaceRoot(), 'server/rules.v4'));
    await waitUntil(() => ext.isActive, `${EXTENSION_ID} to activate`);
  });

  test('reports SMB open to the internet in server/rules.v4', async () => {
    const { document: doc } = await open(vscode.Uri.joinPath(workspaceRoot(), 'server/rules.v4'));
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'SMB Guard diagnostics on server/rules.v4');
    assert.equal(ds.length, 1, `one finding expected, got ${ds.map(codeOf).join(', ')}`);
    const [d] = ds;
    assert.equal(codeOf(d), 'smb-internet-exposure');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, SOURCE);
    const line = doc.lineAt(d.range.start.line).text;
    assert.match(line, /--dport 445 -j ACCEPT/, `diagnostic on the wrong line: ${line}`);
    assert.match(d.message, /445/);
  });

  test('maps every rule to its severity (fileserver/rules.v4)', async () => {
    const { document: doc } = await open(vscode.Uri.joinPath(workspaceRoot(), 'fileserver/rules.v4'));
    const expected = coreFindings(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length >= expected.length, `${expected.length} diagnostics on fileserver/rules.v4`);
    const want: Record<string, vscode.DiagnosticSeverity> = {
      'smb-internet-exposure': vscode.DiagnosticSeverity.Error,
      'smb-broad-private-exposure': vscode.DiagnosticSeverity.Warning,
      'smb-default-policy-exposure': vscode.DiagnosticSeverity.Warning,
      'smb-outbound-internet': vscode.DiagnosticSeverity.Information,
    };
    for (const [code, severity] of Object.entries(want)) {
      const hit = ds.find((d) => codeOf(d) === code);
      assert.ok(hit, `no ${code} diagnostic; got ${ds.map(codeOf).join(', ')}`);
      assert.equal(hit.severity, severity, `${code} has severity ${hit.severity}`);
    }
    assert.equal(ds.length, expected.length, 'one diagnostic per core finding');
    for (const f of expected) {
      const range = spanRange(doc, f);
      const hit = ds.find((d) => codeOf(d) === f.ruleId && d.range.intersection(range) !== undefined);
      assert.ok(hit, `no diagnostic for ${f.ruleId} at line ${range.start.line + 1}`);
      assert.equal(hit.severity, SEVERITY[f.severity]);
      assert.equal(hit.source, SOURCE);
    }
  });

  test('offers a preferred quick fix that removes the diagnostic', async () => {
    const uri = await scratchCopy('server/rules.v4');
    const { document: doc } = await open(uri);
    const original = doc.getText();
    const [d] = await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'smb-internet-exposure');

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
    );
    // Commands have a string `command`; code actions don't (theirs, if any, is an object).
    const fixes = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
    const preferred = fixes.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `exactly one preferred fix expected; offered: ${fixes.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ')}`);
    const [fix] = preferred;
    assert.ok(fix.edit, `preferred fix "${fix.title}" carries no WorkspaceEdit`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `preferred fix kind is ${fix.kind?.value}`);

    // The adapter must apply exactly the core's preferred fix.
    const coreFix = coreFindings(doc)
      .find((f) => f.ruleId === 'smb-internet-exposure')
      ?.fixes.find((f) => f.isPreferred);
    assert.ok(coreFix, 'core offers no preferred fix for this finding');
    assert.equal(fix.title, coreFix.title);

    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the preferred fix');
    assert.equal(doc.getText(), applyEdits(original, coreFix.edits));
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'smb-internet-exposure to go away');
    assert.ok(await doc.save(), 'saving the fixed document failed');
    assert.equal(ours(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length, 0);
  });
});
