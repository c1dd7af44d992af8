/**
 * NetworkPolicy ingress: an allow-list for the pods it selects. ipBlock peers become allow rules (their
 * `except` a deny just before); namespace and pod selectors are in-cluster peers and add no rule.
 */
import type { Node, Pair } from 'yaml';
import type { AddressItem, PortItem, Protocol, RuleList } from '../../model/rule';
import type { Span } from '../../types';
import { addressValueOf } from '../common/address';
import { get, isMap, isScalar, items, pairOf, spanOf, str } from '../common/yaml';
import type { K8sObject } from './objects';
import { portValue } from './ports';
import { addressMatch, allowList, ANY_SOURCE, nodeSpan, portMatch, protocolOf, pushRule, type RuleInit } from './rule-build';

export interface PolicyRuleNative {
  kind: 'policy';
  /** The ingress rule, its `ports` pair, and the port entries this rule stands for (one protocol). */
  ingressRule: Node;
  portsPair?: Pair<Node, Node>;
  portEntries: Node[];
  /** The ipBlock peer item (`- ipBlock: …`), its cidr node and its except pair. */
  peer?: Node;
  cidr?: Node;
  exceptPair?: Pair<Node, Node>;
}

interface PortGroup {
  protocol: Protocol;
  protocolSpan?: Span;
  items: PortItem[] | 'unknown' | undefined;
  entries: Node[];
}

/** The rule's ports by protocol; no `ports` (or an empty list) means every port of every protocol. */
function portGroups(rule: Node, names: Map<string, number>): PortGroup[] {
  const entries = items(get(rule, 'ports'));
  if (!entries.length) return [{ protocol: 'any', items: undefined, entries: [] }];
  const groups = new Map<Protocol, PortGroup>();
  for (const e of entries) {
    const protoNode = get(e, 'protocol');
    const protocol = protocolOf(str(protoNode));
    let g = groups.get(protocol);
    if (!g) {
      g = { protocol, protocolSpan: isScalar(protoNode) ? spanOf(protoNode) : undefined, items: [], entries: [] };
      groups.set(protocol, g);
    }
    g.entries.push(e);
    if (g.items === undefined || g.items === 'unknown') continue;
    const v = portValue(get(e, 'port'), names, get(e, 'endPort'));
    // An entry without a port admits every port of its protocol.
    g.items = v === undefined ? undefined : v === 'unknown' ? 'unknown' : [...g.items, v];
  }
  return [...groups.values()];
}

function addressItem(node: Node | undefined, fallback: Span): AddressItem {
  const t = str(node) ?? '';
  return { text: t, span: nodeSpan(node, fallback), value: node ? addressValueOf(t) : { kind: 'unknown' } };
}

export function extractNetworkPolicy(text: string, obj: K8sObject, names: Map<string, number>): RuleList | undefined {
  const spec = get(obj.node, 'spec');
  if (!isMap(spec)) return undefined;
  const types = items(get(spec, 'policyTypes')).map((n) => str(n));
  if (types.length && !types.includes('Ingress')) return undefined;
  const list = allowList(`NetworkPolicy/${obj.key}/${obj.name}`, `NetworkPolicy ${obj.name}`);
  // Blocks with `except` go last: their deny must not hide what another peer of the policy allows.
  const withExcept: RuleInit[] = [];
  items(get(spec, 'ingress')).forEach((rule, i) => {
    const ruleSpan = nodeSpan(rule);
    const portsPair = pairOf(rule, 'ports');
    const fromPair = pairOf(rule, 'from');
    const peers = items(fromPair?.value);
    for (const g of portGroups(rule, names)) {
      const base = {
        protocol: g.protocol,
        protocolSpan: g.protocolSpan,
        ports: portMatch(g.items, spanOf(portsPair) ?? ruleSpan),
        native: { kind: 'policy', ingressRule: rule, portsPair, portEntries: g.entries } as PolicyRuleNative,
      };
      if (!peers.length) {
        const span = ruleSpan;
        // No `from`: every source.
        pushRule(list, { ...base, label: `ingress[${i}]`, sources: ANY_SOURCE, span, actionSpan: span, text: text.slice(span.offset, span.offset + span.length) });
        continue;
      }
      for (const peer of peers) {
        const block = get(peer, 'ipBlock');
        if (!block) continue;
        const span = nodeSpan(peer);
        const cidr = get(block, 'cidr');
        const exceptPair = pairOf(block, 'except');
        const native: PolicyRuleNative = { ...base.native, peer, cidr, exceptPair };
        const init: RuleInit = {
          ...base,
          label: `ingress[${i}] ipBlock ${str(cidr) ?? ''}`.trimEnd(),
          sources: addressMatch([addressItem(cidr, span)], spanOf(cidr)),
          span,
          actionSpan: span,
          text: text.slice(span.offset, span.offset + span.length),
          native,
        };
        const except = items(exceptPair?.value);
        if (!except.length) {
          pushRule(list, init);
          continue;
        }
        const exceptSpan = spanOf(exceptPair) ?? span;
        withExcept.push({ ...init, action: 'deny', label: `${init.label} except`, sources: addressMatch(except.map((n) => addressItem(n, exceptSpan)), exceptSpan), span: exceptSpan, actionSpan: exceptSpan }, init);
      }
    }
  });
  for (const init of withExcept) pushRule(list, init);
  return list.rules.length ? list : undefined;
}
