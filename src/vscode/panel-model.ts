/** The advisory panel's view-model: plain JSON built from findings. Pure, so unit tests run it without VS Code. */
import { ruleMetas, type Finding, type Severity } from '../core/index';
import { BUILTIN_CATALOG, type AdvisoryCatalog } from '../core/advisories/catalog';
import { advisoryCards, type AdvisoryCard } from '../core/advisories/view-model';
import { findingKey } from './finding-key';
import { editorFixTitle } from './fix-edits';
import { ruleDocsUrl } from './ids';

export interface PlainPosition {
  line: number;
  character: number;
}
export interface PlainRange {
  start: PlainPosition;
  end: PlainPosition;
}

/** One analysed file as the adapter hands it over: findings plus their ranges (parallel arrays). */
export interface PanelFileInput {
  uri: string;
  label: string;
  findings: readonly Finding[];
  ranges: readonly PlainRange[];
}

export interface PanelSelection {
  uri: string;
  findingKey: string;
}

export interface PanelListItem {
  key: string;
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based, as people read it (the line the Problems panel shows: where the diagnostic starts). */
  line: number;
  range: PlainRange;
  /** Index of the fix the light bulb prefers, or null: the tree's inline "apply" action. */
  preferredFix: number | null;
  /** Index of the line suppression, or null (formats without comments). */
  suppressFix: number | null;
  advisories: number;
}

export interface PanelFile {
  uri: string;
  label: string;
  findings: PanelListItem[];
}

export interface PanelFix {
  index: number;
  title: string;
  isPreferred: boolean;
  needsInput: string | null;
}

export interface PanelDetail {
  uri: string;
  label: string;
  findingKey: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  message: string;
  docsUrl: string;
  range: PlainRange;
  /** Labelled facts behind the message: which rule, from where, which services, which policy. */
  why: { label: string; value: string }[];
  fixes: PanelFix[];
  advisories: AdvisoryCard[];
}

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
  total: number;
}

export interface PanelModel {
  selected: PanelDetail | null;
  files: PanelFile[];
  counts: FindingCounts;
  /** Findings left out of the list to keep the panel responsive. */
  truncated: number;
}

/** Enough to scroll through; a 10k-line rule set should not freeze the webview. */
export const MAX_LISTED = 1000;

/** Exposures by severity. Parse problems are listed in the panel but are not exposures. */
export function countFindings(perFile: readonly (readonly Finding[])[]): FindingCounts {
  const c: FindingCounts = { error: 0, warning: 0, info: 0, total: 0 };
  for (const list of perFile) {
    for (const f of list) {
      if (f.ruleId === 'smb-parse-error') continue;
      c[f.severity]++;
      c.total++;
    }
  }
  return c;
}

/** The order of the Ctrl+. menu, which puts the preferred fix first and keeps the others as offered. */
export function menuOrder<T extends { isPreferred: boolean }>(fixes: readonly T[]): T[] {
  return [...fixes.filter((f) => f.isPreferred), ...fixes.filter((f) => !f.isPreferred)];
}

function detailOf(file: PanelFileInput, i: number, catalog: AdvisoryCatalog): PanelDetail {
  const f = file.findings[i];
  const d = f.details;
  const why = [
    { label: 'Rule', value: d.place },
    { label: 'Source', value: d.source },
    { label: 'Services', value: d.services.join(', ') },
    { label: 'Policy', value: d.policy ?? '' },
    { label: 'Rule text', value: d.ruleText },
  ].filter((x) => x.value);
  return {
    uri: file.uri,
    label: file.label,
    findingKey: findingKey(f),
    ruleId: f.ruleId,
    ruleTitle: ruleMetas[f.ruleId]?.title ?? f.ruleId,
    severity: f.severity,
    message: f.message,
    docsUrl: ruleDocsUrl(f.ruleId),
    range: file.ranges[i],
    why,
    fixes: menuOrder(f.fixes.map((x, index) => ({ index, title: editorFixTitle(x), isPreferred: x.isPreferred === true, needsInput: x.needsInput ?? null }))),
    advisories: advisoryCards(f.advisories, catalog),
  };
}

export function buildPanelModel(files: readonly PanelFileInput[], selection?: PanelSelection, catalog: AdvisoryCatalog = BUILTIN_CATALOG): PanelModel {
  let selected: PanelDetail | null = null;
  let listed = 0;
  let truncated = 0;
  const out: PanelFile[] = [];
  const sorted = [...files].filter((f) => f.findings.length).sort((a, b) => a.label.localeCompare(b.label));
  for (const file of sorted) {
    const items: PanelListItem[] = [];
    file.findings.forEach((f, i) => {
      const key = findingKey(f);
      if (selection && selection.uri === file.uri && selection.findingKey === key) selected = detailOf(file, i, catalog);
      if (listed >= MAX_LISTED) {
        truncated++;
        return;
      }
      listed++;
      const range = file.ranges[i];
      const preferred = f.fixes.findIndex((x) => x.isPreferred);
      const suppress = f.fixes.findIndex((x) => x.kind === 'suppress' && !x.scope);
      items.push({
        key,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: range.start.line + 1,
        range,
        preferredFix: preferred < 0 ? null : preferred,
        suppressFix: suppress < 0 ? null : suppress,
        advisories: f.advisories.length,
      });
    });
    if (items.length) out.push({ uri: file.uri, label: file.label, findings: items });
  }
  return { selected, files: out, counts: countFindings(files.map((f) => f.findings)), truncated };
}
