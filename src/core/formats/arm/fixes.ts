/** Fixes in ARM JSON: values and properties replaced in place; a deny rule inserted as a copy of the rule
 *  (same layout) with a free lower priority. */
import type { Node, Pair } from 'yaml';
import { removePorts, type PortRange } from '../../model/ports';
import { parseCidr } from '../../model/cidr';
import type { AccessRule, AddressMatch, RuleList } from '../../model/rule';
import type { SmbService, TextEdit } from '../../types';
import { get, pairOf, str } from '../common/yaml';
import type { FixWriter } from '../format';
import { copyNode, freeName, freeNumbers, pairSpan, scalarLike, valueEdit } from '../cloudformation/text';
import type { ArmListNative } from './extract';
import type { ArmRuleNative } from './rules';

/** Azure's range of user rule priorities. */
/** The trusted sources split by IP family, as one NSG rule can hold only one: the rule's own family when its
 *  addresses fix it, else IPv4 first and IPv6 for a copy. Shared by the ARM and Bicep writers. */
export function sourceGroups(rule: AccessRule, sources: string[]): string[][] {
  const fixed = literalFamily(rule.sources) ?? literalFamily(rule.destinations);
  const v4 = sources.filter((c) => familyOf(c) !== 'v6');
  const v6 = sources.filter((c) => familyOf(c) !== 'v4');
  return fixed === 'v4' ? [v4] : fixed === 'v6' ? [v6] : [v4, sources.filter((c) => familyOf(c) === 'v6')].filter((g) => g.length);
}

export const LOWEST_PRIORITY = 100;

const nat = (rule: AccessRule) => rule.native as ArmRuleNative;
const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}-${b}`);
const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** Replaces a `key: value` pair with another key and value (e.g. the singular with the plural form). */
function pairEdit(text: string, pair: Pair<Node, Node>, key: string, value: string): TextEdit | undefined {
  const span = pairSpan(text, pair);
  const q = text[span?.offset ?? 0] === "'" ? "'" : '"';
  return span ? { span, newText: `${q}${key}${q}: ${value}` } : undefined;
}

/** Writes `values` into the pair: the singular property for one value, the plural for several. */
function setValues(text: string, pair: Pair<Node, Node>, pluralKey: string, values: string[]): TextEdit | undefined {
  const plural = String((pair.key as { value?: unknown }).value).endsWith('s');
  if (!plural && values.length === 1) return valueEdit(text, pair.value, scalarLike(pair.value, values[0], true));
  if (plural) return valueEdit(text, pair.value, list(values));
  return pairEdit(text, pair, pluralKey, list(values));
}

export function servicePorts(rule: AccessRule, services: SmbService[]): number[] {
  const wanted = services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port);
  return [...new Set(wanted)].sort((a, b) => a - b);
}

/** A deny must hold whatever our own address is (the destination inbound, the source outbound): that side
 *  becomes "*". */
function anyOwnSide(text: string, n: ArmRuleNative, direction: RuleList['direction']): (TextEdit | undefined)[] {
  const side = direction === 'out' ? 'source' : 'destination';
  if (pairOf(n.props, `${side}ApplicationSecurityGroups`)) return [undefined];
  const pair = pairOf(n.props, `${side}AddressPrefixes`) ?? pairOf(n.props, `${side}AddressPrefix`);
  if (!pair) return [];
  return [pairEdit(text, pair, `${side}AddressPrefix`, '"*"')].filter((e) => e && text.slice(e.span.offset, e.span.offset + e.span.length) !== e.newText);
}

/** A copy of the rule placed just ahead of it: a new name, a free priority between the previous rule's and
 *  its own, and `edits` applied to the copy. */
function copyBefore(text: string, rule: AccessRule, rl: RuleList, suffix: string, edits: (TextEdit | undefined)[]): TextEdit | undefined {
  const n = nat(rule);
  const ln = rl.native as ArmListNative;
  if (str(n.nameNode)?.startsWith('[') || n.priority === undefined || !n.ruleName || n.namePrefix === undefined) return undefined;
  const lower = [...ln.used].filter((p) => p < n.priority!);
  const [priority] = freeNumbers(ln.used, lower.length ? Math.max(...lower) : LOWEST_PRIORITY - 1, n.priority, 1, true) ?? [];
  if (priority === undefined) return undefined;
  const name = freeName(`${n.ruleName}-${suffix}`, (x) => ln.names.has(x.toLowerCase()));
  const all = [...edits, valueEdit(text, n.nameNode, JSON.stringify(`${n.namePrefix}${name}`)), valueEdit(text, get(n.props, 'priority'), String(priority))];
  if (all.some((e) => !e)) return undefined;
  return copyNode(text, n.itemSpan, all as TextEdit[], '//', true, true);
}

export function familyOf(cidr: string): 'v4' | 'v6' | undefined {
  const set = parseCidr(cidr);
  if (!set) return undefined;
  return set.v6.length === 0 ? 'v4' : set.v4.length === 0 ? 'v6' : undefined;
}

/** The address family the rule's literal prefixes pin it to, if any. */
export function literalFamily(m: AddressMatch): 'v4' | 'v6' | undefined {
  for (const item of m.items) if (item.value.kind === 'cidr') return familyOf(item.value.cidr);
  return undefined;
}

export const armFixes: FixWriter = {
  restrictSource(text, rule, rl, sources) {
    const n = nat(rule);
    if (!n.sourcePair || rule.action !== 'allow') return undefined;
    // One rule cannot mix IPv4 and IPv6 prefixes (Azure rejects it): a second family goes into a copy.
    const groups = sourceGroups(rule, sources);
    if (!groups.length || !groups[0].length) return undefined;
    const first = setValues(text, n.sourcePair, 'sourceAddressPrefixes', groups[0]);
    if (!first) return undefined;
    if (groups.length === 1) return [first];
    const copy = copyBefore(text, rule, rl, 'ipv6', [setValues(text, n.sourcePair, 'sourceAddressPrefixes', groups[1])]);
    return copy ? [first, copy] : undefined;
  },

  removeServices(text, rule, _list, services) {
    const { portPair } = nat(rule);
    const ranges = rule.ports.ranges;
    if (!portPair || ranges === 'unknown' || rule.protocol === 'other') return undefined;
    const left = removePorts(ranges ?? [[0, 65535]], servicePorts(rule, services));
    if (!left.length) return undefined;
    const edit = setValues(text, portPair, 'destinationPortRanges', left.map(fmt));
    return edit ? [edit] : undefined;
  },

  deny(text, rule) {
    const node = get(nat(rule).props, 'access');
    if (rule.action !== 'allow' || !node) return undefined;
    const edit = valueEdit(text, node, scalarLike(node, 'Deny', true));
    return edit ? [edit] : undefined;
  },

  insertDenyBefore(text, rule, rl, services) {
    const n = nat(rule);
    const ports = servicePorts(rule, services);
    if (!n.portPair || !ports.length) return undefined;
    const edits = [
      valueEdit(text, get(n.props, 'access'), scalarLike(get(n.props, 'access'), 'Deny', true)),
      setValues(text, n.portPair, 'destinationPortRanges', ports.map(String)),
      ...anyOwnSide(text, n, rl.direction),
    ];
    const description = get(n.props, 'description');
    if (description) edits.push(valueEdit(text, description, JSON.stringify(`Denies SMB ahead of ${n.ruleName} (added by SMB Guard)`)));
    const copy = copyBefore(text, rule, rl, 'deny-smb', edits);
    return copy ? [copy] : undefined;
  },
};
