/** Fixes in Bicep syntax: values replaced where the rule writes them; a deny rule inserted as a copy of the
 *  rule (or of its child `resource` declaration) with a free lower priority. Rules written once for several
 *  (a loop body) get no edit: it would change every iteration. */
import { parseBicep } from './parser';
import { removePorts, type PortRange } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import { lineBreakOf } from '../../text/eol';
import { indentOf, lineStartOf } from '../../text/lines';
import { applyEditsWithin } from '../../fixes/apply-edits';
import type { Span, TextEdit } from '../../types';
import type { FixWriter } from '../format';
import { freeName, freeNumbers, startsLine, withoutCommentLines } from '../cloudformation/text';
import { LOWEST_PRIORITY, servicePorts, sourceGroups } from '../arm/fixes';
import type { NsgListNative } from '../arm/nsg';
import type { BicepRuleNative } from './extract';
import type { PropValue } from './values';

const nat = (rule: AccessRule) => rule.native as BicepRuleNative;
const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}-${b}`);
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;

/** An array literal: one item a line when the pair starts its line (Bicep's usual form), else `['a', 'b']`. */
function arrayText(text: string, pair: PropValue, values: string[]): string {
  if (!startsLine(text, pair.span.offset)) return `[${values.map(quote).join(', ')}]`;
  const eol = lineBreakOf(text);
  const indent = indentOf(text, pair.span.offset);
  return `[${values.map((v) => `${eol}${indent}  ${quote(v)}`).join('')}${eol}${indent}]`;
}

/** Writes `values` into the pair: the singular property for one value, the plural for several. */
function setValues(text: string, pair: PropValue, pluralKey: string, values: string[]): TextEdit {
  const plural = pair.key.endsWith('s');
  const value = pair.written.span;
  if (!plural && values.length === 1) return { span: value, newText: quote(values[0]) };
  if (plural) return { span: value, newText: arrayText(text, pair, values) };
  return { span: pair.span, newText: `${pluralKey}: ${arrayText(text, pair, values)}` };
}

/** The pair's value replaced, when the rule writes the pair itself. */
const valueEdit = (pair: PropValue | undefined, newText: string): TextEdit | undefined => (pair ? { span: pair.written.span, newText } : undefined);

/** A deny holds whatever our own address is (the destination inbound, the source outbound): that side is '*'. */
function anyOwnSide(n: BicepRuleNative, direction: RuleList['direction']): (TextEdit | undefined)[] {
  const side = direction === 'out' ? 'source' : 'destination';
  if (n.props.has(`${side}applicationsecuritygroups`)) return [undefined];
  const pair = n.props.get(`${side}addressprefixes`) ?? n.props.get(`${side}addressprefix`);
  if (!pair) return [];
  return [{ span: pair.span, newText: `${side}AddressPrefix: '*'` }];
}

const inside = (outer: Span, e: TextEdit) => e.span.offset >= outer.offset && e.span.offset + e.span.length <= outer.offset + outer.length;

/** A copy of the rule (or its declaration) on the lines just ahead of it: a new name (and symbolic name),
 *  a free priority between the previous rule's and its own, and `edits` applied to the copy. */
function copyBefore(text: string, rule: AccessRule, rl: RuleList, suffix: string, edits: (TextEdit | undefined)[]): TextEdit | undefined {
  const n = nat(rule);
  const ln = rl.native as NsgListNative;
  const nameValue = n.item.props.get('name')?.value;
  const prio = n.props.get('priority');
  if (n.loop || n.priority === undefined || !n.ruleName || nameValue?.kind !== 'str' || !prio || !startsLine(text, n.copy.offset)) return undefined;
  const lower = [...ln.used].filter((p) => p < n.priority!);
  const [priority] = freeNumbers(ln.used, lower.length ? Math.max(...lower) : LOWEST_PRIORITY - 1, n.priority, 1, true) ?? [];
  if (priority === undefined) return undefined;
  const name = freeName(`${n.ruleName}-${suffix}`, (x) => ln.names.has(x.toLowerCase()));
  // The name's closing quote: the suffix goes before it, so an interpolated prefix (`'${nsg}/rule'`) stays.
  const written = n.item.props.get('name')!.written.span;
  const nameEnd = written.offset + written.length - 1;
  if (text[nameEnd] !== "'" || text.startsWith("'''", nameEnd - 2)) return undefined;
  const all = [...edits, { span: { offset: nameEnd, length: 0 }, newText: name.slice(n.ruleName.length) }, valueEdit(prio, String(priority))];
  if (n.sym) all.push({ span: n.sym.span, newText: freeName(`${n.sym.name}${suffix.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase())}`, (x) => n.symbols.has(x)) });
  if (all.some((e) => !e || !inside(n.copy, e))) return undefined;
  const eol = lineBreakOf(text);
  const copy = withoutCommentLines(applyEditsWithin(text, n.copy, all as TextEdit[]), '//');
  // A rule the parser could not read whole is not copied: the copy would carry its broken text twice.
  if (parseBicep(/^\s*resource\b/.test(copy) ? copy : `var copied = ${copy}`).problems.length) return undefined;
  return { span: { offset: lineStartOf(text, n.copy.offset), length: 0 }, newText: `${indentOf(text, n.copy.offset)}${copy}${eol}${n.sym ? eol : ''}` };
}

export const bicepFixes: FixWriter = {
  restrictSource(text, rule, rl, sources) {
    const n = nat(rule);
    if (n.loop || !n.sourcePair || rule.action !== 'allow') return undefined;
    // One rule cannot mix IPv4 and IPv6 prefixes (Azure rejects it): a second family goes into a copy.
    const groups = sourceGroups(rule, sources);
    if (!groups.length || !groups[0].length) return undefined;
    const first = setValues(text, n.sourcePair, 'sourceAddressPrefixes', groups[0]);
    if (groups.length === 1) return [first];
    const copy = copyBefore(text, rule, rl, 'ipv6', [setValues(text, n.sourcePair, 'sourceAddressPrefixes', groups[1])]);
    return copy ? [first, copy] : undefined;
  },

  removeServices(text, rule, _list, services) {
    const { portPair, loop } = nat(rule);
    const ranges = rule.ports.ranges;
    if (loop || !portPair || ranges === 'unknown' || rule.protocol === 'other') return undefined;
    const left = removePorts(ranges ?? [[0, 65535]], servicePorts(rule, services));
    if (!left.length) return undefined;
    return [setValues(text, portPair, 'destinationPortRanges', left.map(fmt))];
  },

  deny(_text, rule) {
    const n = nat(rule);
    const edit = valueEdit(n.props.get('access'), "'Deny'");
    return rule.action !== 'allow' || n.loop || !edit ? undefined : [edit];
  },

  insertDenyBefore(text, rule, rl, services) {
    const n = nat(rule);
    const ports = servicePorts(rule, services);
    // A copy of a rule behind a condition would hold only when the rule does.
    if (!n.portPair || !ports.length || rule.conditional) return undefined;
    const edits = [valueEdit(n.props.get('access'), "'Deny'"), setValues(text, n.portPair, 'destinationPortRanges', ports.map(String)), ...anyOwnSide(n, rl.direction)];
    const description = n.props.get('description');
    if (description) edits.push(valueEdit(description, quote(`Denies SMB ahead of ${n.ruleName} (added by SMB Guard)`)));
    const copy = copyBefore(text, rule, rl, 'deny-smb', edits);
    return copy ? [copy] : undefined;
  },
};
