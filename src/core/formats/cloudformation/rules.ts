/** One security-group rule or network-ACL entry (a map of CloudFormation properties) → an AccessRule. */
import type { Node, YAMLMap } from 'yaml';
import { literalSet } from '../../analysis/addresses';
import type { AccessRule, AddressItem, AddressMatch, Direction, PortMatch, Protocol } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { addressValueOf } from '../common/address';
import { isScalar } from '../common/yaml';
import { resolve, type Params } from './intrinsics';
import { field, nodeSpan, rangeSpan } from './text';
import { protocolOfWord } from '../common/protocol';
import { awsPortProblem } from '../common/aws-ports';

export type CfnRuleKind = 'sg-item' | 'sg-resource' | 'nacl';

/** What the fix writer needs: the property map, the node a copy is made of, and the value nodes it edits. */
export interface CfnRuleNative {
  kind: CfnRuleKind;
  props: YAMLMap;
  /** The inline item, or the whole `Name: {Type, Properties}` resource pair. */
  copySpan: Span;
  /** The item or resource sits in a flow collection (`[…]`, `{…}`, JSON): copies are comma-separated. */
  flow: boolean;
  resourceName?: string;
  peerKey?: string;
  peerNode?: Node;
  fromNode?: Node;
  toNode?: Node;
  ruleNumber?: number;
  numberNode?: Node;
  actionNode?: Node;
  protocolNode?: Node;
}

export interface RuleContext {
  text: string;
  params: Params;
  problems: ParseProblem[];
}

