/** Walks a template's Resources once: security groups (inline rules and standalone ingress/egress
 *  resources joined by GroupId) and network-ACL entries (grouped by NetworkAclId and direction). */
import type { Budget } from '../../analysis/budget';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { AccessRule, Direction, RuleList, RuleModel } from '../../model/rule';
import { get, isMap, items, pairs, parseYaml, str } from '../common/yaml';
import { readParams, resolve, targetOf, type Params } from './intrinsics';
import { naclRule, sgRule, type CfnRuleNative, type RuleContext, type RulePlace } from './rules';
import { field, isJsonText, nodeSpan, pairSpan } from './text';
import type { ParameterFile } from './parameters';

/** Shared by every list of a document: the fix writer needs the logical ids in use and the syntax. */
export interface CfnDocNative {
  json: boolean;
  names: Set<string>;
}

export interface CfnListNative {
  doc: CfnDocNative;
  kind: 'sg' | 'nacl';
  /** Rule numbers in use in this ACL and direction. */
  used: Set<number>;
}

interface Pending {
  id: string;
  name: string;
  kind: 'sg' | 'nacl';
  direction: Direction;
  rules: AccessRule[];
}

const SG_KEYS = [['SecurityGroupIngress', 'in'], ['SecurityGroupEgress', 'out']] as const;
const DIR_WORD = { sg: { in: 'ingress', out: 'egress' }, nacl: { in: 'inbound', out: 'outbound' } } as const;

/** `given`: the values of a parameter file, over the parameters' defaults (parameters.ts). */
export function extractCloudFormation(text: string, budget?: Budget, given?: ParameterFile): RuleModel {
  const { docs, problems } = parseYaml(text, budget);
  const json = isJsonText(text);
  const lists: RuleList[] = [];
  for (const doc of docs) {
    const root = doc.contents;
    const resources = pairs(get(root, 'Resources'));
    if (!resources.length) continue;
    const ctx: RuleContext = { text, params: withGiven(readParams(root), given), problems };
    const docNative: CfnDocNative = { json, names: new Set(resources.map((p) => str(p.key) ?? '')) };
    const pending = new Map<string, Pending>();
    const listFor = (kind: 'sg' | 'nacl', target: string, direction: 'in' | 'out'): Pending => {
      const id = `${kind}:${target}/${DIR_WORD[kind][direction]}`;
      let p = pending.get(id);
      if (!p) {
        const shown = target.startsWith('=') ? target.slice(1) : target;
        p = { id, name: `${shown} (${DIR_WORD[kind][direction]})`, kind, direction, rules: [] };
        pending.set(id, p);
      }
      return p;
    };
    const flow = json || (get(root, 'Resources') as { flow?: boolean } | undefined)?.flow === true;
    for (const res of resources) readResource(ctx, res, listFor, flow);
    for (const p of pending.values()) lists.push(toList(p, docNative));
  }
  // A JSON template has no comment syntax: no suppression comment is read or offered there.
  return json ? { lists, problems, lineComment: null } : { lists, problems };
}

/** A parameter file's values for the parameters the template declares (others are not the template's). */
function withGiven(params: Params, given: ParameterFile | undefined): Params {
  for (const [name, node] of given?.values ?? []) {
    if (!params.has(name)) continue;
    params.set(name, node);
    const origin = given?.origins.get(name);
    if (origin) params.origins.set(name, origin);
  }
  return params;
}

/** "ingress rule 3": the same few labels recur in every group, so each is made once and shared. */
const LABELS = { in: [] as string[], out: [] as string[] };
function itemLabel(direction: 'in' | 'out', i: number): string {
  const cache = LABELS[direction];
  if (i >= 256) return `${DIR_WORD.sg[direction]} rule ${i + 1}`;
  return (cache[i] ??= `${DIR_WORD.sg[direction]} rule ${i + 1}`);
}

