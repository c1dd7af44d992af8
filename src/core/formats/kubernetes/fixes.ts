/** Fixes in manifest syntax: source ranges on a LoadBalancer, a narrower ipBlock, fewer published ports,
 *  or a Service that stops publishing (ClusterIP). Edits keep the file's indentation and line breaks. */
import type { Node } from 'yaml';
import { parseCidr } from '../../model/cidr';
import { DEFAULT_SMB_SERVICES, portsContain } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import { lineBreakOf } from '../../text/eol';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import { get, isMap, isSeq, items, pairOf, str } from '../common/yaml';
import type { PolicyRuleNative } from './network-policy';
import type { ServicePortNative } from './service';
import type { HostPortNative } from './workload';
import { contentEnd, deleteItemLines, plainSafe, removePair, replaceSeq, seqIndent } from './yaml-text';
import { columnOf, nextLineStart } from '../../text/lines';

type Native = ServicePortNative | PolicyRuleNative | HostPortNative;
const nativeOf = (rule: AccessRule) => rule.native as Native;
const scalar = (v: string) => (plainSafe(v) ? v : JSON.stringify(v));

/** True when a port entry publishes an SMB service (default set) on one of its numbers. */
function entryIsSmb(rule: AccessRule | undefined): boolean {
  const r = rule?.ports.ranges;
  if (!rule || !Array.isArray(r)) return false;
  return DEFAULT_SMB_SERVICES.some((s) => (rule.protocol === 'any' || rule.protocol === s.protocol) && portsContain(r, s.port));
}

/** What a Service's fixes ask of its port entries, worked out once per list: asked per finding, a search of
 *  the list per entry made a Service with 100,000 ports take minutes. */
interface ServicePorts {
  /** Some entry publishes no SMB service (one stays when the SMB ones go). */
  someOther: boolean;
  /** Every entry publishes SMB (the Service exists to publish it). */
  allSmb: boolean;
}

const servicePorts = new WeakMap<RuleList, ServicePorts>();

function servicePortsOf(list: RuleList, entries: Node[]): ServicePorts {
  let known = servicePorts.get(list);
  if (!known) {
    const ruleOf = new Map<unknown, AccessRule>();
    for (const r of list.rules) {
      const n = r.native as Native;
      if (n.kind === 'service-port' && !ruleOf.has(n.entry)) ruleOf.set(n.entry, r);
    }
    let smb = 0;
    for (const e of entries) if (entryIsSmb(ruleOf.get(e))) smb++;
    known = { someOther: smb < entries.length, allSmb: smb === entries.length };
    servicePorts.set(list, known);
  }
  return known;
}

/** CIDRs of the same family as the one replaced (a placeholder fits both). */
function sameFamily(original: string | undefined, cidrs: string[]): string[] {
  const set = original ? parseCidr(original) : undefined;
  if (!set) return cidrs;
  const v6 = set.v6.length > 0 && set.v4.length === 0;
  const kept = cidrs.filter((c) => {
    const s = parseCidr(c);
    return !s || (v6 ? s.v6.length > 0 : s.v4.length > 0);
  });
  return kept.length ? kept : cidrs;
}

function restrictService(text: string, n: ServicePortNative, sources: string[]): WriterResult {
  if (n.type !== 'LoadBalancer') return undefined;
  const eol = lineBreakOf(text);
  if (n.rangesPair?.value) return replaceSeq(text, n.rangesPair, sources.map(scalar));
  if (n.annotation?.range) {
    const [a, b] = n.annotation.range;
    return [{ span: { offset: a, length: b - a }, newText: JSON.stringify(sources.join(',')) }];
  }
  const typePair = pairOf(n.spec, 'type');
  const end = contentEnd(typePair);
  const key = typePair?.key as Node | undefined;
  if (!key?.range || end === undefined || !isMap(n.spec) || n.spec.flow) return undefined;
  const indent = ' '.repeat(columnOf(text, key.range[0]));
  const dash = ' '.repeat(seqIndent(text, pairOf(n.spec, 'ports')));
  const at = nextLineStart(text, end);
  const lead = at === text.length && !/[\r\n]$/.test(text) ? eol : '';
  const body = `${indent}loadBalancerSourceRanges:${eol}${sources.map((s) => `${indent}${dash}- ${scalar(s)}${eol}`).join('')}`;
  return [{ span: { offset: at, length: 0 }, newText: lead + body }];
}

