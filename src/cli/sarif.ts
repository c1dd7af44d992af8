// Builds a SARIF 2.1.0 log from scan results. Pure: no file system, no clock, sorted for stable goldens.
import { LineIndex, ruleMetas, type Finding, type Fix, type Span } from '../core/index';
import { fingerprints } from './fingerprint';
import { compareRanges, compareStrings, rangeOf } from './location';
import { levelOf, sortedFiles, type ScannedFile } from './report';
import { helpMarkdown, ruleHelp } from './rule-help';
import type { SarifArtifactLocation, SarifFix, SarifLocation, SarifLog, SarifRegion, SarifResult, SarifRule } from './sarif-types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/smb-guard/smb-guard';
export const FINGERPRINT_KEY = 'smbGuardRule/v1';
const SECURITY_SEVERITY = { error: '9.8', warning: '6.5', note: '3.0' } as const;

export interface SarifInput {
  /** File URI of the scan root, ending in '/'; relative artifact URIs resolve against it. */
  rootUri: string;
  /** The tool's semantic version. */
  version: string;
  files: readonly ScannedFile[];
}

export const helpUriOf = (id: string): string => `${INFORMATION_URI}/blob/main/docs/rules/${id}.md`;

/** "smb-internet-exposure" → "SmbInternetExposure". */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function ruleDescriptors(): SarifRule[] {
  return Object.values(ruleMetas).map((meta) => {
    const level = levelOf(meta.severity);
    const help = ruleHelp[meta.id];
    // A parse problem is not a vulnerability: no security-severity, so code scanning does not rank it as one.
    const security = meta.id !== 'smb-parse-error';
    return {
      id: meta.id,
      name: pascalCase(meta.id),
      shortDescription: { text: `${meta.title}.` },
      fullDescription: { text: help.description },
      helpUri: helpUriOf(meta.id),
      help: { text: help.help, markdown: helpMarkdown(meta.id, level) },
      defaultConfiguration: { level },
      properties: security
        ? { tags: ['security', ...help.cwe.map((n) => `external/cwe/cwe-${n}`)], precision: 'high', 'security-severity': SECURITY_SEVERITY[level] }
        : { tags: ['reliability'], precision: 'high' },
    };
  });
}

function regionOf(lines: LineIndex, span: Span): SarifRegion {
  return { ...rangeOf(lines, span), charOffset: span.offset, charLength: span.length };
}

function sarifFix(fix: Fix, lines: LineIndex, artifactLocation: SarifArtifactLocation): SarifFix {
  const edits = [...fix.edits].sort((a, b) => a.span.offset - b.span.offset || a.span.length - b.span.length);
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation,
        replacements: edits.map((e) => ({ deletedRegion: regionOf(lines, e.span), insertedContent: { text: e.newText } })),
      },
    ],
    properties: { kind: fix.kind, isPreferred: fix.isPreferred === true, ...(fix.needsInput ? { needsInput: fix.needsInput } : {}) },
  };
}

function fileResults(file: ScannedFile, artifactIndex: number, ruleIndex: Map<string, number>): SarifResult[] {
  const lines = new LineIndex(file.text);
  const artifactLocation: SarifArtifactLocation = isAbsoluteUri(file.uri)
    ? { uri: file.uri, index: artifactIndex }
    : { uri: file.uri, uriBaseId: 'SRCROOT', index: artifactIndex };
  const ranked = file.findings
    .map((f) => ({ f, range: rangeOf(lines, f.span) }))
    .sort((a, b) => compareRanges(a.range, b.range) || compareStrings(a.f.ruleId, b.f.ruleId) || compareStrings(a.f.message, b.f.message));
  const prints = fingerprints(file.uri, ranked.map(({ f }) => ({ ruleId: f.ruleId, ruleText: ruleTextOf(f, file.text) })));
  return ranked.map(({ f }, i) => {
    const result: SarifResult = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: levelOf(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: regionOf(lines, f.span) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
      // Graded per result (a few public hosts, an unclassified interface): code scanning ranks security alerts by
      // the rule's security-severity, so each result carries its own for tools that read it there.
      properties: { advisories: [...f.advisories], ...(f.ruleId !== 'smb-parse-error' && { 'security-severity': SECURITY_SEVERITY[levelOf(f.severity)] }) },
    };
    if (f.related.length) {
      result.relatedLocations = f.related.map((r, j): SarifLocation => {
        // A place in another file (a Helm values file): its own artifact and lines.
        const other = r.uri ? file.companions?.find((c) => c.uri === r.uri) : undefined;
        const location = other ? (isAbsoluteUri(other.sarifUri) ? { uri: other.sarifUri } : { uri: other.sarifUri, uriBaseId: 'SRCROOT' }) : artifactLocation;
        return { id: j + 1, physicalLocation: { artifactLocation: location, region: regionOf(other ? new LineIndex(other.text) : lines, r.span) }, message: { text: r.message } };
      });
    }
    const fixes = f.fixes.filter((x) => x.edits.length > 0);
    if (fixes.length) result.fixes = fixes.map((x) => sarifFix(x, lines, artifactLocation));
    return result;
  });
}

function ruleTextOf(f: Finding, text: string): string {
  return f.details.ruleText || text.slice(f.ruleSpan.offset, f.ruleSpan.offset + f.ruleSpan.length);
}

/** True for URIs with a scheme ("file:///…"); relative references resolve against SRCROOT. */
function isAbsoluteUri(uri: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri);
}

export function toSarif(input: SarifInput): SarifLog {
  const rules = ruleDescriptors();
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const files = sortedFiles(input.files);
  const artifacts = files.map((f) => ({
    location: isAbsoluteUri(f.uri) ? { uri: f.uri } : { uri: f.uri, uriBaseId: 'SRCROOT' },
    roles: ['analysisTarget'],
    properties: { format: f.format },
  }));
  const rootUri = input.rootUri.endsWith('/') ? input.rootUri : `${input.rootUri}/`;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'SMB Guard', informationUri: INFORMATION_URI, semanticVersion: input.version, version: input.version, rules },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        artifacts,
        results: files.flatMap((f, i) => fileResults(f, i, ruleIndex)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
