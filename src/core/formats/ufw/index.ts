/** ufw: shell scripts that run ufw commands, and ufw's own user.rules / user6.rules files. */
import { headOf, type FixWriter, type FormatModule } from '../format';
import type { AccessRule, RuleList } from '../../model/rule';
import { extractUfwScript } from './extract';
import { ufwFixes } from './fixes';
import { extractUserRules, userRulesFixes, USER_RULES_CONTENT, USER_RULES_NAME } from './user-rules';

const COMMAND = /^[ \t]*(?:sudo[ \t]+)?(?:\S*\/)?ufw[ \t]+(?:--force[ \t]+|--dry-run[ \t]+)*(?:allow|deny|reject|limit|insert|prepend|default|route)\b/m;
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
    return isUserRules(uri, head) || COMMAND.test(head);
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
