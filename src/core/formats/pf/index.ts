/** pf (OpenBSD, FreeBSD, macOS): pf.conf and *.pf rule files. */
import { headOf, type FormatModule } from '../format';
import { extractPf } from './extract';
import { pfFixes } from './fixes';

const NAME = /(?:^|[\\/])(?:pf\.conf(?:\.[\w.-]+)?|[^\\/]+\.pf)$/i;
/** Other ".conf" files are never pf's, whatever they contain; nor is documentation quoting a pf.conf. */
const NOT_PF = /\.(?:conf|md|markdown|rst|adoc|html?)$/i;
/** "pass in on em0 …", "block in all", "block drop in quick …", "set skip on lo0": English prose does not read so. */
const RULE_LINE = /^[ \t]*(?:(?:pass|block)(?:[ \t]+(?:drop|return|log|quick))*[ \t]+(?:in|out)(?:[ \t]+(?:log|quick))*(?:[ \t]+(?:all|on|proto|from|to|inet6?)\b|[ \t]*(?:#|\r?$))|set[ \t]+skip[ \t]+on[ \t]+\S+[ \t]*\r?$)/m;

export const pf: FormatModule = {
  id: 'pf',
  displayName: 'pf',
  lineComment: '#',
  detect(uri, text) {
    if (NAME.test(uri)) return true;
    if (NOT_PF.test(uri)) return false;
    const head = headOf(text);
    return RULE_LINE.test(head);
  },
  extract: (text, _uri, budget) => extractPf(text, budget),
  fixes: pfFixes,
};
