/** The Findings view: a native tree (as Problems, ESLint and GitLens show theirs) of files, then findings, with a
 *  count badge, a severity filter, item actions, and a selection that follows the active editor and cursor. */
import * as vscode from 'vscode';
import type { Severity } from '../core/index';
import { Coalesced } from './coalesce';
import type { DiagnosticsManager } from './diagnostics';
import { findingAtCursor } from './finding-at';
import type { FixRunner } from './fix-runner';
import { Commands, FINDINGS_VIEW_ID } from './ids';
import { panelInputs } from './panel-inputs';
import { buildPanelModel, countFindings, type PanelListItem } from './panel-model';
import { countsText, plural } from './words';

export interface FileNode {
  kind: 'file';
  uri: string;
  label: string;
  children: FindingNode[];
}

/** `uri` and `findingKey` are what smbGuard.showAdvisory accepts, so the node itself is the command argument. */
export interface FindingNode {
  kind: 'finding';
  uri: string;
  findingKey: string;
  item: PanelListItem;
  parent: FileNode;
}

export type TreeNode = FileNode | FindingNode;

const ALL: readonly Severity[] = ['error', 'warning', 'info'];
const ICON: Record<Severity, [string, string]> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  info: ['info', 'problemsInfoIcon.foreground'],
};
const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Information' };

const nodeId = (n: TreeNode) => (n.kind === 'file' ? n.uri : `${n.uri}#${n.findingKey}`);

/** "Errors only", "Errors and warnings": what the filter shows, for the view's description. */
export function filterText(shown: ReadonlySet<Severity>): string | undefined {
  if (shown.size === ALL.length) return undefined;
  if (!shown.size) return 'Nothing shown';
  const names = ALL.filter((s) => shown.has(s)).map((s) => (s === 'info' ? 'information' : `${s}s`));
  const text = names.length === 1 ? `${names[0]} only` : names.join(' and ');
  return text[0].toUpperCase() + text.slice(1);
}

