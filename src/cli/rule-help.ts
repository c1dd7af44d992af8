// Long descriptions, remediation help (text and Markdown), CWE tags and the security-severity rationale per rule
// for SARIF. The advisory part of the Markdown is generated from the catalog, so it cannot drift from the data.
import type { RuleId } from '../core/index';
import { advisoriesForRule } from '../core/advisories/for-rule';
import { topAdvisories } from '../core/advisories/top';

export interface RuleHelp {
  description: string;
  help: string;
  /** Why the finding matters, in a sentence or two. */
  why: string;
  /** CWE ids for `external/cwe/cwe-N` tags. */
  cwe: number[];
}

/** GitHub code scanning maps 9.0+ to critical, 7.0–8.9 high, 4.0–6.9 medium, below that low. */
export const SECURITY_SEVERITY_RATIONALE: Record<'error' | 'warning' | 'note', string> = {
  error:
    '9.8 (critical): SMB reachable from the internet faces unauthenticated, wormable server flaws that CISA lists as exploited with known ransomware use (MS17-010, CVE-2020-0796); 9.8 is the CVSS base score of such a flaw (AV:N/AC:L/PR:N/UI:N, full impact).',
  warning:
    '6.5 (medium): exposure to a broad internal range, an unwritten default policy or SMBv1: the same flaws, but the attacker must already be inside the network or hold credentials.',
  note: '3.0 (low): a configuration that enables an attack (outbound SMB, NTLM leaks) rather than one that exposes a server.',
};

const FIX_EXPOSURE = [
  '| Format | Fix |',
  '|---|---|',
  '| iptables, nftables, pf, Cisco ACL | Narrow the rule\'s source to the hosts that need file sharing, or drop TCP 445/139 and UDP 137/138 before it. |',
  '| ufw, firewalld | `ufw allow from CIDR to any port 445 proto tcp`; in firewalld, a rich rule with a source address instead of the `samba` service in a public zone. |',
  '| Windows Firewall | Set `-RemoteAddress` of the File and Printer Sharing rules to `LocalSubnet` or your CIDRs. |',
  '| Terraform, CloudFormation, ARM, Kubernetes, Compose, Ansible | Replace `0.0.0.0/0`, `::/0`, `*` or `Internet` in the security-group / NSG / policy rule with trusted CIDRs; do not publish 445 or 139. |',
].join('\n');

const FIX_OUTBOUND = [
  '| Format | Fix |',
  '|---|---|',
  '| iptables, nftables, pf, Cisco ACL, ufw, firewalld | Narrow the destination to known file servers, or drop outbound TCP 445/139 to the internet. |',
  '| Windows Firewall | Limit the SMB-Out rules\' `-RemoteAddress` to your file servers. On Windows builds that have it, `Set-SmbClientConfiguration -BlockNTLM $true` stops NTLM over SMB. |',
  '| Cloud security groups / NSGs | Remove egress to `0.0.0.0/0` on 445 and 139. |',
].join('\n');