const SG_PEERS = {
  in: ['CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'SourceSecurityGroupId', 'SourceSecurityGroupName'],
  out: ['CidrIp', 'CidrIpv6', 'DestinationPrefixListId', 'DestinationSecurityGroupId'],
} as const;
const NACL_PEERS = ['CidrBlock', 'Ipv6CidrBlock'] as const;
const CIDR_KEYS = new Set(['CidrIp', 'CidrIpv6', 'CidrBlock', 'Ipv6CidrBlock']);

function protocolOf(value: string | undefined): Protocol | undefined {
  return value === undefined ? undefined : protocolOfWord(value);
}

const num = (ctx: RuleContext, node: Node | undefined): number | undefined => {
  // A plain integer (the usual FromPort: 445) is the number it reads as: no text round trip.
  if (isScalar(node) && !node.tag) {
    const v = node.value;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v === 0 ? 0 : v;
  }
  const t = node ? resolve(node, ctx.params) : undefined;
  return t !== undefined && /^-?\d+$/.test(t.trim()) ? Number(t) : undefined;
};

function portsOf(ctx: RuleContext, protocol: Protocol, protoNode: Node | undefined, fromNode: Node | undefined, toNode: Node | undefined, portNames: readonly [string, string]): PortMatch {
  if (protocol !== 'tcp' && protocol !== 'udp') return { ranges: protocol === 'any' ? undefined : [], items: [], negated: false };
  const from = num(ctx, fromNode);
  const to = num(ctx, toNode);
  const span = rangeSpan(ctx.text, fromNode, toNode);
  if (from === undefined || to === undefined) return { ranges: 'unknown', items: [], negated: false, span };
  const refused = awsPortProblem(protocol, (protoNode && resolve(protoNode, ctx.params)) ?? protocol, from, to, portNames);
  if (refused) {
    ctx.problems.push({ span: span ?? { offset: 0, length: 0 }, message: refused });
    return { ranges: 'unknown', items: [], negated: false, span };
  }
  const range = [Math.min(from, to), Math.max(from, to)] as const;
  const text = range[0] === range[1] ? String(range[0]) : `${range[0]}-${range[1]}`;
  return { ranges: [range], items: span ? [{ range, text, span }] : [], negated: false, span };
}

function peerOf(ctx: RuleContext, props: YAMLMap, keys: readonly string[], whole: Span): { match: AddressMatch; key?: string; node?: Node } {
  for (const key of keys) {
    const node = field(props, key);
    const span = nodeSpan(ctx.text, node);
    if (!node || !span) continue;
    const text = ctx.text.slice(span.offset, span.offset + span.length);
    const value = CIDR_KEYS.has(key) ? resolve(node, ctx.params) : undefined;
    const item: AddressItem = { text, span, value: value === undefined ? { kind: 'unknown' } : addressValueOf(value) };
    if (item.value.kind === 'cidr' && !literalSet(item.value.cidr)) ctx.problems.push({ span, message: `"${value}" is not a valid CIDR block` });
    return { match: { items: [item], negated: false, span }, key, node };
  }
  // Every rule names a peer; one not written yet cannot be judged.
  return { match: { items: [{ text: '', span: whole, value: { kind: 'unknown' } }], negated: false } };
}

const ANY: AddressMatch = { items: [], negated: false };

export interface RulePlace {
  kind: CfnRuleKind;
  direction: Direction;
  label: string;
  span: Span;
  copySpan: Span;
  flow: boolean;
  resourceName?: string;
  conditional: boolean;
}

function build(ctx: RuleContext, props: YAMLMap, place: RulePlace, protoNode: Node | undefined, fromNode: Node | undefined, toNode: Node | undefined, peerKeys: readonly string[], portNames: readonly [string, string]): AccessRule {
  const written = protoNode ? protocolOf(resolve(protoNode, ctx.params)) : undefined;
  const protocol = written ?? 'any';
  const ports = written ? portsOf(ctx, protocol, protoNode, fromNode, toNode, portNames) : { ranges: 'unknown' as const, items: [], negated: false };
  const peer = peerOf(ctx, props, peerKeys, place.span);
  const protocolSpan = nodeSpan(ctx.text, protoNode);
  const native: CfnRuleNative = {
    kind: place.kind,
    props,
    copySpan: place.copySpan,
    flow: place.flow,
    resourceName: place.resourceName,
    peerKey: peer.key,
    peerNode: peer.node,
    fromNode,
    toNode,
    protocolNode: protoNode,
  };
  return {
    index: 0,
    label: place.label,
    action: 'allow',
    protocol,
    ports,
    sources: place.direction === 'out' ? ANY : peer.match,
    destinations: place.direction === 'out' ? peer.match : ANY,
    conditional: place.conditional,
    establishedOnly: false,
    span: place.span,
    actionSpan: protocolSpan ?? place.span,
    protocolSpan,
    text: ctx.text.slice(place.span.offset, place.span.offset + place.span.length),
    native,
  };
}

/** A security-group rule: allow only. */
export function sgRule(ctx: RuleContext, props: YAMLMap, place: RulePlace): AccessRule {
  const keys = place.direction === 'out' ? SG_PEERS.out : SG_PEERS.in;
  // Each inline item names only the parameter-file values it reads itself.
  ctx.params.taken();
  const rule = build(ctx, props, place, field(props, 'IpProtocol'), field(props, 'FromPort'), field(props, 'ToPort'), keys, ['FromPort', 'ToPort']);
  rule.related = ctx.params.taken();
  return rule;
}

/** A network-ACL entry: allow or deny, ordered by RuleNumber. */
export function naclRule(ctx: RuleContext, props: YAMLMap, place: RulePlace): AccessRule {
  const range = field(props, 'PortRange');
  const rule = build(ctx, props, place, field(props, 'Protocol'), field(range, 'From'), field(range, 'To'), NACL_PEERS, ['PortRange From', 'PortRange To']);
  const native = rule.native as CfnRuleNative;
  native.numberNode = field(props, 'RuleNumber');
  native.ruleNumber = num(ctx, native.numberNode);
  native.actionNode = field(props, 'RuleAction');
  const action = native.actionNode ? resolve(native.actionNode, ctx.params)?.toLowerCase() : undefined;
  // An action we cannot read neither exposes nor protects: treat it as a deny that may not apply.
  rule.action = action === 'allow' ? 'allow' : 'deny';
  if (action !== 'allow' && action !== 'deny') rule.conditional = true;
  rule.actionSpan = nodeSpan(ctx.text, native.actionNode) ?? rule.actionSpan;
  rule.label = native.ruleNumber !== undefined ? `rule ${native.ruleNumber}` : place.label;
  rule.related = ctx.params.taken();
  return rule;
}
