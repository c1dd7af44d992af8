/** NixOS: the firewall options and Samba's openFirewall in a `.nix` file. */
import { headOf, type FormatModule } from '../format';
import { extractNixos } from './extract';
import { nixosFixes } from './fixes';

const NIX_NAME = /\.nix$/i;
/** The options this format reads, written as a path (`firewall.allowedTCPPorts`, `services.samba`) or as a nested
 *  set's key (`firewall = {`, `samba = {`). Other Nix files are not claimed. */
const CONFIGURES = /\b(?:allowed(?:TCP|UDP)Ports(?:Ranges)?|trustedInterfaces)\b|\bfirewall\s*(?:\.\s*(?:enable|extraCommands|interfaces)\b|=\s*\{)|\bsamba\s*(?:\.\s*(?:enable|openFirewall)\b|=\s*\{)/;

export const nixos: FormatModule = {
  id: 'nixos',
  displayName: 'NixOS',
  lineComment: '#',
  detect: (uri, text) => NIX_NAME.test(uri) && CONFIGURES.test(headOf(text)),
  owns: (uri) => NIX_NAME.test(uri.slice(0, uri.search(/[?#]|$/))),
  extract: (text) => extractNixos(text),
  fixes: nixosFixes,
};
