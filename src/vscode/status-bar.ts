/** Status bar item: SMB exposures across the workspace; a click opens the side panel. */
import * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';
import { Commands } from './ids';
import { countFindings } from './panel-model';
import { countsText, plural } from './words';

export class ExposureStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('smbGuard.status', vscode.StatusBarAlignment.Left, 50);
  private readonly listener: vscode.Disposable;

  constructor(private readonly diagnostics: DiagnosticsManager) {
    this.item.name = 'SMB Guard';
    this.item.command = Commands.openPanel;
    this.listener = diagnostics.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const counts = countFindings(this.diagnostics.allEntries().map((e) => e.findings));
    if (counts.total === 0 && !this.diagnostics.hasOpenSupported()) {
      this.item.hide();
      return;
    }
    this.item.text = `$(shield) SMB: ${counts.total}`;
    this.item.accessibilityInformation = { label: `SMB Guard: ${plural(counts.total, 'SMB exposure')} in the workspace` };
    this.item.tooltip =
      counts.total === 0
        ? 'SMB Guard: no SMB exposure found in the analysed files. Click to open the panel.'
        : `SMB Guard: ${plural(counts.total, 'SMB exposure')} (${countsText(counts)}). Click to open the panel.`;
    this.item.show();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
