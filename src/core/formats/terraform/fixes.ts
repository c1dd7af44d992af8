/** Fixes written in Terraform: edit the rule's own attributes; new rules (insert-deny.ts) only in HCL files. */
import { removePorts, type PortRange } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import type { TextEdit } from '../../types';
import type { FixWriter } from '../format';
import type { RuleNative } from './build';
import type { HBlock } from './doc';
import { byFamily, deleteAttrLine, insertAttrAfter, listOf, q, rangeWord, replace } from './edit';
import { lineBreakOf } from '../../text/eol';
import { insertDenyBefore } from './insert-deny';
import { indentOf } from '../../text/lines';
import { applyEditsWithin } from '../../fixes/apply-edits';
import { removeRuleLines } from '../../fixes/remove-rule';

export const nativeOf = (rule: AccessRule): RuleNative | undefined => {
  const n = rule.native as RuleNative | undefined;
  return n && n.direct ? n : undefined;
};

const AWS_LISTS: Partial<Record<RuleNative['kind'], [string, string]>> = {
  'aws-sg-inline': ['cidr_blocks', 'ipv6_cidr_blocks'],
  'aws-sg-rule': ['cidr_blocks', 'ipv6_cidr_blocks'],
};
const AWS_SINGLE: Partial<Record<RuleNative['kind'], [string, string]>> = {
  'aws-vpc-rule': ['cidr_ipv4', 'cidr_ipv6'],
  'aws-nacl-inline': ['cidr_block', 'ipv6_cidr_block'],
  'aws-nacl-rule': ['cidr_block', 'ipv6_cidr_block'],
};

/** Sets a list attribute to `values`: replaced, added after `near`, or dropped when empty. */
function setList(text: string, b: HBlock, name: string, values: string[], near: string, eol: string): TextEdit[] | undefined {
  const attr = b.attrs.get(name);
  if (attr) {
    if (values.length) return [replace(attr.value.span, listOf(values))];
    const gone = b.json ? undefined : deleteAttrLine(text, attr);
    return [gone ?? replace(attr.value.span, '[]')];
  }
  if (!values.length) return [];
  const anchor = b.attrs.get(near);
  return anchor ? [insertAttrAfter(text, anchor, name, listOf(values), b.json, eol)] : undefined;
}

/** Azure and GCP reject rules that mix IPv4 and IPv6 prefixes: keep the family the rule already uses. */
function oneFamily(rule: AccessRule, sources: string[]): string[] {
  const { v4, v6 } = byFamily(sources);
  const ruleV6 = rule.sources.items.some((i) => i.value.kind === 'cidr' && i.value.cidr.includes(':'));
  const ruleV4 = rule.sources.items.some((i) => i.value.kind !== 'cidr' || !i.value.cidr.includes(':'));
  return ruleV4 || !ruleV6 ? v4 : v6;
}

export const terraformFixes: FixWriter = {
  /** An inline ingress block or a rule resource goes whole; a dynamic block's content is shared by every port,
   *  a GCP allow block is what its firewall needs, JSON has no lines of its own per rule. */
  removeRule(text, rule) {
    const n = nativeOf(rule);
    if (!n || n.kind === 'gcp' || n.block.json) return undefined;
    return removeRuleLines(text, rule);
  },
  restrictSource(text, rule, list, sources) {
    const n = nativeOf(rule);
    if (!n || list.direction === 'out') return undefined;
    const b = n.block;
    const eol = lineBreakOf(text);
    const pairAttrs = AWS_LISTS[n.kind];
    if (pairAttrs) {
      let { v4, v6 } = byFamily(sources);
      // Keep the families the rule already names; add the other only when its own would be left empty.
      const has4 = b.attrs.has(pairAttrs[0]);
      const has6 = b.attrs.has(pairAttrs[1]);
      if (has4 && !has6 && v4.length) v6 = [];
      if (has6 && !has4 && v6.length) v4 = [];
      const a = setList(text, b, pairAttrs[0], v4, pairAttrs[1], eol);
      const c = setList(text, b, pairAttrs[1], v6, pairAttrs[0], eol);
      return a && c && a.length + c.length ? [...a, ...c] : undefined;
    }
    const single = AWS_SINGLE[n.kind];
    if (single) {
      const { v4, v6 } = byFamily(sources);
      const [name, values] = b.attrs.has(single[0]) ? [single[0], v4] : [single[1], v6];
      const attr = b.attrs.get(name);
      return attr && values.length === 1 ? [replace(attr.value.span, q(values[0]))] : undefined;
    }
    const words = oneFamily(rule, sources);
    if (!words.length) return undefined;
    if (n.kind === 'gcp') {
      const res = n.resource;
      const at = res.attrs.get('source_ranges');
      if (at) return [replace(at.value.span, listOf(words))];
      const near = res.attrs.get('network') ?? res.attrs.get('name');
      return near && !res.attrs.has('source_tags') && !res.attrs.has('source_service_accounts') ? [insertAttrAfter(text, near, 'source_ranges', listOf(words), res.json, eol)] : undefined;
    }
    const one = b.attrs.get('source_address_prefix');
    const many = b.attrs.get('source_address_prefixes');
    if (b.attrs.has('source_application_security_group_ids') || (one && many)) return undefined;
    if (many) return [replace(many.value.span, listOf(words))];
    if (!one) return undefined;
    if (words.length === 1) return [replace(one.value.span, q(words[0]))];
    const name = 'source_address_prefixes';
    return [replace(one.span, b.json ? `${q(name)}: ${listOf(words)}` : `${name}${aligned(text, one.span.offset, 'source_address_prefix')}= ${listOf(words)}`)];
  },

  removeServices(text, rule, list, services) {
    const n = nativeOf(rule);
    if (!n) return undefined;
    const ports = services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port);
    const ranges: readonly PortRange[] = rule.ports.ranges === undefined ? [[0, 65535]] : rule.ports.ranges === 'unknown' ? [] : rule.ports.ranges;
    const left = removePorts(ranges, ports);
    if (!left.length || rule.ports.ranges === 'unknown') return undefined;
    if (n.kind.startsWith('azure')) return azurePorts(text, n.block, left);
    if (n.kind === 'gcp') return gcpPorts(text, rule, n.block, left);
    if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return undefined;
    return awsPorts(text, n, left);
  },

  deny(text, rule) {
    const n = nativeOf(rule);
    if (!n || rule.action !== 'allow') return undefined;
    const b = n.block;
    const word = (attr: string, value: string) => {
      const a = b.attrs.get(attr);
      return a && a.value.kind === 'string' ? [replace(a.value.span, q(value))] : undefined;
    };
    if (n.kind.startsWith('azure')) return word('access', 'Deny');
    if (n.kind === 'aws-nacl-inline') return word('action', 'deny');
    if (n.kind === 'aws-nacl-rule') return word('rule_action', 'deny');
    if (n.kind !== 'gcp') return undefined;
    // A GCP firewall is all allow or all deny: turn every allow block over.
    const res = n.resource;
    if (res.blocks.some((c) => c.type === 'dynamic' || c.type === 'deny')) return undefined;
    return res.blocks.filter((c) => c.type === 'allow').map((c) => replace(c.typeSpan, res.json ? q('deny') : 'deny'));
  },

  insertDenyBefore,
};

