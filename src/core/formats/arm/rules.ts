/** One NSG security rule (inline in `securityRules` or a child resource) → an AccessRule. */
import type { Node, Pair, YAMLMap } from 'yaml';
import { literalSet } from '../../analysis/addresses';
import type { AccessRule, AddressItem, AddressMatch, Direction, PortItem, PortMatch } from '../../model/rule';
import type { PortRange } from '../../model/ports';
import type { ParseProblem, Span } from '../../types';
import { addressValueOf } from '../common/address';
import { isMap, str } from '../common/yaml';
import { nodeSpan, pairOf } from '../cloudformation/text';
import { resolveItems, resolveText, type Scope } from './expressions';
import { nsgPortProblem, nsgPortRangeOf, nsgProtocolOf, nsgRule } from './nsg';

/** The pairs of a rule's `properties`, by key. */
type PairMap = (key: string) => Pair<Node, Node> | undefined;

export interface ArmRuleNative {
  kind: 'inline' | 'child';
  /** The rule object (copied for "insert a deny before"). */
  item: YAMLMap;
  itemSpan: Span;
  props: YAMLMap;
  /** The rule's own name (after "nsg/" for child resources), and the literal prefix of a child's name. */
  ruleName?: string;
  namePrefix?: string;
  nameNode?: Node;
  priority?: number;
  sourcePair?: Pair<Node, Node>;
  portPair?: Pair<Node, Node>;
}

export interface RuleContext {
  text: string;
  scope: Scope;
  problems: ParseProblem[];
}

export interface ArmRuleOut {
  rule: AccessRule;
  direction: Direction;
}

/** `destinationPortRange` or `destinationPortRanges`; "*" is every port. */
function portsOf(ctx: RuleContext, pf: PairMap): { match: PortMatch; pair?: Pair<Node, Node> } {
  const pair = pf('destinationPortRanges') ?? pf('destinationPortRange');
  const span = nodeSpan(ctx.text, pair?.value);
  if (!pair || !span) return { match: { ranges: 'unknown', items: [], negated: false } };
  const nodes = (str(pair.key) ?? '').endsWith('s') ? resolveItems(pair.value, ctx.scope) : [pair.value];
  if (!nodes) return { match: { ranges: 'unknown', items: [], negated: false, span }, pair };
  const ranges: PortRange[] = [];
  const items: PortItem[] = [];
  for (const node of nodes) {
    const text = resolveText(node, ctx.scope);
    if (text === undefined) return { match: { ranges: 'unknown', items: [], negated: false, span }, pair };
    if (text.trim() === '*') return { match: { ranges: undefined, items: [], negated: false, span }, pair };
    const range = nsgPortRangeOf(text);
    if (!range) {
      ctx.problems.push({ span: nodeSpan(ctx.text, node) ?? span, message: nsgPortProblem(text, 'destinationPortRanges') as string });
      return { match: { ranges: 'unknown', items: [], negated: false, span }, pair };
    }
    ranges.push(range);
    const own = nodeSpan(ctx.text, node);
    items.push({ range, text, span: own && own.offset >= span.offset && own.offset < span.offset + span.length ? own : span });
  }
  return { match: { ranges, items, negated: false, span }, pair };
}

const SIDE_KEYS = {
  source: { many: 'sourceAddressPrefixes', one: 'sourceAddressPrefix', groups: 'sourceApplicationSecurityGroups' },
  destination: { many: 'destinationAddressPrefixes', one: 'destinationAddressPrefix', groups: 'destinationApplicationSecurityGroups' },
};

