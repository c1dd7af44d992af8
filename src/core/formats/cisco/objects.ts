/**
 * Named objects that ACEs refer to: network objects and groups (addresses), service objects and groups
 * (protocol + ports), protocol groups, and ASA "name" aliases. Groups nest; resolution stops at cycles, and the
 * flattened members draw on the document's expansion budget (a group of groups of groups fans out exponentially).
 */
import type { PortRange } from '../../model/ports';
import type { AddressValue, Protocol } from '../../model/rule';
import type { Span } from '../../types';
import type { ExpansionBudget } from '../common/expansion';
import type { Token } from './lines';
import { hostValue, isV4, isV6Prefix, maskedValue, readPortOperand } from './operands';
import type { Platform, PortProtocol } from './names';
import { protocolOf } from './names';

export interface Service {
  protocol: Protocol | 'tcp-udp';
  /** Destination ports: undefined = all, 'unknown' = not resolvable. */
  ports: PortRange[] | undefined | 'unknown';
  negated: boolean;
  /** The service also matches on source ports: it may not always match. */
  conditional: boolean;
}

type Ref = { kind: 'group'; name: string } | { kind: 'object'; name: string };
type NetMember = { kind: 'value'; value: AddressValue; text: string } | Ref;
type SvcMember = { kind: 'service'; service: Service } | Ref;

export type GroupKind = 'network' | 'service' | 'protocol' | 'other';

export interface Resolved<T> {
  values: T[];
  /** A member could not be known (undefined group, fqdn, user identity). */
  unknown: boolean;
}

const NO_SPAN: Span = { offset: 0, length: 0 };
const UNKNOWN: Resolved<never> = { values: [], unknown: true };

export class Objects {
  private readonly groups = new Map<string, { kind: GroupKind; proto?: PortProtocol; net: NetMember[]; svc: SvcMember[]; protocols: string[] }>();
  private readonly objects = new Map<string, { kind: 'network' | 'service'; net: NetMember[]; svc: SvcMember[] }>();
  /** ASA "name 10.1.1.5 FILESERVER". */
  readonly names = new Map<string, string>();
  /** Flattened groups, resolved once (ACEs are read after every definition); see `expand`. */
  private readonly memo = new Map<string, Resolved<unknown>>();
  private readonly onPath = new Set<string>();
  /** Cycles and refusals met so far: a result that met one depends on the path and is not remembered. */
  private cuts = 0;

  constructor(readonly platform: () => Platform, readonly budget: ExpansionBudget) {}

  groupKind(name: string): GroupKind | undefined {
    return this.groups.get(name)?.kind;
  }

  /** Starts a group or object definition; the lines under it go to `member`. */
  define(kind: 'group' | 'object', type: string, name: string, proto?: string): void {
    const t = type.toLowerCase();
    if (kind === 'group') {
      const k: GroupKind = t === 'network' ? 'network' : t === 'service' ? 'service' : t === 'protocol' ? 'protocol' : 'other';
      const p = proto?.toLowerCase();
      this.groups.set(name, { kind: k, proto: p === 'tcp' || p === 'udp' || p === 'tcp-udp' ? p : undefined, net: [], svc: [], protocols: [] });
    } else if (t === 'network' || t === 'service') {
      this.objects.set(name, { kind: t, net: [], svc: [] });
    }
  }

