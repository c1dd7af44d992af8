/** One firewalld zone, as read from a zone file or replayed from firewall-cmd, and its translation into a
 *  first-match RuleList in the order firewalld evaluates it. */
import { classifyZone } from '../../analysis/interfaces';
import type { AccessRule, AddressItem, AddressMatch, InterfaceEvidence, InterfaceItem, PortItem, Protocol, RuleList, RuleScope } from '../../model/rule';
import { normalizePorts, type PortRange } from '../../model/ports';
import type { ParseProblem, Span } from '../../types';
import { parsePortRange, portProblemOf, servicePorts } from './services';
import { protocolOfWord } from '../common/protocol';

/** A value as written, with its span (inside the quotes). */
export interface Located {
  text: string;
  span: Span;
}

export interface RichAddress {
  /** address=, ipset= or mac=; only an address can be evaluated. */
  key: 'address' | 'ipset' | 'mac';
  value: Located;
  invert: boolean;
  span: Span;
}

export type ElementKind = 'service' | 'port' | 'protocol' | 'forward-port' | 'source-port' | 'other';

export interface RichElement {
  kind: ElementKind;
  /** service name, port, protocol value. */
  value?: Located;
  protocol?: Located;
  toPort?: Located;
  toAddr?: Located;
  span: Span;
}

/** A rich rule; a plain <service>/<port>/<forward-port> entry is one too, with `simple` set. */
export interface RichRule {
  simple: boolean;
  family?: Located;
  priority: number;
  source?: RichAddress;
  destination?: RichAddress;
  element?: RichElement;
  /** log, nflog or audit: no decision on its own. */
  logs: boolean;
  action?: { kind: 'accept' | 'reject' | 'drop' | 'mark'; span: Span; limited: boolean };
  /** The element or the firewall-cmd word that wrote it. */
  span: Span;
  native?: unknown;
}

export interface Zone {
  name: string;
  /** The zone firewalld uses for interfaces no other zone claims. */
  isDefault: boolean;
  sources: RichAddress[];
  /** `<interface name=…>` / `--add-interface`: packets arriving on these (and from no bound source) are this
   *  zone's. A trailing `+` is a wildcard, as in iptables. */
  interfaces: Located[];
  /** `<masquerade/>` / `--add-masquerade`: traffic leaving by the zone's interfaces is masqueraded. */
  masquerade?: Span;
  target?: Located;
  entries: RichRule[];
  endOffset?: number;
  native?: unknown;
}

/** firewalld's order: forward-ports (accepted before the zone, "ct status dnat"), then the zone's chains
 *  pre (priority < 0), log, deny, allow (services, ports, priority-0 accepts), post (priority > 0). */
function section(r: RichRule): number {
  if (r.element?.kind === 'forward-port') return 0;
  if (r.priority < 0) return 1;
  if (r.priority > 0) return 5;
  if (!r.action || r.action.kind === 'mark') return 2;
  return r.action.kind === 'accept' ? 4 : 3;
}

const EVERYONE_ZONES = new Set(['public', 'external', 'dmz']);

/** An interface name written out (not a shell variable or a template): only those can be matched. */
const spelled = (i: Located) => /^[\w.@:+-]+$/.test(i.text);

function interfaceItem(i: Located): InterfaceItem {
  return i.text.endsWith('+') ? { name: i.text.slice(0, -1), prefix: true, span: i.span } : { name: i.text, span: i.span };
}

/** What the zone says about its interfaces: masquerading out of them says they face the internet; else the
 *  stock zone's name says what they face. */
export function zoneEvidence(zone: Zone): InterfaceEvidence[] {
  const named = classifyZone(zone.name).class;
  const faces = zone.masquerade ? 'internet' : named === 'unknown' ? undefined : named;
  if (!faces) return [];
  const reason = zone.masquerade ? `the interface firewalld zone ${zone.name} masquerades out of` : `bound to the firewalld zone ${zone.name}`;
  return zone.interfaces.filter(spelled).map((i) => ({ ...interfaceItem(i), class: faces, reason }));
}

