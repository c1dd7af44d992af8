// One-line messages for file-system errors, and file names made safe to print.

const REASONS: Record<string, string> = {
  ENOENT: 'not found',
  ENOTDIR: 'not found',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a folder',
  ENAMETOOLONG: 'name too long',
  ENOSPC: 'no space left on the device',
  EFBIG: 'file too large for the file-size limit',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
};

/** "permission denied (EACCES)" for errno errors; the first line of the message for anything else. */
export function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return message.split(/\r?\n/, 1)[0];
}

// C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides (which reorder a line).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

/**
 * A file name as it can be printed on one line: unchanged when it is plain, otherwise quoted and escaped the
 * way git quotes paths ("a\nb"), so a name can never forge a report line. A plain name never starts with '"'.
 */
export function printablePath(path: string): string {
  if (!UNSAFE.test(path) && !path.startsWith('"')) return path;
  let out = '';
  for (const c of path) {
    const code = c.charCodeAt(0);
    if (ESCAPES[c]) out += ESCAPES[c];
    else if (UNSAFE.test(c)) out += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `"${out}"`;
}
