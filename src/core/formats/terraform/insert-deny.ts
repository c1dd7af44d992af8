/** "Insert a deny before this rule" in HCL: a new rule with a free priority (Azure), rule number (NACL) or
 *  a lower-priority deny firewall (GCP). Security groups cannot deny; JSON files get no new blocks. */
import type { AccessRule, RuleList } from '../../model/rule';
import type { SmbService, TextEdit } from '../../types';
import type { RuleNative } from './build';
import { attrLines, insert, listOf, portWords, q } from './edit';
import { lineBreakOf } from '../../text/eol';
import { GCP_DEFAULT_PRIORITY } from './gcp';
import { indentOf } from '../../text/lines';

const AZURE_MIN = 100;
const NACL_MIN = 1;

type Proto = 'tcp' | 'udp';

/** The services the deny must cover, per protocol, within what the rule matches. */
function perProtocol(rule: AccessRule, services: SmbService[]): [Proto, number[]][] {
  const out: [Proto, number[]][] = [];
  for (const p of ['tcp', 'udp'] as const) {
    if (rule.protocol !== 'any' && rule.protocol !== p) continue;
    const ports = services.filter((s) => s.protocol === p).map((s) => s.port);
    if (ports.length) out.push([p, ports]);
  }
  return out;
}

/** `count` free numbers just below the rule's and above every earlier rule's, highest first. */
function freeNumbers(rule: AccessRule, list: RuleList, count: number, min: number): number[] | undefined {
  const own = (rule.native as RuleNative).order;
  if (own === undefined) return undefined;
  const used = new Set<number>();
  let floor = min;
  for (const r of list.rules) {
    const o = (r.native as RuleNative | undefined)?.order;
    if (o === undefined) continue;
    used.add(o);
    if (r.index < rule.index) floor = Math.max(floor, o + 1);
  }
  const out: number[] = [];
  for (let p = own - 1; p >= floor && out.length < count; p--) if (!used.has(p)) out.push(p);
  return out.length === count ? out : undefined;
}

const srcText = (text: string, n: RuleNative, name: string) => {
  const a = n.block.attrs.get(name);
  return a ? text.slice(a.value.span.offset, a.value.span.offset + a.value.span.length) : undefined;
};

export function insertDenyBefore(text: string, rule: AccessRule, list: RuleList, services: SmbService[]): TextEdit[] | undefined {
  const n = rule.native as RuleNative | undefined;
  if (!n || !n.direct || n.block.json || n.resource.json) return undefined;
  const eol = lineBreakOf(text);
  const groups = perProtocol(rule, services);
  if (!groups.length) return undefined;
  if (n.kind === 'azure-inline' || n.kind === 'azure-rule') return azure(text, rule, list, n, groups, eol);
  if (n.kind === 'aws-nacl-inline' || n.kind === 'aws-nacl-rule') return nacl(text, rule, list, n, groups, eol);
  if (n.kind === 'gcp') return gcp(text, n, groups, eol, list.direction === 'out');
  return undefined;
}

function azure(text: string, rule: AccessRule, list: RuleList, n: RuleNative, groups: [Proto, number[]][], eol: string): TextEdit[] | undefined {
  const [prio] = freeNumbers(rule, list, 1, AZURE_MIN) ?? [];
  if (prio === undefined) return undefined;
  const ports = portWords(groups.flatMap(([, p]) => p));
  const protocol = groups.length > 1 ? '*' : groups[0][0] === 'tcp' ? 'Tcp' : 'Udp';
  const pairs: [string, string][] = [
    ['name', q(`deny-smb-${prio}`)],
    ['priority', String(prio)],
    ['direction', q(list.direction === 'out' ? 'Outbound' : 'Inbound')],
    ['access', q('Deny')],
    ['protocol', q(protocol)],
    ['source_port_range', q('*')],
    ports.length === 1 ? ['destination_port_range', q(ports[0])] : ['destination_port_ranges', listOf(ports)],
    ['source_address_prefix', q('*')],
    ['destination_address_prefix', q('*')],
  ];
  const indent = indentOf(text, n.block.span.offset);
  if (n.kind === 'azure-inline') {
    const body = attrLines(pairs, `${indent}  `, eol);
    return [insert(n.block.span.offset, `security_rule {${eol}${body}${indent}}${eol}${eol}${indent}`)];
  }
  const rg = srcText(text, n, 'resource_group_name');
  const nsg = srcText(text, n, 'network_security_group_name');
  if (!rg || !nsg) return undefined;
  pairs.push(['resource_group_name', rg], ['network_security_group_name', nsg]);
  const head = `resource "azurerm_network_security_rule" "${n.resource.labels[1]}_deny_smb" {${eol}`;
  return [insert(n.resource.span.offset, `${head}${attrLines(pairs, '  ', eol)}}${eol}${eol}`)];
}

