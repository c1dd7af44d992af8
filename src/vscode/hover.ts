/** Hover on a flagged range: why it is exposed, the advisories behind it, and a link to the panel. */
import * as vscode from 'vscode';
import { ruleMetas, type Finding } from '../core/index';
import { advisoryById } from '../core/advisories/catalog';
import type { DiagnosticsManager } from './diagnostics';
import { findingKey } from './finding-key';
import { Commands } from './ids';

/** At most this many advisories are listed; the panel shows the rest. */
const MAX_ADVISORIES = 4;

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
  if (f.advisories.length) {
    md.appendMarkdown('\nAdvisories:\n');
    for (const id of f.advisories.slice(0, MAX_ADVISORIES)) {
      md.appendMarkdown(`- **${escape(id)}** ${escape(advisoryById(id)?.title ?? '')}\n`);
    }
    if (f.advisories.length > MAX_ADVISORIES) md.appendMarkdown(`- …and ${f.advisories.length - MAX_ADVISORIES} more\n`);
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
