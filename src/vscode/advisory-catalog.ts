/** The advisory catalog the extension shows: the built-in one, merged with the organisation's overlay when set. */
import { BUILTIN_CATALOG, type AdvisoryCatalog } from '../core/advisories/catalog';

let current: AdvisoryCatalog = BUILTIN_CATALOG;

export function currentCatalog(): AdvisoryCatalog {
  return current;
}

export function setCurrentCatalog(catalog: AdvisoryCatalog): void {
  current = catalog;
}