/** Where the zone's rules apply. A packet takes the zone of its source if one is bound, else of the interface it
 *  arrives on, else the default zone (firewalld.zones(5)). The default zone takes every unbound interface, so
 *  its own interfaces narrow nothing; a zone with sources only is scoped by its sources (the scope rule), not
 *  by its name. */
function scopeOf(zone: Zone): RuleScope | undefined {
  const name = { name: zone.name };
  if (zone.interfaces.length && !zone.isDefault) {
    // A name the file does not spell out (a shell variable, a templated value) matches some interface.
    const known = zone.interfaces.filter(spelled);
    const items = known.map(interfaceItem);
    return { zone: name, in: { items, negated: false, ...(known.length < zone.interfaces.length ? { unknown: true } : {}) } };
  }
  if (zone.isDefault || !zone.sources.length) return { zone: name };
  return undefined;
}

function addressItem(a: RichAddress): AddressItem {
  const v = a.value.text.trim();
  const literal = a.key === 'address' && /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v) && /[.:]/.test(v);
  return { text: a.value.text, span: a.value.span, value: literal ? { kind: 'cidr', cidr: v } : { kind: 'unknown' } };
}

/** A rich rule's family narrows it to one address family: "not in (source ∪ the other family)". */
function sourcesOf(r: RichRule): AddressMatch {
  const fam = r.family?.text;
  const other: AddressItem[] = fam === 'ipv4' || fam === 'ipv6' ? [{ text: `family=${fam}`, span: (r.family as Located).span, value: { kind: 'cidr', cidr: fam === 'ipv4' ? '::/0' : '0.0.0.0/0' } }] : [];
  if (!r.source) {
    if (!other.length) return { items: [], negated: false };
    const own = { ...other[0], value: { kind: 'cidr' as const, cidr: fam === 'ipv4' ? '0.0.0.0/0' : '::/0' } };
    return { items: [own], negated: false };
  }
  const item = addressItem(r.source);
  if (r.source.invert) return { items: [item, ...other], negated: true, span: r.source.span };
  return { items: [item], negated: false, span: r.source.span };
}

/** The (protocol, ports) pairs a rule matches: a service may open TCP and UDP ports. */
function matchesOf(r: RichRule, problems: ParseProblem[]): { protocol: Protocol; ranges: PortRange[] | undefined | 'unknown'; span?: Span; text?: string }[] {
  const el = r.element;
  if (!el) return [{ protocol: 'any', ranges: undefined }];
  const proto = (t: string | undefined): Protocol => protocolOfWord(t ?? '', []);
  switch (el.kind) {
    case 'service': {
      const ports = el.value ? servicePorts(el.value.text) : undefined;
      if (!ports) return [];
      // One rule per element, so a finding names all its services. A service with TCP and UDP ports becomes
      // "any" over their union: exact for the SMB ports (samba opens no UDP 139/445 and no TCP 137/138 is
      // watched by default); only custom service lists such as UDP 445 would be over-reported.
      const both = ports.tcp.length > 0 && ports.udp.length > 0;
      const protocol: Protocol = both ? 'any' : ports.tcp.length ? 'tcp' : 'udp';
      return [{ protocol, ranges: normalizePorts([...ports.tcp, ...ports.udp]), span: el.value?.span, text: el.value?.text }];
    }
    case 'port':
    case 'forward-port': {
      const v = el.kind === 'forward-port' && el.toPort?.text ? el.toPort : el.value;
      const range = v ? parsePortRange(v.text) : undefined;
      if (!v || !range) {
        problems.push({ span: v?.span ?? el.span, message: (v && portProblemOf(v.text)) ?? `"${v?.text ?? ''}" is not a port or port range` });
        return [{ protocol: proto(el.protocol?.text), ranges: 'unknown' }];
      }
      return [{ protocol: proto(el.protocol?.text), ranges: [range], span: v.span, text: v.text }];
    }
    case 'protocol': {
      return [{ protocol: protocolOfWord(el.value?.text ?? '', []), ranges: undefined }];
    }
    case 'source-port':
      return [{ protocol: proto(el.protocol?.text), ranges: undefined }];
    default:
      return [];
  }
}

