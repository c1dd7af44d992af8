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
import { kubernetes } from './kubernetes/index';
import { compose } from './compose/index';
import { ansible } from './ansible/index';
import { dockerRun } from './docker-run/index';
import { markdownFormat } from './markdown/index';

/** Detection order: the first format that claims a document wins, so narrower claims come first (ufw's
 *  user.rules is iptables-save text; a CloudFormation template is also YAML). */
export const formats: readonly FormatModule[] = [
  // Runbooks (.md, .rst) first: their code blocks are read by the formats below, never the whole document.
  markdownFormat(() => formats),
  // Claims only documents with a container run publishing SMB, and reads the script formats' rules with it.
  dockerRun,
  ufw,
  iptables,
  nftables,
  firewalld,
  pf,
  windowsFirewall,
  cisco,
  terraform,
  cloudformation,
  arm,
  kubernetes,
  compose,
  ansible,
];

/** The first format that claims the document, or undefined. `enabled` limits the candidates. */
export function detectFormat(uri: string, text: string, enabled?: readonly string[]): FormatModule | undefined {
  for (const f of formats) {
    if (enabled && !enabled.includes(f.id)) continue;
    if (f.detect(uri, text)) return f;
  }
  return undefined;
}

export function formatById(id: string): FormatModule | undefined {
  return formats.find((f) => f.id === id);
}
