/** Fixes written as ufw commands, in the same style ("sudo ufw …", indentation) as the command they fix. */
import { parseCidr } from '../../model/cidr';
import { removePorts, servicePorts, type PortRange } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { UfwListNative, UfwRuleNative } from './extract';

/** ufw's multiport limit: 15 ports, a range counting as two. */
const MULTIPORT_MAX = 15;

const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}:${b}`);
const cost = (ranges: PortRange[]) => ranges.reduce((n, [a, b]) => n + (a === b ? 1 : 2), 0);
const native = (rule: AccessRule) => rule.native as UfwRuleNative | undefined;
const slice = (text: string, s: { offset: number; length: number }) => text.slice(s.offset, s.offset + s.length);

/** "to any port 139,445 proto tcp" per protocol the rule can carry, for deny commands. */
function denyTargets(services: SmbService[], protocol: AccessRule['protocol']): { proto: string; ports: string }[] {
  const out: { proto: string; ports: string }[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (protocol !== 'any' && protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    if (ports.length) out.push({ proto, ports: ports.join(',') });
  }
  return out;
}

/** The destination part of a simple-syntax rule in full syntax: "to any port 445 proto tcp", "to any app Samba". */
function fullDestination(text: string, rule: AccessRule): string | undefined {
  const r = native(rule)?.rule;
  const simple = r?.simple;
  if (!r || !simple || simple.unknown) return undefined;
  if (r.ports?.app) return `to any app ${simple.literal ? simple.text : slice(text, simple.span)}`;
  const slash = simple.text.lastIndexOf('/');
  const ports = slash < 0 ? simple.text : simple.text.slice(0, slash);
  return `to any port ${ports}${slash < 0 ? '' : ` proto ${simple.text.slice(slash + 1)}`}`;
}

export const ufwFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const n = native(rule);
    if (!n || !sources.length || list.direction === 'out') return undefined;
    const r = n.rule;
    const eol = lineBreakOf(text);
    // ufw refuses a rule mixing families: a v4 destination takes only v4 sources, and the other way round.
    const dest = r.to?.items[0]?.value;
    const v6 = dest?.kind === 'cidr' ? dest.cidr.includes(':') : undefined;
    const usable = v6 === undefined ? sources : sources.filter((c) => !parseCidr(c) || c.includes(':') === v6);
    if (!usable.length) return undefined;
    const cmd = slice(text, rule.span);
    const replaceIn = (s: { offset: number; length: number }, by: string) => {
      const at = s.offset - rule.span.offset;
      return cmd.slice(0, at) + by + cmd.slice(at + s.length);
    };
    // One command per source: ufw takes a single address after "from".
    const variants = (make: (src: string) => string): TextEdit[] => [{ span: rule.span, newText: usable.map(make).join(`${eol}${n.indent}`) }];
    if (r.from?.addr) {
      if (r.from.port) return undefined;
      const addr = r.from.addr;
      return variants((src) => replaceIn(addr.span, src));
    }
    if (r.simple) {
      const dest = fullDestination(text, rule);
      const simple = r.simple;
      return dest ? variants((src) => replaceIn(simple.span, `from ${src} ${dest}`)) : undefined;
    }
    if (r.to) {
      const kw = r.to.keyword;
      return variants((src) => replaceIn({ offset: kw.span.offset, length: 0 }, `from ${src} `));
    }
    return undefined;
  },

  removeServices(text, rule, list, services) {
    const p = native(rule)?.rule.ports;
    if (!p || p.app || p.ranges === 'unknown' || !p.word.literal) return undefined;
    const drop = services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port);
    const left = removePorts(p.ranges, drop);
    if (!left.length || cost(left) > MULTIPORT_MAX) return undefined;
    // A port list or range needs a protocol in ufw; "445" alone (both protocols) cannot become "22,80".
    if ((left.length > 1 || left[0][0] !== left[0][1]) && rule.protocol === 'any') return undefined;
    const first = p.items[0];
    const last = p.items[p.items.length - 1];
    if (!first || !last) return undefined;
    const span = { offset: p.word.span.offset + first.offset, length: last.offset + last.length - first.offset };
    return [{ span, newText: left.map(fmt).join(',') }];
  },

  deny(text, rule) {
    const w = native(rule)?.rule.actionWord;
    if (rule.action !== 'allow' || !w?.literal) return undefined;
    return [{ span: w.span, newText: 'deny' }];
  },

  insertDenyBefore(text, rule, list, services) {
    const n = native(rule);
    if (!n || list.direction === 'out') return undefined;
    const r = n.rule;
    const eol = lineBreakOf(text);
    const from = r.from?.addr && !r.from.port ? `from ${slice(text, r.from.addr.span)} ` : '';
    const route = r.route ? 'route ' : '';
    const place = r.placeWords.map((w) => w.text).join(' ');
    // The deny covers the traffic of the rule's "in on IF", as written: on another interface it must not deny
    // SMB that is meant to work. It leaves "out on IF" out, which would make it narrower than what the engine
    // can trust to shadow the rule (it walks by arrival interface).
    const on = r.inSpan ? `${slice(text, r.inSpan)} ` : '';
    const cmds = denyTargets(services, rule.protocol).map(({ proto, ports }) =>
      from ? `${route}${place ? `${place} ` : ''}deny ${on}${from}to any port ${ports} proto ${proto}` : `${route}${place ? `${place} ` : ''}deny ${on}${ports}/${proto}`,
    );
    if (!cmds.length) return undefined;
    if (r.position !== undefined) {
      // "insert N"/"prepend" put a rule in front of what is at N: the deny must run after the rule's command.
      const lines = cmds.map((c) => `${eol}${n.indent}${n.prefix}${c}`).join('');
      return [{ span: { offset: rule.span.offset + rule.span.length, length: 0 }, newText: lines }];
    }
    // ufw appends in order: a command on an earlier line is earlier in the list.
    const lines = cmds.map((c) => `${n.indent}${n.prefix}${c}${eol}`).join('');
    return [{ span: { offset: n.lineStart, length: 0 }, newText: lines }];
  },

  appendDeny(text, list, services) {
    const ln = list.native as UfwListNative | undefined;
    if (!ln || ln.disabled || list.endOffset === undefined || list.direction !== 'in') return undefined;
    const eol = lineBreakOf(text);
    const lead = breakBefore(text, list.endOffset);
    const body = denyTargets(services, 'any').map(({ proto, ports }) => `${ln.indent}${ln.prefix}deny ${ports}/${proto}${eol}`).join('');
    return [{ span: { offset: list.endOffset, length: 0 }, newText: lead + body }];
  },
};