function label(r: RichRule, n: number): string {
  const el = r.element;
  if (r.simple && el) return el.kind === 'forward-port' ? `forward-port ${el.value?.text ?? ''}` : `${el.kind} ${el.value?.text ?? ''}${el.kind === 'port' ? `/${el.protocol?.text ?? ''}` : ''}`;
  return r.priority ? `rich rule ${n} (priority ${r.priority})` : `rich rule ${n}`;
}

export function zoneToList(zone: Zone, id: string, problems: ParseProblem[]): RuleList {
  const everyone = zone.interfaces.length > 0 || zone.isDefault || (zone.sources.length === 0 && EVERYONE_ZONES.has(zone.name));
  const target = zone.target?.text;
  const list: RuleList = {
    id,
    name: `zone ${zone.name}`,
    direction: 'in',
    families: 'both',
    entry: everyone || zone.sources.length > 0,
    policy: target === 'ACCEPT' ? 'allow' : 'deny',
    policySpan: zone.target?.span,
    policyText: zone.target ? `target ${target}` : undefined,
    rules: [],
    endOffset: zone.endOffset,
    native: zone.native,
  };
  const scope = scopeOf(zone);
  if (scope) list.scope = scope;
  const rules: AccessRule[] = [];
  if (!everyone && zone.sources.length) rules.push(scopeRule(zone));
  const ordered = zone.entries.map((r, i) => ({ r, i, n: 0 }));
  let rich = 0;
  for (const o of ordered) if (!o.r.simple) o.n = ++rich;
  ordered.sort((a, b) => section(a.r) - section(b.r) || a.r.priority - b.r.priority || a.i - b.i);
  for (const { r, n } of ordered) {
    const s = section(r);
    const action = s === 0 ? 'allow' : !r.action || r.action.kind === 'mark' ? 'log' : r.action.kind === 'accept' ? 'allow' : 'deny';
    const conditional = r.element?.kind === 'source-port' || !!r.action?.limited || (!!r.destination && r.destination.key !== 'address');
    for (const m of matchesOf(r, problems)) {
      const items: PortItem[] = Array.isArray(m.ranges) && m.span ? m.ranges.map((range) => ({ range, text: m.text ?? '', span: m.span as Span })) : [];
      rules.push({
        index: rules.length,
        label: label(r, n),
        action,
        protocol: m.protocol,
        ports: { ranges: m.ranges, items, negated: false, span: m.span ?? r.element?.span },
        sources: sourcesOf(r),
        destinations: r.destination ? { items: [addressItem(r.destination)], negated: r.destination.invert, span: r.destination.span } : { items: [], negated: false },
        conditional,
        establishedOnly: false,
        span: r.span,
        actionSpan: r.action?.span ?? r.span,
        text: '',
        native: r,
      });
    }
  }
  list.rules = rules;
  return list;
}

/** A zone bound to sources sees only their traffic: everything else is consumed first, as not this zone's. */
function scopeRule(zone: Zone): AccessRule {
  const known = zone.sources.filter((s) => s.key === 'address').map(addressItem).filter((i) => i.value.kind !== 'unknown');
  const first = zone.sources[0];
  return {
    index: 0,
    label: 'zone sources',
    action: 'deny',
    protocol: 'any',
    ports: { ranges: undefined, items: [], negated: false },
    // Only ipsets or MACs: nothing is knowable, so nothing is admitted as far as SMB Guard can tell.
    sources: known.length ? { items: known, negated: true } : { items: [], negated: false },
    destinations: { items: [], negated: false },
    conditional: false,
    establishedOnly: false,
    span: first.span,
    actionSpan: first.span,
    text: '',
    native: { scope: true },
  };
}

/** Rule text for messages is filled in by the extractors, which hold the document text. */
export function fillText(list: RuleList, text: string): void {
  for (const r of list.rules) r.text = text.slice(r.span.offset, r.span.offset + r.span.length);
}
