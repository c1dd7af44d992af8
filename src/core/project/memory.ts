/** A file tree held in memory (tests, benchmarks, or a host with the texts at hand): file URIs or paths to texts. */
import type { SyncSource } from './prepare';

export function memorySource(files: Readonly<Record<string, string>>): SyncSource {
  // Every folder's names, worked out once: each file's ancestors get its next segment.
  const folders = new Map<string, Set<string>>();
  for (const uri of Object.keys(files)) {
    const scheme = /^[a-z][\w+.-]*:\/\/[^/]*\//i.exec(uri)?.[0].length ?? 0;
    for (let at = uri.length; (at = Math.max(uri.lastIndexOf('/', at - 1), uri.lastIndexOf('\\', at - 1))) >= scheme - 1 && at >= 0; ) {
      const folder = uri.slice(0, at + 1);
      const rest = uri.slice(at + 1);
      const cut = rest.search(/[\\/]/);
      let names = folders.get(folder);
      if (!names) folders.set(folder, (names = new Set()));
      names.add(cut < 0 ? rest : `${rest.slice(0, cut)}/`);
      if (at === 0) break;
    }
  }
  return {
    list: (folder) => (folders.has(folder) ? [...folders.get(folder)!].sort() : null),
    read: (uri) => (Object.prototype.hasOwnProperty.call(files, uri) ? files[uri] : null),
  };
}
