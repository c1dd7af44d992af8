/**
 * What an nftables ruleset says about its interfaces, for the engine to weigh (nft(8), "NAT STATEMENTS"):
 * `masquerade` and `snat` in a nat chain rewrite the source of what leaves by the rule's `oif`/`oifname`, so that
 * interface is the uplink; `dnat` on `iif`/`iifname` forwards ports arriving from outside there. A define or named
 * set that holds interfaces and is named WAN/EXT/LAN/INT (`$wan_if`, `@lan_ifs`) says it too.
 */
import type { InterfaceEvidence, RuleList } from '../../model/rule';
import { classOfName, interfaceItem, REASONS } from '../common/interfaces';
import type { Ruleset } from './doc';
import { parseRule } from './rule';
import type { ExpansionBudget } from '../common/expansion';
import { Resolver } from './values';

const NAT: Record<string, { side: 'i' | 'o'; reason: string }> = {
  masquerade: { side: 'o', reason: REASONS.masquerade },
  snat: { side: 'o', reason: REASONS.snat },
  dnat: { side: 'i', reason: REASONS.dnat },
};

export function interfaceEvidence(rs: Ruleset, text: string, lists: RuleList[], budget: ExpansionBudget): InterfaceEvidence[] {
  const out: InterfaceEvidence[] = [];
  const add = (e: InterfaceEvidence) => {
    if (!out.some((x) => x.name === e.name && x.prefix === e.prefix && x.class === e.class && x.reason === e.reason)) out.push(e);
  };
  for (const table of rs.tables.values()) {
    const res = new Resolver(rs, table, budget);
    for (const chain of table.chains.values()) {
      if (chain.type !== 'nat') continue;
      for (const raw of chain.rules) {
        const nat = raw.toks.map((t) => NAT[t.text]).find((x) => x);
        if (!nat) continue;
        for (const m of parseRule(raw.toks).matches) {
          if (m.kind !== 'iface' || m.negated || !m.key.startsWith(nat.side)) continue;
          for (const e of res.value(m.valueToks).elems ?? []) add({ ...interfaceItem(e.text, '*', e.span), class: 'internet', reason: nat.reason });
        }
      }
    }
  }
  for (const list of lists) {
    for (const rule of list.rules) {
      for (const match of [rule.scope?.in, rule.scope?.out]) {
        for (const item of match?.items ?? []) {
          // An element pulled in through `$name` or `@name` keeps the reference's place in the rule.
          const written = text.slice(item.span.offset, item.span.offset + Math.min(item.span.length, 80));
          const ref = /^[$@]\{?([A-Za-z_][\w-]*)\}?$/.exec(written);
          const cls = ref ? classOfName(ref[1]) : undefined;
          if (cls) add({ ...item, class: cls, reason: `named by ${written}` });
        }
      }
    }
  }
  return out;
}
