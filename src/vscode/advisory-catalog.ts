/** The advisory catalog the extension shows: the built-in one, merged with the overlay `smbGuard.advisories.overlay`
 *  names. The overlay is read through workspace.fs (desktop and web alike); its problems are diagnostics in it. */
import { readSetting } from './settings-map';
import * as vscode from 'vscode';
import { LineIndex } from '../core/index';
import { BUILTIN_CATALOG, type AdvisoryCatalog } from '../core/advisories/catalog';
import { applyOverlay } from '../core/advisories/overlay';
import { EXTENSION_SECTION } from './ids';

export const OVERLAY_SETTING = 'advisories.overlay';

let current: AdvisoryCatalog = BUILTIN_CATALOG;

export function currentCatalog(): AdvisoryCatalog {
  return current;
}

/** Absolute paths and URIs as given; relative paths against the first workspace folder. */
export function overlayUri(value: string): vscode.Uri | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(v)) return vscode.Uri.parse(v);
  if (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v)) return vscode.Uri.file(v);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, v) : undefined;
}

export class AdvisoryOverlay implements vscode.Disposable {
  private readonly problems = vscode.languages.createDiagnosticCollection('smbGuard.advisories');
  private readonly disposables: vscode.Disposable[] = [this.problems];
  private watcher?: vscode.FileSystemWatcher;
  private uri?: vscode.Uri;

  /** `changed` runs after the catalog changed, so findings and the panel can be refreshed. */
  constructor(private readonly changed: () => void) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${EXTENSION_SECTION}.${OVERLAY_SETTING}`)) void this.load();
      }),
    );
  }

  async load(): Promise<void> {
    // A restricted setting: an untrusted workspace cannot swap the advisories a finding shows.
    const named = readSetting(OVERLAY_SETTING, vscode.workspace.getConfiguration(EXTENSION_SECTION), vscode.workspace.isTrusted);
    const uri = overlayUri(typeof named === 'string' ? named : '');
    if (uri?.toString() !== this.uri?.toString()) this.watch(uri);
    this.problems.clear();
    let next = BUILTIN_CATALOG;
    if (uri) {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const result = applyOverlay(text);
        next = result.catalog;
        const lines = new LineIndex(text);
        this.problems.set(
          uri,
          result.problems.map((p) => {
            const start = lines.positionAt(p.offset);
            const end = lines.positionAt(p.offset + p.length);
            const d = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), p.message, vscode.DiagnosticSeverity.Error);
            d.source = 'SMB Guard advisories';
            return d;
          }),
        );
      } catch (e) {
        void vscode.window.showWarningMessage(`SMB Guard could not read the advisory overlay ${uri.fsPath || uri.toString()}: ${(e as Error).message}`);
      }
    }
    current = next;
    this.changed();
  }

  private watch(uri: vscode.Uri | undefined): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.uri = uri;
    if (!uri || uri.scheme !== 'file') return;
    const slash = uri.path.lastIndexOf('/');
    const pattern = new vscode.RelativePattern(uri.with({ path: uri.path.slice(0, slash) }), uri.path.slice(slash + 1));
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const reload = () => void this.load();
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
    current = BUILTIN_CATALOG;
  }
}