  /** One line inside a definition; returns a problem message when the line cannot be read. */
  member(kind: 'group' | 'object', name: string, tokens: Token[]): string | undefined {
    const words = tokens.map((t) => t.text);
    const head = words[0]?.toLowerCase();
    if (head === 'description' || head === 'nat') return undefined;
    const def = kind === 'group' ? this.groups.get(name) : this.objects.get(name);
    if (!def) return undefined;
    if (head === 'group-object' && kind === 'group') {
      if (!words[1]) return 'group-object needs a group name';
      (def.kind === 'service' ? def.svc : def.net).push({ kind: 'group', name: words[1] });
      return undefined;
    }
    if (def.kind === 'network') {
      const body = head === 'network-object' ? words.slice(1) : head === 'subnet' ? words.slice(1) : words;
      if (body[0] === 'object' && body[1]) return this.add(kind, name, { kind: 'object', name: body[1] }, true);
      const value = this.network(body);
      return value ? this.add(kind, name, { kind: 'value', value, text: body.join(' ') }, true) : `"${words.join(' ')}" is not a network member`;
    }
    if (def.kind === 'protocol') {
      if (head === 'protocol-object' && words[1] && 'protocols' in def) def.protocols.push(words[1]);
      return undefined;
    }
    if (def.kind === 'service') {
      const proto = 'proto' in def ? def.proto : undefined;
      const member = this.service(head ?? '', tokens, proto);
      if (!member) return `"${words.join(' ')}" is not a service member`;
      return this.add(kind, name, member, false);
    }
    return undefined;
  }

  private add(kind: 'group' | 'object', name: string, m: NetMember | SvcMember, net: boolean): string | undefined {
    const def = kind === 'group' ? this.groups.get(name) : this.objects.get(name);
    if (!def) return undefined;
    if (net) def.net.push(m as NetMember);
    else def.svc.push(m as SvcMember);
    return undefined;
  }

  /** "host A", "A MASK" (netmask), "v6/len", "range A B", "any", "fqdn …", or a bare host (IOS group). */
  private network(w: string[]): AddressValue | undefined {
    const h = w[0]?.toLowerCase();
    if (h === 'any' || h === 'any4') return h === 'any' ? { kind: 'any' } : { kind: 'cidr', cidr: '0.0.0.0/0' };
    if (h === 'any6') return { kind: 'cidr', cidr: '::/0' };
    if (h === 'host') return hostValue(this.names.get(w[1] ?? '') ?? w[1] ?? '');
    if (h === 'fqdn') return { kind: 'unknown' };
    if (h === 'range' && isV4(w[1] ?? '') && isV4(w[2] ?? '')) return { kind: 'range', range: `${w[1]}-${w[2]}` };
    if (isV6Prefix(w[0] ?? '')) return { kind: 'cidr', cidr: w[0] };
    const addr = this.names.get(w[0] ?? '') ?? w[0] ?? '';
    if (w[1] !== undefined) return maskedValue(addr, w[1], 'netmask');
    return hostValue(addr);
  }

