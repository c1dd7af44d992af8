/** iptables / ip6tables: iptables-save files and shell scripts that call iptables. */
import { headOf, type FormatModule } from '../format';
import { extractIptables, SAVE_TABLE_LINE } from './extract';
import { iptablesFixes } from './fixes';

const SAVE_NAME = /(?:^|[\\/])(?:rules\.v[46]|[^\\/]*\.rules|ip6?tables(?:\.conf)?|ip6?tables-save[^\\/]*)$/i;
const SAVE_RULE = /^(?::[A-Za-z][\w-]* |-A )/m;
// The program may have a path (/usr/sbin/iptables): "/" starts a match too, which keeps the regex linear. A variable
// ($IPT, ${IP6TABLES}) is read whole, its "IPT" found by a lookahead: two runs around "IPT" would be quadratic.
const SCRIPT_CALL = /(?:^|[\s;&|(`"'/])(?:ip6?tables(?:-legacy|-nft)?|\$\{?(?=[A-Z_]*IP6?T)[A-Z0-9_]*\}?)[ \t]+(?:-[tw] ?\S* +)?(?:-[AIPNFDR]|--(?:append|insert|policy|new-chain|flush|delete)) /m;

/** The body of a pass-through function, `ipt() { iptables "$@"; }`: its calls are iptables commands (see
 *  docs/formats/shell.md). */
const PASS_THROUGH = /[\s{;/](?:ip6?tables(?:-legacy|-nft)?)(?:[ \t]+-[wn])?[ \t]+"?\$[@*]"?[ \t]*(?:;|\r?$)/m;

export const iptables: FormatModule = {
  id: 'iptables',
  displayName: 'iptables',
  lineComment: '#',
  detect(uri, text) {
    const head = headOf(text);
    if (SAVE_TABLE_LINE.test(head) && SAVE_RULE.test(head)) return true;
    if (SAVE_NAME.test(uri) && (SAVE_RULE.test(head) || head.trim() === '')) return true;
    return SCRIPT_CALL.test(head) || PASS_THROUGH.test(head);
  },
  extract: extractIptables,
  fixes: iptablesFixes,
};
