/** Behaviour in a real VS Code beyond the basics: content detection, live settings, fix-all, action order, suppressions, panel model. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzeText, applyEdits, fixAllText, selectAutoFixes, type Finding } from '../../../src/core/index';
import { EXTENSION_ID, codeOf, open, ours, scratchCopy, waitForDiagnostics, waitUntil, workspaceRoot } from './helpers';

/** What activate() returns (src/vscode/extension.ts); typed loosely so the suite does not compile the adapter in. */
interface Api {
  diagnostics: { analyzeDocument(doc: vscode.TextDocument, force?: boolean): void; entry(uri: string): unknown };
  advisoryView: object;
}

/** The detail panel's message as the webview receives it (src/vscode/webview-messages.ts), only the fields asserted on. */
interface PanelModelMessage {
  type: 'update';
  hint: string;
  detail: null | {
    uri: string;
    findingKey: string;
    ruleId: string;
    range: { start: { line: number } };
    why: { label: string; value: string }[];
    advisories: { id: string; context: string | null; title: string }[];
  };
}

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<{ engine(): Promise<Api> }>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  // The activation bundle (main.ts) loads the analysis bundle on first use: engine() loads it now, and returns its API.
  const exports = await (await ext.activate()).engine();
  assert.ok(exports?.diagnostics && exports.advisoryView, 'activate() did not return { diagnostics, advisoryView }');
  return exports;
}

const coreFindings = (doc: vscode.TextDocument): Finding[] => analyzeText({ uri: doc.uri.toString(), text: doc.getText() }).findings;

type Action = vscode.CodeAction | vscode.Command;
const isCodeAction = (a: Action): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string';

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<Action[]>('vscode.executeCodeActionProvider', uri, range, kind);
  return (all ?? []).filter(isCodeAction);
}

const describeActions = (as: vscode.CodeAction[]) => as.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ');

/** Polls an async value until `ok` holds (for state without a change event, such as code actions after a setting). */
async function pollUntil<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, describe: (v: T) => string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${describe(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`no line containing "${needle}" in ${doc.uri.path}`);
}

