// Writes that cannot lose data: a temporary file next to the original, flushed, then renamed over it.
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Why a write was refused or failed, as a one-line message. */
export class WriteError extends Error {}

/** No write bit at all: the owner marked the file read-only, which root would otherwise ignore. */
export function isReadOnly(stat: Stats): boolean {
  return (stat.mode & 0o222) === 0;
}

/**
 * Replaces the regular file `path` (not a symbolic link: pass its real path) with `bytes`. The original stays
 * byte-identical until the rename, which is atomic within a folder, so a full disk, a file-size limit or a
 * killed process leaves either the old file or the new one. Keeps the mode, and the owner where the process
 * may set it (as root); a file whose owner cannot be kept is not written.
 */
export function replaceFile(path: string, bytes: Uint8Array): void {
  const before = statSync(path);
  if (!before.isFile()) throw new WriteError('not a regular file');
  if (isReadOnly(before)) throw new WriteError('the file is read-only');
  // O_EXCL: never write through a link someone planted under the temporary name.
  const temp = join(dirname(path), `.${basename(path)}.smb-guard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  let renamed = false;
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fchmodSync(fd, before.mode & 0o7777);
    if (process.getuid && (before.uid !== process.getuid() || before.gid !== process.getgid?.())) {
      try {
        fchownSync(fd, before.uid, before.gid);
      } catch {
        throw new WriteError(`cannot keep its owner (uid ${before.uid}, gid ${before.gid})`);
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      try {
        unlinkSync(temp);
      } catch {
        // nothing to clean up
      }
    }
  }
}
