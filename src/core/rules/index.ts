/** All exposure rules, most severe first: a group is reported by the first rule that flags it. */
import smbInternetExposure from './smb-internet-exposure';
import smbBroadPrivateExposure from './smb-broad-private-exposure';
import smbDefaultPolicyExposure from './smb-default-policy-exposure';
import smbOutboundInternet from './smb-outbound-internet';
import smbSmbv1Enabled from './smb-smbv1-enabled';
import type { ExposureRuleDef, RuleMeta, SettingRuleDef } from './rule';
import type { RuleId } from '../types';

export const rules: readonly ExposureRuleDef[] = [
  smbInternetExposure,
  smbBroadPrivateExposure,
  smbDefaultPolicyExposure,
  smbOutboundInternet,
];

/** Rules over host settings rather than traffic. */
export const settingRules: readonly SettingRuleDef[] = [smbSmbv1Enabled];

/** Metadata of every rule id, including the parse-problem pseudo-rule. */
export const ruleMetas: Record<RuleId, RuleMeta> = {
  ...Object.fromEntries([...rules, ...settingRules].map((r) => [r.meta.id, r.meta])),
  'smb-parse-error': { id: 'smb-parse-error', severity: 'warning', title: 'The file could not be fully parsed', fixable: false },
} as Record<RuleId, RuleMeta>;
