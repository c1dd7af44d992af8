/**
 * ufw's own rule files (/etc/ufw/user.rules, user6.rules): iptables-save text that the iptables extractor
 * reads. ufw-user-input/-output/-forward are user chains there, but they are where ufw's traffic is decided:
 * they become entry lists with ufw's default policies (set in /etc/default/ufw, not in this file).
 */
import type { RuleList, RuleModel } from '../../model/rule';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { AccessRule } from '../../model/rule';
import { servicePorts } from '../../model/ports';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import { extractIptables } from '../iptables/extract';
import { lineStartOf } from '../../text/lines';

const USER_CHAINS: Record<string, { direction: RuleList['direction']; policy: 'allow' | 'deny' }> = {
  'ufw-user-input': { direction: 'in', policy: 'deny' },
  'ufw-user-output': { direction: 'out', policy: 'allow' },
  'ufw-user-forward': { direction: 'forward', policy: 'deny' },
};
for (const [name, chain] of Object.entries(USER_CHAINS)) USER_CHAINS[name.replace('ufw-', 'ufw6-')] = chain;

export const USER_RULES_NAME = /(?:^|[\\/])user6?\.rules$/i;
export const USER_RULES_CONTENT = /^:ufw6?-user-input\b/m;
const END_RULES = /^### END RULES ###[ \t]*\r?$/m;
const TUPLE = /^### tuple ### (\S+)/;

export function extractUserRules(text: string, uri: string): RuleModel {
  const model = extractIptables(text, uri);
  const end = END_RULES.exec(text);
  for (const list of model.lists) {
    const chain = USER_CHAINS[list.name];
    if (!chain) continue;
    list.entry = true;
    list.direction = chain.direction;
    // An explicit policy on the chain line (hand-edited files) wins; ufw writes "-" there.
    list.policy ??= chain.policy;
    list.policyText ??= `default ${chain.policy} (ufw's default)`;
    if (end) list.endOffset = end.index;
  }
  return model;
}

/** The line above a rule's "-A" lines that ufw reads the rule back from, or undefined. */
function tupleAbove(text: string, offset: number): { start: number; actionStart: number; action: string } | undefined {
  let lineStart = lineStartOf(text, offset);
  while (lineStart > 0) {
    const prev = text.lastIndexOf('\n', lineStart - 2) + 1;
    const line = text.slice(prev, lineStart).trimEnd();
    const m = TUPLE.exec(line);
    if (m) return { start: prev, actionStart: prev + '### tuple ### '.length, action: m[1] };
    if (!line.startsWith('-A ')) return undefined;
    lineStart = prev;
  }
  return undefined;
}

/** The tuple and rule lines ufw writes for "ufw deny [from SRC] to any port P proto X". */
function denyBlock(list: RuleList, rule: AccessRule | undefined, services: SmbService[], eol: string): string {
  const any = list.families === 'ipv6' ? '::/0' : '0.0.0.0/0';
  const src = rule?.sources.items.length === 1 && rule.sources.items[0].value.kind === 'cidr' && !rule.sources.negated ? rule.sources.items[0].text : undefined;
  let out = '';
  for (const proto of ['tcp', 'udp'] as const) {
    if (rule && rule.protocol !== 'any' && rule.protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    if (!ports.length) continue;
    const match = ports.length === 1 ? `--dport ${ports[0]}` : `-m multiport --dports ${ports.join(',')}`;
    out += `### tuple ### deny ${proto} ${ports.join(',')} ${any} any ${src ?? any} in${eol}`;
    out += `-A ${list.name} -p ${proto} ${match}${src ? ` -s ${src}` : ''} -j DROP${eol}${eol}`;
  }
  return out;
}

export const userRulesFixes: FixWriter = {
  deny(text, rule) {
    // The tuple and every "-A" line ufw wrote for it change together, or ufw would rewrite them back.
    const tuple = tupleAbove(text, rule.span.offset);
    if (rule.action !== 'allow' || !tuple || tuple.action !== 'allow') return undefined;
    const edits: TextEdit[] = [{ span: { offset: tuple.actionStart, length: tuple.action.length }, newText: 'deny' }];
    let at = text.indexOf('\n', tuple.start) + 1;
    while (at > 0 && at < text.length && text.startsWith('-A ', at)) {
      const nl = text.indexOf('\n', at);
      const line = text.slice(at, nl < 0 ? text.length : nl);
      const target = / -j ACCEPT\b/.exec(line);
      if (!target) return undefined;
      edits.push({ span: { offset: at + target.index + 4, length: 'ACCEPT'.length }, newText: 'DROP' });
      at = nl + 1;
    }
    return edits;
  },

  insertDenyBefore(text, rule, list, services) {
    if (list.direction !== 'in') return undefined;
    const tuple = tupleAbove(text, rule.span.offset);
    const at = tuple ? tuple.start : lineStartOf(text, rule.span.offset);
    const block = denyBlock(list, rule, services, lineBreakOf(text));
    return block ? [{ span: { offset: at, length: 0 }, newText: block }] : undefined;
  },

  appendDeny(text, list, services) {
    if (list.endOffset === undefined || list.direction !== 'in') return undefined;
    const eol = lineBreakOf(text);
    const lead = breakBefore(text, list.endOffset);
    const block = denyBlock(list, undefined, services, eol);
    return block ? [{ span: { offset: list.endOffset, length: 0 }, newText: lead + block }] : undefined;
  },
};
