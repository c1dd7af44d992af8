/** Windows Firewall: PowerShell and batch scripts that configure it (netsh, NetSecurity cmdlets, SMBv1 features). */
import { headOf, type FormatModule } from '../format';
import { extractWindowsFirewall } from './extract';
import { windowsFirewallFixes } from './fixes';

const SCRIPT_NAME = /\.(?:ps1|psm1|bat|cmd)$/i;
/** Files other formats or languages own, even when a command appears inside them (a playbook's win_shell). */
const OTHER_NAME = /\.(?:ya?ml|json[c5]?|tf|tfvars|hcl|md|markdown|rst|adoc|html?|xml|j2|jinja2?|py|rb|js|ts|go|java|cs|cpp|c|h|sh|bash|zsh|nft|conf|rules|ini|toml|cfg|properties|psd1|template)$/i;
/** The command words. The SMB1 ones (groups 1–4) count only when their feature follows on the line within 200
 *  characters (FEATURE): checked apart, since a pattern with `[^\n]{0,200}` in the middle is super-linear. */
const COMMAND =
  /(?:netsh(?:\.exe)?[ \t]+(?:advfirewall|firewall)|(?:New|Set|Enable|Disable|Remove|Get)-NetFirewall(?:Rule|Profile)|(Set-SmbServerConfiguration)|((?:Enable|Disable)-WindowsOptionalFeature)|(dism)(?:\.exe)?|((?:Install|Add|Uninstall|Remove)-WindowsFeature))\b/i;
const FEATURE = [/EnableSMB1Protocol/i, /SMB1Protocol/i, /featurename:SMB1Protocol/i, /FS-SMB1/i];
const AT_LINE_START = new RegExp(`^[ \\t]*(?:@|&[ \\t]*)?${COMMAND.source}`, 'gim');
const ANYWHERE = new RegExp(`(?:^|[\\s;&|({\\\\/"'])${COMMAND.source}`, 'gim');

/** True when `re` finds a command in `head` (an SMB1 one with its feature named after it). */
function findsCommand(re: RegExp, head: string): boolean {
  re.lastIndex = 0;
  for (let m; (m = re.exec(head)); ) {
    const k = [1, 2, 3, 4].find((g) => m?.[g] !== undefined);
    if (k === undefined) return true;
    const feature = FEATURE[k - 1];
    const end = m.index + m[0].length;
    // It starts at most 200 characters after the word; "dism.exe" also allows it right after "dism".
    const from = k === 3 ? m.index + m[0].toLowerCase().lastIndexOf('dism') + 4 : end;
    const eol = head.indexOf('\n', end);
    const to = Math.min(eol < 0 ? head.length : eol, end + 200 + feature.source.length);
    if (feature.test(head.slice(from, to))) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}

export const windowsFirewall: FormatModule = {
  id: 'windows-firewall',
  displayName: 'Windows Firewall',
  lineComment: '#',
  detect(uri, text) {
    const head = headOf(text);
    if (SCRIPT_NAME.test(uri)) return findsCommand(ANYWHERE, head);
    if (OTHER_NAME.test(uri)) return false;
    return findsCommand(AT_LINE_START, head);
  },
  extract: extractWindowsFirewall,
  fixes: windowsFirewallFixes,
};
