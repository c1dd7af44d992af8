/**
 * Flags SMBv1 being switched on. SMBv1 is the protocol EternalBlue (MS17-010) and the WannaCry and NotPetya
 * worms used; no firewall rule makes it safe where SMB is reachable at all.
 */
import type { SettingRuleDef } from './rule';

const rule: SettingRuleDef = {
  meta: { id: 'smb-smbv1-enabled', severity: 'warning', title: 'SMBv1 is switched on', fixable: true },
  check(setting) {
    if (setting.kind !== 'smbv1-enabled') return undefined;
    return {
      message: 'This switches SMBv1 on. SMBv1 is the protocol EternalBlue (MS17-010) attacks; WannaCry and NotPetya spread through it. Keep it off and use SMB 2 or 3.',
      span: setting.span,
    };
  },
};
export default rule;
