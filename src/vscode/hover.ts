/** Hover on a flagged range, short enough for VS Code's hover limit (its link and the Quick Fix footer stay in view):
 *  a one-line reason, the most exploited advisory, and a link to the detail panel for the rest. */
import * as vscode from 'vscode';
import { ruleMetas, type Finding } from '../core/index';
import { topAdvisories } from '../core/advisories/top';
import { currentCatalog } from './advisory-catalog';
import type { DiagnosticsManager } from './diagnostics';
import { findingKey } from './finding-key';
import { Commands } from './ids';

/** Text from the file or the catalog as literal Markdown (appendText would turn every space into &nbsp;, which stops wrapping). */
const escape = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');

/** "INPUT rule 3: SMB (TCP 445) from anywhere": what decides the finding, on one line. */
export function reasonLine(f: Finding): string {
  const d = f.details;
  const what = `${d.services.join(', ') || d.ruleText}${d.source ? ` from ${d.source}` : ''}`;
  return d.place ? `${d.place}: ${what}` : what;
}

export function hoverMarkdown(uri: vscode.Uri, f: Finding): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  // Only our own command may run from this hover; every text from the file is escaped.
  md.isTrusted = { enabledCommands: [Commands.showAdvisory] };
  md.appendMarkdown(`**SMB Guard: ${escape(ruleMetas[f.ruleId]?.title ?? f.ruleId)}**  \n`);
  md.appendMarkdown(`${escape(reasonLine(f))}  \n`);
  const top = topAdvisories(f.advisories, currentCatalog(), 1);
  const [a] = top.shown;
  if (a) md.appendMarkdown(`Top advisory: **${escape(a.id)}** ${escape(a.title)} (${escape(a.threat)}; ${escape(top.kevAsOf)})${top.more ? `, ${top.more} more` : ''}  \n`);
  const args = encodeURIComponent(JSON.stringify([{ uri: uri.toString(), findingKey: findingKey(f) }]));
  md.appendMarkdown(`[Show details and fixes](command:${Commands.showAdvisory}?${args} "Open the SMB Guard detail panel for this finding")`);
  return md;
}

export class SmbGuardHoverProvider implements vscode.HoverProvider {
  constructor(private readonly diagnostics: DiagnosticsManager) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.diagnostics.cached(doc);
    if (!entry) return undefined;
    const i = entry.diagnostics.findIndex((d, n) => n < entry.findings.length && d.range.contains(position));
    if (i < 0) return undefined;
    return new vscode.Hover(hoverMarkdown(doc.uri, entry.findings[i]), entry.diagnostics[i].range);
  }
}
