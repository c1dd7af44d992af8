// Reads the files under the given paths, analyses those a format claims and, with --fix, fixes them.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeText, prepareSync, Project, projectInput, type AnalysisOptions, type AnalysisResult, type ProjectSettings } from '../core/index';
import type { AdvisoryCatalog } from '../core/advisories/catalog';
import { diskSource } from './companions';
import { encode, type Codec, type Decoded } from './encoding';
import { describeError, printablePath } from './errors';
import { fixText } from './fix';
import { readCandidate, scanRoots } from './read';
import type { ScanReport, ScannedFile } from './report';
import { walk } from './walk';
import { replaceFile, WriteError } from './write';

export { MAX_FILE_BYTES } from './read';

export interface ScanOptions {
  /** Files or folders, as given on the command line. */
  paths: string[];
  /** The scan root: reported paths and SARIF URIs are relative to it. */
  cwd: string;
  trusted: string[];
  /** Analysis options from flags other than --trusted (--interface, --public-host-prefix). */
  analysis?: AnalysisOptions;
  fix: boolean;
  /** --encoding: how files without a byte-order mark are decoded (default UTF-8). */
  encoding?: Codec;
  useGit?: boolean;
  /** The built-in catalog merged with --advisories-overlay, when given. */
  advisoryCatalog?: AdvisoryCatalog;
  /** Receives notes about skipped files. */
  note: (message: string) => void;
  /** Values files that override a Helm chart's values.yaml, relative to the chart folder. */
  helmValuesFiles?: string[];
  /** --var-file: Terraform variable files for root modules (relative to the module folder, or absolute). */
  terraformVarFiles?: string[];
  /** --compose-file: Compose files merged after compose.yaml and its override (relative to its folder, or absolute). */
  composeFiles?: string[];
  /** --parameters: CloudFormation parameter files, each a deployment (relative to the template's folder, or absolute). */
  cloudformationParameterFiles?: string[];
  /** The analyser (default: the core's analyzeText); a host may wrap it, e.g. to time or contain it. */
  analyze?: typeof analyzeText;
}

export interface ScanOutcome {
  report: ScanReport;
  /** One-line errors (I/O, refused writes, internal errors); any of them makes the exit code 2. */
  errors: string[];
}

