/** SMB Guard language service: text in, findings out. Pure: no editor API, no Node-only modules. */
import { analyzeModel } from './analysis/analyze';
import { Budget } from './analysis/budget';
import { capProblems } from './text/problems';
import { resolveOptions } from './analysis/options';
import { detectFormat, formatById, formats } from './formats/registry';
import type { AssetLoader } from './formats/format';
import type { AnalysisOptions, AnalysisResult, Finding } from './types';
import { contextOf, prepareSync, type SyncSource } from './project/prepare';
import { Project, type ProjectSettings } from './project/project';
import { folderOf } from './project/uri';

export * from './types';
export { formats, detectFormat, formatById } from './formats/registry';
export type { FormatModule, AssetLoader } from './formats/format';
export { rules, ruleMetas } from './rules/index';
export { applyEdits, sortEdits } from './fixes/apply-edits';
export { autoFix, fixAllText, selectAutoFixes, shiftedOffset, type FixAllOutcome, type FixSelection } from './fixes/fix-all';
export { REASON_PLACEHOLDER, SUPPRESS_FILE_TAG, SUPPRESS_TAG } from './fixes/suppress';
export { TRUSTED_PLACEHOLDER } from './analysis/options';
export { LineIndex, type Position } from './text/line-index';
export { DEFAULT_SMB_SERVICES } from './model/ports';
export { companionUris } from './formats/helm/values';
export { Project, PROJECT_LIMITS, type ProjectFiles, type ProjectContext, type ProjectLimits, type ProjectSettings, type FileRequest } from './project/project';
export { needsFetching, prepare, prepareSync, type AsyncSource, type SyncSource } from './project/prepare';
export { memorySource } from './project/memory';
export { folderOf, joinUri, nameOf } from './project/uri';
export { parseCidr } from './model/cidr';

export interface AnalyzeInput {
  /** Used for detection by file name; any URI or path string. */
  uri: string;
  text: string;
  /** Force a format instead of detecting one. */
  formatId?: string;
  /** Restrict detection to these formats. */
  enabledFormats?: readonly string[];
  options?: AnalysisOptions;
  /** The files around the document as the host fetched them (`prepare`/`prepareSync` with the same input
   *  first); absent: the document is analysed alone. */
  project?: Project;
  /** Settings naming extra files (Helm values files, Terraform var files). */
  projectSettings?: ProjectSettings;
}

/** Detects the format, parses, and returns findings. Never throws on bad input. */
export function analyzeText(input: AnalyzeInput): AnalysisResult {
  const bom = input.text.charCodeAt(0) === 0xfeff;
  const text = bom ? ` ${input.text.slice(1)}` : input.text;
  const format = input.formatId ? formatById(input.formatId) : detectFormat(input.uri, text, input.enabledFormats);
  if (!format) return { format: undefined, findings: [], problems: [] };
  const options = resolveOptions(input.options);
  // One budget from here on: extraction takes a share and stops with a partial model, the walk and the fixes the rest.
  const budget = Budget.forAnalysis(options.timeBudgetMs);
  const extraction = budget.forExtraction();
  const { project } = input;
  const ctx = project && format.project ? contextOf(project, input.projectSettings) : undefined;
  const model = ctx && project ? project.analysing(input.uri, () => format.extract(text, input.uri, extraction, ctx)) : format.extract(text, input.uri, extraction);
  model.problems = capProblems(text, model.problems);
  const walk = budget.forWalk(extraction);
  const findings = analyzeModel(text, model, format, options, walk);
  if (bom) keepMarkFirst(findings);
  const result: AnalysisResult = { format: format.id, findings, problems: model.problems };
  if (ctx && project) result.reads = project.readsBy(input.uri);
  const stopped = extraction.stopped ?? walk.stopped;
  if (stopped) result.incomplete = { ...stopped };
  return result;
}

/** The analysis reads a byte-order mark as a space; an insertion at the start of the file (a comment above the first
 *  line) goes after the mark, which must stay the file's first character. */
function keepMarkFirst(findings: Finding[]): void {
  for (const f of findings) {
    for (const fix of f.fixes) fix.edits = fix.edits.map((e) => (e.span.offset === 0 && e.span.length === 0 ? { ...e, span: { offset: 1, length: 0 } } : e));
  }
}

/** What the host should fetch before analysing: `prepare(…)`/`prepareSync(…)` with the format detected here. */
export function projectInput(input: AnalyzeInput & { project: Project }) {
  const format = input.formatId ? formatById(input.formatId) : detectFormat(input.uri, input.text, input.enabledFormats);
  return { uri: input.uri, text: input.text, format, project: input.project, settings: input.projectSettings };
}

/** `prepareSync` then `analyzeText`: for hosts with files at hand (the CLI, tests with `memorySource`). */
export function analyzeWithFiles(input: AnalyzeInput, source: SyncSource, project: Project = input.project ?? new Project()): AnalysisResult {
  const withProject = { ...input, project };
  prepareSync(projectInput(withProject), source);
  return analyzeText(withProject);
}

/** The documents to analyse again when `uri` changed (after `project.changed(uri)`, whose answer `known` is):
 *  those whose last analysis read it, and those a format says may read it though never analysed (the .tf files
 *  beside a variables.tf). The folder of `uri` should be listed in `project` for the latter. */
export function dependentsOf(uri: string, project: Project, known: readonly string[] = [], settings: ProjectSettings = {}, enabledFormats?: readonly string[]): string[] {
  const out = new Set(known);
  const ctx = contextOf(project, settings);
  for (const f of formats) {
    if (enabledFormats && !enabledFormats.includes(f.id)) continue;
    for (const d of f.project?.dependents?.(uri, ctx) ?? []) if (d !== uri) out.add(d);
  }
  out.delete(uri);
  return [...out];
}

/** The folder a host lists so that `dependentsOf(uri)` can name files never analysed. */
export const dependentsFolder = folderOf;

/** True when some format would analyse this document; cheap enough to call on every opened file. */
export function isSupported(uri: string, text: string, enabledFormats?: readonly string[]): boolean {
  return detectFormat(uri, text, enabledFormats) !== undefined;
}

/** Loads every format's assets (wasm grammars). Returns the formats that failed, with why; they report one parse
 *  problem per file instead of findings, and the other formats work regardless. */
export async function initFormats(load: AssetLoader): Promise<{ id: string; error: string }[]> {
  const failed: { id: string; error: string }[] = [];
  await Promise.all(
    formats.map(async (f) => {
      try {
        await f.init?.(load);
      } catch (e) {
        failed.push({ id: f.id, error: e instanceof Error ? e.message : String(e) });
      }
    }),
  );
  return failed;
}
