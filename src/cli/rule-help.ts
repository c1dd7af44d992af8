// Long descriptions and remediation help per rule for SARIF; the core's RuleMeta only has a title.
import type { RuleId } from '../core/index';

export interface RuleHelp {
  description: string;
  help: string;
}

export const ruleHelp: Record<RuleId, RuleHelp> = {
  'smb-internet-exposure': {
    description:
      'A rule accepts SMB (TCP 445) or NetBIOS (TCP 139, UDP 137/138) from public internet addresses. Internet-facing SMB is what MS05-027 scanning, Conficker (MS08-067) and WannaCry (MS17-010) spread through.',
    help: 'Nothing on the internet should reach ports 445, 139, 137 or 138. Restrict the source to the hosts that need file sharing (smb-guard scan --trusted CIDR --fix), remove the SMB ports from the rule, or turn it into a deny; reach shares from outside through a VPN.',
  },
  'smb-broad-private-exposure': {
    description:
      'A rule accepts SMB or NetBIOS from a whole private block or a range wider than /16 (IPv4) or /48 (IPv6). One infected machine anywhere in that range can reach the share, as WannaCry did inside networks.',
    help: 'Narrow the source to the subnets or hosts that actually need file sharing.',
  },
  'smb-default-policy-exposure': {
    description:
      'No rule decides SMB or NetBIOS traffic, so a default-accept policy admits it from the internet or a broad private range: exposure nobody wrote down.',
    help: 'Deny TCP 445, TCP 139 and UDP 137/138 at the end of the chain, or make the default policy DROP and allow only what is needed.',
  },
  'smb-outbound-internet': {
    description:
      'A rule explicitly allows SMB or NetBIOS out to public addresses. An infected host can spread outwards, and Windows sends NTLM credentials to any SMB server it is lured to.',
    help: 'Restrict the destination to known file servers, or deny outbound TCP 445 and 139 to the internet.',
  },
  'smb-smbv1-enabled': {
    description:
      'A command or setting switches SMBv1 on (Set-SmbServerConfiguration -EnableSMB1Protocol $true, Enable-WindowsOptionalFeature SMB1Protocol). SMBv1 is the protocol EternalBlue (MS17-010) attacks, the transport of WannaCry and NotPetya.',
    help: 'Keep SMBv1 off (-EnableSMB1Protocol $false, Disable-WindowsOptionalFeature -FeatureName SMB1Protocol); every supported Windows speaks SMB 2 and 3. Replace the device or client that still needs SMBv1.',
  },
  'smb-parse-error': {
    description: 'Part of the file could not be parsed, so the rules there were not checked for SMB exposure.',
    help: 'Check the syntax of the reported line; SMB Guard skips what it cannot read and checks the rest.',
  },
};
