// Lists the files under a folder, skipping .git, node_modules and what git ignores (or .gitignore, without git).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileGlob, type Glob } from '../core/text/glob';
import { describeError, printablePath } from './errors';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export interface WalkOptions {
  /** Ask git what is ignored (default true); false uses the .gitignore fallback only. */
  useGit?: boolean;
}

export interface WalkResult {
  /** Absolute paths, sorted. */
  files: string[];
  /** One-line messages for folders that could not be read and .gitignore patterns that could not be used. */
  errors: string[];
  /** Entries skipped on purpose (FIFOs, sockets, devices, names that are not UTF-8), with why. */
  skipped: { path: string; why: string }[];
}

type IgnoreCheck = (rel: string, isDir: boolean) => boolean;

export function walk(dir: string, options: WalkOptions = {}): WalkResult {
  const ignored = (options.useGit ?? true) ? gitIgnored(dir) : undefined;
  const files: string[] = [];
  const errors: string[] = [];
  const skipped: WalkResult['skipped'] = [];
  const visit = (abs: string, checks: IgnoreCheck[]) => {
    let entries;
    try {
      // Names as bytes: a name that is not UTF-8 would otherwise come back as U+FFFD and "not exist".
      entries = readdirSync(abs, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      errors.push(`cannot read folder ${printablePath(abs)}: ${describeError(e)}`);
      return;
    }
    const here = ignored ? checks : [...checks, ...gitignoreCheck(abs, dir, errors)];
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      if (ALWAYS_SKIPPED.has(name)) continue;
      const path = join(abs, name);
      if (!Buffer.from(name, 'utf8').equals(entry.name)) {
        skipped.push({ path: abs, why: `its entry ${quoteBytes(entry.name)} has a name that is not valid UTF-8` });
        continue;
      }
      const rel = relative(dir, path).split(sep).join('/');
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        // Follow links to files; never links to folders (they can loop). The scan checks where they lead.
        const target = statSafe(path);
        if (!target || target.isDirectory()) continue;
        if (!target.isFile()) {
          skipped.push({ path, why: 'link to a FIFO, socket or device' });
          continue;
        }
        isDir = false;
      } else if (!isDir && !entry.isFile()) {
        skipped.push({ path, why: 'a FIFO, socket or device' });
        continue;
      }
      if (ignored ? ignored.has(isDir ? `${rel}/` : rel) : here.some((c) => c(rel, isDir))) continue;
      if (isDir) visit(path, here);
      else files.push(path);
    }
  };
  visit(dir, []);
  return { files: files.sort(), errors, skipped };
}

/** A file name's bytes, quoted, with every byte outside printable ASCII as \xHH (as git quotes paths). */
function quoteBytes(name: Buffer): string {
  const printable = (b: number) => b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c;
  return `"${[...name].map((b) => (printable(b) ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}"`;
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Ignored paths under `dir` (relative, '/'-separated, folders with a trailing '/'), or undefined without git. */
export function gitIgnored(dir: string): Set<string> | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return new Set(out.split('\0').filter(Boolean));
  } catch {
    return undefined; // git missing, or not a work tree
  }
}

/** Checks for the simple patterns of `folder/.gitignore` (globs, '/', '**', '!'), relative to `root`. */
function gitignoreCheck(folder: string, root: string, errors: string[]): IgnoreCheck[] {
  let text: string;
  try {
    text = readFileSync(join(folder, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  const base = relative(root, folder).split(sep).join('/');
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => {
      try {
        return [parsePattern(l)];
      } catch (e) {
        // Reported, and the pattern ignored: the rest of the scan goes on.
        errors.push(`cannot use the .gitignore pattern ${JSON.stringify(l)} in ${printablePath(folder)}: ${describeError(e)}`);
        return [];
      }
    });
  if (!rules.length) return [];
  // Last matching pattern wins, as in git; only folders pruned here are skipped, so one check per file suffices.
  return [
    (rel, isDir) => {
      const local = base ? rel.slice(base.length + 1) : rel;
      let result = false;
      for (const r of rules) {
        if (r.dirOnly && !isDir) continue;
        if (r.glob.test(r.anchored ? local : local.slice(local.lastIndexOf('/') + 1))) result = !r.negated;
      }
      return result;
    },
  ];
}

function parsePattern(line: string): { glob: Glob; anchored: boolean; dirOnly: boolean; negated: boolean } {
  let p = line;
  const negated = p.startsWith('!');
  if (negated) p = p.slice(1);
  if (p.startsWith('\\')) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  // git's own matcher semantics (wildmatch): a bad class such as [z-a] never throws.
  return { glob: compileGlob(p, 'git'), anchored, dirOnly, negated };
}
