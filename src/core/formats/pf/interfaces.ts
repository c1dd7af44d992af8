/**
 * Where pf rules apply ("on IF") and what the file says its interfaces face. pf.conf(5): "on" limits a rule to
 * packets coming in on, or going out through, an interface or interface group; "any" is every interface but
 * loopback. ifconfig(8): the "egress" group holds the interfaces of the default route.
 */
import type { InterfaceEvidence, InterfaceItem, InterfaceMatch } from '../../model/rule';
import { classOfName, namedEvidence } from '../common/interfaces';
import type { Statement } from './lexer';
import { parseOn, type PfOn } from './rule';

const EGRESS_REASON = "pf's egress group, the interfaces that hold the default route";

/** The rule model's interface match for an "on" clause. */
export function interfaceMatch(on: PfOn): InterfaceMatch {
  // "on any" is every interface except the loopback group; "on ! any" only loopback.
  if (on.any) return { items: [{ name: 'lo', span: on.names[0].span }], negated: !on.negated, span: on.span };
  const items: InterfaceItem[] = on.names.filter((t) => !t.unknown).map((t) => ({ name: t.text, span: t.span }));
  return { items, negated: on.negated, span: on.span, ...(on.unknown ? { unknown: true } : {}) };
}

/** Collects evidence from "on" clauses: egress, nat-to / nat on out of an interface, macros named like WAN/LAN. */
export class PfEvidence {
  private readonly seen = new Set<string>();
  /** Names already looked at, by how the file writes them ("$ext_if" → em0): most rules repeat a few. */
  private readonly looked = new Map<string, string>();
  readonly list: InterfaceEvidence[] = [];
  constructor(private readonly text: string) {}

  /** A translation statement ("match out on em0 … nat-to", "nat on em0 …") or a filter rule's "on". */
  statement(s: Statement, on: PfOn | undefined): void {
    const kw = s.toks[0].text;
    if (!on) {
      if (kw !== 'match' && kw !== 'nat' && kw !== 'binat' && kw !== 'rdr') return;
      const at = s.toks.findIndex((t) => t.text === 'on');
      on = at > 0 ? parseOn(s.toks, at)?.on : undefined;
      if (!on) return;
    }
    this.on(on);
    const how = kw === 'nat' || kw === 'binat' ? `${kw} on` : s.toks.find((t) => t.text === 'nat-to' || t.text === 'binat-to')?.text;
    if (!how || on.negated || on.any || on.unknown) return;
    for (const t of on.names) if (t.text !== 'egress') this.add({ name: t.text, class: 'internet', reason: `the interface this file NATs out of (${how})`, span: t.span });
  }

  private on(on: PfOn): void {
    for (const t of on.names) {
      if (t.unknown) continue;
      if (t.text === 'egress') this.add({ name: 'egress', class: 'internet', reason: EGRESS_REASON, span: t.span });
      const written = this.text.slice(t.span.offset, t.span.offset + t.span.length);
      if (this.looked.get(written) === t.text) continue;
      this.looked.set(written, t.text);
      const macro = /^\$([A-Za-z_]\w*)$/.exec(written);
      const e = macro ? namedEvidence({ name: t.text, span: t.span }, macro[1], written) : undefined;
      if (e) this.add(e);
      // ifconfig(8): group names never end in a digit, so "trusted_lan" is a group the admin named.
      const group = !/\d$/.test(t.text) && t.text !== 'egress' ? classOfName(t.text) : undefined;
      if (group) this.add({ name: t.text, class: group, reason: `an interface group whose name says it is ${group === 'internet' ? 'internet-facing' : 'internal'}`, span: t.span });
    }
  }

  private add(e: InterfaceEvidence): void {
    const key = `${e.name}\n${e.class}\n${e.reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(e);
  }
}
