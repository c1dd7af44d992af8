/** Small builders for the model shared by the YAML container formats (Kubernetes and Compose). */
import type { Node } from 'yaml';
import type { AccessRule, AddressItem, AddressMatch, PortItem, PortMatch, Protocol, RuleList } from '../../model/rule';
import type { PortRange } from '../../model/ports';
import type { Span } from '../../types';
import { spanOf } from '../common/yaml';
import { protocolOfWord } from '../common/protocol';

export const NO_SPAN: Span = { offset: 0, length: 0 };

export function nodeSpan(node: Node | null | undefined, fallback: Span = NO_SPAN): Span {
  return spanOf(node) ?? fallback;
}

export function portItem(range: PortRange, text: string, span: Span): PortItem {
  return { range, text, span };
}

export function portMatch(items: PortItem[] | 'unknown' | undefined, span?: Span): PortMatch {
  if (items === undefined) return { ranges: undefined, items: [], negated: false, span };
  if (items === 'unknown') return { ranges: 'unknown', items: [], negated: false, span };
  const ranges = items.length === 1 ? [items[0].range] : items.map((i) => i.range);
  return { ranges, items, negated: false, span: span ?? items[0]?.span };
}

export const ANY_SOURCE: AddressMatch = { items: [], negated: false };

export function addressMatch(items: AddressItem[], span?: Span): AddressMatch {
  return { items, negated: false, span };
}

/** Kubernetes and Compose spell protocols in capitals or lower case; SCTP and others are 'other'. */
export function protocolOf(value: string | undefined, fallback: Protocol = 'tcp'): Protocol {
  if (value === undefined || value === '') return fallback;
  return protocolOfWord(value, []);
}

export interface RuleInit {
  label: string;
  action?: AccessRule['action'];
  protocol: Protocol;
  protocolSpan?: Span;
  ports: PortMatch;
  sources: AddressMatch;
  span: Span;
  actionSpan?: Span;
  text: string;
  native: unknown;
}

/** Appends a rule to the list with the next index. */
export function pushRule(list: RuleList, init: RuleInit): AccessRule {
  const rule: AccessRule = {
    index: list.rules.length,
    label: init.label,
    action: init.action ?? 'allow',
    protocol: init.protocol,
    protocolSpan: init.protocolSpan,
    ports: init.ports,
    sources: init.sources,
    destinations: ANY_SOURCE,
    conditional: false,
    establishedOnly: false,
    span: init.span,
    actionSpan: init.actionSpan ?? init.span,
    text: init.text,
    native: init.native,
  };
  list.rules.push(rule);
  return rule;
}

/** An allow-only list: what no rule admits is not reachable. */
export function allowList(id: string, name: string, native?: unknown): RuleList {
  return { id, name, direction: 'in', families: 'both', entry: true, policy: 'deny', independentAllows: true, rules: [], native };
}
