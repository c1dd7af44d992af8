/** Fixes written in iptables syntax: the same command style (save line or "$IPT …") as the rule they fix. */
import { parseCidr } from '../../model/cidr';
import { removePorts, servicePorts, type PortRange } from '../../model/ports';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { AccessRule, RuleList } from '../../model/rule';
import type { SmbService, Span } from '../../types';
import type { FixWriter } from '../format';
import { ruleDetail, type ListNative, type RuleDetail } from './extract';

const MULTIPORT_MAX = 15;

const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}:${b}`);
const portCost = (ranges: PortRange[]) => ranges.reduce((n, [a, b]) => n + (a === b ? 1 : 2), 0);

/** Deny lines for the services, one per protocol: "-p tcp -m multiport --dports 139,445 -j DROP". */
function denySpecs(services: SmbService[], protocol: AccessRule['protocol']): string[] {
  const specs: string[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (protocol !== 'any' && protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    if (!ports.length) continue;
    const match = ports.length === 1 ? `-m ${proto} --dport ${ports[0]}` : `-m multiport --dports ${ports.join(',')}`;
    specs.push(`-p ${proto} ${match} -j DROP`);
  }
  return specs;
}

function native(text: string, rule: AccessRule): RuleDetail {
  return ruleDetail(text, rule);
}

/** Family-appropriate CIDRs (an ip6tables rule cannot take an IPv4 source, and the other way round);
 *  a placeholder, which is no address at all, fits both. */
function forFamily(list: RuleList, cidrs: string[]): string[] {
  const v6 = list.families === 'ipv6';
  return cidrs.filter((c) => {
    const set = parseCidr(c);
    return !set || (v6 ? set.v6.length > 0 : set.v4.length > 0);
  });
}

export const iptablesFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const { cmd } = native(text, rule);
    const cidrs = forFamily(list, sources);
    if (!cidrs.length || !cmd.chain) return undefined;
    const newText = `-s ${cidrs.join(',')}`;
    const src = rule.sources.span;
    if (cmd.source && src) return [{ span: src, newText }];
    const after = cmd.positionWord ?? cmd.chain;
    return [{ span: { offset: after.span.offset + after.span.length, length: 0 }, newText: ` ${newText}` }];
  },

  removeServices(text, rule, list, services) {
    const { cmd } = native(text, rule);
    if ((rule.protocol !== 'tcp' && rule.protocol !== 'udp') || !cmd.target) return undefined;
    const ports = services.filter((s) => s.protocol === rule.protocol).map((s) => s.port);
    const d = cmd.dport;
    if (!d) {
      // No port match: exclude the SMB ports explicitly.
      if (!ports.length || ports.length > MULTIPORT_MAX) return undefined;
      const at = (cmd.jumpWord ?? cmd.target).span.offset;
      return [{ span: { offset: at, length: 0 }, newText: `-m multiport ! --dports ${[...ports].sort((a, b) => a - b).join(',')} ` }];
    }
    if (d.ranges === 'unknown' || d.negated || !d.value || !d.value.literal) return undefined;
    const left = removePorts(d.ranges, ports);
    if (!left.length) return undefined;
    const kept = left.map(fmt).join(',');
    if (d.multiport) return portCost(left) > MULTIPORT_MAX ? undefined : [{ span: d.value.span, newText: kept }];
    if (left.length === 1) return [{ span: d.value.span, newText: kept }];
    if (portCost(left) > MULTIPORT_MAX) return undefined;
    const start = d.words[0].span.offset;
    return [{ span: { offset: start, length: d.value.span.offset + d.value.span.length - start }, newText: `-m multiport --dports ${kept}` }];
  },

  deny(text, rule) {
    const { cmd } = native(text, rule);
    if (rule.action !== 'allow' || !cmd.target || !cmd.target.literal) return undefined;
    return [{ span: cmd.target.span, newText: 'DROP' }];
  },

  insertDenyBefore(text, rule, list, services) {
    const n = native(text, rule);
    const { cmd } = n;
    if (!cmd.chain) return undefined;
    const eol = lineBreakOf(text);
    // The deny covers the rule's traffic by where it arrives ("-i br0", "! -i $LAN_IF") and its sources, as
    // written: SMB meant to work on other interfaces stays. "-o" is left out: a deny scoped to where traffic
    // leaves is narrower than what the engine trusts to shadow (it walks by arrival interface).
    const copy = (span: Span | undefined) => (span ? `${text.slice(span.offset, span.offset + span.length)} ` : '');
    const src = copy(rule.scope?.in?.span) + copy(rule.sources.span);
    const specs = denySpecs(services, rule.protocol);
    if (!specs.length) return undefined;
    if (cmd.op === 'insert') {
      // "-I CHAIN n" puts a rule in front of what is at n: the deny must run after the rule's own command.
      const pos = cmd.position ? ` ${cmd.position}` : '';
      const lines = specs.map((s) => `${eol}${n.indent}${n.prefix}-I ${cmd.chain?.text}${pos} ${src}${s}`).join('');
      return [{ span: { offset: rule.span.offset + rule.span.length, length: 0 }, newText: lines }];
    }
    const lines = specs.map((s) => `${n.indent}${n.prefix}-A ${cmd.chain?.text} ${src}${s}${eol}`).join('');
    return [{ span: { offset: n.lineStart, length: 0 }, newText: lines }];
  },

  appendDeny(text, list, services) {
    const ln = list.native as ListNative;
    if (list.endOffset === undefined) return undefined;
    const eol = lineBreakOf(text);
    const specs = denySpecs(services, 'any');
    const lead = breakBefore(text, list.endOffset);
    const body = specs.map((s) => `${ln.indent}${ln.prefix}-A ${list.name} ${s}${eol}`).join('');
    return [{ span: { offset: list.endOffset, length: 0 }, newText: lead + body }];
  },
};
