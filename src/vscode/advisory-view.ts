/** The side panel: a webview view with the finding at the cursor (or picked in its list), its fixes and advisories. */
import * as vscode from 'vscode';
import { currentCatalog } from './advisory-catalog';
import { toPlainRange } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import { findingKey } from './finding-key';
import type { FixRunner } from './fix-runner';
import { ADVISORY_VIEW_ID, Commands } from './ids';
import { makeNonce, panelHtml } from './panel-html';
import { buildPanelModel, type PanelSelection } from './panel-model';
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
  private timer?: ReturnType<typeof setTimeout>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly diagnostics: DiagnosticsManager,
    private readonly fixes: FixRunner,
  ) {
    this.disposables = [
      diagnostics.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.followCursor(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.followCursor(e)),
    ];
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = view.webview;
    webview.options = { enableScripts: true, localResourceRoots: [media] };
    webview.html = panelHtml({
      cspSource: webview.cspSource,
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

  /** The finding under the cursor, by offsets in the cached (current-version) result. */
  private atCursor(editor: vscode.TextEditor | undefined): PanelSelection | undefined {
    const entry = editor && this.diagnostics.cached(editor.document);
    if (!editor || !entry) return undefined;
    const at = editor.document.offsetAt(editor.selection.active);
    const inside = (s: { offset: number; length: number }) => s.offset <= at && at <= s.offset + s.length;
    const f = entry.findings.find((x) => inside(x.span)) ?? entry.findings.find((x) => inside(x.ruleSpan));
    return f && { uri: entry.uri.toString(), findingKey: findingKey(f) };
  }

  private followCursor(editor: vscode.TextEditor): void {
    if (!this.view?.visible) return;
    const sel = this.atCursor(editor);
    if (sel && (sel.uri !== this.selection?.uri || sel.findingKey !== this.selection.findingKey)) {
      this.selection = sel;
      this.refresh();
    }
  }

  /** Coalesce bursts (a workspace scan fires once per file). */
  private refresh(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, 100);
  }

  private post(): void {
    if (!this.view?.visible) return;
    const files = this.diagnostics.allEntries().map((e) => ({
      uri: e.uri.toString(),
      label: vscode.workspace.asRelativePath(e.uri),
      findings: e.findings,
      ranges: e.diagnostics.slice(0, e.findings.length).map((d) => toPlainRange(d.range)),
    }));
    const message: HostMessage = { type: 'update', model: buildPanelModel(files, this.selection, currentCatalog()) };
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
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of [...this.viewDisposables, ...this.disposables]) d.dispose();
  }
}
