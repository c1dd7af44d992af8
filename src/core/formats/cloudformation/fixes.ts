/** Fixes written in the template's own syntax (block YAML, flow YAML or JSON): values replaced in place,
 *  extra entries as copies of the rule, NACL denies as new NetworkAclEntry resources. */
import type { Node } from 'yaml';
import { parseCidr } from '../../model/cidr';
import { normalizePorts, removePorts, type PortRange } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import { lineBreakOf } from '../../text/eol';
import type { TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { CfnListNative } from './extract';
import type { CfnRuleNative } from './rules';
import { copyNode, freeName, freeNumbers, nodeSpan, scalarLike, valueEdit } from './text';
import { lineStartOf } from '../../text/lines';

const V6_KEYS = new Set(['CidrIpv6', 'Ipv6CidrBlock']);
const CIDR_KEYS = new Set(['CidrIp', 'CidrIpv6', 'CidrBlock', 'Ipv6CidrBlock']);

const nat = (rule: AccessRule) => rule.native as CfnRuleNative;
const lnat = (list: RuleList) => list.native as CfnListNative;

function replace(text: string, node: Node | undefined, value: string | number, json: boolean): TextEdit | undefined {
  return valueEdit(text, node, scalarLike(node, value, json));
}

/** Drops edits that write what is already there ("From: 1" stays 1). */
function changed(text: string, edits: TextEdit[]): TextEdit[] {
  return edits.filter((e) => text.slice(e.span.offset, e.span.offset + e.span.length) !== e.newText);
}

/** The CIDRs that fit the rule's address field (IPv4 into CidrIp, IPv6 into CidrIpv6); a placeholder fits both. */
function forField(key: string, cidrs: string[]): string[] {
  const v6 = V6_KEYS.has(key);
  return cidrs.filter((c) => {
    const set = parseCidr(c);
    return !set || (v6 ? set.v6.length > 0 : set.v4.length > 0);
  });
}

/** The next numbers after the rule's own, before the following entry (copies keep their place in order). */
function numbersAfter(rule: AccessRule, list: RuleList, count: number): number[] | undefined {
  const n = nat(rule).ruleNumber;
  if (n === undefined) return undefined;
  const higher = [...lnat(list).used].filter((u) => u > n);
  return freeNumbers(lnat(list).used, n, higher.length ? Math.min(...higher) : 32767, count, false);
}

/** Copies of the rule, one per variant: each variant lists edits made to the copy. */
function copies(text: string, rule: AccessRule, list: RuleList, suffix: string, variants: ((n: CfnRuleNative) => (TextEdit | undefined)[])[]): TextEdit[] | undefined {
  const n = nat(rule);
  const { doc } = lnat(list);
  const numbers = n.kind === 'nacl' ? numbersAfter(rule, list, variants.length) : [];
  if (!numbers) return undefined;
  const taken = new Set(doc.names);
  const out: TextEdit[] = [];
  for (let i = 0; i < variants.length; i++) {
    const edits = variants[i](n);
    if (n.resourceName) {
      const name = freeName(`${n.resourceName}${suffix}`, (x) => taken.has(x));
      taken.add(name);
      const q = text[n.copySpan.offset] === '"' || text[n.copySpan.offset] === "'" ? text[n.copySpan.offset] : '';
      const keyEnd = text.indexOf(n.resourceName, n.copySpan.offset) + n.resourceName.length + q.length;
      edits.push({ span: { offset: n.copySpan.offset, length: keyEnd - n.copySpan.offset }, newText: `${q}${name}${q}` });
    }
    if (n.kind === 'nacl') edits.push(replace(text, n.numberNode, numbers[i], doc.json));
    if (edits.some((e) => !e)) return undefined;
    const copy = copyNode(text, n.copySpan, edits as TextEdit[], doc.json ? undefined : '#', false, n.flow);
    if (!copy) return undefined;
    out.push(copy);
  }
  return out;
}

function portEdits(text: string, n: CfnRuleNative, [a, b]: PortRange, json: boolean): (TextEdit | undefined)[] {
  return [replace(text, n.fromNode, a, json), replace(text, n.toNode, b, json)];
}

export const cloudformationFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const n = nat(rule);
    const { json } = lnat(list).doc;
    if (!n.peerKey || !n.peerNode || !CIDR_KEYS.has(n.peerKey) || rule.action !== 'allow') return undefined;
    const cidrs = forField(n.peerKey, sources);
    const first = cidrs.length ? replace(text, n.peerNode, cidrs[0], json) : undefined;
    if (!first) return undefined;
    const more = copies(text, rule, list, 'Trusted', cidrs.slice(1).map((c) => () => [replace(text, n.peerNode, c, json)]));
    if (!more) return undefined;
    // Sources of the other family do not fit this field: say which ones are written.
    return cidrs.length === sources.length ? [first, ...more] : { edits: [first, ...more], title: `Restrict the source to ${cidrs.join(', ')}` };
  },

  removeServices(text, rule, list, services) {
    const n = nat(rule);
    const { json } = lnat(list).doc;
    const ranges = rule.ports.ranges;
    if ((rule.protocol !== 'tcp' && rule.protocol !== 'udp') || !Array.isArray(ranges) || ranges.length !== 1) return undefined;
    const left = removePorts(ranges, services.filter((s) => s.protocol === rule.protocol).map((s) => s.port));
    if (!left.length || !n.fromNode || !n.toNode) return undefined;
    const first = portEdits(text, n, left[0], json);
    const more = copies(text, rule, list, 'Ports', left.slice(1).map((r) => (m) => portEdits(text, m, r, json)));
    if (!more || first.some((e) => !e)) return undefined;
    return changed(text, [...(first as TextEdit[]), ...more]);
  },

  deny(text, rule, list) {
    const n = nat(rule);
    if (n.kind !== 'nacl' || rule.action !== 'allow') return undefined;
    const edit = replace(text, n.actionNode, 'deny', lnat(list).doc.json);
    return edit ? [edit] : undefined;
  },

  insertDenyBefore(text, rule, list, services) {
    const n = nat(rule);
    if (n.kind !== 'nacl' || n.ruleNumber === undefined || !n.resourceName) return undefined;
    // One entry per protocol and run of adjacent ports (UDP 137-138 is one entry).
    const blocks: Block[] = [];
    for (const protocol of ['tcp', 'udp'] as const) {
      if (rule.protocol !== 'any' && rule.protocol !== protocol) continue;
      const ports = services.filter((s) => s.protocol === protocol).map((s) => [s.port, s.port] as const);
      for (const range of normalizePorts(ports)) blocks.push({ protocol, range });
    }
    const lower = [...lnat(list).used].filter((u) => u < n.ruleNumber!);
    const numbers = freeNumbers(lnat(list).used, lower.length ? Math.max(...lower) : 0, n.ruleNumber, blocks.length, true);
    if (!numbers || !blocks.length) return undefined;
    const taken = new Set(lnat(list).doc.names);
    let out = '';
    for (let i = 0; i < blocks.length; i++) {
      const { protocol, range } = blocks[i];
      const name = freeName(`${n.resourceName}Deny${protocol === 'tcp' ? 'Tcp' : 'Udp'}${range[0]}`, (x) => taken.has(x));
      taken.add(name);
      const entry = denyEntry(text, rule, list, name, numbers[i], blocks[i]);
      if (entry === undefined) return undefined;
      out += entry;
    }
    return [{ span: { offset: lineStartOf(text, n.copySpan.offset), length: 0 }, newText: out }];
  },
};

