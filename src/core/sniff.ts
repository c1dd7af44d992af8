/** A cheap first look at a document, before any reader is loaded: could some format claim it? It must say yes
 *  whenever a format's `detect` does (a unit test checks this over every fixture); a yes that detection then
 *  turns down only costs loading the readers. Imports nothing that reads, so the editor's activation bundle stays
 *  small. The words are the commands and keys detection looks for, not their mere names: a README that mentions
 *  iptables or Docker in prose is not claimed. */
import { headOf } from './formats/format';

/** Names some format claims by name alone (or with an empty text). */
const OWN_NAME =
  /(?:^|[\\/])(?:rules\.v[46]|[^\\/]*\.(?:rules|tf|tf\.json|bicep|nft|pf|ios|asa)|nftables\.conf|pf\.conf(?:\.[\w.-]+)?|Vagrantfile|(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml|ip6?tables(?:\.conf)?|ip6?tables-save[^\\/]*)$/i;

/** Words one of which some format's detection needs in the head of a document. Each is one linear scan. */
const WORDS: readonly RegExp[] = [
  // iptables-save and iptables scripts (a `$IPT` variable included); ufw; nftables; firewalld.
  /^\*[a-z]+[ \t]*\r?$|^(?::[A-Za-z][\w-]* |-A )|ip6?tables(?:-legacy|-nft)?[ \t]+-|\$\{?[A-Z0-9_]*IP6?T|^[ \t]*(?:sudo[ \t]+)?\S*ufw[ \t]+[a-z-]/m,
  /^#![^\r\n]*\bnft\b/,
  /\bnft[ \t]+(?:-|['"]?(?:add|insert|create|flush|delete)\b)|\$\{?NFT\b|^[ \t]*(?:flush[ \t]+ruleset|(?:add|insert|create)[ \t]+(?:table|chain|rule)[ \t]|table[ \t]+(?:ip6?|inet|arp|bridge|netdev)[ \t])|firewall-(?:offline-)?cmd|<zone[\s/>]/m,
  // pf; Cisco IOS/ASA.
  /^[ \t]*(?:(?:pass|block)(?:[ \t]+(?:drop|return|log|quick))*[ \t]+(?:in|out)\b|set[ \t]+skip[ \t])|access-list|^(?:Building configuration|Current configuration|: Saved|ASA Version)/m,
  // Windows Firewall and SMB1 switches.
  /netsh|NetFirewall|SmbServerConfiguration|WindowsOptionalFeature|WindowsFeature|\bdism\b/i,
  // CloudFormation, ARM, Kubernetes, Helm output, Compose, Ansible modules and plays.
  /AWSTemplateFormatVersion|AWS::|networksecuritygroups|^apiVersion:|^# Source: |^services:|^[ \t]*(?:-[ \t]+)?[\w.]*(?:ufw|firewalld|iptables|ec2_security_group|ec2_group|azure_rm_securitygroup|gcp_compute_firewall|action)[ \t]*:|^(?:-[ \t]+|[ \t]+)hosts[ \t]*:/im,
  // `terraform show -json` plans and states.
  /^\s*\{\s*"format_version"\s*:\s*"[\d.]+"\s*,\s*"terraform_version"\s*:/,
  // Containers run from scripts, CI files and runbooks.
  /(?:docker|podman|nerdctl)[ \t]+(?:container[ \t]+|service[ \t]+)?(?:run|create)\b/,
];

/** Helm templates: YAML under a chart with Go template actions. */
const YAML_NAME = /\.ya?ml$/i;
const TEMPLATE = /\{\{/;
/** NixOS: a .nix file that configures the firewall or Samba. */
const NIX_NAME = /\.nix$/i;
const NIX = /allowed(?:TCP|UDP)Ports|trustedInterfaces|\bfirewall\b|\bsamba\b/;

/** True when some format could claim this document; false means none will, so no reader needs loading. */
export function mayClaim(uri: string, text: string): boolean {
  const path = uri.slice(0, uri.search(/[?#]|$/));
  if (OWN_NAME.test(path)) return true;
  const head = headOf(text);
  if (YAML_NAME.test(path) && TEMPLATE.test(head)) return true;
  if (NIX_NAME.test(path) && NIX.test(head)) return true;
  return WORDS.some((w) => w.test(head));
}
