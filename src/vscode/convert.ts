/** Core offsets ⇄ VS Code positions: the only place that converts. */
import * as vscode from 'vscode';
import { LineIndex, type Span, type TextEdit } from '../core/index';

/** Anything that maps an offset to a 0-based line/character: an open TextDocument, or a LineIndex over file text. */
export interface PositionSource {
  positionAt(offset: number): { line: number; character: number };
}

/** Positions for a file that is not open in an editor. */
export function positionsOf(text: string): PositionSource {
  return new LineIndex(text);
}

export function toPosition(source: PositionSource, offset: number): vscode.Position {
  const p = source.positionAt(offset);
  return new vscode.Position(p.line, p.character);
}

export function toRange(source: PositionSource, span: Span): vscode.Range {
  return new vscode.Range(toPosition(source, span.offset), toPosition(source, span.offset + span.length));
}

/** Core edits → a WorkspaceEdit on one document. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  for (const e of edits) out.replace(document.uri, toRange(document, e.span), e.newText);
  return out;
}

/** A plain `{start, end}` for JSON messages to the webview. */
export function toPlainRange(range: vscode.Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
