/** "SMB Guard: Scan Workspace": analyse every candidate file on disk, and keep those results fresh with a watcher. */
import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';
import { matchesAnyGlob } from './glob';
import { Commands } from './ids';
import { countFindings } from './panel-model';
import { countsText, plural } from './words';
import { workspaceIncludeGlob } from './selectors';
import type { Settings } from './settings';

/** A ceiling on files listed, so a huge monorepo does not stall the extension host. */
const MAX_FILES = 20_000;
/** Files read at once: enough to hide latency on remote file systems, few enough to keep memory flat. */
const PARALLEL = 8;

export class WorkspaceScanner implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  /** Set once a scan ran: from then on, new files matching the globs are analysed as they appear. */
  private scanned = false;

  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly settings: Settings,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(workspaceIncludeGlob());
    this.disposables = [
      watcher,
      watcher.onDidCreate((u) => this.scanned && this.consider(u)),
      watcher.onDidChange((u) => this.diagnostics.tracked.has(u.toString()) && this.diagnostics.analyzeFile(u)),
      watcher.onDidDelete((u) => this.diagnostics.forget(u)),
      vscode.commands.registerCommand(Commands.scanWorkspace, () => this.scan()),
    ];
  }

  private excluded(uri: vscode.Uri): boolean {
    return matchesAnyGlob(vscode.workspace.asRelativePath(uri, false), this.settings.for(uri).exclude);
  }

  private consider(uri: vscode.Uri): Promise<void> | undefined {
    if (this.excluded(uri)) return undefined;
    this.diagnostics.tracked.add(uri.toString());
    return this.diagnostics.analyzeFile(uri);
  }

  /** Lists files (files.exclude applies, as findFiles does by default), filters smbGuard.exclude, analyses each. */
  async scan(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('SMB Guard: open a folder to scan a workspace.');
      return;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'SMB Guard: scanning workspace', cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'listing files…' });
        const uris = (await vscode.workspace.findFiles(workspaceIncludeGlob(), undefined, MAX_FILES, token)).filter((u) => !this.excluded(u));
        this.scanned = true;
        let done = 0;
        const queue = [...uris];
        const worker = async () => {
          for (let u = queue.shift(); u && !token.isCancellationRequested; u = queue.shift()) {
            await this.consider(u);
            done++;
            const exposures = countFindings(this.diagnostics.allEntries().map((e) => e.findings)).total;
            progress.report({ message: `${done}/${plural(uris.length, 'file')}, ${plural(exposures, 'exposure')}`, increment: 100 / uris.length });
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        return { files: done, listed: uris.length, cancelled: token.isCancellationRequested };
      },
    );
    const counts = countFindings(this.diagnostics.allEntries().map((e) => e.findings));
    const head = summary.cancelled ? `Scan cancelled after ${summary.files} of ${plural(summary.listed, 'file')}` : `Scanned ${plural(summary.files, 'file')}`;
    // Not awaited: the command finishes when the scan does, not when the user dismisses the message.
    void vscode.window
      .showInformationMessage(
        `SMB Guard: ${head}; ${plural(counts.total, 'SMB exposure')}${counts.total ? ` (${countsText(counts)})` : ''}.`,
        'Open Panel',
      )
      .then((pick) => pick && vscode.commands.executeCommand(Commands.openPanel));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
