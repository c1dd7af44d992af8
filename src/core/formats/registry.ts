/** Every supported format, and detection of a document's format by name and content. */
import type { FormatModule } from './format';
import { iptables } from './iptables/index';
import { ufw } from './ufw/index';
import { nftables } from './nftables/index';
import { firewalld } from './firewalld/index';
import { pf } from './pf/index';
import { windowsFirewall } from './windows-firewall/index';
import { cisco } from './cisco/index';
import { terraform } from './terraform/index';
import { cloudformation } from './cloudformation/index';
import { arm } from './arm/index';
import { bicep } from './bicep/index';
import { kubernetes } from './kubernetes/index';
import { helm } from './helm/index';
import { compose } from './compose/index';
import { ansible } from './ansible/index';
import { nixos } from './nixos/index';
import { vagrant } from './vagrant/index';
import { dockerRun } from './docker-run/index';
import { markdownFormat } from './markdown/index';

/** Detection order: the first format that claims a document wins, so narrower claims come first (ufw's
 *  user.rules is iptables-save text; a CloudFormation template is also YAML; `helm template` output is also Kubernetes). */
export const formats: readonly FormatModule[] = [
  // Runbooks (.md, .rst) first: their code blocks are read by the formats below, never the whole document.
  markdownFormat(() => formats),
  // Claims only documents with a container run publishing SMB, and reads the script formats' rules with it.
  dockerRun,
  ufw,
  // Before iptables: a NixOS extraCommands string or a Vagrant shell provisioner may call iptables.
  nixos,
  vagrant,
  iptables,
  nftables,
  firewalld,
  pf,
  windowsFirewall,
  cisco,
  terraform,
  cloudformation,
  arm,
  bicep,
  helm,
  kubernetes,
  compose,
  ansible,
];

/** The first format that claims the document, or undefined. `enabled` limits the candidates. */
export function detectFormat(uri: string, text: string, enabled?: readonly string[]): FormatModule | undefined {
  // A document in a format's own language is that format's or no one's (see FormatModule.owns).
  const owner = formats.find((f) => f.owns?.(uri));
  if (owner) return (!enabled || enabled.includes(owner.id)) && owner.detect(uri, text) ? owner : undefined;
  for (const f of formats) {
    if (enabled && !enabled.includes(f.id)) continue;
    if (f.detect(uri, text)) return f;
  }
  return undefined;
}

export function formatById(id: string): FormatModule | undefined {
  return formats.find((f) => f.id === id);
}
