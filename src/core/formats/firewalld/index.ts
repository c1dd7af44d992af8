/** firewalld: zone files (/etc/firewalld/zones/*.xml) and shell scripts that call firewall-cmd. */
import { headOf, type FormatModule } from '../format';
import { extractScript } from './extract-script';
import { extractXml } from './extract-xml';
import { firewalldFixes } from './fixes';

/** A `<zone` root element after an optional BOM, XML declaration and comments. */
const ZONE_ROOT = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*<zone[\s/>]/;
const CMD_CALL = /(?:^|[\s;&|(`])(?:\S*\/)?firewall-(?:offline-)?cmd[ \t]+[^\n]*--(?:add|remove|set|change|new)-[a-z-]+/m;
/** Scripts only: playbooks, Dockerfiles or docs that mention firewall-cmd belong to other formats. */
const SCRIPT_NAME = /(?:\.(?:sh|bash|ksh|zsh)|(?:^|[\\/])[^\\/.]+)$/i;

function isZoneXml(text: string): boolean {
  return ZONE_ROOT.test(text.length > 4096 ? text.slice(0, 4096) : text);
}

export const firewalld: FormatModule = {
  id: 'firewalld',
  displayName: 'firewalld',
  // Scripts use "#"; zone files get XML comments through the model (<!-- smb-guard-ignore … -->).
  lineComment: '#',
  detect(uri, text) {
    if (isZoneXml(text)) return true;
    if (/\.xml$/i.test(uri)) return false;
    const head = headOf(text);
    if (!SCRIPT_NAME.test(uri.replace(/[?#].*$/, '')) && !head.startsWith('#!')) return false;
    return CMD_CALL.test(head);
  },
  extract(text, uri) {
    if (!isZoneXml(text) && !/\.xml$/i.test(uri)) return extractScript(text);
    return { ...extractXml(text, uri), lineComment: '<!--', commentClose: '-->' };
  },
  fixes: firewalldFixes,
};
