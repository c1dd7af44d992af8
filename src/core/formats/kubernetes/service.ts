/** Services that publish ports outside the cluster: LoadBalancer, NodePort, or any type with externalIPs. */
import type { Node, Pair } from 'yaml';
import type { AddressItem, AddressMatch, PortItem, RuleList } from '../../model/rule';
import type { Span } from '../../types';
import { addressValueOf } from '../common/address';
import { get, isScalar, items, pairOf, spanOf, str } from '../common/yaml';
import type { K8sObject } from './objects';
import { portValue } from './ports';
import { addressMatch, allowList, ANY_SOURCE, nodeSpan, portMatch, protocolOf, pushRule } from './rule-build';
import { innerSpan } from './yaml-text';

export const RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

export interface ServicePortNative {
  kind: 'service-port';
  spec: Node;
  type: string;
  entry: Node;
  /** The spec's `loadBalancerSourceRanges` pair, or the annotation's value when only that is set. */
  rangesPair?: Pair<Node, Node>;
  annotation?: Node;
}

/** Source ranges: the spec field wins over the annotation (as in Kubernetes); none means anyone. */
function sourceRanges(text: string, obj: K8sObject, spec: Node): { match: AddressMatch; rangesPair?: Pair<Node, Node>; annotation?: Node } {
  const rangesPair = pairOf(spec, 'loadBalancerSourceRanges');
  const listed = items(rangesPair?.value);
  if (rangesPair && listed.length) {
    const its: AddressItem[] = listed.map((n) => {
      const t = str(n) ?? '';
      return { text: t, span: nodeSpan(n), value: addressValueOf(t) };
    });
    return { match: addressMatch(its, spanOf(rangesPair)), rangesPair };
  }
  const annotation = get(get(get(obj.node, 'metadata'), 'annotations'), RANGES_ANNOTATION);
  const inner = annotation && innerSpan(annotation);
  const value = str(annotation);
  if (annotation && inner && value && value.trim()) {
    // Offsets inside the scalar are exact only when the source text is the value itself (no escapes).
    const raw = text.slice(inner.offset, inner.offset + inner.length);
    const its: AddressItem[] = [];
    let at = 0;
    for (const part of value.split(',')) {
      const t = part.trim();
      const pos = raw === value ? value.indexOf(t, at) : -1;
      at = pos >= 0 ? pos + t.length : at;
      if (t) its.push({ text: t, span: pos >= 0 ? { offset: inner.offset + pos, length: t.length } : inner, value: addressValueOf(t) });
    }
    return { match: addressMatch(its, nodeSpan(annotation)), annotation };
  }
  return { match: ANY_SOURCE, rangesPair };
}

export function extractService(text: string, obj: K8sObject, names: Map<string, number>): RuleList | undefined {
  const spec = get(obj.node, 'spec');
  if (!spec) return undefined;
  const type = str(get(spec, 'type')) ?? 'ClusterIP';
  const external = items(get(spec, 'externalIPs')).length > 0;
  const onNodes = type === 'NodePort' || type === 'LoadBalancer';
  if (!onNodes && !external) return undefined;
  const { match, rangesPair, annotation } = type === 'LoadBalancer' ? sourceRanges(text, obj, spec) : { match: ANY_SOURCE, rangesPair: undefined, annotation: undefined };
  const list = allowList(`Service/${obj.key}/${obj.name}`, `Service ${obj.name}`);
  items(get(spec, 'ports')).forEach((entry, i) => {
    const found: PortItem[] = [];
    let unknown = false;
    const keys = onNodes ? ['port', 'targetPort', 'nodePort'] : ['port', 'targetPort'];
    for (const key of keys) {
      const v = portValue(get(entry, key), names);
      if (v === 'unknown') unknown = true;
      else if (v) found.push(v);
    }
    // A name we cannot resolve leaves the numbers we know; with none known the entry stays unknown.
    if (!found.length && !unknown) return;
    const protoNode = get(entry, 'protocol');
    const span: Span = nodeSpan(entry);
    const name = str(get(entry, 'name'));
    pushRule(list, {
      label: name ? `port ${name}` : `ports[${i}]`,
      protocol: protocolOf(str(protoNode)),
      protocolSpan: isScalar(protoNode) ? spanOf(protoNode) : undefined,
      ports: found.length ? portMatch(found) : portMatch('unknown', span),
      sources: match,
      span,
      actionSpan: span,
      text: text.slice(span.offset, span.offset + span.length),
      native: { kind: 'service-port', spec, type, entry, rangesPair, annotation } satisfies ServicePortNative,
    });
  });
  return list.rules.length ? list : undefined;
}
