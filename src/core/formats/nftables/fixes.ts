/** Fixes written in nft syntax, in the style of the rule they fix (a line in a chain block, or an `add rule`). */
import { parseCidr } from '../../model/cidr';
import { removePorts, servicePorts, type PortRange } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import { breakBefore, lineBreakOf } from '../../text/eol';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { Chain } from './doc';
import type { NftListNative, NftRuleNative } from './model';
import { portRangeOf } from './values';
import { nextLineStart } from '../../text/lines';

const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}-${b}`);
const setText = (items: string[]) => (items.length === 1 ? items[0] : `{ ${items.join(', ')} }`);

function native(rule: AccessRule): NftRuleNative {
  return rule.native as NftRuleNative;
}

/** "tcp dport { 139, 445 } drop" per protocol the rule (or `any`) covers. */
function denyBodies(services: SmbService[], protocol: AccessRule['protocol'], conditions: string): string[] {
  const out: string[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    if (protocol !== 'any' && protocol !== proto) continue;
    const ports = servicePorts(services, proto);
    if (ports.length) out.push(`${conditions}${proto} dport ${setText(ports.map(String))} drop`);
  }
  return out;
}

function commandHead(prefix: string, verb: string, chain: Chain): string {
  return `${prefix}${verb} rule ${chain.family} ${chain.table} ${chain.name} `;
}

/** New rules placed next to `rule`: before it (or after it for `insert rule` commands, which prepend). */
function rulesNextTo(text: string, rule: AccessRule, bodies: string[], after = false): TextEdit[] {
  const { raw, chain } = native(rule);
  const src = raw.source;
  const eol = lineBreakOf(text);
  if (src.style === 'block') {
    if (src.inline) return [{ span: { offset: after ? raw.span.offset + raw.span.length : raw.span.offset, length: 0 }, newText: after ? bodies.map((b) => `; ${b}`).join('') : bodies.map((b) => `${b}; `).join('') }];
    const at = after ? nextLineStart(text, raw.span.offset + raw.span.length) : src.lineStart;
    const lead = breakBefore(text, at);
    const end = terminator(text, raw.span.offset + raw.span.length);
    return [{ span: { offset: at, length: 0 }, newText: lead + bodies.map((b) => `${src.indent}${b}${end}${eol}`).join('') }];
  }
  const verb = src.verb;
  const placeAfter = after !== (verb === 'insert');
  const at = placeAfter ? nextLineStart(text, raw.span.offset + raw.span.length) : src.lineStart;
  const lead = breakBefore(text, at);
  return [{ span: { offset: at, length: 0 }, newText: lead + bodies.map((b) => `${src.indent}${commandHead(src.prefix, verb, chain)}${b}${eol}`).join('') }];
}

/** ";" when the rule ending at `end` is closed by one (files that end every rule with ";"), else "": a new line
 *  is written the way its neighbours are. */
function terminator(text: string, end: number): string {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ';' ? ';' : '';
}

/** Text copied out of a shell command must not carry half a quote: unbalanced quotes are dropped. */
function copied(text: string, rule: AccessRule): string {
  if (!native(rule).raw.source.prefix) return text;
  const odd = (q: string) => (text.split(q).length - 1) % 2 === 1;
  return odd("'") || odd('"') ? text.replace(/(?<!\\)['"]/g, '') : text;
}

/** The matches a deny must keep to cover the same traffic: addresses, the interface it arrives on, the family.
 *  `oif`/`oifname` are left out: a deny scoped to where traffic leaves is narrower than what the engine trusts to
 *  shadow the rule (it walks by arrival interface). */
function conditionsOf(text: string, rule: AccessRule, list: RuleList): string {
  const n = native(rule);
  const parts = n.parsed.matches.filter((m) => m.kind === 'saddr' || m.kind === 'daddr' || (m.kind === 'iface' && m.key.startsWith('i'))).map((m) => copied(text.slice(m.span.offset, m.span.offset + m.span.length), rule));
  if (list.families === 'both' && n.family && !n.parsed.matches.some((m) => m.kind === 'saddr' || m.kind === 'daddr')) parts.unshift(`meta nfproto ipv${n.family}`);
  return parts.map((p) => `${p} `).join('');
}

function sourceMatch(family: 4 | 6, cidrs: string[]): string {
  return `${family === 4 ? 'ip' : 'ip6'} saddr ${setText(cidrs.map((c) => (parseCidr(c) ? c : `$${c}`)))}`;
}

export const nftablesFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const n = native(rule);
    if (n.vmap || n.parsed.opaque) return undefined;
    const allowed: (4 | 6)[] = n.family ? [n.family] : list.families === 'ipv4' ? [4] : list.families === 'ipv6' ? [6] : [4, 6];
    const placeholders = sources.filter((c) => !parseCidr(c));
    const byFamily = allowed
      .map((f) => ({ f, cidrs: sources.filter((c) => { const s = parseCidr(c); return s && (f === 4 ? s.v4.length : s.v6.length); }) }))
      .filter((x) => x.cidrs.length);
    if (!byFamily.length && placeholders.length) byFamily.push({ f: allowed[0], cidrs: placeholders });
    if (!byFamily.length) return undefined;
    const matchTexts = byFamily.map((x) => sourceMatch(x.f, x.cidrs));
    const body = text.slice(rule.span.offset, rule.span.offset + rule.span.length);
    const s = n.saddr?.span;
    const rewrite = (m: string) => (s ? body.slice(0, s.offset - rule.span.offset) + m + body.slice(s.offset + s.length - rule.span.offset) : `${m} ${body}`);
    const twin = (m: string) => copied(rewrite(m), rule);
    const edits: TextEdit[] = s ? [{ span: s, newText: matchTexts[0] }] : [{ span: { offset: rule.span.offset, length: 0 }, newText: `${matchTexts[0]} ` }];
    // An inet rule matches one family per address match: the other family gets its own copy of the rule.
    if (matchTexts.length > 1) edits.push(...rulesNextTo(text, rule, [twin(matchTexts[1])], true));
    return edits;
  },

  removeServices(text, rule, list, services) {
    const n = native(rule);
    if (n.vmap) return undefined;
    const ports = services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port);
    if (!ports.length) return undefined;
    if (!n.dport) {
      if ((rule.protocol !== 'tcp' && rule.protocol !== 'udp') || !n.parsed.verdict) return undefined;
      const sorted = [...new Set(ports)].sort((a, b) => a - b).map(String);
      return [{ span: { offset: n.parsed.verdict.tok.offset, length: 0 }, newText: `${rule.protocol} dport != ${setText(sorted)} ` }];
    }
    const { match, value } = n.dport;
    if (!value.elems || value.elems.some((e) => !e.literal) || match.negated || (match.op && match.op !== '==' && match.op !== 'eq')) return undefined;
    const parts = value.elems.map((e) => {
      const range = portRangeOf(e.text) as PortRange;
      const left = removePorts([range], ports);
      const same = left.length === 1 && left[0][0] === range[0] && left[0][1] === range[1];
      return { e, left: same ? undefined : left.map(fmt) };
    });
    if (parts.every((p) => p.left?.length === 0)) return undefined;
    if (!value.braced) {
      const left = parts[0].left as string[];
      return [{ span: parts[0].e.span, newText: setText(left) }];
    }
    const lastKept = parts.reduce((k, p, i) => (p.left?.length !== 0 ? i : k), -1);
    const edits: TextEdit[] = [];
    parts.forEach((p, i) => {
      if (!p.left) return;
      if (p.left.length) edits.push({ span: p.e.span, newText: p.left.join(', ') });
      else if (i < lastKept) edits.push({ span: { offset: p.e.span.offset, length: parts[i + 1].e.span.offset - p.e.span.offset }, newText: '' });
    });
    // Elements after the last kept one go with the separator in front of them, in one edit.
    if (lastKept < parts.length - 1) {
      const from = parts[lastKept].e.span.offset + parts[lastKept].e.span.length;
      const last = parts[parts.length - 1].e.span;
      edits.push({ span: { offset: from, length: last.offset + last.length - from }, newText: '' });
    }
    return edits;
  },

  deny(text, rule) {
    if (rule.action !== 'allow' || text.slice(rule.actionSpan.offset, rule.actionSpan.offset + rule.actionSpan.length) !== 'accept') return undefined;
    return [{ span: rule.actionSpan, newText: 'drop' }];
  },

  insertDenyBefore(text, rule, list, services) {
    const bodies = denyBodies(services, rule.protocol, conditionsOf(text, rule, list));
    return bodies.length ? rulesNextTo(text, rule, bodies) : undefined;
  },

  appendDeny(text, list, services) {
    const { chain } = list.native as NftListNative;
    const end = chain.end;
    if (!end) return undefined;
    const bodies = denyBodies(services, 'any', '');
    if (!bodies.length) return undefined;
    const eol = lineBreakOf(text);
    if (end.style === 'block' && end.inline) {
      const before = text.slice(0, end.offset);
      const last = before.trimEnd().slice(-1);
      const sep = (last === ';' || last === '{' ? '' : ';') + (/\s$/.test(before) && (last === ';' || last === '{') ? '' : ' ');
      return [{ span: { offset: end.offset, length: 0 }, newText: `${sep}${bodies.join('; ')}; ` }];
    }
    const lead = breakBefore(text, end.offset);
    const last = chain.rules[chain.rules.length - 1];
    const close = end.style === 'block' && last ? terminator(text, last.span.offset + last.span.length) : '';
    const line = (b: string) => `${end.indent}${end.style === 'command' ? commandHead(end.prefix, 'add', chain) : ''}${b}${close}${eol}`;
    return [{ span: { offset: end.offset, length: 0 }, newText: lead + bodies.map(line).join('') }];
  },
};
