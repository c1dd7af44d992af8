/** ufw: shell scripts that run ufw commands, and ufw's own user.rules / user6.rules files. */
import { headOf, type FixWriter, type FormatModule } from '../format';
import { lineRuns } from '../../text/shell/detect';
import type { AccessRule, RuleList } from '../../model/rule';
import { extractUfwScript } from './extract';
import { ufwFixes } from './fixes';
import { extractUserRules, userRulesFixes, USER_RULES_CONTENT, USER_RULES_NAME } from './user-rules';

/** A ufw call that changes rules; lineRuns then checks that the line runs it (`doas ufw …`, not `echo ufw …`). */
const COMMAND = /(?:^|[\s;&|(/])ufw[ \t]+(?:--force[ \t]+|--dry-run[ \t]+)*(?:allow|deny|reject|limit|insert|prepend|default|route)\b/gm;
const PROGRAM = /^(?:.*\/)?ufw$/;

/** Whether the text runs a ufw command that changes rules. Each line is checked once. */
function runsUfw(head: string): boolean {
  COMMAND.lastIndex = 0;
  for (let m; (m = COMMAND.exec(head)); ) {
    const from = head.lastIndexOf('\n', m.index) + 1;
    const eol = head.indexOf('\n', m.index + 1);
    if (lineRuns(head.slice(from, eol < 0 ? head.length : eol), PROGRAM)) return true;
    if (eol < 0) return false;
    COMMAND.lastIndex = eol;
  }
  return false;
}
const SAVE_TABLE = /^[ \t]*\*filter[ \t]*\r?$/m;

function isUserRules(uri: string, head: string): boolean {
  if (SAVE_TABLE.test(head) && USER_RULES_CONTENT.test(head)) return true;
  return USER_RULES_NAME.test(uri) && (head.trim() === '' || USER_RULES_CONTENT.test(head) || /^### tuple ###/m.test(head));
}

/** Fixes go to the writer of the file's dialect; user.rules rules carry the iptables extractor's native data. */
function pick(rule: AccessRule | undefined, list: RuleList): FixWriter {
  const n = rule?.native ?? list.native;
  return typeof n === 'object' && n !== null && ('rule' in n || 'disabled' in n) ? ufwFixes : userRulesFixes;
}

export const ufw: FormatModule = {
  id: 'ufw',
  displayName: 'ufw',
  lineComment: '#',
  detect(uri, text) {
    const head = headOf(text);
    return isUserRules(uri, head) || runsUfw(head);
  },
  extract(text, uri) {
    const head = headOf(text);
    return isUserRules(uri, head) ? extractUserRules(text, uri) : extractUfwScript(text);
  },
  fixes: {
    restrictSource: (text, rule, list, sources) => pick(rule, list).restrictSource?.(text, rule, list, sources),
    removeServices: (text, rule, list, services) => pick(rule, list).removeServices?.(text, rule, list, services),
    deny: (text, rule, list) => pick(rule, list).deny?.(text, rule, list),
    insertDenyBefore: (text, rule, list, services) => pick(rule, list).insertDenyBefore?.(text, rule, list, services),
    appendDeny: (text, list, services) => pick(undefined, list).appendDeny?.(text, list, services),
  },
};
