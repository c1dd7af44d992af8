/** What the findings tree and the detail panel read from the analysis: each file's findings with the ranges the
 *  Problems panel shows (so both name the same line). */
import * as vscode from 'vscode';
import { toPlainRange } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import type { PanelFileInput } from './panel-model';

export function panelInputs(diagnostics: DiagnosticsManager): PanelFileInput[] {
  return diagnostics.allEntries().map((e) => ({
    uri: e.uri.toString(),
    label: vscode.workspace.asRelativePath(e.uri),
    findings: e.findings,
    // Parallel arrays: a notice diagnostic after the findings has no finding of its own.
    ranges: e.diagnostics.slice(0, e.findings.length).map((d) => toPlainRange(d.range)),
  }));
}
