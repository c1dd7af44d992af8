/** firewalld: zone files (/etc/firewalld/zones/*.xml) and shell scripts that call firewall-cmd. */
import { headOf, type FormatModule } from '../format';
import { extractScript } from './extract-script';
import { extractXml } from './extract-xml';
import { firewalldFixes } from './fixes';

/** A `<zone` root element after an optional BOM, XML declaration and comments. */
const ZONE_ROOT = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*<zone[\s/>]/;
/** A firewall-cmd call (a path before it ends in '/'); its line must change something (CHANGE). Two steps, each
 *  line read once: one pattern with a run before and after the command is quadratic on the 64 KB head. */
const CMD_CALL = /(?:^|[\s;&|(`/])firewall-(?:offline-)?cmd[ \t]/g;
const CHANGE = /--(?:add|remove|set|change|new)-[a-z-]/;
/** Scripts only: playbooks, Dockerfiles or docs that mention firewall-cmd belong to other formats. */
const SCRIPT_NAME = /(?:\.(?:sh|bash|ksh|zsh)|(?:^|[\\/])[^\\/.]+)$/i;

function isZoneXml(text: string): boolean {
  return ZONE_ROOT.test(text.length > 4096 ? text.slice(0, 4096) : text);
}

function changesFirewall(head: string): boolean {
  CMD_CALL.lastIndex = 0;
  for (let m; (m = CMD_CALL.exec(head)); ) {
    const from = m.index + m[0].length;
    const eol = head.indexOf('\n', from);
    if (CHANGE.test(head.slice(from, eol < 0 ? head.length : eol))) return true;
    if (eol < 0) return false;
    CMD_CALL.lastIndex = eol; // a later call on this line sees a part of the same rest
  }
  return false;
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
    if (!SCRIPT_NAME.test(uri.slice(0, uri.search(/[?#]|$/))) && !head.startsWith('#!')) return false;
    return changesFirewall(head);
  },
  extract(text, uri) {
    if (!isZoneXml(text) && !/\.xml$/i.test(uri)) return extractScript(text);
    return { ...extractXml(text, uri), lineComment: '<!--', commentClose: '-->' };
  },
  fixes: firewalldFixes,
};