/** The address prefixes of one side. On the side that is not the peer, "*" adds no condition. */
function addressesOf(ctx: RuleContext, pf: PairMap, side: 'source' | 'destination', peer: boolean): { match: AddressMatch; pair?: Pair<Node, Node> } {
  const keys = SIDE_KEYS[side];
  const pair = pf(keys.many) ?? pf(keys.one);
  const asg = pf(keys.groups);
  const span = nodeSpan(ctx.text, pair?.value ?? asg?.value);
  if (!span) return { match: { items: [], negated: false } };
  if (!pair) return { match: { items: [{ text: 'application security group', span, value: { kind: 'unknown' } }], negated: false, span } };
  const plural = (str(pair.key) ?? '').endsWith('s');
  const nodes = plural ? resolveItems(pair.value, ctx.scope) : [pair.value];
  const items: AddressItem[] = [];
  for (const node of nodes ?? [pair.value]) {
    const own = nodeSpan(ctx.text, node);
    const itemSpan = own && own.offset >= span.offset && own.offset < span.offset + span.length ? own : span;
    const text = nodes ? resolveText(node, ctx.scope) : undefined;
    const value = text === undefined || text === '' ? { kind: 'unknown' as const } : addressValueOf(text);
    if (value.kind === 'cidr' && !literalSet(value.cidr)) ctx.problems.push({ span: itemSpan, message: `"${text}" is not a valid address prefix` });
    items.push({ text: ctx.text.slice(itemSpan.offset, itemSpan.offset + itemSpan.length), span: itemSpan, value });
  }
  const onlyAny = items.length > 0 && items.every((i) => i.value.kind === 'any');
  return { match: { items: onlyAny && !peer ? [] : items, negated: false, span }, pair };
}

/** Reads a rule object: `{ name, properties: { priority, direction, access, protocol, … } }`. */
export function armRule(ctx: RuleContext, item: YAMLMap, kind: 'inline' | 'child', namePrefix: string | undefined, conditional: boolean): ArmRuleOut | undefined {
  const props = pairOf(item, 'properties')?.value;
  const itemSpan = nodeSpan(ctx.text, item);
  if (!isMap(props) || !itemSpan) return undefined;
  const pf: PairMap = (key) => pairOf(props, key);
  const r = (key: string) => resolveText(pf(key)?.value, ctx.scope);
  const dirText = r('direction')?.toLowerCase();
  const direction: Direction = dirText === 'outbound' ? 'out' : 'in';
  const access = r('access')?.toLowerCase();
  const written = nsgProtocolOf(r('protocol'));
  const protocol = written ?? 'any';
  const ports = written === undefined ? { match: { ranges: 'unknown' as const, items: [], negated: false } } : portsOf(ctx, pf);
  const src = addressesOf(ctx, pf, 'source', direction === 'in');
  const dst = addressesOf(ctx, pf, 'destination', direction === 'out');
  const nameNode = pairOf(item, 'name')?.value;
  const fullName = resolveText(nameNode, ctx.scope);
  const ruleName = fullName === undefined ? undefined : kind === 'child' && fullName.includes('/') ? fullName.slice(fullName.lastIndexOf('/') + 1) : fullName;
  const prioText = r('priority');
  const priority = prioText !== undefined && /^\d+$/.test(prioText) ? Number(prioText) : undefined;
  const native: ArmRuleNative = {
    kind,
    item,
    itemSpan,
    props,
    ruleName,
    namePrefix: kind === 'child' && fullName?.includes('/') ? fullName.slice(0, fullName.lastIndexOf('/') + 1) : namePrefix,
    nameNode: nameNode ?? undefined,
    priority,
    sourcePair: src.pair,
    portPair: ports.pair,
  };
  const accessNode = pf('access')?.value;
  const protoNode = pf('protocol')?.value;
  return {
    direction,
    rule: nsgRule({
      priority,
      ruleName,
      access,
      protocol,
      ports: ports.match,
      sources: src.match,
      destinations: dst.match,
      conditional,
      span: itemSpan,
      actionSpan: nodeSpan(ctx.text, accessNode),
      protocolSpan: nodeSpan(ctx.text, protoNode),
      text: ctx.text.slice(itemSpan.offset, itemSpan.offset + itemSpan.length),
      native,
    }),
  };
}