/** Spaces that keep `=` where the old attribute name had it, when the new name is longer they shrink to one. */
function aligned(text: string, offset: number, oldName: string): string {
  let i = offset + oldName.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const width = i - offset;
  return ' '.repeat(Math.max(1, width - 'source_address_prefixes'.length));
}

function azurePorts(text: string, b: HBlock, left: PortRange[]): TextEdit[] | undefined {
  const words = left.map((r) => rangeWord(r));
  const one = b.attrs.get('destination_port_range');
  const many = b.attrs.get('destination_port_ranges');
  if (one && many) return undefined;
  if (many) return [replace(many.value.span, listOf(words))];
  if (!one) return undefined;
  if (words.length === 1) return [replace(one.value.span, q(words[0]))];
  const name = 'destination_port_ranges';
  const pad = (() => {
    let i = one.span.offset + 'destination_port_range'.length;
    while (text[i] === ' ') i++;
    return ' '.repeat(Math.max(1, i - one.span.offset - name.length));
  })();
  return [replace(one.span, b.json ? `${q(name)}: ${listOf(words)}` : `${name}${pad}= ${listOf(words)}`)];
}

function gcpPorts(text: string, rule: AccessRule, b: HBlock, left: PortRange[]): TextEdit[] | undefined {
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return undefined;
  const words = left.map((r) => rangeWord(r));
  const ports = b.attrs.get('ports');
  if (ports) return [replace(ports.value.span, listOf(words))];
  const proto = b.attrs.get('protocol');
  return proto ? [insertAttrAfter(text, proto, 'ports', listOf(words), b.json, lineBreakOf(text))] : undefined;
}

/** AWS writes one range per rule: narrow it, or repeat the rule once per remaining range. */
function awsPorts(text: string, n: RuleNative, left: PortRange[]): TextEdit[] | undefined {
  const b = n.block;
  const from = b.attrs.get('from_port');
  const to = b.attrs.get('to_port');
  if (!from || !to || from.value.kind !== 'number' || to.value.kind !== 'number') return undefined;
  const edited = ([a, z]: PortRange) => [replace(from.value.span, String(a)), replace(to.value.span, String(z))];
  if (left.length === 1) return edited(left[0]);
  if (b.json || n.kind.startsWith('aws-nacl')) return undefined; // NACL copies would need free rule numbers
  const eol = lineBreakOf(text);
  const copy = (r: PortRange) => applyEditsWithin(text, b.span, edited(r));
  if (n.kind === 'aws-sg-inline') {
    const indent = indentOf(text, b.span.offset);
    return [replace(b.span, left.map(copy).join(`${eol}${eol}${indent}`))];
  }
  // A rule resource: the first range keeps the resource's name, the others get a suffix.
  const name = b.labels[1];
  const header = text.slice(b.span.offset, b.span.offset + b.span.length).indexOf(`"${name}"`);
  if (header < 0) return undefined;
  const parts = left.map((r, i) => {
    const c = copy(r);
    return i === 0 ? c : `${c.slice(0, header)}"${name}_${r[0]}_${r[1]}"${c.slice(header + name.length + 2)}`;
  });
  return [replace(b.span, parts.join(`${eol}${eol}`))];
}
