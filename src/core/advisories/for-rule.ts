/** The advisories a rule's findings typically carry (default SMB services), for rule help and rule pages. */
import { DEFAULT_SMB_SERVICES } from '../model/ports';
import type { RuleId } from '../types';
import { BUILTIN_CATALOG, type AdvisoryCatalog } from './catalog';
import { advisoriesFor, advisoriesForSmbv1 } from './select';

export function advisoriesForRule(ruleId: RuleId, catalog: AdvisoryCatalog = BUILTIN_CATALOG): string[] {
  switch (ruleId) {
    case 'smb-smbv1-enabled':
      return advisoriesForSmbv1(catalog);
    case 'smb-outbound-internet':
      return advisoriesFor(DEFAULT_SMB_SERVICES, 'outbound', catalog);
    case 'smb-parse-error':
      return [];
    default:
      return advisoriesFor(DEFAULT_SMB_SERVICES, 'inbound', catalog);
  }
}
