/** Fixes written in pf syntax. pf's last match wins, so where a block goes matters as much as what it says. */
import { parseCidr } from '../../model/cidr';
import { describeServices, removePorts, servicePorts, type PortRange } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { SmbService, Span, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { PfRuleNative } from './extract';

const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}:${b}`);
const list = (xs: string[]) => (xs.length === 1 ? xs[0] : `{ ${xs.join(' ')} }`);
const slice = (text: string, s: Span) => text.slice(s.offset, s.offset + s.length);
const native = (rule: AccessRule) => rule.native as PfRuleNative;
const PLAIN_PORT = /^[\w-]+(?::\d+)?$/;

/** "block in quick proto tcp from X to any port { 139 445 }" lines, one per protocol the rule can carry. */
function blockLines(text: string, rule: AccessRule, dir: 'in' | 'out', quick: boolean, services: SmbService[]): string[] {
  const r = native(rule).rule;
  const af = r.af ? ` ${r.af.text}` : '';
  // The block applies where the rule does ("on $lan_if" as written): it clears the finding and blocks no more.
  const on = r.on ? ` ${slice(text, r.on.span).replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ')}` : '';
  // A list over several lines may hold a comment: a one-line copy would comment out the rest.
  if (on.includes('#')) return [];
  const peer = dir === 'in' ? r.from : r.to;
  const peerText = peer ? slice(text, peer.span) : 'any';
  const out: string[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (rule.protocol !== 'any' && rule.protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    if (!ports.length) continue;
    const hosts = dir === 'in' ? `from ${peerText} to any` : `from any to ${peerText}`;
    out.push(`block ${dir}${quick ? ' quick' : ''}${on}${af} proto ${proto} ${hosts} port ${list(ports.map(String))}`);
  }
  return out;
}

/** Offset past the statement's last line (its newline included), and whether a line break must lead. */
function afterStatement(text: string, rule: AccessRule): { at: number; lead: boolean } {
  const end = native(rule).stmt.end;
  return { at: end, lead: end === text.length && !text.endsWith('\n') };
}

export const pfFixes: FixWriter = {
  restrictSource(text, rule, l, sources) {
    const r = native(rule).rule;
    // A rule without "in"/"out" also filters outbound traffic, where the source is this host.
    if (r.direction !== 'in' || r.action !== 'allow') return undefined;
    const v6 = r.af ? r.af.text === 'inet6' : undefined;
    const usable = v6 === undefined ? sources : sources.filter((c) => !parseCidr(c) || c.includes(':') === v6);
    if (!usable.length) return undefined;
    const src = list(usable);
    if (r.from) return [{ span: r.from.span, newText: src }];
    if (r.all) return [{ span: r.all.span, newText: `from ${src} to any` }];
    if (r.toTok) return [{ span: { offset: r.toTok.span.offset, length: 0 }, newText: `from ${src} ` }];
    return [{ span: { offset: r.headEnd, length: 0 }, newText: ` from ${src} to any` }];
  },

  removeServices(text, rule, l, services) {
    const p = native(rule).rule.ports;
    if (!p || p.ranges === 'unknown' || rule.protocol === 'other') return undefined;
    if (!p.items.every((i) => PLAIN_PORT.test(i.text))) return undefined;
    const drop = services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port);
    const left = removePorts(p.ranges, drop);
    if (!left.length) return undefined;
    return [{ span: p.span, newText: list(left.map(fmt)) }];
  },

  deny(text, rule) {
    const r = native(rule).rule;
    if (r.action !== 'allow' || r.redirect || !r.actionTok.literal) return undefined;
    const edits: TextEdit[] = [{ span: r.actionTok.span, newText: 'block' }];
    // pfctl refuses "keep state" on a block rule: drop the state options with the space before them.
    for (const s of r.stateSpans) {
      let start = s.offset;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      edits.push({ span: { offset: start, length: s.offset + s.length - start }, newText: '' });
    }
    return edits;
  },

  insertDenyBefore(text, rule, l, services) {
    const n = native(rule);
    const dir = l.direction === 'out' ? 'out' : 'in';
    const eol = lineBreakOf(text);
    const names = describeServices(services);
    if (n.rule.quick) {
      // A quick block ahead of a quick pass stops evaluation first.
      const lines = blockLines(text, rule, dir, true, services);
      if (!lines.length) return undefined;
      return { edits: [{ span: { offset: n.stmt.lineStart, length: 0 }, newText: lines.map((x) => `${n.stmt.indent}${x}${eol}`).join('') }], title: `Insert a quick block for ${names} before this rule` };
    }
    // Last match wins: a plain block after the rule overrides it, and later pass rules still override the block.
    const lines = blockLines(text, rule, dir, false, services);
    if (!lines.length) return undefined;
    const { at, lead } = afterStatement(text, rule);
    const body = lines.map((x) => `${n.stmt.indent}${x}${eol}`).join('');
    return { edits: [{ span: { offset: at, length: 0 }, newText: (lead ? eol : '') + body }], title: `Block ${names} right after this rule (in pf the last matching rule wins)` };
  },

  appendDeny(text, l: RuleList, services) {
    if (l.direction !== 'in' || l.endOffset === undefined) return undefined;
    const eol = lineBreakOf(text);
    const indent = (l.native as { indent?: string } | undefined)?.indent ?? '';
    const lines: string[] = [];
    for (const proto of ['tcp', 'udp'] as const) {
      const ports = servicePorts(services, proto);
      if (ports.length) lines.push(`${indent}block in proto ${proto} from any to any port ${list(ports.map(String))}${eol}`);
    }
    if (!lines.length) return undefined;
    const lead = breakBefore(text, l.endOffset);
    // The first filter rule is the last to match in pf: a block there is a default that later pass rules override.
    return { edits: [{ span: { offset: l.endOffset, length: 0 }, newText: lead + lines.join('') }], title: `Block ${describeServices(services)} by default, ahead of the first filter rule` };
  },
};