type ListFor = (kind: 'sg' | 'nacl', target: string, direction: 'in' | 'out') => Pending;

function readResource(ctx: RuleContext, res: Pair<Node, Node>, listFor: ListFor, flow: boolean): void {
  const name = str(res.key);
  const type = str(field(res.value, 'Type'));
  const props = field(res.value, 'Properties');
  if (!name || !type || !isMap(props) || !type.startsWith('AWS::EC2::')) return;
  ctx.params.taken();
  const span = pairSpan(ctx.text, res);
  if (!span) return;
  const conditional = field(res.value, 'Condition') !== undefined;
  switch (type) {
    case 'AWS::EC2::SecurityGroup':
      for (const [key, direction] of SG_KEYS) {
        const seq = get(props, key);
        const list = items(seq);
        if (!list.length) continue;
        const flowItems = flow || (seq as { flow?: boolean }).flow === true;
        const target = listFor('sg', name, direction);
        // One place for the whole list, updated per item: the rule copies what it needs from it.
        const place: RulePlace = { kind: 'sg-item', direction, label: '', span, copySpan: span, flow: flowItems, conditional };
        for (let i = 0; i < list.length; i++) {
          const item = list[i];
          if (!isMap(item)) continue;
          const itemSpan = nodeSpan(ctx.text, item);
          if (!itemSpan) continue;
          place.label = itemLabel(direction, i);
          place.span = place.copySpan = itemSpan;
          target.rules.push(sgRule(ctx, item, place));
        }
      }
      return;
    case 'AWS::EC2::SecurityGroupIngress':
    case 'AWS::EC2::SecurityGroupEgress': {
      const direction = type.endsWith('Ingress') ? 'in' : 'out';
      const group = get(props, 'GroupId') ?? get(props, 'GroupName');
      const target = (group && targetOf(group, ctx.text)) ?? `=${name}`;
      const place: RulePlace = { kind: 'sg-resource', direction, label: name, span, copySpan: span, flow, resourceName: name, conditional };
      listFor('sg', target, direction).rules.push(sgRule(ctx, props, place));
      return;
    }
    case 'AWS::EC2::NetworkAclEntry': {
      const acl = get(props, 'NetworkAclId');
      const egress = resolve(get(props, 'Egress'), ctx.params)?.toLowerCase() === 'true';
      const direction = egress ? 'out' : 'in';
      const place: RulePlace = { kind: 'nacl', direction, label: name, span, copySpan: span, flow, resourceName: name, conditional };
      listFor('nacl', (acl && targetOf(acl, ctx.text)) ?? '=unknown ACL', direction).rules.push(naclRule(ctx, props as YAMLMap, place));
      return;
    }
  }
}

function toList(p: Pending, doc: CfnDocNative): RuleList {
  const rules = p.kind === 'nacl' ? sortByNumber(p.rules) : p.rules;
  rules.forEach((r, i) => (r.index = i));
  const used = new Set<number>();
  for (const r of rules) {
    const n = (r.native as CfnRuleNative).ruleNumber;
    if (n !== undefined) used.add(n);
  }
  const native: CfnListNative = { doc, kind: p.kind, used };
  return {
    id: p.id,
    name: p.name,
    direction: p.direction,
    families: 'both',
    entry: true,
    // Security groups admit only what a rule allows; a NACL ends with the "*" entry that denies the rest.
    policy: 'deny',
    policyText: p.kind === 'nacl' ? 'rule * (deny)' : 'implicit deny',
    independentAllows: p.kind !== 'nacl',
    rules,
    native,
  };
}

/** Entries in RuleNumber order (stable); entries without a readable number last. */
function sortByNumber(rules: AccessRule[]): AccessRule[] {
  const key = (r: AccessRule) => (r.native as CfnRuleNative).ruleNumber ?? Number.MAX_SAFE_INTEGER;
  return rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(a.r) - key(b.r) || a.i - b.i)
    .map((x) => x.r);
}
