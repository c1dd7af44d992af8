/** Windows Firewall: PowerShell and batch scripts that configure it (netsh, NetSecurity cmdlets, SMBv1 features). */
import { headOf, type FormatModule } from '../format';
import { extractWindowsFirewall } from './extract';
import { windowsFirewallFixes } from './fixes';

const SCRIPT_NAME = /\.(?:ps1|psm1|bat|cmd)$/i;
/** Files other formats or languages own, even when a command appears inside them (a playbook's win_shell). */
const OTHER_NAME = /\.(?:ya?ml|json[c5]?|tf|tfvars|hcl|md|markdown|rst|adoc|html?|xml|j2|jinja2?|py|rb|js|ts|go|java|cs|cpp|c|h|sh|bash|zsh|nft|conf|rules|ini|toml|cfg|properties|psd1|template)$/i;
const COMMAND =
  /(?:netsh(?:\.exe)?[ \t]+(?:advfirewall|firewall)\b|(?:New|Set|Enable|Disable|Remove|Get)-NetFirewall(?:Rule|Profile)\b|Set-SmbServerConfiguration\b[^\n]{0,200}EnableSMB1Protocol|(?:Enable|Disable)-WindowsOptionalFeature\b[^\n]{0,200}SMB1Protocol|dism(?:\.exe)?\b[^\n]{0,200}featurename:SMB1Protocol|(?:Install|Add|Uninstall|Remove)-WindowsFeature\b[^\n]{0,200}FS-SMB1)/i;
const AT_LINE_START = new RegExp(`^[ \\t]*(?:@|&[ \\t]*)?${COMMAND.source}`, 'im');
const ANYWHERE = new RegExp(`(?:^|[\\s;&|({\\\\/"'])${COMMAND.source}`, 'im');

export const windowsFirewall: FormatModule = {
  id: 'windows-firewall',
  displayName: 'Windows Firewall',
  lineComment: '#',
  detect(uri, text) {
    const head = headOf(text);
    if (SCRIPT_NAME.test(uri)) return ANYWHERE.test(head);
    if (OTHER_NAME.test(uri)) return false;
    return AT_LINE_START.test(head);
  },
  extract: extractWindowsFirewall,
  fixes: windowsFirewallFixes,
};