export class FindingsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly view: vscode.TreeView<TreeNode>;
  private files: FileNode[] = [];
  private readonly byId = new Map<string, TreeNode>();
  private shown = new Set<Severity>(ALL);
  private readonly rebuildSoon = new Coalesced(() => this.rebuild());
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly fixes: FixRunner,
  ) {
    this.view = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.changed,
      diagnostics.onDidChange(() => this.rebuildSoon.schedule()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      this.view.onDidChangeVisibility((e) => e.visible && this.follow(vscode.window.activeTextEditor)),
      vscode.commands.registerCommand(Commands.revealFinding, (n: unknown) => this.revealInEditor(n)),
      vscode.commands.registerCommand(Commands.applyPreferredFix, (n: unknown) => this.applyFix(n, (i) => i.preferredFix)),
      vscode.commands.registerCommand(Commands.suppressFinding, (n: unknown) => this.applyFix(n, (i) => i.suppressFix)),
      vscode.commands.registerCommand(Commands.filterSeverity, () => this.pickFilter()),
    ];
    this.rebuild();
  }

  /** The files and findings shown now (after the filter), for the in-host tests. */
  roots(): readonly FileNode[] {
    return this.files;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.files;
    return node.kind === 'file' ? node.children : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'finding' ? node.parent : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(vscode.Uri.parse(node.uri), vscode.TreeItemCollapsibleState.Expanded);
      item.id = nodeId(node);
      const slash = node.label.lastIndexOf('/');
      item.label = node.label.slice(slash + 1);
      const count = plural(node.children.length, 'finding');
      item.description = slash > 0 ? `${node.label.slice(0, slash)} · ${count}` : count;
      item.tooltip = `${node.label}: ${count}`;
      item.contextValue = 'file';
      return item;
    }
    const { item: f } = node;
    const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    const [icon, color] = ICON[f.severity];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.description = `${f.ruleId} [Ln ${f.line}, Col ${f.range.start.character + 1}]`;
    item.tooltip = new vscode.MarkdownString().appendText(`${LABEL[f.severity]}: ${f.message}\n\n${f.ruleId}, line ${f.line}`);
    item.accessibilityInformation = { label: `${LABEL[f.severity]} on line ${f.line}: ${f.message}` };
    // Space-separated flags the menus' `viewItem =~ /…/` clauses test.
    item.contextValue = ['finding', f.preferredFix !== null && 'fixable', f.advisories && 'advisory', f.suppressFix !== null && 'suppressible'].filter(Boolean).join(' ');
    item.command = { command: Commands.revealFinding, title: 'Go to Finding', arguments: [node] };
    return item;
  }

  /** Rebuilds now (the in-host tests call it to read the tree without waiting for the coalescing timer). */
  rebuild(): void {
    const inputs = panelInputs(this.diagnostics);
    const model = buildPanelModel(inputs);
    this.byId.clear();
    this.files = [];
    for (const file of model.files) {
      const node: FileNode = { kind: 'file', uri: file.uri, label: file.label, children: [] };
      for (const item of file.findings) {
        if (!this.shown.has(item.severity)) continue;
        const child: FindingNode = { kind: 'finding', uri: file.uri, findingKey: item.key, item, parent: node };
        node.children.push(child);
        this.byId.set(nodeId(child), child);
      }
      if (!node.children.length) continue;
      this.files.push(node);
      this.byId.set(nodeId(node), node);
    }
    const counts = countFindings(inputs.map((i) => i.findings));
    this.view.badge = counts.total ? { value: counts.total, tooltip: `SMB Guard: ${countsText(counts)}` } : undefined;
    this.view.description = filterText(this.shown);
    this.view.message =
      model.truncated > 0 ? `${plural(model.truncated, 'more finding')} not listed; see the Problems panel.` : !this.files.length && counts.total ? 'The severity filter hides every finding.' : undefined;
    this.changed.fire(undefined);
    this.follow(vscode.window.activeTextEditor);
  }

  /** Select the finding at the cursor, else the active file, without taking the focus from the editor. */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || !this.view.visible) return;
    const sel = findingAtCursor(this.diagnostics, editor);
    const node = (sel && this.byId.get(`${sel.uri}#${sel.findingKey}`)) ?? this.byId.get(editor.document.uri.toString());
    const current = this.view.selection[0];
    if (!node || (current && nodeId(current) === nodeId(node))) return;
    void this.view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
  }

  private findingNode(arg: unknown): FindingNode | undefined {
    const n = arg as Partial<FindingNode> | undefined;
    return n?.kind === 'finding' && typeof n.uri === 'string' && typeof n.findingKey === 'string' ? (this.byId.get(`${n.uri}#${n.findingKey}`) as FindingNode | undefined) : undefined;
  }

  private async revealInEditor(arg: unknown): Promise<void> {
    const node = this.findingNode(arg);
    if (!node) return;
    const { start, end } = node.item.range;
    // As Problems does: the editor shows the line, the keyboard stays in the tree.
    await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character), preserveFocus: true, preview: true });
  }

  private async applyFix(arg: unknown, pick: (i: PanelListItem) => number | null): Promise<boolean> {
    // From the tree's menus the argument is the node; from the palette, the selected node.
    const node = this.findingNode(arg) ?? this.findingNode(this.view.selection[0]);
    const index = node && pick(node.item);
    if (!node || index === null || index === undefined) return false;
    return this.fixes.applyFix(vscode.Uri.parse(node.uri), node.findingKey, index);
  }

  private async pickFilter(): Promise<void> {
    const items = ALL.map((s) => ({ label: s === 'info' ? 'Information' : `${LABEL[s]}s`, severity: s, picked: this.shown.has(s) }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'SMB Guard: Show Findings of Severity', placeHolder: 'Severities the Findings view lists' });
    if (!picked) return;
    this.shown = new Set(picked.map((p) => p.severity));
    this.rebuild();
  }

  dispose(): void {
    this.rebuildSoon.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
