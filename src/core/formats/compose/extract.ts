/** Compose services → one allow-only list for the Docker host: one allow rule per published mapping. */
import type { Budget } from '../../analysis/budget';
import type { Node, Pair } from 'yaml';
import type { AccessRule, AddressItem, AddressMatch, PortItem, RuleList, RuleModel } from '../../model/rule';
import type { ParseProblem, RelatedLocation, Span } from '../../types';
import { nameOf } from '../../project/uri';
import { interpolate } from './env';
import { portsReplacedLater, serviceIn, type ComposeStack } from './project';
import { get, isMap, isScalar, items, pairOf, pairs, parseYaml, spanOf, str } from '../common/yaml';
import { addressMatch, allowList, ANY_SOURCE, nodeSpan, portItem, portMatch, protocolOf, pushRule } from '../kubernetes/rule-build';
import { innerSpan } from '../kubernetes/yaml-text';
import { parseShortPort, portRange, type Part, type ShortPort } from './port-spec';
import { HOST_NETWORK_NOTE, isSambaImage, PUBLISHED_NOTE, pushSambaPorts } from '../common/samba-image';

export interface MappingNative {
  kind: 'short' | 'long' | 'host-network';
  service: Node;
  portsPair?: Pair<Node, Node>;
  item: Node;
  /** Short syntax: the parsed spec, and where its text starts (undefined when escapes make offsets inexact). */
  short?: ShortPort;
  at?: number;
  /** Every rule of the same service (shared), so a fix can tell whether all its mappings are SMB. */
  serviceRules: AccessRule[];
}

