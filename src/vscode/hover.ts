/** Hover on a flagged range: why it is exposed, the advisories behind it, and a link to the panel. */
import * as vscode from 'vscode';
import { ruleMetas, type Finding } from '../core/index';
import { topAdvisories } from '../core/advisories/top';
import { currentCatalog } from './advisory-catalog';
import type { DiagnosticsManager } from './diagnostics';
import { findingKey } from './finding-key';
import { Commands } from './ids';


/** Text from the file or the catalog as literal Markdown (appendText would turn every space into &nbsp;, which stops wrapping). */
const escape = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');

export function hoverMarkdown(uri: vscode.Uri, f: Finding): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  // Only our own command may run from this hover; every text from the file is escaped.
  md.isTrusted = { enabledCommands: [Commands.showAdvisory] };
  md.appendMarkdown(`**SMB Guard: ${escape(ruleMetas[f.ruleId]?.title ?? f.ruleId)}**\n\n`);
  const facts: [string, string | undefined][] = [
    ['Where', f.details.place],
    ['Source', f.details.source],
    ['Services', f.details.services.join(', ')],
    ['Policy', f.details.policy],
  ];
  for (const [label, value] of facts) {
    if (!value) continue;
    md.appendMarkdown(`- ${label}: ${escape(value)}\n`);
  }
  const top = topAdvisories(f.advisories, currentCatalog());
  if (top.shown.length) {
    md.appendMarkdown('\nAdvisories, most exploited first:\n');
    for (const a of top.shown) md.appendMarkdown(`- **${escape(a.id)}** ${escape(a.title)}: ${escape(a.threat)}\n`);
    if (top.more) md.appendMarkdown(`- ${top.more} more in the panel\n`);
    md.appendMarkdown(`\n${escape(top.kevAsOf)}\n`);
  }
  const args = encodeURIComponent(JSON.stringify([{ uri: uri.toString(), findingKey: findingKey(f) }]));
  md.appendMarkdown(`\n[Show in the SMB Guard panel](command:${Commands.showAdvisory}?${args} "Open the advisory panel for this finding")`);
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
