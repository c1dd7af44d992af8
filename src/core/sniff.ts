/** A cheap first look at a document, before any reader is loaded: could some format claim it? It must say yes
 *  whenever a format's `detect` does (a unit test checks this over every fixture); a yes that detection then
 *  turns down only costs loading the readers. Imports nothing, so the editor's activation bundle stays small. */
import { headOf } from './formats/format';

/** Names some format claims by name alone (or with an empty text). */
const OWN_NAME =
  /(?:^|[\\/])(?:rules\.v[46]|[^\\/]*\.(?:rules|tf|tf\.json|bicep|nft|pf|ios|asa)|nftables\.conf|pf\.conf(?:\.[\w.-]+)?|Vagrantfile|(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml|ip6?tables(?:\.conf)?|ip6?tables-save[^\\/]*)$/i;

/** Words one of which each format's detection needs in the head of a document, format by format. Plain
 *  substrings and anchored words only: each is one linear scan. */
const WORDS: readonly RegExp[] = [
  // iptables scripts and iptables-save (a `$IPT` variable included), ufw, nftables, firewalld.
  /ip6?tables|\$\{?[A-Z0-9_]*IP6?T|^\*[a-z]+[ \t]*\r?$|^-A |\bufw\b|\bnft\b|\$\{?NFT\b|flush[ \t]+ruleset|^[ \t]*(?:add|insert|create)[ \t]+(?:table|chain|rule)\b|^[ \t]*table[ \t]|firewall-(?:offline-)?cmd|<zone[\s/>]/m,
  // pf, Cisco IOS/ASA.
  /^[ \t]*(?:pass|block|set[ \t]+skip)\b|access-list|^(?:Building configuration|Current configuration|: Saved|ASA Version)/m,
  // Windows Firewall and SMB1 switches.
  /netsh|NetFirewall|SmbServerConfiguration|WindowsOptionalFeature|WindowsFeature|\bdism\b/i,
  // CloudFormation, ARM, Kubernetes, Helm, Compose, Ansible.
  /AWSTemplateFormatVersion|AWS::|networksecuritygroups|^apiVersion:|\{\{|^# Source: |^services:|^[ \t]*(?:-[ \t]+)?(?:local_)?action[ \t]*:|^(?:-[ \t]+|[ \t]+)hosts[ \t]*:|firewalld|ec2_security_group|ec2_group|azure_rm_securitygroup|gcp_compute_firewall/im,
  // Containers run from scripts, NixOS, Vagrant.
  /\b(?:docker|podman|nerdctl)\b|allowed(?:TCP|UDP)Ports|trustedInterfaces|\bfirewall\b|\bsamba\b|\.vm\.network\b/i,
];

/** True when some format could claim this document; false means none will, so no reader needs loading. */
export function mayClaim(uri: string, text: string): boolean {
  const path = uri.slice(0, uri.search(/[?#]|$/));
  if (OWN_NAME.test(path)) return true;
  const head = headOf(text);
  return WORDS.some((w) => w.test(head));
}
