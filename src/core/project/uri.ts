/** Folder arithmetic on URI strings ("file:///repo/m/main.tf", "vscode-vfs://github/o/r/m/main.tf", or a plain
 *  path in tests). Pure string work: the core never touches a file system. Separators are '/' except in a plain
 *  Windows path, whose '\' is kept. */

/** The folder of `uri`, ending in its separator ("file:///repo/m/"); '' for a bare name. */
export function folderOf(uri: string): string {
  const at = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
  return at < 0 ? '' : uri.slice(0, at + 1);
}

/** The last segment of `uri` (a file name, or a folder name without its separator). */
export function nameOf(uri: string): string {
  const trimmed = /[\\/]$/.test(uri) ? uri.slice(0, -1) : uri;
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** `rel` ("./net", "../modules/sg", "a/b.tfvars") resolved against `folder` (which ends in a separator); a `rel`
 *  that is a URI is returned as is. Undefined when `..` climbs past the root. With `asFolder` the result ends in
 *  the separator. */
export function joinUri(folder: string, rel: string, asFolder = false): string | undefined {
  const scheme = /^[a-z][\w+.-]*:\/\/[^/]*/i;
  if (scheme.test(rel)) return asFolder && !/[\\/]$/.test(rel) ? `${rel}/` : rel;
  const head = scheme.exec(folder)?.[0] ?? '';
  const sep = !head && folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  // "/x" is absolute within the same scheme and authority.
  const base = rel.startsWith('/') ? '' : folder.slice(head.length);
  const rooted = (rel.startsWith('/') ? rel : base).startsWith('/') || /^[a-z]:\\/i.test(base);
  const parts: string[] = [];
  for (const seg of `${base}${sep}${rel}`.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') parts.push(seg);
    else if (parts.length <= (/^[a-z]:$/i.test(parts[0] ?? '') ? 1 : 0)) return undefined;
    else parts.pop();
  }
  const path = (rooted && !/^[a-z]:\\/i.test(base) ? sep : '') + parts.join(sep);
  return head + path + (asFolder && parts.length ? sep : '');
}
