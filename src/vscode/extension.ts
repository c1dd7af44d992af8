/** SMB Guard's analysis bundle (dist/engine.js): wires the adapter pieces together; every decision lives in src/core.
 *  The activation bundle (main.ts) loads it for the first document some format may claim, or the first command. */
import * as vscode from 'vscode';
import { initFormats } from '../core/index';
import { AdvisoryOverlay } from './advisory-catalog';
import { AdvisoryViewProvider } from './advisory-view';
import { assetReader } from './assets';
import { classifyInterface } from './classify-interface';
import { SmbGuardCodeActionProvider } from './code-actions';
import { DiagnosticsManager } from './diagnostics';
import { EditorContext } from './editor-context';
import { FindingsTree } from './findings-tree';
import { FixRunner } from './fix-runner';
import { SmbGuardHoverProvider } from './hover';
import { Commands } from './ids';
import { log, setLogger, type Logger } from './log';
import { WorkspaceScanner } from './scan-workspace';
import { documentSelector } from './selectors';
import { Settings } from './settings';
import { mark, setMarker, type Marker } from './timeline';
import { ExposureStatusBar } from './status-bar';

/** What activate() built, for the integration tests. */
export interface SmbGuardApi {
  diagnostics: DiagnosticsManager;
  advisoryView: AdvisoryViewProvider;
  findingsTree: FindingsTree;
}

/** What the activation bundle hands over. */
export interface Host {
  log: Logger;
  /** Times the steps towards the first diagnostics (timeline.ts). */
  mark?: Marker;
  /** A format's asset (wasm) the activation bundle started reading while this bundle loaded. */
  asset?(name: string): Promise<Uint8Array> | undefined;
  /** The document that made this bundle load (a URI): analysed before the other open ones. */
  first?: string;
  /** Removes the activation bundle's stand-ins for the commands and views, so the real ones can register. */
  beforeRegister(): void;
}

export async function activate(context: vscode.ExtensionContext, host?: Host): Promise<SmbGuardApi> {
  if (host) setLogger(host.log);
  if (host?.mark) setMarker(host.mark);
  const read = assetReader(context.extensionUri);
  mark('wasm: start');
  const failed = await initFormats(async (name) => {
    const bytes = await (host?.asset?.(name) ?? read(name));
    mark(`wasm: read ${name}`);
    return bytes;
  });
  mark('wasm: ready');
  for (const f of failed) log.error(`the ${f.id} parser did not load: ${f.error}`);
  host?.beforeRegister();
  const settings = new Settings();
  const diagnostics = new DiagnosticsManager(settings, host?.first);
  const fixes = new FixRunner(diagnostics);
  const advisoryView = new AdvisoryViewProvider(context.extensionUri, diagnostics, fixes);
  const selector = documentSelector();
  const overlay = new AdvisoryOverlay(() => diagnostics.reanalyzeAll());
  const findingsTree = new FindingsTree(diagnostics, fixes);

  context.subscriptions.push(
    overlay,
    settings,
    diagnostics,
    settings.onDidChange(() => diagnostics.reanalyzeAll()),
    advisoryView,
    findingsTree,
    new EditorContext(diagnostics),
    vscode.window.registerWebviewViewProvider(AdvisoryViewProvider.viewType, advisoryView),
    vscode.languages.registerCodeActionsProvider(selector, new SmbGuardCodeActionProvider(diagnostics, fixes), SmbGuardCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(selector, new SmbGuardHoverProvider(diagnostics)),
    new ExposureStatusBar(diagnostics),
    new WorkspaceScanner(diagnostics, settings),
    vscode.commands.registerCommand(Commands.showAdvisory, (arg?: unknown) => advisoryView.show(arg)),
    vscode.commands.registerCommand(Commands.openPanel, () => advisoryView.reveal()),
    vscode.commands.registerCommand(Commands.fixAll, () => fixes.fixAll(vscode.window.activeTextEditor?.document)),
    vscode.commands.registerCommand(Commands.classifyInterface, classifyInterface),
    vscode.commands.registerCommand(Commands.applyFixWithInput, (uri: unknown, key: unknown, index: unknown) =>
      typeof uri === 'string' && typeof key === 'string' && typeof index === 'number' ? fixes.applyFix(vscode.Uri.parse(uri), key, index) : false,
    ),
  );
  void overlay.load();
  return { diagnostics, advisoryView, findingsTree };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
