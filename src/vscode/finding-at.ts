/** The finding at an editor's cursor, shared by the detail panel and the findings tree (both follow the cursor). */
import type * as vscode from 'vscode';
import type { DiagnosticsManager } from './diagnostics';
import { findingKey } from './finding-key';
import type { PanelSelection } from './panel-model';

/** By offsets in the cached (current-version) result: the finding whose span holds the cursor, else the one whose
 *  rule does. Never analyses (cursor moves must not defeat the debounce). */
export function findingAtCursor(diagnostics: DiagnosticsManager, editor: vscode.TextEditor | undefined): PanelSelection | undefined {
  const entry = editor && diagnostics.cached(editor.document);
  if (!editor || !entry) return undefined;
  const at = editor.document.offsetAt(editor.selection.active);
  const inside = (s: { offset: number; length: number }) => s.offset <= at && at <= s.offset + s.length;
  const f = entry.findings.find((x) => inside(x.span)) ?? entry.findings.find((x) => inside(x.ruleSpan));
  return f && { uri: entry.uri.toString(), findingKey: findingKey(f) };
}
