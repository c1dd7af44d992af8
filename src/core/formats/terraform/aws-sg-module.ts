/** The terraform-aws-modules/security-group module's ingress inputs, read the way its main.tf turns them into
 *  aws_security_group_rule resources (module v5, https://github.com/terraform-aws-modules/terraform-aws-security-group):
 *  - `ingress_rules` (named rules) from `ingress_cidr_blocks` / `ingress_ipv6_cidr_blocks` / `ingress_prefix_list_ids`;
 *  - `ingress_with_cidr_blocks` / `ingress_with_ipv6_cidr_blocks`: maps of from_port/to_port/protocol or `rule`,
 *    with `cidr_blocks` / `ipv6_cidr_blocks` as one comma-separated string (default: the module-wide list);
 *  - their `computed_*` forms, of which only the first `number_of_computed_*` entries are made.
 *  The group is allow-only like any security group. */
import type { AddressItem } from '../../model/rule';
import type { Span } from '../../types';
import { fromToPorts, protocolOf, sgList } from './aws';
import { addressItem, fitted, unknownItem, UNKNOWN_PORTS, type ListCollector, type RuleNative } from './build';
import type { HAttr, HBlock, HVal } from './doc';
import { attrValue, resolve, scalar, scalarAttr, scalarList, type Scope } from './values';

/** `source` of the registry module, its submodules (`//modules/ssh`), and its GitHub address. */
const SOURCE = /^(?:terraform-aws-modules\/security-group\/aws|(?:git::https:\/\/|https:\/\/|git@)?github\.com[/:]terraform-aws-modules\/terraform-aws-security-group(?:\.git)?)(?:\/\/modules\/[\w-]+)?(?:\?ref=[\w.-]+)?$/;

/** The module's named rules (rules.tf) whose ports reach SMB: the catch-alls. No entry names SMB itself (there is no
 *  "smb-445-tcp"); every other entry opens one service's ports, none of them 137-139 or 445. */
const NAMED: Record<string, [from: number, to: number, protocol: string]> = {
  'all-all': [-1, -1, '-1'],
  'all-tcp': [0, 65535, 'tcp'],
  'all-udp': [0, 65535, 'udp'],
};

export function isSgModule(source: string | undefined): boolean {
  return !!source && SOURCE.test(source.trim());
}

interface Sources {
  v4?: HVal;
  v6?: HVal;
  prefixes?: HVal;
}

export function mapSgModule(mod: HBlock, scope: Scope, out: ListCollector): void {
  if (!isSgModule(scalarAttr(mod, 'source', scope)?.text)) return;
  if (scalarAttr(mod, 'create', scope)?.text === 'false') return;
  const list = sgList(out, `module.${mod.labels[0] ?? 'security_group'}`, 'ingress', mod);
  const v4 = attrValue(mod, 'ingress_cidr_blocks');
  const v6 = attrValue(mod, 'ingress_ipv6_cidr_blocks');
  const prefixes = attrValue(mod, 'ingress_prefix_list_ids');
  const m: Reader = { mod, scope, out, list };
  for (const computed of [false, true]) {
    const name = (base: string) => (computed ? `computed_${base}` : base);
    const count = computed ? countOf(mod, scope, (base) => `number_of_computed_${base}`) : () => Infinity;
    named(m, name('ingress_rules'), count('ingress_rules'), { v4, v6, prefixes });
    withCidrs(m, name('ingress_with_cidr_blocks'), count('ingress_with_cidr_blocks'), 'cidr_blocks', v4);
    withCidrs(m, name('ingress_with_ipv6_cidr_blocks'), count('ingress_with_ipv6_cidr_blocks'), 'ipv6_cidr_blocks', v6);
  }
}

interface Reader {
  mod: HBlock;
  scope: Scope;
  out: ListCollector;
  list: string;
}

/** How many entries of a computed input the module makes: `number_of_computed_*` (default 0); NaN when unknown. */
function countOf(mod: HBlock, scope: Scope, attr: (base: string) => string): (base: string) => number {
  return (base) => {
    const v = attrValue(mod, attr(base));
    if (!v) return 0;
    const n = Number(scalar(v, scope)?.text);
    return Number.isInteger(n) && n >= 0 ? n : NaN;
  };
}