const LOOPBACK = /^(?:\[?::1\]?|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/;
/** Publishing binds every interface unless a host IP is given; loopback keeps it on the host. Another address is
 *  reachable by whoever can route to it, so it counts as any source (the item keeps its span for messages). */
export function hostMatch(ip: string | undefined, span: Span | undefined): AddressMatch {
  if (!ip || !span) return ANY_SOURCE;
  if (ip.includes('$')) return addressMatch([{ text: ip, span, value: { kind: 'unknown' } }], span);
  const item: AddressItem = { text: ip, span, value: LOOPBACK.test(ip) ? { kind: 'loopback' } : { kind: 'any' } };
  return addressMatch([item], span);
}

class Builder {
  readonly list: RuleList = { ...allowList('compose/host', 'Docker host'), note: PUBLISHED_NOTE };
  /** `network_mode: host` has no DNAT: its own list, whose note says the host firewall applies. */
  readonly hostNet: RuleList = { ...allowList('compose/host-network', 'Docker host (host networking)'), note: HOST_NETWORK_NOTE };
  readonly problems: ParseProblem[] = [];
  private readonly byService = new Map<Node, AccessRule[]>();
  constructor(readonly text: string, readonly stack?: ComposeStack) {}

  /** A value as Compose reads it: interpolated from `.env` when the project is known (the entries it read go to
   *  `used`); the written text otherwise (a `$` in it stays unknown downstream). */
  value(node: Node | null | undefined, used: RelatedLocation[]): string | undefined {
    const v = str(node);
    if (v === undefined || !this.stack) return v;
    return interpolate(v, this.stack.env, used) ?? v;
  }

  /** The shared rule array of a service, for its mappings' natives. */
  rulesOf(service: Node): AccessRule[] {
    let rules = this.byService.get(service);
    if (!rules) this.byService.set(service, (rules = []));
    return rules;
  }

  private push(name: string, label: string, span: Span, host: PortItem, sources: AddressMatch, protocol: string | undefined, protoSpan: Span | undefined, native: MappingNative, related: RelatedLocation[]): void {
    const rule = pushRule(this.list, {
      label: `service ${name} port ${label}`,
      protocol: protocolOf(protocol),
      protocolSpan: protoSpan,
      ports: portMatch([host]),
      sources,
      span,
      text: this.text.slice(span.offset, span.offset + span.length),
      native,
    });
    if (related.length) rule.related = related;
    native.serviceRules.push(rule);
  }

  short(name: string, service: Node, portsPair: Pair<Node, Node>, item: Node): void {
    const related: RelatedLocation[] = [];
    const value = this.value(item, related);
    if (value === undefined) return;
    const parsed = parseShortPort(value.trim());
    const whole = nodeSpan(item);
    if (!parsed) {
      this.problems.push({ span: whole, message: `"${value}" is not a port mapping` });
      return;
    }
    // A random host port is not 445 on the host; a variable host port is unknown: neither is guessed.
    if (!parsed.host || parsed.host === 'unknown') return;
    const c = parsed.container;
    if (c && c !== 'unknown' && c.to - c.from !== parsed.host.to - parsed.host.from) {
      // "8000-8100:80" binds one free port of the range (which is not known); unequal ranges are an error.
      if (c.from !== c.to) this.problems.push({ span: whole, message: `"${value}": host and container port ranges differ in length` });
      return;
    }
    const inner = innerSpan(item);
    const exact = inner && inner.length === value.length && this.text.startsWith(value, inner.offset) ? inner.offset : undefined;
    const at = (p: Part): Span => (exact === undefined ? whole : { offset: exact + p.at, length: p.text.length });
    const host = parsed.host;
    const ip = parsed.hostIp;
    const native: MappingNative = { kind: 'short', service, portsPair, item, short: parsed, at: exact, serviceRules: this.rulesOf(service) };
    const proto = parsed.protocol;
    this.push(name, `"${value}"`, whole, portItem([host.from, host.to], host.text, at(host)), hostMatch(ip?.text, ip && at(ip)), proto?.text, proto && at(proto), native, related);
  }

  long(name: string, service: Node, portsPair: Pair<Node, Node>, item: Node): void {
    const published = get(item, 'published');
    const related: RelatedLocation[] = [];
    const value = this.value(published, related);
    if (!published || value === undefined) return;
    const range = portRange(value.trim());
    if (range === 'unknown') return;
    if (!range) {
      this.problems.push({ span: nodeSpan(published), message: `"${value}" is not a published port` });
      return;
    }
    const { from, to } = range;
    const ipNode = get(item, 'host_ip');
    const protoNode = get(item, 'protocol');
    const native: MappingNative = { kind: 'long', service, portsPair, item, serviceRules: this.rulesOf(service) };
    const ip = this.value(ipNode, related);
    this.push(name, `published ${value}`, nodeSpan(item), portItem([from, to], value, nodeSpan(published)), hostMatch(ip, spanOf(ipNode)), this.value(protoNode, related), isScalar(protoNode) ? spanOf(protoNode) : undefined, native, related);
  }

  /** network_mode: host puts every port of the container on the host; for a Samba image that is SMB. */
  hostNetwork(name: string, service: Node): void {
    const mode = pairOf(service, 'network_mode');
    const related: RelatedLocation[] = [];
    if (!mode || this.value(mode.value, related) !== 'host') return;
    // A later file's network_mode wins; the image is the last file's that sets one (an override may set it).
    const inFile = (f: { uri: string; docs: Parameters<typeof serviceIn>[0] }) => ({ uri: f.uri as string | undefined, node: serviceIn(f.docs, name) });
    const later = (this.stack?.later ?? []).map(inFile);
    if (later.some((f) => pairOf(f.node, 'network_mode'))) return;
    const files = [...(this.stack?.earlier ?? []).map(inFile), { uri: undefined, node: service }, ...later];
    const imageAt = [...files].reverse().find((f) => get(f.node, 'image') !== undefined);
    const imageNode = get(imageAt?.node, 'image');
    const image = this.value(imageNode, related);
    if (!image || !isSambaImage(image)) return;
    const imageSpan = spanOf(imageNode);
    if (imageAt?.uri && imageSpan) related.push({ uri: imageAt.uri, span: imageSpan, message: `service ${name} runs ${image} (${nameOf(imageAt.uri)})` });
    const span = spanOf(mode) as Span;
    const native: MappingNative = { kind: 'host-network', service, item: mode?.value as Node, serviceRules: this.rulesOf(service) };
    const text = this.text.slice(span.offset, span.offset + span.length);
    const before = this.hostNet.rules.length;
    pushSambaPorts(this.hostNet, `service ${name} network_mode host`, span, text, native);
    if (related.length) for (const r of this.hostNet.rules.slice(before)) r.related = related;
  }
}

/** `stack`: the files Compose merges with this one and the `.env` (project.ts); without it the text alone. */
export function extractCompose(text: string, budget?: Budget, stack?: ComposeStack): RuleModel {
  const file = parseYaml(text, budget);
  const b = new Builder(text, stack);
  try {
    for (const doc of file.docs) {
      for (const svc of pairs(get(doc.contents, 'services'))) {
        const name = str(svc.key) ?? '(unnamed)';
        const service = svc.value;
        if (!isMap(service)) continue;
        const portsPair = pairOf(service, 'ports');
        // A later file's `ports: !reset []` or `!override [...]` replaces these (Compose's merge rules).
        const replaced = portsReplacedLater(stack, name);
        for (const item of replaced ? [] : items(portsPair?.value)) {
          if (isMap(item)) b.long(name, service, portsPair as Pair<Node, Node>, item);
          else if (isScalar(item)) b.short(name, service, portsPair as Pair<Node, Node>, item);
        }
        b.hostNetwork(name, service);
      }
    }
  } catch (e) {
    b.problems.push({ span: { offset: 0, length: Math.min(1, text.length) }, message: `unexpected structure (${(e as Error).message})` });
  }
  const lists: RuleList[] = [b.list, b.hostNet].filter((l) => l.rules.length > 0);
  return { lists, problems: [...file.problems, ...b.problems] };
}
