// Opens the files a scan may read: regular files inside the scanned roots, never FIFOs, devices or sockets.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { decode, type Codec, type Decoded } from './encoding';
import { describeError } from './errors';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadOutcome =
  /** Skipped on purpose: a note on standard error, no effect on the exit code. */
  | { kind: 'skipped'; why: string }
  /** Could not be read: an error, exit code 2. */
  | { kind: 'failed'; why: string }
  /** `real` is the file's real path (symbolic links resolved): --fix writes there. */
  | { kind: 'read'; real: string; decoded: Decoded };

/**
 * The real folders a scan may read under: each folder named on the command line, and the folder of each file
 * named there. A symbolic link whose target is outside all of them is skipped: a repository cannot make the
 * scan read, report or rewrite /etc/… through a link.
 */
export function scanRoots(paths: readonly string[], cwd: string): string[] {
  const roots: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      roots.push(realpathSync(statSync(abs).isDirectory() ? abs : dirname(abs)));
    } catch {
      // reported as a missing path before the scan starts
    }
  }
  return roots;
}

const inside = (path: string, root: string) => {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** What kind of not-a-file this is, for the skip note. */
function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

// O_NONBLOCK: even if a FIFO replaces the file between the check and the open, opening it cannot hang.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** True when the first 8 KB hold a NUL byte, as git decides (not for UTF-16, where NUL bytes are normal). */
const isBinary = (bytes: Uint8Array) => bytes.subarray(0, 8192).includes(0);

export function readCandidate(abs: string, roots: readonly string[], codec?: Codec): ReadOutcome {
  let real: string;
  try {
    real = realpathSync(abs);
    // Only a symbolic link (of the file or of a folder on its way) can lead out of the roots.
    if (!roots.some((r) => inside(real, r))) return { kind: 'skipped', why: 'symbolic link to a file outside the scanned folders' };
    const stat = statSync(real);
    if (!stat.isFile()) return { kind: 'skipped', why: kindOf(stat) };
    if (stat.size > MAX_FILE_BYTES) return { kind: 'skipped', why: 'larger than 5 MB' };
  } catch (e) {
    return { kind: 'failed', why: describeError(e) };
  }
  let bytes: Buffer;
  try {
    const fd = openSync(real, OPEN_FLAGS);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { kind: 'skipped', why: kindOf(stat) };
      if (stat.size > MAX_FILE_BYTES) return { kind: 'skipped', why: 'larger than 5 MB' };
      bytes = Buffer.alloc(stat.size);
      let n = 0;
      while (n < bytes.length) {
        const got = readSync(fd, bytes, n, bytes.length - n, n);
        if (got === 0) break; // the file shrank meanwhile
        n += got;
      }
      bytes = bytes.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { kind: 'failed', why: describeError(e) };
  }
  const decoded = decode(bytes, codec);
  // UTF-16 text is full of NUL bytes; only 8-bit text can be told from binary by them.
  if (!decoded.codec.name.startsWith('utf-16') && isBinary(bytes)) return { kind: 'skipped', why: 'binary file' };
  return { kind: 'read', real, decoded };
}
