/** Glob patterns (`**`, `*`, `?`, `{a,b}`, `[…]`) to case-insensitive RegExps, for `smbGuard.exclude` and name hints. */

const cache = new Map<string, RegExp>();

/** Matches a whole '/'-separated path. `**` spans folders, `*` and `?` stay inside one segment. */
export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // '**/' matches zero or more whole folders; a bare '**' matches anything.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\').replace(/^!/, '^');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  while (depth-- > 0) re += ')';
  const out = new RegExp(`^${re}$`, 'i');
  if (cache.size > 200) cache.clear();
  cache.set(glob, out);
  return out;
}

/** True when `path` (forward slashes, relative to its workspace folder) matches any glob. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => {
    const re = globToRegExp(g);
    // A glob without a folder part ("*.bak") also matches base names, so it applies in every folder.
    return re.test(p) || (!g.includes('/') && re.test(p.slice(p.lastIndexOf('/') + 1)));
  });
}