/** The entries of a list input, as many as the module makes; undefined when the list is not known. */
function entriesOf(m: Reader, input: string, count: number): { entries: HVal[]; site: Span } | undefined | 'none' {
  const v = attrValue(m.mod, input);
  if (!v || count === 0) return 'none';
  const r = resolve(v, m.scope);
  if (!r || r.kind !== 'tuple' || Number.isNaN(count)) return undefined;
  const items = r.items ?? [];
  return { entries: count < items.length ? items.slice(0, count) : items, site: v.span };
}

/** A map entry (`{ from_port = 445, … }`) as a block, so the rule readers of aws.ts read it as they read a rule. */
function entryBlock(entry: HVal, owner: HBlock): HBlock & { attrs: Map<string, HAttr> } {
  const attrs = new Map<string, HAttr>();
  for (const e of entry.entries ?? []) attrs.set(e.key, { name: e.key, span: e.value.span, value: e.value });
  return { type: 'ingress', typeSpan: entry.span, labels: [], span: entry.span, attrs, blocks: [], closeOffset: entry.span.offset + entry.span.length, json: owner.json };
}

function native(m: Reader, block: HBlock): RuleNative {
  // Not direct: the rule is made by the module's code, so no in-place edit is offered (a suppression is).
  return { kind: 'aws-sg-module', block, resource: m.mod, scope: m.scope, direct: false };
}

function addRule(m: Reader, label: string, block: HBlock, items: AddressItem[], span: Span): void {
  const p = protocolOf(block, m.scope, 'protocol');
  const ports = p.known ? fromToPorts(block, m.scope, p.protocol, true, m.out.problems) : UNKNOWN_PORTS();
  m.out.add(m.list, {
    label, action: 'allow', protocol: p.protocol, protocolSpan: p.span, ports,
    sources: { items: fitted(items), negated: false }, destinations: { items: [], negated: false },
    conditional: false, establishedOnly: false, span, actionSpan: span, native: native(m, block), index: 0, text: '',
  });
}

/** The items of a list of CIDRs (or prefix list ids, which are addresses we cannot know). */
function listItems(v: HVal | undefined, scope: Scope, name: string, known: boolean): AddressItem[] {
  const l = scalarList(v, scope);
  if (!l) return [];
  const items = l.items.map((i) => (known ? addressItem(i.text, i.site) : unknownItem(i.text, i.site)));
  if (l.unknown) items.push(unknownItem(name, l.site));
  return items;
}

/** `ingress_rules = ["all-all"]`: each name from the module's table, with the module-wide sources. */
function named(m: Reader, input: string, count: number, src: Sources): void {
  const got = entriesOf(m, input, count);
  if (got === 'none') return;
  const sources = [...listItems(src.v4, m.scope, 'ingress_cidr_blocks', true), ...listItems(src.v6, m.scope, 'ingress_ipv6_cidr_blocks', true), ...listItems(src.prefixes, m.scope, 'ingress_prefix_list_ids', false)];
  // No source at all is a rule AWS refuses: nothing is opened.
  if (!sources.length) return;
  if (!got) {
    const span = attrValue(m.mod, input)?.span ?? m.mod.typeSpan;
    m.out.add(m.list, unknownRule(m, `${input} (not known)`, span, sources));
    return;
  }
  got.entries.forEach((e, i) => {
    const word = scalar(e, m.scope);
    if (!word) {
      m.out.add(m.list, unknownRule(m, `${input}[${i}]`, e.span, sources));
      return;
    }
    const rule = ruleOf(m, word.text);
    if (rule === null) return; // a name whose ports are not SMB
    const span = word.direct ? e.span : got.site;
    if (rule === undefined) m.out.add(m.list, unknownRule(m, `${input} "${word.text}"`, span, sources));
    else addRule(m, `${input} "${word.text}"`, rule, sources, span);
  });
}

