/** Walks an ARM template's resources (nested `resources` too): network security groups with their inline
 *  `securityRules`, and `…/securityRules` child resources joined to their NSG by name. */
import type { Budget } from '../../analysis/budget';
import type { Node, YAMLMap } from 'yaml';
import type { AccessRule, RuleList, RuleModel } from '../../model/rule';
import { ExpansionBudget } from '../common/expansion';
import { get, isMap, items, pairs, parseYaml, str } from '../common/yaml';
import { blankComments } from './comments';
import { resolveText } from './expressions';
import { armRule, type ArmRuleNative, type RuleContext } from './rules';
import { nsgList, type NsgListNative } from './nsg';

const NSG = 'microsoft.network/networksecuritygroups';
const RULE = `${NSG}/securityrules`;

export type ArmListNative = NsgListNative;

interface Group {
  name: string;
  inbound: AccessRule[];
  outbound: AccessRule[];
  names: Set<string>;
}

export function extractArm(text: string, budget?: Budget): RuleModel {
  const { docs, problems } = parseYaml(blankComments(text), budget);
  const lists: RuleList[] = [];
  const expansion = new ExpansionBudget(text.length);
  for (const doc of docs) {
    const root = doc.contents;
    const ctx: RuleContext = { text, scope: { parameters: get(root, 'parameters'), variables: get(root, 'variables'), budget: expansion }, problems };
    const groups = new Map<string, Group>();
    const group = (key: string): Group => {
      let g = groups.get(key);
      if (!g) {
        g = { name: key.startsWith('=') ? key.slice(1) : key, inbound: [], outbound: [], names: new Set() };
        groups.set(key, g);
      }
      return g;
    };
    walk(ctx, get(root, 'resources'), undefined, group);
    for (const [key, g] of groups) {
      if (g.inbound.length) lists.push(toList(key, g, 'in', g.inbound));
      if (g.outbound.length) lists.push(toList(key, g, 'out', g.outbound));
    }
  }
  problems.push(...expansion.problems);
  return { lists, problems };
}

/** Resources as an array, or as an object keyed by symbolic names (languageVersion 2.0). */
function resourcesOf(node: unknown): Node[] {
  return isMap(node) ? pairs(node).map((p) => p.value as Node) : items(node);
}

function nameKey(ctx: RuleContext, node: unknown): string {
  const resolved = resolveText(node, ctx.scope);
  if (resolved !== undefined) return resolved;
  const r = (node as Node | undefined)?.range;
  return r ? `=${ctx.text.slice(r[0], r[1])}` : '=unnamed';
}

function walk(ctx: RuleContext, resources: unknown, parent: string | undefined, group: (key: string) => Group): void {
  for (const res of resourcesOf(resources)) {
    if (!isMap(res)) continue;
    const type = str(get(res, 'type'))?.toLowerCase();
    const conditional = get(res, 'condition') !== undefined;
    if (type === NSG) {
      const key = nameKey(ctx, get(res, 'name'));
      for (const item of items(get(get(res, 'properties'), 'securityRules'))) {
        if (isMap(item)) add(group(key), armRule(ctx, item, 'inline', '', conditional));
      }
      walk(ctx, get(res, 'resources'), key, group);
    } else if (type === RULE || (type === 'securityrules' && parent)) {
      const full = resolveText(get(res, 'name'), ctx.scope);
      const key = full?.includes('/') ? full.slice(0, full.lastIndexOf('/')) : (parent ?? nameKey(ctx, get(res, 'name')));
      add(group(key), armRule(ctx, res as YAMLMap, 'child', full?.includes('/') ? undefined : '', conditional));
    } else {
      walk(ctx, get(res, 'resources'), undefined, group);
    }
  }
}

function add(g: Group, out: ReturnType<typeof armRule>): void {
  if (!out) return;
  (out.direction === 'out' ? g.outbound : g.inbound).push(out.rule);
  const name = (out.rule.native as ArmRuleNative).ruleName;
  if (name) g.names.add(name.toLowerCase());
}

function toList(key: string, g: Group, direction: 'in' | 'out', rules: AccessRule[]): RuleList {
  return nsgList(key, g.name, direction, rules, (r) => (r.native as ArmRuleNative).priority, g.names);
}
