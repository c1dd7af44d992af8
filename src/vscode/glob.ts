/** `smbGuard.exclude` globs and file-name hints (`**`, `*`, `?`, `{a,b}`, `[…]`, any case), by the core's linear matcher. */
import { compileGlob, type Glob } from '../core/text/glob';

const cache = new Map<string, Glob>();

/** Matches a whole '/'-separated path. `**` spans folders, `*` and `?` stay inside one segment. */
export function compiledGlob(glob: string): Glob {
  const hit = cache.get(glob);
  if (hit) return hit;
  const out = compileGlob(glob, 'vscode');
  if (cache.size > 200) cache.clear();
  cache.set(glob, out);
  return out;
}

/** True when `path` (forward slashes, relative to its workspace folder) matches any glob. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => {
    const glob = compiledGlob(g);
    // A glob without a folder part ("*.bak") also matches base names, so it applies in every folder.
    return glob.test(p) || (!g.includes('/') && glob.test(p.slice(p.lastIndexOf('/') + 1)));
  });
}