suite('SMB Guard features', () => {
  suiteTeardown(async () => {
    const cfg = vscode.workspace.getConfiguration('smbGuard');
    await cfg.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await cfg.update('trustedSources', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('content detection: an iptables shell script is analysed, an unrelated shell script is not', async () => {
    const { diagnostics } = await api();
    const root = workspaceRoot();
    // The unrelated script first: once the firewall script (opened after it) has its diagnostics, both opens were handled.
    const { document: backup } = await open(vscode.Uri.joinPath(root, 'scripts/backup.sh'));
    const { document: firewall } = await open(vscode.Uri.joinPath(root, 'scripts/firewall.sh'));
    assert.equal(firewall.languageId, 'shellscript', 'the fixture should open as a shell script, not as iptables');
    const ds = await waitForDiagnostics(firewall.uri, (d) => d.length > 0, 'a diagnostic on scripts/firewall.sh');
    assert.equal(ds.length, 1, `one finding expected on firewall.sh, got ${ds.map(codeOf).join(', ')}`);
    assert.equal(codeOf(ds[0]), 'smb-internet-exposure');
    assert.match(firewall.lineAt(ds[0].range.start.line).text, /^iptables -A INPUT -p tcp --dport 445 -j ACCEPT/);

    // Force one more analysis of the unrelated script through the adapter: still nothing, and no entry kept.
    diagnostics.analyzeDocument(backup, true);
    assert.deepEqual(ours(backup.uri).map(codeOf), [], 'backup.sh mentions 445 and ACCEPT but runs no iptables: it must not be flagged');
    assert.equal(diagnostics.entry(backup.uri.toString()), undefined, 'backup.sh should not be tracked as a supported file');
  });

  test('NixOS and Vagrantfile: each gets its diagnostic on the line that opens SMB', async () => {
    const root = workspaceRoot();
    const cases: [string, RegExp][] = [
      ['nas/configuration.nix', /allowedTCPPorts = \[ 22 445 \]/],
      ['lab/Vagrantfile', /guest: 445, host: 4445/],
    ];
    for (const [path, line] of cases) {
      const { document } = await open(vscode.Uri.joinPath(root, path));
      const ds = await waitForDiagnostics(document.uri, (d) => d.length > 0, `a diagnostic on ${path}`);
      assert.deepEqual(ds.map(codeOf), ['smb-internet-exposure'], path);
      assert.match(document.lineAt(ds[0].range.start.line).text, line);
    }
  });

  test('Bicep: an NSG in a .bicep file is read by content (no language claimed); the finding lands on the parameter default', async () => {
    const uri = await scratchCopy('azure/share-nsg.bicep');
    const { document: doc } = await open(uri);
    assert.notEqual(doc.languageId, 'json', 'a .bicep file must not be opened as one of our languages');
    const ds = await waitForDiagnostics(uri, (d) => d.length > 0, 'a diagnostic on azure/share-nsg.bicep');
    assert.deepEqual(ds.map(codeOf), ['smb-internet-exposure']);
    assert.match(doc.lineAt(ds[0].range.start.line).text, /^param shareSource string = '\*'/);
    const actions = await codeActions(uri, ds[0].range);
    assert.ok(actions.some((a) => /deny/i.test(a.title)), `a deny fix expected, got: ${describeActions(actions)}`);
  });

  test('a Helm template is rendered with its chart values.yaml; the related place is in values.yaml', async () => {
    const root = workspaceRoot();
    const { document: template } = await open(vscode.Uri.joinPath(root, 'charts/fileshare/templates/service.yaml'));
    const ds = await waitForDiagnostics(template.uri, (d) => d.length > 0, 'a diagnostic on charts/fileshare/templates/service.yaml');
    assert.deepEqual(ds.map(codeOf), ['smb-internet-exposure']);
    assert.equal(ds[0].range.start.line, lineOf(template, '.Values.service.port'));
    const values = vscode.Uri.joinPath(root, 'charts/fileshare/values.yaml');
    const related = (ds[0].relatedInformation ?? []).filter((r) => r.location.uri.toString() === values.toString());
    assert.deepEqual(related.map((r) => r.location.range.start.line).sort(), [1, 2], 'service.type and service.port lines of values.yaml');
  });

  test('container runs: a docker run script and a runbook\'s code block get their diagnostics in place', async () => {
    const root = workspaceRoot();
    const { document: script } = await open(vscode.Uri.joinPath(root, 'nas/start-samba.sh'));
    const inScript = await waitForDiagnostics(script.uri, (d) => d.length > 0, 'a diagnostic on nas/start-samba.sh');
    assert.deepEqual(inScript.map(codeOf), ['smb-internet-exposure']);
    assert.match(script.lineAt(inScript[0].range.start.line).text, /-p 445:445/);
    assert.match(inScript[0].message, /bypass ufw and firewalld/);

    const { document: readme } = await open(vscode.Uri.joinPath(root, 'nas/README.md'));
    const inReadme = await waitForDiagnostics(readme.uri, (d) => d.length > 0, 'a diagnostic on nas/README.md');
    assert.equal(inReadme.length, 1, `one finding expected in the runbook, got ${inReadme.map(codeOf).join(', ')}`);
    const line = readme.lineAt(inReadme[0].range.start.line).text;
    assert.match(line, /^\$ docker run .*--publish 139:139/);
    assert.equal(readme.getText(inReadme[0].range), '139', 'the range is the host port inside the fence');
  });

  test('settings apply without a reload: severity and trustedSources', async () => {
    const cfg = () => vscode.workspace.getConfiguration('smbGuard');
    const uri = await scratchCopy('server/rules.v4');
    const { document: doc } = await open(uri);
    const isExposure = (d: vscode.Diagnostic) => codeOf(d) === 'smb-internet-exposure';
    let [d] = (await waitForDiagnostics(uri, (ds) => ds.some(isExposure), 'smb-internet-exposure')).filter(isExposure);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'default severity should be error');
    try {
      await cfg().update('severity', { 'smb-internet-exposure': 'warning' }, vscode.ConfigurationTarget.Workspace);
      [d] = (
        await waitForDiagnostics(uri, (ds) => ds.some((x) => isExposure(x) && x.severity === vscode.DiagnosticSeverity.Warning), 'severity warning after the setting')
      ).filter(isExposure);

      const restrict = (as: vscode.CodeAction[]) => as.find((a) => /^Restrict the source/.test(a.title));
      const before = restrict(await codeActions(uri, d.range));
      assert.ok(before, 'no "Restrict the source" quick fix');
      // Without trusted sources the editor asks for the network (an input box) rather than writing a placeholder.
      assert.equal(before.title, 'Restrict the source to a network you enter…');
      assert.equal(before.edit, undefined, 'without trustedSources the fix carries no edit with a placeholder');
      assert.equal(before.command?.command, 'smbGuard.applyFixWithInput');

      await cfg().update('trustedSources', ['10.1.2.0/24'], vscode.ConfigurationTarget.Workspace);
      const after = await pollUntil(
        () => codeActions(uri, d.range),
        (as) => restrict(as)?.title === 'Restrict the source to 10.1.2.0/24',
        'the restrict-source fix to name 10.1.2.0/24',
        describeActions,
      );
      const fix = restrict(after)!;
      assert.equal(fix.isPreferred, true, 'with trusted sources set, restricting the source becomes the preferred fix');
      assert.ok(fix.edit, 'the restrict-source fix carries no edit');
      const edits = fix.edit.get(uri);
      assert.ok(edits.some((e) => e.newText.includes('-s 10.1.2.0/24')), `edit does not insert -s 10.1.2.0/24: ${JSON.stringify(edits.map((e) => e.newText))}`);
      assert.ok(!edits.some((e) => e.newText.includes('TRUSTED_SMB_SOURCES')), 'edit still writes the placeholder');
    } finally {
      await cfg().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await cfg().update('trustedSources', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (ds) => ds.some((x) => isExposure(x) && x.severity === vscode.DiagnosticSeverity.Error), 'severity back to error after the reset');
    await pollUntil(
      () => codeActions(uri, d.range),
      (as) => as.some((a) => a.title === 'Restrict the source to a network you enter…'),
      'the restrict-source fix that asks for a network, after the reset',
      describeActions,
    );
    assert.equal(doc.isDirty, false);
  });

  test('source.fixAll.smbGuard returns one action whose edit clears every fixable diagnostic', async () => {
    const uri = await scratchCopy('fileserver/rules.v4');
    const { document: doc } = await open(uri);
    const fixable = coreFindings(doc).filter((f) => f.fixes.some((x) => x.isPreferred && !x.needsInput));
    assert.ok(fixable.length >= 2, `the fixture should have several fixable findings, has ${fixable.length}`);
    await waitForDiagnostics(uri, (ds) => ds.length === coreFindings(doc).length, 'all fileserver diagnostics');

    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(uri, full, 'source.fixAll.smbGuard');
    assert.equal(actions.length, 1, `one fix-all action expected, got: ${describeActions(actions)}`);
    const [all] = actions;
    assert.ok(all.kind && vscode.CodeActionKind.SourceFixAll.append('smbGuard').contains(all.kind), `kind is ${all.kind?.value}`);
    assert.ok(all.edit, 'the fix-all action has no edit');
    // A quick-fix request over the same range must not return the source action.
    const quick = await codeActions(uri, full, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!quick.some((a) => a.kind?.value === 'source.fixAll.smbGuard'), 'source.fixAll leaked into quick fixes');

    const original = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(all.edit), 'applyEdit refused the fix-all edit');
    assert.notEqual(doc.getText(), original, 'fix-all changed nothing');
    const left = await waitForDiagnostics(uri, (ds) => ds.length === coreFindings(doc).length && doc.getText() !== original, 'diagnostics after fix-all');
    const stillFixable = coreFindings(doc).filter((f) => f.fixes.some((x) => x.isPreferred && !x.needsInput));
    assert.deepEqual(stillFixable.map((f) => f.ruleId), [], 'the core still finds fixable exposures after fix-all');
    assert.deepEqual(left.map(codeOf), [], `diagnostics left after fix-all:\n${doc.getText()}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the Fix All command fixes in passes until nothing changes, with the same result as the core and the CLI', async () => {
    // Removing the last SMB mapping of a service changes what the next mapping's fix writes: two passes.
    const uri = await scratchCopy('compose/docker-compose.yml');
    const { document: doc } = await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.length === coreFindings(doc).length && ds.length > 0, 'the compose diagnostics');
    const expected = fixAllText(doc.getText(), (t) => analyzeText({ uri: uri.toString(), text: t }).findings);
    const onePass = applyEdits(doc.getText(), selectAutoFixes(coreFindings(doc)).edits);
    assert.notEqual(onePass, expected.text, 'the file should need more than one pass');
    assert.equal(await vscode.commands.executeCommand('smbGuard.fixAll'), true);
    assert.equal(doc.getText(), expected.text);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('quick fixes for one diagnostic: order, preferred flag, suppressions, "Show advisory" and "Show documentation"', async () => {
    const uri = await scratchCopy('server/rules.v4');
    const { document: doc } = await open(uri);
    const [d] = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'one diagnostic on server/rules.v4');
    const finding = coreFindings(doc).find((f) => f.ruleId === 'smb-internet-exposure');
    assert.ok(finding, 'core finds no smb-internet-exposure in the fixture');

    const actions = await codeActions(uri, d.range);
    const titles = actions.map((a) => a.title);
    const preferredCore = finding.fixes.filter((f) => f.isPreferred);
    assert.equal(preferredCore.length, 1, 'fixture precondition: the core has one preferred fix');
    // VS Code puts the preferred action first; the rest keep the provider's order (core fixes, then "Show advisory"
    // and "Show documentation"). Without trusted sources "Restrict the source" asks for the network.
    const asked = (t: string) => (/TRUSTED_SMB_SOURCES/.test(t) ? 'Restrict the source to a network you enter…' : t);
    const expected = [
      preferredCore[0].title,
      ...finding.fixes.filter((f) => !f.isPreferred).map((f) => asked(f.title)),
      `Show advisory: ${finding.advisories[0]} and ${finding.advisories.length - 1} more`,
      'Show documentation for smb-internet-exposure',
    ];
    assert.ok(titles.includes('Disable smb-internet-exposure for this file (with a reason)'));
    assert.deepEqual(titles, expected, `actions offered: ${describeActions(actions)}`);
    assert.equal(finding.advisories[0], 'MS17-010');

    assert.deepEqual(
      actions.map((a) => a.isPreferred === true),
      expected.map((_, i) => i === 0),
      'exactly the first (the core’s preferred) action is preferred',
    );
    for (const a of actions) {
      assert.ok(a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind), `${a.title}: kind ${a.kind?.value}`);
      // (a.diagnostics is not checked: vscode.executeCodeActionProvider does not convert it back.)
    }

    const suppress = actions.find((a) => /^Suppress smb-internet-exposure/.test(a.title));
    assert.ok(suppress, 'no suppression action');
    assert.equal(suppress.edit, undefined, 'the suppression asks for a reason first: it should run a command, not carry an edit');
    assert.equal(suppress.command?.command, 'smbGuard.applyFixWithInput');
    assert.deepEqual(suppress.command?.arguments?.slice(0, 1), [uri.toString()]);

    const docs = actions[actions.length - 1];
    // vscode.open comes back from executeCodeActionProvider as its internal id, _workbench.open.
    assert.match(docs.command?.command ?? '', /^(vscode|_workbench)\.open$/);
    assert.match(String(docs.command?.arguments?.[0]), /docs\/rules\/smb-internet-exposure\.md$/);
    const show = actions[actions.length - 2];
    assert.equal(show.command?.command, 'smbGuard.showAdvisory');
    const arg = show.command?.arguments?.[0] as { uri?: string; findingKey?: string } | undefined;
    assert.equal(arg?.uri, uri.toString(), '"Show advisory" does not name the document');
    assert.equal(typeof arg?.findingKey, 'string', '"Show advisory" carries no finding key');

    for (const a of actions.filter((x) => x.edit)) assert.equal(a.command, undefined, `${a.title}: an edit action should not also run a command`);
  });

  test('a suppression comment above the rule, added by a WorkspaceEdit, removes the diagnostic', async () => {
    const uri = await scratchCopy('server/rules.v4');
    const { document: doc } = await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'smb-internet-exposure');
    const line = lineOf(doc, '--dport 445 -j ACCEPT');

    // A comment naming another rule must not hide this one (so the test can tell the two apart).
    const other = new vscode.WorkspaceEdit();
    other.insert(uri, new vscode.Position(line, 0), '# smb-guard-ignore smb-outbound-internet: unrelated\n');
    assert.ok(await vscode.workspace.applyEdit(other));
    await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'smb-internet-exposure' && x.range.start.line === line + 1), 'the diagnostic to follow its rule one line down');

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doc.lineAt(line).range, '# smb-guard-ignore smb-internet-exposure: reviewed');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(doc.lineAt(line + 1).text, /--dport 445 -j ACCEPT/);
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'the suppressed diagnostic to go away');
    assert.equal(coreFindings(doc).length, 0, 'the core still reports the suppressed rule');

    // Removing the comment brings it back: the suppression, not some other change, hid it.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, doc.lineAt(line).rangeIncludingLineBreak);
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'smb-internet-exposure'), 'the diagnostic to return without the comment');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('advisory panel model: most exploited first, MS05-027 with its June 2005 context; hostile rule text reaches the webview only as data', async () => {
    const { advisoryView } = await api();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'office/rules.v4');
    const { document: doc } = await open(uri);
    const line = lineOf(doc, 'onerror=alert(1)');
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => d.range.start.line === line), 'a diagnostic on the hostile rule');
    const d = ds.find((x) => x.range.start.line === line)!;
    const show = (await codeActions(uri, d.range)).find((a) => a.command?.command === 'smbGuard.showAdvisory');
    assert.ok(show?.command?.arguments?.[0], 'no "Show advisory" action on the hostile rule');
    const selection = show.command.arguments[0] as { uri: string; findingKey: string };

    // advisoryView has no public accessor for its model: read what it posts to the webview (private field `view`).
    await vscode.commands.executeCommand('smbGuard.openPanel');
    const internals = advisoryView as unknown as { view?: vscode.WebviewView };
    await waitUntil(() => internals.view !== undefined, 'the advisory webview view to resolve');
    const webview = internals.view!.webview;
    const posted: PanelModelMessage[] = [];
    const original = webview.postMessage.bind(webview);
    webview.postMessage = (m: unknown) => {
      posted.push(JSON.parse(JSON.stringify(m)) as PanelModelMessage);
      return original(m);
    };
    try {
      await vscode.commands.executeCommand('smbGuard.showAdvisory', selection);
      await waitUntil(() => posted.some((m) => m.detail?.findingKey === selection.findingKey), 'the panel to post the selected finding');
    } finally {
      webview.postMessage = original;
    }
    const sel = posted.filter((m) => m.detail?.findingKey === selection.findingKey).pop()!.detail!;
    assert.equal(sel.uri, uri.toString());
    assert.equal(sel.ruleId, 'smb-internet-exposure');
    assert.ok(sel.advisories.length > 1, 'expected several advisory cards');
    assert.equal(sel.advisories[0].id, 'MS17-010', `first card is ${sel.advisories[0].id}`);
    const history = sel.advisories.find((a) => a.id === 'MS05-027');
    assert.match(history?.context ?? '', /June 2005/, 'MS05-027 card lacks its June 2005 context');

    // The rule text travels verbatim as a JSON string value (the webview script sets it with textContent)...
    const ruleText = sel.why.find((w) => w.label === 'Rule text')?.value ?? '';
    assert.ok(ruleText.includes(HOSTILE), `rule text should carry the comment verbatim: ${ruleText}`);
    // ...and never as markup: the HTML shell holds none of the file's text, and scripts need the nonce.
    assert.ok(!/onerror|alert\(/.test(webview.html), 'file content leaked into the webview HTML');
    assert.match(webview.html, /script-src 'nonce-[0-9a-f]{32}'/);
    assert.doesNotMatch(webview.html, /unsafe-inline|unsafe-eval/);
    assert.equal(sel.range.start.line, d.range.start.line, 'the panel names the line Problems shows');
  });
});
