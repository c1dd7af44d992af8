/** The `smbGuard.editorHasFindings` context key: editor-only commands (fix all, show advisory) appear in the
 *  command palette only while the active editor holds an SMB Guard finding. */
import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';
import { EDITOR_HAS_FINDINGS } from './ids';

export class EditorContext implements vscode.Disposable {
  private last: boolean | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsManager) {
    this.listeners = [diagnostics.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const has = !!doc && (this.diagnostics.entry(doc.uri.toString())?.findings.length ?? 0) > 0;
    if (has === this.last) return;
    this.last = has;
    void vscode.commands.executeCommand('setContext', EDITOR_HAS_FINDINGS, has);
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
  }
}
