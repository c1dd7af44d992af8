/** The detail panel: a webview view with one finding (at the cursor, or picked in the Findings tree), its fixes in
 *  the Ctrl+. menu's order and its advisories. It follows the active editor. */
import * as vscode from 'vscode';
import { currentCatalog } from './advisory-catalog';
import { Coalesced } from './coalesce';
import type { DiagnosticsManager } from './diagnostics';
import { findingAtCursor } from './finding-at';
import type { FixRunner } from './fix-runner';
import { ADVISORY_VIEW_ID, Commands } from './ids';
import { makeNonce, panelHtml } from './panel-html';
import { panelInputs } from './panel-inputs';
import { buildPanelModel, type PanelSelection } from './panel-model';
import { plural } from './words';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './webview-messages';

/** Accepts `{ uri, findingKey }` as code actions and hover links pass it; anything else is ignored. */
export function selectionArg(arg: unknown): PanelSelection | undefined {
  const a = arg as Partial<PanelSelection> | undefined;
  return typeof a?.uri === 'string' && typeof a.findingKey === 'string' ? { uri: a.uri, findingKey: a.findingKey } : undefined;
}

export class AdvisoryViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = ADVISORY_VIEW_ID;
  private view?: vscode.WebviewView;
  private viewDisposables: vscode.Disposable[] = [];
  private selection?: PanelSelection;
  private readonly redraw = new Coalesced(() => this.post());
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly diagnostics: DiagnosticsManager,
    private readonly fixes: FixRunner,
  ) {
    this.disposables = [
      diagnostics.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => this.followEditor(e)),
    ];
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = view.webview;
    const codicons = vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons');
    webview.options = { enableScripts: true, localResourceRoots: [media, codicons] };
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(codicons, 'codicon.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'advisories.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'advisories.css')).toString(),
      nonce: makeNonce(),
    });
    for (const d of this.viewDisposables) d.dispose();
    this.viewDisposables = [
      webview.onDidReceiveMessage((m) => this.onMessage(m)),
      view.onDidChangeVisibility(() => view.visible && this.post()),
      view.onDidDispose(() => {
        this.view = undefined;
      }),
    ];
    this.selection ??= this.atCursor(vscode.window.activeTextEditor);
  }

  /** Focus the panel on a finding (code action, hover link, command) or, without one, on the finding at the cursor. */
  async show(arg?: unknown): Promise<void> {
    const sel = selectionArg(arg) ?? this.atCursor(vscode.window.activeTextEditor);
    if (sel) this.selection = sel;
    await this.reveal();
    this.post();
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${ADVISORY_VIEW_ID}.focus`);
  }

  private atCursor(editor: vscode.TextEditor | undefined): PanelSelection | undefined {
    return findingAtCursor(this.diagnostics, editor);
  }

  /** Within a file, the detail stays on its finding until the cursor reaches another one. */
  private followCursor(editor: vscode.TextEditor): void {
    const sel = this.atCursor(editor);
    if (sel && (sel.uri !== this.selection?.uri || sel.findingKey !== this.selection.findingKey)) {
      this.selection = sel;
      this.refresh();
    }
  }

  /** Another editor: its finding at the cursor, or none, never a finding of a file no longer in front. */
  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor) return;
    const sel = this.atCursor(editor);
    if (sel?.uri === this.selection?.uri && sel?.findingKey === this.selection?.findingKey) return;
    this.selection = sel;
    this.refresh();
  }

  /** What the panel says when no finding is selected: about the file in front, when it is analysed. */
  private hint(): string {
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc && this.diagnostics.entry(doc.uri.toString());
    if (!doc || !entry) return 'Open a firewall or infrastructure file, or pick a finding in the Findings view, to see why it exposes SMB and what to do.';
    const name = vscode.workspace.asRelativePath(doc.uri);
    return entry.findings.length
      ? `No finding at the cursor in ${name} (${plural(entry.findings.length, 'finding')} in this file). Put the cursor on a flagged rule, or pick one in the Findings view.`
      : `No SMB exposure in ${name}.`;
  }

  private refresh(): void {
    this.redraw.schedule();
  }

  private post(): void {
    if (!this.view?.visible) return;
    const detail = buildPanelModel(panelInputs(this.diagnostics), this.selection, currentCatalog()).selected;
    const message: HostMessage = { type: 'update', detail, hint: detail ? '' : this.hint() };
    void this.view.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg: WebviewMessage | undefined = parseWebviewMessage(raw, (uri) => this.diagnostics.entry(uri) !== undefined);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        return this.post();
      case 'scanWorkspace':
        await vscode.commands.executeCommand(Commands.scanWorkspace);
        return;
      case 'select':
        this.selection = { uri: msg.uri, findingKey: msg.findingKey };
        return this.post();
      case 'applyFix': {
        const uri = this.diagnostics.entry(msg.uri)!.uri;
        this.selection = { uri: msg.uri, findingKey: msg.findingKey };
        await this.fixes.applyFix(uri, msg.findingKey, msg.fixIndex);
        return;
      }
      case 'reveal': {
        const uri = this.diagnostics.entry(msg.uri)!.uri;
        const { start, end } = msg.range;
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start.line, start.character, end.line, end.character) });
        return;
      }
    }
  }

  dispose(): void {
    this.redraw.dispose();
    for (const d of [...this.viewDisposables, ...this.disposables]) d.dispose();
  }
}