/** `ingress_with_cidr_blocks = [{ from_port = 445, to_port = 445, protocol = "tcp", cidr_blocks = "0.0.0.0/0" }]`. */
function withCidrs(m: Reader, input: string, count: number, cidrKey: 'cidr_blocks' | 'ipv6_cidr_blocks', moduleWide: HVal | undefined): void {
  const got = entriesOf(m, input, count);
  if (got === 'none') return;
  if (!got) {
    const span = attrValue(m.mod, input)?.span ?? m.mod.typeSpan;
    m.out.add(m.list, unknownRule(m, `${input} (not known)`, span, [unknownItem(input, span)]));
    return;
  }
  got.entries.forEach((raw, i) => {
    const e = resolve(raw, m.scope);
    const label = `${input}[${i}]`;
    if (!e || e.kind !== 'object') {
      m.out.add(m.list, unknownRule(m, label, raw.span, [unknownItem(input, raw.span)]));
      return;
    }
    const block = entryBlock(e, m.mod);
    const own = block.attrs.get(cidrKey)?.value;
    const items = own ? commaItems(own, m.scope, cidrKey) : listItems(moduleWide, m.scope, cidrKey === 'cidr_blocks' ? 'ingress_cidr_blocks' : 'ingress_ipv6_cidr_blocks', true);
    if (!items.length) return;
    // A `rule` name fills the ports and protocol the entry does not give itself.
    const ruleName = scalar(block.attrs.get('rule')?.value, m.scope);
    if (ruleName) {
      const table = ruleOf(m, ruleName.text);
      if (table === null && !block.attrs.has('from_port')) return;
      if (table === undefined && !block.attrs.has('from_port')) {
        m.out.add(m.list, unknownRule(m, label, e.span, items));
        return;
      }
      if (table) for (const k of ['from_port', 'to_port', 'protocol']) if (!block.attrs.has(k)) block.attrs.set(k, table.attrs.get(k) as HAttr);
    }
    addRule(m, label, block, items, raw === e ? e.span : raw.span);
  });
}

/** The module joins and splits its CIDRs by commas: `cidr_blocks = "0.0.0.0/0,10.0.0.0/8"`. */
function commaItems(v: HVal, scope: Scope, name: string): AddressItem[] {
  const s = scalar(v, scope);
  if (!s) return [unknownItem(name, v.span)];
  const items: AddressItem[] = [];
  let at = 0;
  for (const part of s.text.split(',')) {
    const word = part.trim();
    const lead = part.length - part.trimStart().length;
    const span = s.direct ? { offset: s.site.offset + at + lead, length: word.length } : s.site;
    if (word) items.push(addressItem(word, span));
    at += part.length + 1;
  }
  return items;
}

/** A named rule as a block of from_port/to_port/protocol: from the module's own `rules` input when it overrides
 *  the table, else from the table. null: a name whose ports are not SMB's; undefined: not knowable. */
function ruleOf(m: Reader, name: string): HBlock | null | undefined {
  const override = attrValue(m.mod, 'rules');
  if (override) {
    const r = resolve(override, m.scope);
    if (!r || r.kind !== 'object') return undefined;
    const e = r.entries?.find((x) => x.key === name)?.value;
    const t = e && resolve(e, m.scope);
    if (t?.kind !== 'tuple') return undefined;
    const [from, to, protocol] = t.items ?? [];
    return synthetic(t, from, to, protocol);
  }
  const known = NAMED[name];
  if (!known) return null;
  const span = m.mod.typeSpan;
  const num = (n: number): HVal => ({ kind: 'number', span, value: n });
  return synthetic({ kind: 'tuple', span }, num(known[0]), num(known[1]), { kind: 'string', span, value: known[2] });
}

function synthetic(at: HVal, from: HVal | undefined, to: HVal | undefined, protocol: HVal | undefined): HBlock {
  const attrs = new Map<string, HAttr>();
  const put = (k: string, v: HVal | undefined) => v && attrs.set(k, { name: k, span: v.span, value: v });
  put('from_port', from);
  put('to_port', to);
  put('protocol', protocol);
  return { type: 'ingress', typeSpan: at.span, labels: [], span: at.span, attrs, blocks: [], closeOffset: at.span.offset + at.span.length, json: false };
}

function unknownRule(m: Reader, label: string, span: Span, items: AddressItem[]) {
  const block = synthetic({ kind: 'null', span }, undefined, undefined, undefined);
  return {
    label, action: 'allow' as const, protocol: 'any' as const, ports: UNKNOWN_PORTS(span), sources: { items: fitted(items), negated: false }, destinations: { items: [], negated: false },
    conditional: false, establishedOnly: false, span, actionSpan: span, native: native(m, block), index: 0, text: '',
  };
}
