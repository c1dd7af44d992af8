// Reads the files under the given paths, analyses those a format claims and, with --fix, fixes them.
import { openSync, readSync, closeSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../core/index';
import type { AdvisoryCatalog } from '../core/advisories/catalog';
import { fixText } from './fix';
import type { ScanReport, ScannedFile } from './report';
import { walk } from './walk';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ScanOptions {
  /** Files or folders, as given on the command line. */
  paths: string[];
  /** The scan root: reported paths and SARIF URIs are relative to it. */
  cwd: string;
  trusted: string[];
  fix: boolean;
  useGit?: boolean;
  /** The built-in catalog merged with --advisories-overlay, when given. */
  advisoryCatalog?: AdvisoryCatalog;
  /** Receives notes about skipped files. */
  note: (message: string) => void;
}

export interface ScanOutcome {
  report: ScanReport;
  /** One-line I/O errors; any of them makes the exit code 2. */
  errors: string[];
}

/** Paths that do not exist, as one-line messages. */
export function missingPaths(paths: readonly string[], cwd: string): string[] {
  return paths.filter((p) => !exists(resolve(cwd, p))).map((p) => `path not found: ${p}`);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function collect(options: ScanOptions, errors: string[]): string[] {
  const files = new Set<string>();
  for (const p of options.paths) {
    const abs = resolve(options.cwd, p);
    if (statSync(abs).isDirectory()) {
      const found = walk(abs, { useGit: options.useGit });
      found.files.forEach((f) => files.add(f));
      errors.push(...found.errors);
    } else files.add(abs);
  }
  return [...files].sort();
}

/** True when the first 8 KB hold a NUL byte, as git decides. */
function isBinary(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

export function displayPaths(abs: string, root: string): { path: string; uri: string } {
  const rel = relative(root, abs);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { path: abs, uri: pathToFileURL(abs).href };
  const parts = rel.split(sep);
  return { path: parts.join('/'), uri: parts.map(encodeURIComponent).join('/') };
}

export function scan(options: ScanOptions): ScanOutcome {
  const errors: string[] = [];
  const files: ScannedFile[] = [];
  let fixesApplied = 0;
  for (const abs of collect(options, errors)) {
    const shown = displayPaths(abs, options.cwd);
    let text: string;
    try {
      const size = statSync(abs).size;
      if (size > MAX_FILE_BYTES) {
        options.note(`skipped ${shown.path}: larger than 5 MB`);
        continue;
      }
      if (isBinary(abs)) {
        options.note(`skipped ${shown.path}: binary file`);
        continue;
      }
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      errors.push(`cannot read ${shown.path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      continue;
    }
    const uri = pathToFileURL(abs).href;
    const analysisOptions = { trustedSources: options.trusted, advisoryCatalog: options.advisoryCatalog };
    const result = analyzeText({ uri, text, options: analysisOptions });
    if (!result.format) continue;
    let findings = result.findings;
    if (options.fix) {
      const fixed = fixText(text, (t) => analyzeText({ uri, text: t, formatId: result.format, options: analysisOptions }).findings);
      if (fixed.applied > 0) {
        try {
          writeFileSync(abs, fixed.text, 'utf8');
        } catch (e) {
          errors.push(`cannot write ${shown.path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
          continue;
        }
        text = fixed.text;
        findings = fixed.findings;
        fixesApplied += fixed.applied;
      }
    }
    files.push({ ...shown, text, format: result.format, findings });
  }
  return { report: { root: options.cwd, files, ...(options.fix ? { fixesApplied } : {}) }, errors };
}
