/** Google Cloud VPC firewall rules: one list per network and direction, by priority, deny before allow on a tie. */
import type { AddressItem, Direction } from '../../model/rule';
import type { HBlock } from './doc';
import { addressItem, destinationMatch, ipProtocol, listInit, unknownItem, type ListCollector } from './build';
import { portList } from './ports';
import { attrValue, expand, refKey, scalarAttr, scalarListAttr, type Scope } from './values';

export const GCP_DEFAULT_PRIORITY = 1000;
/** Every resource type mapGcp reads (the HCL reader skips the attributes of others). */
export const GCP_RESOURCES = new Set(['google_compute_firewall']);

export function mapGcp(res: HBlock, scope: Scope, text: string, out: ListCollector): void {
  if (res.labels[0] !== 'google_compute_firewall') return;
  if (scalarAttr(res, 'disabled', scope)?.text === 'true') return;
  const network = refKey(attrValue(res, 'network'), text) ?? 'default';
  const dirWord = (scalarAttr(res, 'direction', scope)?.text ?? 'INGRESS').toUpperCase();
  const dir: Direction = dirWord === 'EGRESS' ? 'out' : 'in';
  const prioText = res.attrs.has('priority') ? scalarAttr(res, 'priority', scope)?.text : String(GCP_DEFAULT_PRIORITY);
  const prio = Number(prioText);
  const known = prioText !== undefined && Number.isFinite(prio);
  const listId = `${network}/${dir === 'in' ? 'ingress' : 'egress'}`;
  // One list per network and direction, met once per firewall: described only when new.
  out.list(listId, () => listInit({
    name: `network ${network} ${dir === 'in' ? 'ingress' : 'egress'}`, direction: dir, families: 'both',
    policy: dir === 'in' ? 'deny' : 'allow', policyText: dir === 'in' ? 'implied deny ingress' : 'implied allow egress',
  })());
  const targeted = res.attrs.has('target_tags') || res.attrs.has('target_service_accounts');
  for (const action of ['allow', 'deny'] as const) {
    for (const e of expand(res, action, scope)) {
      const b = e.block;
      const proto = scalarAttr(b, 'protocol', e.scope);
      const protocol = ipProtocol(proto?.text) ?? 'any';
      const ports = proto ? portList(b, ['ports'], e.scope) : { ranges: 'unknown' as const, items: [], negated: false };
      const peers = addresses(res, e.scope, dir === 'in' ? 'source_ranges' : 'destination_ranges', b);
      const ours = addresses(res, e.scope, dir === 'in' ? 'destination_ranges' : 'source_ranges');
      const peerMatch = { items: peers, negated: false };
      out.add(listId, {
        label: known ? `priority ${prio}` : 'priority ?', action, protocol, protocolSpan: proto?.site, ports,
        sources: dir === 'in' ? peerMatch : destinationMatch(ours), destinations: dir === 'in' ? destinationMatch(ours) : peerMatch,
        // A deny limited to tagged instances leaves the others open: it must not hide later allows.
        conditional: action === 'deny' && targeted, establishedOnly: false, span: res.span, actionSpan: b.typeSpan,
        native: { kind: 'gcp', block: b, resource: res, scope: e.scope, direct: e.direct, order: known ? prio : undefined }, index: 0, text: '',
      }, known ? prio : Number.MAX_SAFE_INTEGER, action === 'deny' ? 0 : 1);
    }
  }
}

/** The peer ranges; GCP uses 0.0.0.0/0 when a rule names no ranges (and, inbound, no source tags). */
function addresses(res: HBlock, scope: Scope, attr: string, defaultAt?: HBlock): AddressItem[] {
  const l = scalarListAttr(res, attr, scope);
  const items: AddressItem[] = l ? l.items.map((i) => addressItem(i.text, i.site)) : [];
  if (l?.unknown) items.push(unknownItem(attr, l.site));
  if (l || !defaultAt) return items;
  const tags = ['source_tags', 'source_service_accounts'].map((n) => res.attrs.get(n)).find((a) => a);
  if (attr === 'source_ranges' && tags) return [unknownItem(tags.name, tags.span)];
  return [{ text: '0.0.0.0/0', span: defaultAt.typeSpan, value: { kind: 'cidr', cidr: '0.0.0.0/0' } }];
}
