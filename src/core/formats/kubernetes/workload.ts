/** Pods that bind node ports: `hostPort` on a container port, or `hostNetwork: true` (every port is the node's). */
import type { Node, Pair } from 'yaml';
import type { AddressItem, AddressMatch, RuleList } from '../../model/rule';
import { get, isScalar, items, pairOf, spanOf, str } from '../common/yaml';
import { isSambaImage, pushSambaPorts } from '../common/samba-image';
import { containersOf, podSpecOf, type K8sObject } from './objects';
import { addressMatch, allowList, ANY_SOURCE, nodeSpan, portItem, portMatch, protocolOf, pushRule } from './rule-build';

export interface HostPortNative {
  kind: 'host-port';
  entry: Node;
  hostPortPair?: Pair<Node, Node>;
  hostNetwork: boolean;
}

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/** hostIP narrows where the port is bound: loopback means only the node itself; any other address is
 *  reachable by whoever can route to the node, so it counts as any source. */
function hostIpMatch(node: Node | undefined): AddressMatch {
  const ip = str(node);
  if (!node || !ip || ip === '0.0.0.0' || ip === '::') return ANY_SOURCE;
  const item: AddressItem = { text: ip, span: nodeSpan(node), value: LOOPBACK.test(ip) ? { kind: 'loopback' } : { kind: 'any' } };
  return addressMatch([item], spanOf(node));
}

export function extractWorkload(text: string, obj: K8sObject): RuleList | undefined {
  const pod = podSpecOf(obj);
  if (!pod) return undefined;
  const hostNetworkPair = pairOf(pod, 'hostNetwork');
  const hostNetwork = str(hostNetworkPair?.value) === 'true';
  const list = allowList(`${obj.kind}/${obj.key}/${obj.name}`, `${obj.kind} ${obj.name}`);
  for (const container of containersOf(pod)) {
    const cname = str(get(container, 'name')) ?? 'container';
    // Ports are informational in a pod spec: a Samba image on the node's network binds its ports unwritten.
    const image = str(get(container, 'image'));
    if (hostNetwork && hostNetworkPair && get(container, 'ports') === undefined && image && isSambaImage(image)) {
      const span = spanOf(hostNetworkPair) ?? nodeSpan(container);
      const native: HostPortNative = { kind: 'host-port', entry: container, hostNetwork: true };
      pushSambaPorts(list, `container ${cname} (hostNetwork)`, span, text.slice(span.offset, span.offset + span.length), native);
    }
    for (const entry of items(get(container, 'ports'))) {
      const hostPortPair = pairOf(entry, 'hostPort');
      // With hostNetwork the container port is the node's port (hostPort, if set, must equal it).
      const portNode = hostPortPair?.value ?? (hostNetwork ? get(entry, 'containerPort') : undefined);
      const value = str(portNode);
      if (!portNode || !isScalar(portNode) || !value || !/^\d+$/.test(value) || Number(value) > 65535) continue;
      const n = Number(value);
      const protoNode = get(entry, 'protocol');
      const span = nodeSpan(entry);
      pushRule(list, {
        label: `container ${cname} ${hostPortPair ? 'hostPort' : 'port (hostNetwork)'} ${n}`,
        protocol: protocolOf(str(protoNode)),
        protocolSpan: isScalar(protoNode) ? spanOf(protoNode) : undefined,
        ports: portMatch([portItem([n, n], value, nodeSpan(portNode))]),
        sources: hostIpMatch(get(entry, 'hostIP')),
        span,
        text: text.slice(span.offset, span.offset + span.length),
        native: { kind: 'host-port', entry, hostPortPair, hostNetwork } satisfies HostPortNative,
      });
    }
  }
  return list.rules.length ? list : undefined;
}