  /** "port-object OP …", "service-object PROTO [source OP …] [destination OP …]", IOS "tcp eq 445",
   *  "service tcp destination eq 445" (object service), "service-object object X". */
  private service(head: string, tokens: Token[], groupProto: PortProtocol | undefined): SvcMember | undefined {
    let i = head === 'port-object' || head === 'service-object' || head === 'service' ? 1 : 0;
    if (head === 'port-object') {
      const op = readPortOperand(tokens, 1, this.platform(), groupProto ?? 'tcp');
      if (!op || op.problem) return undefined;
      return { kind: 'service', service: { protocol: groupProto ?? 'tcp', ports: op.ranges, negated: op.negated, conditional: false } };
    }
    if (tokens[i]?.text === 'object' && tokens[i + 1]) return { kind: 'object', name: tokens[i + 1].text };
    const protoText = tokens[i]?.text ?? '';
    const protocol = protocolOf(protoText);
    if (!protocol) return undefined;
    i++;
    const service: Service = { protocol, ports: undefined, negated: false, conditional: false };
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'tcp-udp') return { kind: 'service', service };
    while (i < tokens.length) {
      const word = tokens[i].text.toLowerCase();
      const isSource = word === 'source';
      const at = word === 'source' || word === 'destination' ? i + 1 : i;
      const op = readPortOperand(tokens, at, this.platform(), protocol);
      if (!op || op.problem) return undefined;
      if (isSource) service.conditional = true;
      else {
        service.ports = op.ranges;
        service.negated = op.negated;
      }
      i = op.next;
    }
    return { kind: 'service', service };
  }

  /** The addresses a network group or object stands for; `at` is the reference, for the budget's problem. */
  resolveNetwork(kind: 'group' | 'object', name: string, at: Span = NO_SPAN): Resolved<{ value: AddressValue; text: string }> {
    return copy(this.flatNetwork(kind, name, at, 0));
  }

  /** The services a service group or object stands for. */
  resolveService(kind: 'group' | 'object', name: string, at: Span = NO_SPAN): Resolved<Service> {
    return copy(this.flatService(kind, name, at, 0));
  }

  /** The protocols of a protocol group (nested groups included). */
  resolveProtocols(name: string, at: Span = NO_SPAN): Resolved<Protocol | 'tcp-udp'> {
    return copy(this.flatProtocols(name, at, 0));
  }

  private flatNetwork(kind: 'group' | 'object', name: string, at: Span, depth: number): Resolved<{ value: AddressValue; text: string }> {
    const def = kind === 'group' ? this.groups.get(name) : this.objects.get(name);
    if (!def || def.kind !== 'network') return UNKNOWN;
    return this.expand(`network ${kind} ${name}`, name, at, depth, (out) => {
      for (const m of def.net) {
        if (m.kind !== 'value') {
          if (!this.merge(out, this.flatNetwork(m.kind, m.name, at, depth + 1), name, at)) return;
        } else if (m.value.kind === 'unknown') out.unknown = true;
        else if (!this.merge(out, { values: [{ value: m.value, text: m.text }], unknown: false }, name, at)) return;
      }
    });
  }

  private flatService(kind: 'group' | 'object', name: string, at: Span, depth: number): Resolved<Service> {
    const def = kind === 'group' ? this.groups.get(name) : this.objects.get(name);
    if (!def || def.kind !== 'service') return UNKNOWN;
    return this.expand(`service ${kind} ${name}`, name, at, depth, (out) => {
      for (const m of def.svc) {
        const r = m.kind === 'service' ? { values: [m.service], unknown: false } : this.flatService(m.kind, m.name, at, depth + 1);
        if (!this.merge(out, r, name, at)) return;
      }
    });
  }

  private flatProtocols(name: string, at: Span, depth: number): Resolved<Protocol | 'tcp-udp'> {
    const def = this.groups.get(name);
    if (!def || def.kind !== 'protocol') return UNKNOWN;
    return this.expand(`protocol group ${name}`, name, at, depth, (out) => {
      for (const p of def.protocols) {
        const v = protocolOf(p);
        if (!v) out.unknown = true;
        else if (!this.merge(out, { values: [v], unknown: false }, name, at)) return;
      }
      for (const m of def.net) {
        if (m.kind === 'group' && !this.merge(out, this.flatProtocols(m.name, at, depth + 1), name, at)) return;
      }
    });
  }

  /** Resolves one group once: a group already being resolved (a cycle) or past the budget is unknown. */
  private expand<T>(key: string, name: string, at: Span, depth: number, build: (out: Resolved<T>) => void): Resolved<T> {
    const known = this.memo.get(key);
    if (known) return known as Resolved<T>;
    if (this.onPath.has(key) || !this.budget.enter(name, at, depth)) {
      this.cuts++;
      return UNKNOWN;
    }
    const cuts = this.cuts;
    const out: Resolved<T> = { values: [], unknown: false };
    this.onPath.add(key);
    build(out);
    this.onPath.delete(key);
    if (this.cuts === cuts) this.memo.set(key, out);
    return out;
  }

  /** Adds a member's values to a group's, charged to the budget; false (the group unknown) past it. */
  private merge<T>(out: Resolved<T>, r: Resolved<T>, name: string, at: Span): boolean {
    if (r.values.length && !this.budget.take(name, at, 0, r.values.length)) {
      this.cuts++;
      out.values = [];
      out.unknown = true;
      return false;
    }
    for (const v of r.values) out.values.push(v);
    out.unknown ||= r.unknown;
    return true;
  }
}

/** A caller's own copy: remembered results are shared between ACEs. */
function copy<T>(r: Resolved<T>): Resolved<T> {
  return { values: r.values.slice(), unknown: r.unknown };
}
