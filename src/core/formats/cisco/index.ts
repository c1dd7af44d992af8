/** Cisco IOS and ASA access lists: running-config dumps and ACL snippets. */
import { headOf, type FormatModule } from '../format';
import { extractCisco } from './extract';
import { ciscoFixes } from './fixes';

/** File names that may hold a Cisco configuration; their content still has to look like one. */
const NAME = /(?:^|[\\/])(?:[^\\/.]+|[^\\/]+\.(?:cfg|conf|txt|ios|asa|acl)|[^\\/]+-confg)$/i;
const OWN_EXTENSION = /\.(?:ios|asa)$/i;
/** An ACL line: "access-list X [line n] [extended] permit|deny|remark", "ip(v6) access-list …". */
const ACL_LINE = /^[ \t]*(?:access-list[ \t]+\S+[ \t]+(?:line[ \t]+\d+[ \t]+)?(?:extended[ \t]+)?(?:permit|deny|remark|dynamic)[ \t]|ip(?:v6)?[ \t]+access-list[ \t]+(?:extended[ \t]+|standard[ \t]+)?[\w.-]+[ \t]*\r?$)/m;
/** Headers of show-running-config output. */
const HEADER = /^(?:Building configuration\.\.\.|Current configuration ?:|: Saved|ASA Version \d)/m;
/** Classic ASP uses Global.asa: never claim script or markup. */
/** In files with Cisco's own extensions, any configuration command will do. */
const OWN_CONTENT = /^(?:hostname|interface|object-group|object|access-group|name|!)\b/m;
const NOT_CISCO = /<script|<%|\bSub\s+Application_On/i;

export const cisco: FormatModule = {
  id: 'cisco',
  displayName: 'Cisco IOS/ASA ACL',
  lineComment: '!',
  detect(uri, text) {
    if (!NAME.test(uri)) return false;
    const head = headOf(text);
    if (NOT_CISCO.test(head)) return false;
    if (OWN_EXTENSION.test(uri) && (head.trim() === '' || OWN_CONTENT.test(head))) return true;
    return ACL_LINE.test(head) || HEADER.test(head.slice(0, 2048));
  },
  extract: (text) => extractCisco(text),
  fixes: ciscoFixes,
};
