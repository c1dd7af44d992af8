/** Which advisories stand behind a finding: those whose exposures name the finding's service and direction. */
import type { SmbService } from '../types';
import { BUILTIN_CATALOG, type AdvisoryCatalog } from './catalog';
import type { ExposureDirection } from './model';

/** Advisory ids for exposed services in one direction, in the catalog's threat order. A service no advisory
 *  names (a custom port, UDP 138) gets none: no advisory is better than a wrong one. */
export function advisoriesFor(
  services: readonly SmbService[],
  direction: ExposureDirection,
  catalog: AdvisoryCatalog = BUILTIN_CATALOG,
): string[] {
  return catalog.advisories
    .filter((a) => a.exposures.some((e) => e.direction === direction && services.some((s) => s.protocol === e.protocol && s.port === e.port)))
    .map((a) => a.id);
}

/** Advisory ids for SMBv1 being switched on: the flaws in the SMBv1 server. */
export function advisoriesForSmbv1(catalog: AdvisoryCatalog = BUILTIN_CATALOG): string[] {
  return catalog.advisories.filter((a) => a.smbv1 === true).map((a) => a.id);
}