export const ruleHelp: Record<RuleId, RuleHelp> = {
  'smb-internet-exposure': {
    description:
      'A rule accepts SMB (TCP 445, or TCP 139 where the NetBIOS session service carries full SMB) or the NetBIOS name and datagram services (UDP 137/138) from public internet addresses.',
    why:
      'Internet-wide scans look for open TCP 445: in June 2005 they probed for the newly patched MS05-027 flaw, and worms such as Zotob (MS05-039), Conficker (MS08-067) and WannaCry (MS17-010) spread through it. UDP 137/138 carry no SMB sessions, but expose name spoofing (BadTunnel) and host and user names.',
    help: 'Nothing on the internet should reach ports 445, 139, 137 or 138. Restrict the source to the hosts that need file sharing (smb-guard scan --trusted CIDR --fix), remove the SMB ports from the rule, or turn it into a deny; reach shares from outside through a VPN.',
    cwe: [668],
  },
  'smb-broad-private-exposure': {
    description:
      'A rule accepts SMB or NetBIOS from a whole private block or a range wider than /16 (IPv4) or /48 (IPv6).',
    why: 'One infected machine anywhere in that range can reach the share: WannaCry and Conficker spread this way inside networks.',
    help: 'Narrow the source to the subnets or hosts that actually need file sharing.',
    cwe: [668],
  },
  'smb-default-policy-exposure': {
    description:
      'No rule decides SMB or NetBIOS traffic, so a default-accept policy admits it from the internet or a broad private range.',
    why: 'An exposure nobody wrote down is one nobody reviews; it faces the same SMB server flaws as an explicit rule.',
    help: 'Deny TCP 445, TCP 139 and UDP 137/138 at the end of the chain, or make the default policy DROP and allow only what is needed.',
    cwe: [1188],
  },
  'smb-outbound-internet': {
    description: 'A rule explicitly allows SMB or NetBIOS out to public addresses.',
    why:
      'Windows sends the user\'s NTLM credentials to an SMB server it is lured to: Outlook (CVE-2023-23397, CVE-2024-21413) and crafted files (CVE-2025-24054) were exploited this way, and Microsoft\'s guidance for CVE-2023-23397 is to block TCP 445 outbound. An infected host can also spread outwards.',
    help: 'Restrict the destination to known file servers, or deny outbound TCP 445 and 139 to the internet.',
    cwe: [522],
  },
  'smb-smbv1-enabled': {
    description:
      'A command or setting switches SMBv1 on (Set-SmbServerConfiguration -EnableSMB1Protocol $true, Enable-WindowsOptionalFeature SMB1Protocol, Install-WindowsFeature FS-SMB1).',
    why: 'SMBv1 is the protocol EternalBlue (MS17-010) attacked for WannaCry and NotPetya, and CVE-2020-1301 is a later SMBv1 server flaw; every supported Windows speaks SMB 2 and 3.',
    help: 'Keep SMBv1 off (-EnableSMB1Protocol $false, Disable-WindowsOptionalFeature -FeatureName SMB1Protocol, Uninstall-WindowsFeature FS-SMB1). Replace the device or client that still needs SMBv1.',
    cwe: [477],
  },
  'smb-parse-error': {
    description: 'Part of the file could not be parsed, so the rules there were not checked for SMB exposure.',
    why: 'An exposure in the unparsed part would go unreported.',
    help: 'Check the syntax of the reported line; SMB Guard skips what it cannot read and checks the rest.',
    cwe: [],
  },
};

/** How to confirm the finding on a live host (the review's peer comparison: Datadog, CloudSploit give these). */
const VERIFY: Partial<Record<RuleId, string>> = {
  'smb-internet-exposure': 'From outside the network: `nmap -Pn -p139,445 --script smb-protocols,smb2-security-mode HOST` shows whether SMB answers, its dialects and whether signing is required.',
  'smb-broad-private-exposure': 'From another subnet in the range: `nmap -Pn -p139,445 --script smb-protocols HOST`.',
  'smb-default-policy-exposure': 'From outside the network: `nmap -Pn -p139,445 HOST`.',
  'smb-outbound-internet': 'On a client: `Test-NetConnection -ComputerName HOST -Port 445` (PowerShell) against a host you control outside the network shows whether TCP 445 gets out.',
  'smb-smbv1-enabled': 'On the host: `Get-SmbServerConfiguration | Select EnableSMB1Protocol, RequireSecuritySignature`.',
};

const ADVISORIES_DOC = 'https://github.com/smb-guard/smb-guard/blob/main/docs/advisories.md';

/** The advisory section of a rule's help, from the catalog: the top three, most exploited first, with links. */
export function advisoryMarkdown(ruleId: RuleId): string {
  const top = topAdvisories(advisoriesForRule(ruleId));
  if (!top.shown.length) return '';
  const lines = top.shown.map((a) => `- ${a.url ? `[${a.id}](${a.url})` : a.id}: ${a.title}. ${a.threat}.`);
  if (top.more) lines.push(`- ${top.more} more in [the advisory catalog](${ADVISORIES_DOC}).`);
  return `**Advisories, most exploited first** (${top.kevAsOf})\n\n${lines.join('\n')}`;
}

/** `help.markdown` of a rule: what, why, how to fix per format, advisories, severity rationale. */
export function helpMarkdown(ruleId: RuleId, level: 'error' | 'warning' | 'note'): string {
  const h = ruleHelp[ruleId];
  const fix = ruleId === 'smb-outbound-internet' ? FIX_OUTBOUND : ruleId === 'smb-smbv1-enabled' || ruleId === 'smb-parse-error' ? h.help : `${h.help}\n\n${FIX_EXPOSURE}`;
  const verify = VERIFY[ruleId] ? `**Verify**: ${VERIFY[ruleId]}` : '';
  const parts = [`**What**: ${h.description}`, `**Why it matters**: ${h.why}`, `**How to fix**\n\n${fix}`, verify, advisoryMarkdown(ruleId)];
  if (ruleId !== 'smb-parse-error') parts.push(`**Security severity** ${SECURITY_SEVERITY_RATIONALE[level]}`);
  if (h.cwe.length) parts.push(`**Weakness**: ${h.cwe.map((n) => `[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`).join(', ')}`);
  return parts.filter(Boolean).join('\n\n');
}