function nacl(text: string, rule: AccessRule, list: RuleList, n: RuleNative, groups: [Proto, number[]][], eol: string): TextEdit[] | undefined {
  const ranges = groups.flatMap(([p, ports]) => portWords(ports).map((w) => [p, w] as const));
  const numbers = freeNumbers(rule, list, ranges.length, NACL_MIN);
  const cidrName = n.block.attrs.has('cidr_block') ? 'cidr_block' : 'ipv6_cidr_block';
  const cidr = srcText(text, n, cidrName);
  if (!numbers || !cidr) return undefined;
  // Lowest number first, so the new rules read in evaluation order.
  const sorted = [...numbers].sort((a, b) => a - b);
  const inline = n.kind === 'aws-nacl-inline';
  const indent = indentOf(text, n.block.span.offset);
  const blocks = ranges.map(([p, w], i) => {
    const [from, to] = w.split('-');
    const pairs: [string, string][] = inline
      ? [['rule_no', String(sorted[i])], ['action', q('deny')], ['protocol', q(p)], [cidrName, cidr], ['from_port', from], ['to_port', to ?? from]]
      : [['network_acl_id', srcText(text, n, 'network_acl_id') ?? ''], ['rule_number', String(sorted[i])], ['egress', list.direction === 'out' ? 'true' : 'false'], ['protocol', q(p)], ['rule_action', q('deny')], [cidrName, cidr], ['from_port', from], ['to_port', to ?? from]];
    if (inline) return `${n.block.type} {${eol}${attrLines(pairs, `${indent}  `, eol)}${indent}}${eol}${eol}${indent}`;
    return `resource "aws_network_acl_rule" "${n.resource.labels[1]}_deny_${p}_${w.replace('-', '_')}" {${eol}${attrLines(pairs, '  ', eol)}}${eol}${eol}`;
  });
  if (!inline && !srcText(text, n, 'network_acl_id')) return undefined;
  return [insert(n.block.span.offset, blocks.join(''))];
}

function gcp(text: string, n: RuleNative, groups: [Proto, number[]][], eol: string, egress: boolean): TextEdit[] | undefined {
  const res = n.resource;
  const network = srcText(text, { ...n, block: res }, 'network');
  if (!network) return undefined;
  const prio = Math.max(0, (n.order ?? GCP_DEFAULT_PRIORITY) - 1);
  const rangeAttr = egress ? 'destination_ranges' : 'source_ranges';
  const ranges = srcText(text, { ...n, block: res }, rangeAttr) ?? listOf(['0.0.0.0/0']);
  const label = res.labels[1];
  const pairs: [string, string][] = [
    ['name', q(`${label.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-deny-smb`.replace(/^[^a-z]+/, 'fw-'))],
    ['network', network],
    ['direction', q(egress ? 'EGRESS' : 'INGRESS')],
    ['priority', String(prio)],
    [rangeAttr, ranges],
  ];
  const denies = groups.map(([p, ports]) => `${eol}  deny {${eol}${attrLines([['protocol', q(p)], ['ports', listOf(portWords(ports))]], '    ', eol)}  }${eol}`).join('');
  return [insert(res.span.offset, `resource "google_compute_firewall" "${label}_deny_smb" {${eol}${attrLines(pairs, '  ', eol)}${denies}}${eol}${eol}`)];
}
