/** Applies core fixes to documents: one fix by finding key (asking for a reason or a network where the core needs
 *  one), or all. */
import * as vscode from 'vscode';
import type { Finding } from '../core/index';
import { toWorkspaceEdit } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import { findingKey } from './finding-key';
import { selectAutoFixes, shiftedOffset } from '../core/index';
import { fillReason, fillTrustedSource } from './fix-edits';
import { askNetwork, offerToSave } from './trusted-input';

/** The editor's fix-all passes, as the core's fixAllText bounds them. */
const MAX_FIX_PASSES = 5;

/** Asks for the reason a suppression comment records; undefined when the user cancels. */
export async function askReason(ruleId: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Suppress ${ruleId}`,
    prompt: 'Why is this exposure acceptable? The reason is written into the suppression comment for the next reader.',
    placeHolder: 'e.g. isolated lab segment, blocked upstream by the perimeter firewall',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A suppression needs a reason.'),
  });
}

export class FixRunner {
  constructor(private readonly diagnostics: DiagnosticsManager) {}

  /** The path code actions (for fixes that need input) and the panel's fix buttons share. */
  async applyFix(uri: vscode.Uri, key: string, fixIndex: number): Promise<boolean> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const entry = this.diagnostics.current(doc);
    const finding = entry?.findings.find((f) => findingKey(f) === key);
    const fix = finding?.fixes[fixIndex];
    if (!entry || !finding || !fix) return this.gone();
    let edits = fix.edits;
    if (fix.needsInput === 'reason') {
      const reason = await askReason(finding.ruleId);
      if (reason === undefined) return false;
      // The file may have changed while the box was open: the edit's offsets would then be wrong.
      if (doc.version !== entry.version) return this.gone();
      edits = fillReason(edits, reason);
    }
    let network: string | undefined;
    if (fix.needsInput === 'trusted-sources') {
      network = await askNetwork(finding.ruleId);
      if (network === undefined) return false;
      if (doc.version !== entry.version) return this.gone();
      edits = fillTrustedSource(edits, network);
    }
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edits));
    if (applied && network) offerToSave(doc.uri, network);
    return applied;
  }

  /** The workspace edit "fix all" makes, or undefined when no finding has an automatic fix. */
  fixAllEdit(doc: vscode.TextDocument, findings: readonly Finding[]): vscode.WorkspaceEdit | undefined {
    const edits = selectAutoFixes(findings).edits;
    return edits.length ? toWorkspaceEdit(doc, edits) : undefined;
  }

  /** Fix all until it converges, as the core's `fixAllText` does: apply, analyse again, repeat while something
   *  changes (a fix can uncover a rule the fixed one shadowed); stops when a fix leaves its own finding. */
  async fixAll(doc: vscode.TextDocument | undefined): Promise<boolean> {
    let applied = false;
    for (let pass = 0; doc && pass < MAX_FIX_PASSES; pass++) {
      const entry = await this.diagnostics.settled(doc);
      if (!entry) break;
      const { edits, fixed } = selectAutoFixes(entry.findings);
      if (!edits.length) break;
      const version = doc.version;
      if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edits))) || doc.version === version) break;
      applied = true;
      const moved = new Set(fixed.map((f) => `${f.ruleId}@${shiftedOffset(f.ruleSpan.offset, edits)}`));
      const after = (await this.diagnostics.settled(doc))?.findings ?? [];
      if (after.some((f) => moved.has(`${f.ruleId}@${f.ruleSpan.offset}`))) break;
    }
    if (!applied) void vscode.window.showInformationMessage('SMB Guard: nothing in this file has an automatic fix.');
    return applied;
  }

  private gone(): false {
    void vscode.window.showInformationMessage('SMB Guard: the file changed and that finding is no longer there as it was. Try again from the current result.');
    return false;
  }
}