function restrictPolicy(text: string, n: PolicyRuleNative, sources: string[]): WriterResult {
  if (!n.cidr?.range || !n.peer?.range) return undefined;
  const cidrs = sameFamily(str(n.cidr), sources);
  const [a, b] = n.cidr.range;
  const edits: TextEdit[] = [{ span: { offset: a, length: b - a }, newText: scalar(cidrs[0]) }];
  if (n.exceptPair) {
    // An except outside the new cidr is invalid: the narrower block needs none.
    const drop = removePair(text, get(n.peer, 'ipBlock'), n.exceptPair);
    if (!drop) return undefined;
    edits.push(drop);
  }
  if (cidrs.length > 1) {
    // More blocks: copies of the peer item, "- ipBlock:" then "cidr:" on its own line.
    const block = pairOf(n.peer, 'ipBlock');
    const key = block?.key as Node | undefined;
    const cidrKey = pairOf(get(n.peer, 'ipBlock'), 'cidr')?.key as Node | undefined;
    const end = contentEnd(n.peer);
    if (!key?.range || !cidrKey?.range || end === undefined || text.lastIndexOf('\n', cidrKey.range[0]) < key.range[0]) return undefined;
    const dashCol = text.lastIndexOf('-', key.range[0]);
    const eol = lineBreakOf(text);
    const lines = cidrs.slice(1).map((c) => `${' '.repeat(columnOf(text, dashCol))}- ipBlock:${eol}${' '.repeat(columnOf(text, cidrKey.range![0]))}cidr: ${scalar(c)}${eol}`);
    edits.push({ span: { offset: nextLineStart(text, end), length: 0 }, newText: lines.join('') });
  }
  return edits;
}

/** Drops the policy's SMB port entries when other entries remain to keep the rule meaningful. */
function removePolicyPorts(text: string, n: PolicyRuleNative, rule: AccessRule, services: SmbService[]): WriterResult {
  const all = items(n.portsPair?.value);
  if (!all.length || !Array.isArray(rule.ports.ranges)) return undefined;
  const smb = (e: Node) => {
    const p = Number(str(get(e, 'port')));
    const end = Number(str(get(e, 'endPort')) ?? p);
    return services.some((s) => (rule.protocol === 'any' || s.protocol === rule.protocol) && p <= s.port && s.port <= end);
  };
  const drop = n.portEntries.filter(smb);
  if (!drop.length || drop.length === all.length || drop.some((e) => get(e, 'endPort'))) return undefined;
  const edits = drop.map((e) => deleteItemLines(text, e));
  return edits.every((e): e is TextEdit => !!e) ? edits : undefined;
}

/** Keys only a NodePort or LoadBalancer Service may carry: they must go when the type becomes ClusterIP. */
const PUBLISH_ONLY_KEYS = ['loadBalancerSourceRanges', 'loadBalancerIP', 'loadBalancerClass', 'externalTrafficPolicy', 'healthCheckNodePort', 'allocateLoadBalancerNodePorts'];

function stopPublishing(text: string, n: ServicePortNative, list: RuleList): WriterResult {
  if ((n.type !== 'LoadBalancer' && n.type !== 'NodePort') || get(n.spec, 'externalIPs') || !isMap(n.spec)) return undefined;
  const entries = items(get(n.spec, 'ports'));
  // Only when every published port is SMB: the Service then exists to publish SMB.
  if (!servicePortsOf(list, entries).allSmb) return undefined;
  const type = get(n.spec, 'type');
  if (!type?.range) return undefined;
  const edits: (TextEdit | undefined)[] = [{ span: { offset: type.range[0], length: type.range[1] - type.range[0] }, newText: 'ClusterIP' }];
  for (const e of entries) {
    const np = pairOf(e, 'nodePort');
    if (np) edits.push(removePair(text, e, np));
  }
  for (const k of PUBLISH_ONLY_KEYS) {
    const p = pairOf(n.spec, k);
    if (p) edits.push(removePair(text, n.spec, p));
  }
  if (!edits.every((e): e is TextEdit => !!e)) return undefined;
  return { edits, title: 'Stop publishing this Service outside the cluster (type: ClusterIP)' };
}

export const kubernetesFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const n = nativeOf(rule);
    if (n.kind === 'service-port') return restrictService(text, n, sources);
    if (n.kind === 'policy') return restrictPolicy(text, n, sources);
    return undefined;
  },

  removeServices(text, rule, list, services) {
    const n = nativeOf(rule);
    if (n.kind === 'policy') return removePolicyPorts(text, n, rule, services);
    if (n.kind === 'host-port') {
      if (n.hostNetwork || !n.hostPortPair) return undefined;
      const edit = removePair(text, n.entry, n.hostPortPair);
      return edit && { edits: [edit], title: 'Remove the hostPort (the port stays reachable inside the cluster)' };
    }
    // A Service port entry: remove it when a non-SMB entry remains (a Service needs at least one port).
    const entries = items(get(n.spec, 'ports'));
    if (!servicePortsOf(list, entries).someOther || !isSeq(get(n.spec, 'ports'))) return undefined;
    const edit = deleteItemLines(text, n.entry);
    return edit && [edit];
  },

  deny(text, rule, list) {
    const n = nativeOf(rule);
    return n.kind === 'service-port' ? stopPublishing(text, n, list) : undefined;
  },
};
