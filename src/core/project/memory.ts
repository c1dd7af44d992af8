/** A file tree held in memory (tests, or a host with the texts at hand): file URIs or paths to texts. */
import type { SyncSource } from './prepare';

export function memorySource(files: Readonly<Record<string, string>>): SyncSource {
  const uris = Object.keys(files);
  return {
    list(folder) {
      const names = new Set<string>();
      for (const u of uris) {
        if (!u.startsWith(folder) || u === folder) continue;
        const rest = u.slice(folder.length);
        const cut = rest.search(/[\\/]/);
        names.add(cut < 0 ? rest : `${rest.slice(0, cut)}/`);
      }
      return names.size ? [...names].sort() : null;
    },
    read: (uri) => (Object.prototype.hasOwnProperty.call(files, uri) ? files[uri] : null),
  };
}
