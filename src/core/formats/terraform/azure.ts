/** Azure network security groups: inline security_rule blocks and rule resources, in priority order. */
import type { AddressItem, Direction } from '../../model/rule';
import type { HBlock } from './doc';
import { addressItem, destinationMatch, fitted, listInit, unknownItem, type ListCollector, type RuleNative } from './build';
import { portList } from './ports';
import { nsgPortProblem, nsgProtocolOf } from '../arm/nsg';
import { attrValue, expand, refKey, scalarAttr, scalarListAttr, type Scope } from './values';

/** Every resource type mapAzure reads (the HCL reader skips the attributes of others). */
export const AZURE_RESOURCES = new Set(['azurerm_network_security_group', 'azurerm_network_security_rule']);

export function mapAzure(res: HBlock, scope: Scope, text: string, out: ListCollector): void {
  const [type, name] = res.labels;
  if (type === 'azurerm_network_security_group') {
    const key = `${type}.${name}`;
    const lists = [nsgList(out, key, 'in'), nsgList(out, key, 'out')] as const;
    for (const e of expand(res, 'security_rule', scope)) azureRule(out, lists, { kind: 'azure-inline', block: e.block, resource: res, scope: e.scope, direct: e.direct, order: undefined });
  } else if (type === 'azurerm_network_security_rule') {
    const key = refKey(attrValue(res, 'network_security_group_name'), text) ?? `${type}.${name}`;
    azureRule(out, key, { kind: 'azure-rule', block: res, resource: res, scope, direct: true, order: undefined });
  }
}

function nsgList(out: ListCollector, key: string, dir: Direction): string {
  const id = `${key}/${dir === 'in' ? 'inbound' : 'outbound'}`;
  // Called for every rule: the list's description is built only when the list is new.
  out.list(id, () => listInit({
    name: `${key} ${dir === 'in' ? 'inbound' : 'outbound'}`, direction: dir, families: 'both',
    // Azure's defaults: inbound ends in DenyAllInBound (AllowVnetInBound is not modelled), outbound allows the internet.
    policy: dir === 'in' ? 'deny' : 'allow', policyText: dir === 'in' ? 'default rule DenyAllInBound' : 'default rule AllowInternetOutBound',
  })());
  return id;
}

function prefixes(b: HBlock, scope: Scope, single: string, many: string, asg: string): AddressItem[] {
  const items: AddressItem[] = [];
  for (const name of [single, many]) {
    const l = scalarListAttr(b, name, scope);
    if (!l) continue;
    for (const i of l.items) items.push(addressItem(i.text, i.site));
    if (l.unknown) items.push(unknownItem(name, l.site));
  }
  const groups = b.attrs.get(asg);
  if (groups) items.push(unknownItem(asg, groups.span));
  return fitted(items);
}

/** `lists`: the ids of the NSG's inbound and outbound lists, or the NSG's key when they may not exist yet. */
function azureRule(out: ListCollector, lists: string | readonly [string, string], native: RuleNative): void {
  const { block: b, scope } = native;
  const dirWord = scalarAttr(b, 'direction', scope)?.text.toLowerCase();
  if (dirWord !== 'inbound' && dirWord !== 'outbound') return;
  const dir: Direction = dirWord === 'inbound' ? 'in' : 'out';
  const act = scalarAttr(b, 'access', scope);
  const action = act?.text.toLowerCase();
  if (action !== 'allow' && action !== 'deny') return;
  const prio = Number(scalarAttr(b, 'priority', scope)?.text);
  const proto = scalarAttr(b, 'protocol', scope);
  const protocol = nsgProtocolOf(proto?.text) ?? 'any';
  const ports = proto ? portList(b, ['destination_port_range', 'destination_port_ranges'], scope) : { ranges: 'unknown' as const, items: [], negated: false };
  const single = scalarAttr(b, 'destination_port_range', scope);
  const refused = single && nsgPortProblem(single.text, 'destination_port_ranges');
  if (single && refused) out.problems.push({ span: single.site, message: refused });
  const src = prefixes(b, scope, 'source_address_prefix', 'source_address_prefixes', 'source_application_security_group_ids');
  const dst = prefixes(b, scope, 'destination_address_prefix', 'destination_address_prefixes', 'destination_application_security_group_ids');
  if (!src.length) src.push(unknownItem('source_address_prefix', b.typeSpan));
  const known = Number.isFinite(prio);
  native.order = known ? prio : undefined;
  const listId = typeof lists === 'string' ? nsgList(out, lists, dir) : lists[dir === 'in' ? 0 : 1];
  out.add(listId, {
    label: known ? `priority ${prio}` : 'priority ?', action, protocol, protocolSpan: proto?.site, ports,
    sources: { items: src, negated: false }, destinations: destinationMatch(dst),
    conditional: false, establishedOnly: false, span: b.span, actionSpan: act?.site ?? b.typeSpan, native, index: 0, text: '',
  }, known ? prio : Number.MAX_SAFE_INTEGER);
}
