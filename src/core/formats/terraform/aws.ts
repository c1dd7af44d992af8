/** AWS: security groups (inline blocks and rule resources, allow-only) and network ACLs (numbered, first match). */
import type { AddressItem, Direction, PortMatch, Protocol } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { awsPortProblem } from '../common/aws-ports';
import type { HBlock } from './doc';
import { addressItem, ALL_PORTS, fitted, ipProtocol, listInit, NO_MATCH, portMatch, unknownItem, UNKNOWN_PORTS, type ListCollector, type RuleNative } from './build';
import { attrSpan, attrValue, expand, refKey, scalarAttr, scalarListAttr, type Scope } from './values';

const SG_TYPES = new Set(['aws_security_group', 'aws_default_security_group']);
const NACL_TYPES = new Set(['aws_network_acl', 'aws_default_network_acl']);
/** Every resource type mapAws reads (the HCL reader skips the attributes of others). */
export const AWS_RESOURCES = new Set([...SG_TYPES, ...NACL_TYPES, 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_network_acl_rule']);

export function mapAws(res: HBlock, scope: Scope, text: string, out: ListCollector): void {
  const [type, name] = res.labels;
  const address = `${type}.${name}`;
  if (SG_TYPES.has(type)) {
    for (const dir of ['ingress', 'egress'] as const) {
      const list = sgList(out, address, dir, res);
      expand(res, dir, scope).forEach((e, i) => sgRule(out, list, `${dir} block ${i + 1}`, { kind: 'aws-sg-inline', block: e.block, resource: res, scope: e.scope, direct: e.direct }, dir, 'protocol'));
    }
  } else if (type === 'aws_security_group_rule') {
    const dir = scalarAttr(res, 'type', scope)?.text;
    if (dir !== 'ingress' && dir !== 'egress') return;
    const list = sgList(out, refKey(attrValue(res, 'security_group_id'), text) ?? address, dir);
    sgRule(out, list, address, { kind: 'aws-sg-rule', block: res, resource: res, scope, direct: true }, dir, 'protocol');
  } else if (type === 'aws_vpc_security_group_ingress_rule' || type === 'aws_vpc_security_group_egress_rule') {
    const dir = type.includes('ingress') ? 'ingress' : 'egress';
    const list = sgList(out, refKey(attrValue(res, 'security_group_id'), text) ?? address, dir);
    sgRule(out, list, address, { kind: 'aws-vpc-rule', block: res, resource: res, scope, direct: true }, dir, 'ip_protocol');
  } else if (NACL_TYPES.has(type)) {
    for (const dir of ['ingress', 'egress'] as const) {
      const list = naclList(out, address, dir, res);
      for (const e of expand(res, dir, scope)) naclRule(out, list, { kind: 'aws-nacl-inline', block: e.block, resource: res, scope: e.scope, direct: e.direct, order: undefined }, 'rule_no', 'action');
    }
  } else if (type === 'aws_network_acl_rule') {
    const egress = scalarAttr(res, 'egress', scope)?.text === 'true';
    const list = naclList(out, refKey(attrValue(res, 'network_acl_id'), text) ?? address, egress ? 'egress' : 'ingress');
    naclRule(out, list, { kind: 'aws-nacl-rule', block: res, resource: res, scope, direct: true, order: undefined }, 'rule_number', 'rule_action');
  }
}

const dirOf = (d: 'ingress' | 'egress'): Direction => (d === 'ingress' ? 'in' : 'out');

export function sgList(out: ListCollector, key: string, dir: 'ingress' | 'egress', owner?: HBlock): string {
  const id = `${key}/${dir}`;
  const l = out.list(id, listInit({ name: `${key} ${dir}`, direction: dirOf(dir), families: 'both', policy: 'deny', policyText: 'implicit deny', independentAllows: true }));
  if (owner && !l.list.policySpan) l.list.policySpan = owner.typeSpan;
  return id;
}

function naclList(out: ListCollector, key: string, dir: 'ingress' | 'egress', owner?: HBlock): string {
  const id = `${key}/${dir}`;
  const l = out.list(id, listInit({ name: `${key} ${dir}`, direction: dirOf(dir), families: 'both', policy: 'deny', policyText: 'rule * (deny)' }));
  if (owner && !l.list.policySpan) l.list.policySpan = owner.typeSpan;
  return id;
}

/** from_port/to_port for a TCP/UDP protocol; every port for "all"; nothing port-like for ICMP and others. */
export function fromToPorts(b: HBlock, scope: Scope, protocol: Protocol, allIgnoresPorts: boolean, problems: ParseProblem[]): PortMatch {
  if (protocol === 'other') return ALL_PORTS();
  const from = scalarAttr(b, 'from_port', scope);
  const to = scalarAttr(b, 'to_port', scope);
  const fa = attrSpan(b, 'from_port');
  const ta = attrSpan(b, 'to_port');
  const span: Span | undefined = fa && ta ? { offset: Math.min(fa.offset, ta.offset), length: Math.max(fa.offset + fa.length, ta.offset + ta.length) - Math.min(fa.offset, ta.offset) } : (fa ?? ta);
  if (protocol === 'any' && allIgnoresPorts) return ALL_PORTS(span);
  if (!fa && !ta) return ALL_PORTS();
  const a = Number(from?.text);
  const z = Number(to?.text ?? from?.text);
  if (!from || !Number.isInteger(a) || !Number.isInteger(z) || (ta && !to)) return UNKNOWN_PORTS(span);
  const refused = awsPortProblem(protocol, scalarAttr(b, 'protocol', scope)?.text ?? scalarAttr(b, 'ip_protocol', scope)?.text ?? protocol, a, z, ['from_port', 'to_port']);
  if (refused) {
    problems.push({ span: span ?? from.site, message: refused });
    return UNKNOWN_PORTS(span);
  }
  if (a < 0 || z < 0) return ALL_PORTS(span);
  // 0–0 means every port (the console writes it for "all traffic").
  if (a === 0 && z === 0) return ALL_PORTS(span);
  return portMatch([[Math.min(a, z), Math.max(a, z)]], a === z ? String(a) : `${a}-${z}`, span ?? from.site);
}

export function protocolOf(b: HBlock, scope: Scope, attr: string): { protocol: Protocol; span?: Span; known: boolean } {
  const p = scalarAttr(b, attr, scope);
  const protocol = ipProtocol(p?.text);
  return protocol ? { protocol, span: p?.site, known: true } : { protocol: 'any', span: attrSpan(b, attr), known: false };
}

/** CIDR items of the named attributes; unknown items for values the file does not settle. */
function cidrItems(b: HBlock, scope: Scope, attrs: string[]): AddressItem[] {
  const items: AddressItem[] = [];
  for (const name of attrs) {
    const l = scalarListAttr(b, name, scope);
    if (!l) continue;
    for (const i of l.items) items.push(addressItem(i.text, i.site));
    if (l.unknown) items.push(unknownItem(name, l.site));
  }
  return fitted(items);
}

const SG_PEERS = ['security_groups', 'self', 'prefix_list_ids', 'source_security_group_id', 'referenced_security_group_id', 'prefix_list_id'];

function sgRule(out: ListCollector, listId: string, label: string, native: RuleNative, dir: 'ingress' | 'egress', protoAttr: string): void {
  const { block: b, scope } = native;
  const p = protocolOf(b, scope, protoAttr);
  const ports = p.known ? fromToPorts(b, scope, p.protocol, true, out.problems) : UNKNOWN_PORTS();
  const cidrAttrs = native.kind === 'aws-vpc-rule' ? ['cidr_ipv4', 'cidr_ipv6'] : ['cidr_blocks', 'ipv6_cidr_blocks'];
  let items = cidrItems(b, scope, cidrAttrs);
  // Peers named by security group or prefix list add to the CIDRs; alone they are addresses we cannot know.
  if (!items.length) {
    const peer = SG_PEERS.map((n) => b.attrs.get(n)).find((a) => a && !namesNoPeer(a.value));
    if (!peer) return;
    items = [unknownItem(peer.name, peer.span)];
  }
  const match = { items, negated: false };
  out.add(listId, {
    label, action: 'allow', protocol: p.protocol, protocolSpan: p.span, ports,
    sources: dir === 'ingress' ? match : NO_MATCH, destinations: dir === 'egress' ? match : NO_MATCH,
    conditional: false, establishedOnly: false, span: b.span, actionSpan: b.typeSpan, native, index: 0, text: '',
  });
}

/** `self = false` names no peer. */
const namesNoPeer = (v: { kind: string; value?: unknown }) => v.kind === 'bool' && v.value === false;

function naclRule(out: ListCollector, listId: string, native: RuleNative, numberAttr: string, actionAttr: string): void {
  const { block: b, scope } = native;
  const num = Number(scalarAttr(b, numberAttr, scope)?.text);
  const act = scalarAttr(b, actionAttr, scope);
  const action = act?.text.toLowerCase();
  if (action !== 'allow' && action !== 'deny') return;
  const p = protocolOf(b, scope, 'protocol');
  const ports = p.known ? fromToPorts(b, scope, p.protocol, true, out.problems) : UNKNOWN_PORTS();
  const items = cidrItems(b, scope, ['cidr_block', 'ipv6_cidr_block']);
  if (!items.length) items.push(unknownItem('cidr_block', b.typeSpan));
  const dirIn = out.list(listId, () => { throw new Error('list exists'); }).list.direction === 'in';
  const match = { items, negated: false };
  const order = Number.isFinite(num) ? num : Number.MAX_SAFE_INTEGER;
  native.order = Number.isFinite(num) ? num : undefined;
  out.add(listId, {
    label: Number.isFinite(num) ? `${numberAttr} ${num}` : `${numberAttr} ?`, action, protocol: p.protocol, protocolSpan: p.span, ports,
    sources: dirIn ? match : NO_MATCH, destinations: dirIn ? NO_MATCH : match,
    conditional: false, establishedOnly: false, span: b.span, actionSpan: act?.site ?? b.typeSpan, native, index: 0, text: '',
  }, order);
}
