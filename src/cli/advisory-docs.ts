// docs/advisories.md and the generated part of each docs/rules page, from the catalog. Pure: the
// `docs:advisories` script writes the files, and a unit test fails when the committed copies drift.
import type { RuleId } from '../core/index';
import { BUILTIN_CATALOG, type AdvisoryCatalog } from '../core/advisories/catalog';
import type { AdvisoryData } from '../core/advisories/model';
import { REMEDIATION_LABEL, toCard } from '../core/advisories/view-model';
import { advisoryMarkdown, ruleHelp, SECURITY_SEVERITY_RATIONALE } from './rule-help';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(a: AdvisoryData): string {
  const c = toCard(a);
  const flags = [c.history ? 'history' : '', c.endOfLife ? 'end of life' : ''].filter(Boolean).join(', ');
  const exploited = a.exploitation.filter((e) => e.kind !== 'poc' && e.kind !== 'exploit').map((e) => e.name).join(', ') || '–';
  return `| ${[a.id, c.published, c.title, c.ports, c.kev, exploited, flags || '–'].map(cell).join(' | ')} |`;
}

function section(a: AdvisoryData): string {
  const c = toCard(a);
  const lines = [`### ${a.id}: ${c.title}`, ''];
  if (c.officialTitle) lines.push(`Official title: *${c.officialTitle}*`, '');
  const ids = [...a.cves, ...a.kbs, ...a.aliases];
  if (ids.length) lines.push(`Also known as: ${ids.join(', ')}`, '');
  lines.push(c.summary, '');
  if (c.context) lines.push(c.context, '');
  lines.push(`- Published: ${c.published} (${c.publishedSource}${a.published.note ? `; ${a.published.note}` : ''})`);
  lines.push(`- Affects: ${c.affects.join('; ')}${c.endOfLife ? ' (all out of vendor support)' : ''}`);
  if (c.severity) lines.push(`- Vendor severity: ${c.severity}`);
  lines.push(`- CVSS: ${c.cvssDetails.join('; ') || 'none verified'}`);
  if (c.cwe.length) lines.push(`- Weakness: ${c.cwe.join(', ')}`);
  lines.push(`- Ports: ${c.ports}`);
  lines.push(`- CISA KEV: ${c.kev} (${c.kevAsOf}; ${a.kev.source})${a.kev.note ? `. ${a.kev.note}` : ''}`);
  if (c.exploitation.length) lines.push(`- Exploitation: ${c.exploitation.join(', ')}`);
  for (const r of a.remediation) lines.push(`- ${REMEDIATION_LABEL[r.category]}: ${r.text} (source: ${r.source})`);
  if (a.references.length) lines.push(`- References: ${a.references.map((r) => `<${r.url}>`).join(', ')}`);
  if (a.unverified.length) lines.push(`- Not verified: ${a.unverified.join('; ')}`);
  return lines.join('\n');
}

/** The whole of docs/advisories.md. */
export function advisoriesDoc(catalog: AdvisoryCatalog = BUILTIN_CATALOG): string {
  const k = catalog.kevCatalog;
  return [
    '<!-- Generated from src/core/advisories/data/catalog.json by `npm run docs:advisories`; do not edit by hand. -->',
    '# Advisories behind SMB Guard\'s findings',
    '',
    'Each finding names the advisories whose exposures match its service (protocol and port) and direction: inbound',
    'findings show server flaws, outbound findings the client and NTLM-leak flaws, `smb-smbv1-enabled` the SMBv1 server',
    'flaws. A service no advisory names (UDP 138, a custom port) shows none. The data is',
    '`src/core/advisories/data/catalog.json`, validated against `data/schema.json`; every fact carries its source, and',
    'what could not be verified is listed as such. Descriptions are our own words.',
    '',
    'Order (here, in the panel, the hover and SARIF help): CISA KEV with known ransomware use first, then other KEV',
    'entries, then advisories with named worms or ransomware; within each, by CVSS score, then whether supported',
    'systems are affected. History entries (the June 2005 MS05-027 story, the Sasser and Zotob worms) come last',
    'among equals.',
    '',
    `KEV data as of ${k.date} (catalog version ${k.version}). To update it without a new release, download CISA's`,
    '`known_exploited_vulnerabilities.json` and run `smb-guard advisories import-kev FILE --out overlay.yaml` (see',
    '[cli.md](cli.md#advisories)).',
    '',
    '| ID | Published | Title | Ports | CISA KEV | Worms, ransomware, malware | Flags |',
    '|---|---|---|---|---|---|---|',
    ...catalog.advisories.map(row),
    '',
    '## Details',
    '',
    catalog.advisories.map(section).join('\n\n'),
    '',
  ].join('\n');
}

export const RULE_BLOCK_START = '<!-- generated:advisories (npm run docs:advisories) -->';
export const RULE_BLOCK_END = '<!-- /generated:advisories -->';

/** The generated block of a rule page: weakness, severity rationale, top advisories. */
export function ruleBlock(ruleId: RuleId, level: 'error' | 'warning' | 'note'): string {
  const h = ruleHelp[ruleId];
  const parts = [RULE_BLOCK_START, '## Weakness, severity and advisories', ''];
  if (h.cwe.length) parts.push(`Weakness: ${h.cwe.map((n) => `[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`).join(', ')}.`, '');
  if (ruleId !== 'smb-parse-error') parts.push(`SARIF \`security-severity\` ${SECURITY_SEVERITY_RATIONALE[level]}`, '');
  const adv = advisoryMarkdown(ruleId);
  parts.push(adv || 'No advisory: this rule reports a reading problem, not an exposure.', '', RULE_BLOCK_END);
  return parts.join('\n');
}

/** The rule page with its generated block replaced, or appended before "## Example" when missing. */
export function withRuleBlock(page: string, ruleId: RuleId, level: 'error' | 'warning' | 'note'): string {
  const block = ruleBlock(ruleId, level);
  const start = page.indexOf(RULE_BLOCK_START);
  const end = page.indexOf(RULE_BLOCK_END);
  if (start >= 0 && end > start) return page.slice(0, start) + block + page.slice(end + RULE_BLOCK_END.length);
  const at = page.indexOf('\n## Example');
  return at >= 0 ? `${page.slice(0, at)}\n${block}\n${page.slice(at)}` : `${page.trimEnd()}\n\n${block}\n`;
}