/** Paths that cannot be scanned at all, as one-line messages: missing, unreadable, looping links. */
export function missingPaths(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    try {
      statSync(resolve(cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.push(code === 'ENOENT' || code === 'ENOTDIR' ? `path not found: ${printablePath(p)}` : `cannot read ${printablePath(p)}: ${describeError(e)}`);
    }
  }
  return out;
}

function collect(options: ScanOptions, errors: string[]): string[] {
  const files = new Set<string>();
  for (const p of options.paths) {
    const abs = resolve(options.cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      errors.push(`cannot read ${printablePath(p)}: ${describeError(e)}`);
      continue;
    }
    if (isDir) {
      const found = walk(abs, { useGit: options.useGit });
      found.files.forEach((f) => files.add(f));
      errors.push(...found.errors);
      for (const s of found.skipped) options.note(`skipped ${printablePath(s.path === options.cwd ? '.' : displayPaths(s.path, options.cwd).path)}: ${s.why}`);
    } else files.add(abs);
  }
  return [...files].sort();
}

export function displayPaths(abs: string, root: string): { path: string; uri: string } {
  const rel = relative(root, abs);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { path: abs, uri: pathToFileURL(abs).href };
  const parts = rel.split(sep);
  return { path: parts.join('/'), uri: parts.map(encodeURIComponent).join('/') };
}

/** The folders given to scan (a file's folder for a file). */
function scannedFolders(options: ScanOptions): string[] {
  return options.paths.flatMap((p) => {
    const abs = resolve(options.cwd, p);
    try {
      return [statSync(abs).isDirectory() ? abs : dirname(abs)];
    } catch {
      return [];
    }
  });
}

/** The bytes --fix writes, or a WriteError when the file's text cannot be written back byte-exact. */
function writable(text: string, decoded: Decoded): Uint8Array {
  if (!decoded.exact) throw new WriteError(`not valid ${decoded.codec.name.toUpperCase()} (name its encoding with --encoding)`);
  const bytes = encode(text, decoded);
  if (!bytes) throw new WriteError(`the fix needs characters that ${decoded.codec.name} cannot hold`);
  return bytes;
}

/** The first line of an exception, for a one-line error naming the file. */
const crashed = (path: string, e: unknown) => `internal error while analysing ${printablePath(path)}: ${describeError(e)}`;

export function scan(options: ScanOptions): ScanOutcome {
  const analyze = options.analyze ?? analyzeText;
  const errors: string[] = [];
  const files: ScannedFile[] = [];
  const roots = scanRoots(options.paths, options.cwd);
  let fixesApplied = 0;
  // One view of the tree for the whole scan: a module's files are read and parsed once, whichever file asks.
  const project = new Project();
  // Searches for other files (a module's callers) stay inside the scan root and the folders scanned.
  const searchRoots = [options.cwd, ...scannedFolders(options)].map((p) => pathToFileURL(p.endsWith(sep) ? p : p + sep).href);
  const projectSettings: ProjectSettings = { helmValuesFiles: options.helmValuesFiles, terraformVarFiles: options.terraformVarFiles, composeFiles: options.composeFiles, cloudformationParameterFiles: options.cloudformationParameterFiles, roots: searchRoots };
  for (const abs of collect(options, errors)) {
    const shown = displayPaths(abs, options.cwd);
    const name = printablePath(shown.path);
    const read = readCandidate(abs, roots, options.encoding);
    if (read.kind === 'skipped') {
      options.note(`skipped ${name}: ${read.why}`);
      continue;
    }
    if (read.kind === 'failed') {
      errors.push(`cannot read ${name}: ${read.why}`);
      continue;
    }
    const { decoded, real } = read;
    let text = decoded.text;
    const uri = pathToFileURL(abs).href;
    const analysisOptions = { ...options.analysis, trustedSources: options.trusted, advisoryCatalog: options.advisoryCatalog };
    const input = { uri, text, options: analysisOptions, project, projectSettings };
    let result: AnalysisResult;
    let fixed;
    try {
      // The file as on disk, for the files that read it (and so its own folder's request is complete).
      project.putText(uri, text);
      prepareSync(projectInput(input), diskSource);
      result = analyze(input);
      const format = result.format;
      if (format && options.fix) fixed = fixText(text, (t) => analyze({ ...input, text: t, formatId: format }).findings);
    } catch (e) {
      // One file's crash must not cost the report of the others.
      errors.push(crashed(shown.path, e));
      continue;
    }
    if (!result.format) continue;
    let findings = result.findings;
    if (fixed && fixed.applied > 0) {
      // Kept in the report with its findings when the write is refused or fails: nothing was changed.
      try {
        replaceFile(real, writable(fixed.text, decoded));
        text = fixed.text;
        project.changed(uri);
        findings = fixed.findings;
        fixesApplied += fixed.applied;
      } catch (e) {
        errors.push(`cannot write ${name}: ${e instanceof WriteError ? e.message : describeError(e)}; the file is unchanged`);
      }
    }
    // The other files related locations point into, with their text to position them.
    const pointed = new Set(findings.flatMap((f) => f.related.flatMap((r) => (r.uri ? [r.uri] : []))));
    const related = [...pointed].flatMap((u) => {
      const other = project.read(u);
      if (typeof other !== 'string') return [];
      const shownAs = displayPaths(fileURLToPath(u), options.cwd);
      return [{ uri: u, text: other, path: shownAs.path, sarifUri: shownAs.uri }];
    });
    files.push({ ...shown, text, format: result.format, findings, ...(related.length ? { companions: related } : {}) });
  }
  return { report: { root: options.cwd, files, ...(options.fix ? { fixesApplied } : {}) }, errors };
}
