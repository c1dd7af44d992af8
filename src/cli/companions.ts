// The CLI's file source for the core's project view: folders listed and files read from disk, by file URL.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SyncSource } from '../core/index';
import { MAX_FILE_BYTES } from './read';

/** Lists and reads by file URL; missing, unreadable and over-size files are null (their values stay unknown). */
export const diskSource: SyncSource = {
  list(folder) {
    const entries = readdirSync(fileURLToPath(folder), { withFileTypes: true });
    return entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  },
  read(uri) {
    const path = fileURLToPath(uri);
    if (statSync(path).size > MAX_FILE_BYTES) return null;
    return readFileSync(path, 'utf8');
  },
};
