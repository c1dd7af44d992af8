// Reads the other files a document's analysis needs (a Helm template's values files) next to it on disk.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { companionUris, type Companion } from '../core/index';
import { MAX_FILE_BYTES } from './read';

/** The companions of the document at `uri` (a file URL) that exist and are small enough; others are left out
 *  (a template without its values.yaml has unknown values). `valuesFiles` override values.yaml, in order. */
export function readCompanions(uri: string, valuesFiles: readonly string[] = []): Companion[] {
  const out: Companion[] = [];
  for (const u of companionUris(uri, valuesFiles)) {
    try {
      const path = fileURLToPath(u);
      if (statSync(path).size > MAX_FILE_BYTES) continue;
      out.push({ uri: u, text: readFileSync(path, 'utf8') });
    } catch {
      // Missing or unreadable: the values stay unknown.
    }
  }
  return out;
}