const one = (text: string, node: Node | undefined): string | undefined => {
  const s = nodeSpan(text, node);
  const t = s ? text.slice(s.offset, s.offset + s.length) : undefined;
  return t && !t.includes('\n') ? t : undefined;
};

/** A new NetworkAclEntry resource that denies one service, indented like the resource it goes before. */
interface Block {
  protocol: 'tcp' | 'udp';
  range: PortRange;
}

function denyEntry(text: string, rule: AccessRule, list: RuleList, name: string, number: number, b: Block): string | undefined {
  const n = nat(rule);
  const { json } = lnat(list).doc;
  const eol = lineBreakOf(text);
  const acl = one(text, n.props.items.find((p) => String((p.key as { value?: unknown }).value) === 'NetworkAclId')?.value as Node | undefined);
  const peer = n.peerKey && CIDR_KEYS.has(n.peerKey) ? one(text, n.peerNode) : undefined;
  if (!acl || !peer || !n.peerKey) return undefined;
  const ki = n.copySpan.offset - lineStartOf(text, n.copySpan.offset);
  const firstProp = nodeSpan(text, n.props.items[0]?.key as Node | undefined);
  const pi = firstProp ? firstProp.offset - lineStartOf(text, firstProp.offset) : ki + 4;
  const u = Math.max(1, Math.floor((pi - ki) / 2)) || 2;
  const pad = (k: number) => ' '.repeat(ki + k * u);
  const proto = b.protocol === 'tcp' ? 6 : 17;
  const egress = list.direction === 'out' ? 'true' : 'false';
  const props: [string, string][] = [
    ['NetworkAclId', acl],
    ['RuleNumber', String(number)],
    ['Protocol', String(proto)],
    ['RuleAction', json ? '"deny"' : 'deny'],
    ['Egress', egress],
    [n.peerKey, peer],
  ];
  if (json) {
    const body = props.map(([k, v]) => `${pad(2)}"${k}": ${v},${eol}`).join('');
    return `${pad(0)}"${name}": {${eol}${pad(1)}"Type": "AWS::EC2::NetworkAclEntry",${eol}${pad(1)}"Properties": {${eol}${body}${pad(2)}"PortRange": { "From": ${b.range[0]}, "To": ${b.range[1]} }${eol}${pad(1)}}${eol}${pad(0)}},${eol}`;
  }
  const body = props.map(([k, v]) => `${pad(2)}${k}: ${v}${eol}`).join('');
  return `${pad(0)}${name}:${eol}${pad(1)}Type: AWS::EC2::NetworkAclEntry${eol}${pad(1)}Properties:${eol}${body}${pad(2)}PortRange:${eol}${pad(3)}From: ${b.range[0]}${eol}${pad(3)}To: ${b.range[1]}${eol}`;
}
