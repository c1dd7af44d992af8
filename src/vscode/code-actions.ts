/** Quick fixes per SMB Guard diagnostic, "Disable <rule> for this file", "Show advisory", "Show documentation for
 *  <rule>", and a `source.fixAll.smbGuard` for codeActionsOnSave. */
import * as vscode from 'vscode';
import { autoFix } from '../core/index';
import { classifyTitle } from './classify-interface';
import { toWorkspaceEdit } from './convert';
import type { DiagnosticsManager, Entry } from './diagnostics';
import { findingKey } from './finding-key';
import { editorFixTitle } from './fix-edits';
import type { FixRunner } from './fix-runner';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND_SUFFIX, ruleDocsUrl } from './ids';

const codeValue = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** The finding behind a diagnostic: same rule id and range. Never by message text, which settings can change. */
export function findingIndex(entry: Entry, diagnostic: vscode.Diagnostic): number {
  const code = codeValue(diagnostic);
  return entry.diagnostics.findIndex((d) => code !== undefined && codeValue(d) === code && d.range.isEqual(diagnostic.range));
}

export class SmbGuardCodeActionProvider implements vscode.CodeActionProvider {
  static readonly fixAllKind = vscode.CodeActionKind.SourceFixAll.append(FIX_ALL_KIND_SUFFIX);
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, SmbGuardCodeActionProvider.fixAllKind],
  };

  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly fixes: FixRunner,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] | Thenable<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const quickFixes = ours.length > 0 && (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix));
    // Only when asked for by kind (on save, Source Action…): the light bulb never shows source actions.
    const fixAll = context.only?.contains(SmbGuardCodeActionProvider.fixAllKind) === true;
    // Edits are only valid for the text they were computed on. Quick fixes use the cached result (the light bulb
    // asks on every cursor move, and must not defeat the debounce); fix-all on save analyses now if it must, and
    // waits when that analysis first fetches the files it reads (as the Fix All command does).
    if (fixAll) return this.diagnostics.settled(doc).then((entry) => (entry ? this.actionsFor(doc, entry, ours, quickFixes, true) : []));
    const entry = quickFixes ? this.diagnostics.cached(doc) : undefined;
    return entry ? this.actionsFor(doc, entry, ours, quickFixes, false) : [];
  }

  private actionsFor(doc: vscode.TextDocument, entry: Entry, ours: vscode.Diagnostic[], quickFixes: boolean, fixAll: boolean): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    if (quickFixes) {
      for (const d of ours) {
        const i = findingIndex(entry, d);
        if (i >= 0) actions.push(...this.quickFixes(doc, entry, i, d));
      }
      const fixable = entry.findings.filter((f) => autoFix(f)).length;
      const all = fixable > 1 && actions.length ? this.fixAllAction(doc, entry, vscode.CodeActionKind.QuickFix) : undefined;
      if (all) actions.push(all);
    }
    if (fixAll) {
      const a = this.fixAllAction(doc, entry, SmbGuardCodeActionProvider.fixAllKind);
      if (a) actions.push(a);
    }
    return actions;
  }

  private quickFixes(doc: vscode.TextDocument, entry: Entry, i: number, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const finding = entry.findings[i];
    const key = findingKey(finding);
    const actions = finding.fixes.map((fix, index) => {
      const title = editorFixTitle(fix);
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.isPreferred = fix.isPreferred === true;
      if (fix.needsInput) a.command = { command: Commands.applyFixWithInput, title, arguments: [doc.uri.toString(), key, index] };
      else a.edit = toWorkspaceEdit(doc, fix.edits);
      return a;
    });
    // An interface nothing classifies: say what it faces, for this folder.
    const ingress = finding.details.ingress;
    if (ingress?.class === 'unknown' && ingress.kind === 'interface') {
      for (const cls of ['internal', 'internet'] as const) {
        const a = new vscode.CodeAction(classifyTitle(ingress.interface, cls), vscode.CodeActionKind.QuickFix);
        a.diagnostics = [diagnostic];
        a.command = { command: Commands.classifyInterface, title: a.title, arguments: [doc.uri.toString(), ingress.interface, cls] };
        actions.push(a);
      }
    }
    if (finding.advisories.length) {
      const more = finding.advisories.length > 1 ? ` and ${finding.advisories.length - 1} more` : '';
      const a = new vscode.CodeAction(`Show advisory: ${finding.advisories[0]}${more}`, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.command = { command: Commands.showAdvisory, title: a.title, arguments: [{ uri: doc.uri.toString(), findingKey: key }] };
      actions.push(a);
    }
    const docs = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
    docs.diagnostics = [diagnostic];
    docs.command = { command: 'vscode.open', title: docs.title, arguments: [vscode.Uri.parse(ruleDocsUrl(finding.ruleId))] };
    actions.push(docs);
    return actions;
  }

  private fixAllAction(doc: vscode.TextDocument, entry: Entry, kind: vscode.CodeActionKind): vscode.CodeAction | undefined {
    const edit = this.fixes.fixAllEdit(doc, entry.findings);
    if (!edit) return undefined;
    const a = new vscode.CodeAction('Fix all SMB exposures in this file', kind);
    a.edit = edit;
    return a;
  }
}
