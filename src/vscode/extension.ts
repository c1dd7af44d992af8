/** SMB Guard's VS Code entry point: wires the adapter pieces together; every decision lives in src/core. */
import * as vscode from 'vscode';
import { AdvisoryViewProvider } from './advisory-view';
import { SmbGuardCodeActionProvider } from './code-actions';
import { DiagnosticsManager } from './diagnostics';
import { FixRunner } from './fix-runner';
import { SmbGuardHoverProvider } from './hover';
import { Commands } from './ids';
import { WorkspaceScanner } from './scan-workspace';
import { documentSelector } from './selectors';
import { Settings } from './settings';
import { ExposureStatusBar } from './status-bar';

/** What activate() built, for the integration tests. */
export interface SmbGuardApi {
  diagnostics: DiagnosticsManager;
  advisoryView: AdvisoryViewProvider;
}

export function activate(context: vscode.ExtensionContext): SmbGuardApi {
  const settings = new Settings();
  const diagnostics = new DiagnosticsManager(settings);
  const fixes = new FixRunner(diagnostics);
  const advisoryView = new AdvisoryViewProvider(context.extensionUri, diagnostics, fixes);
  const selector = documentSelector();

  context.subscriptions.push(
    settings,
    diagnostics,
    settings.onDidChange(() => diagnostics.reanalyzeAll()),
    advisoryView,
    vscode.window.registerWebviewViewProvider(AdvisoryViewProvider.viewType, advisoryView),
    vscode.languages.registerCodeActionsProvider(selector, new SmbGuardCodeActionProvider(diagnostics, fixes), SmbGuardCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(selector, new SmbGuardHoverProvider(diagnostics)),
    new ExposureStatusBar(diagnostics),
    new WorkspaceScanner(diagnostics, settings),
    vscode.commands.registerCommand(Commands.showAdvisory, (arg?: unknown) => advisoryView.show(arg)),
    vscode.commands.registerCommand(Commands.openPanel, () => advisoryView.reveal()),
    vscode.commands.registerCommand(Commands.fixAll, () => fixes.fixAll(vscode.window.activeTextEditor?.document)),
    vscode.commands.registerCommand(Commands.applyFixWithInput, (uri: unknown, key: unknown, index: unknown) =>
      typeof uri === 'string' && typeof key === 'string' && typeof index === 'number' ? fixes.applyFix(vscode.Uri.parse(uri), key, index) : false,
    ),
  );
  return { diagnostics, advisoryView };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
