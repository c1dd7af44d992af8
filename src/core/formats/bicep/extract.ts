/** Bicep network security groups → rule lists, with ARM's semantics (shared in ../arm/nsg): inline
 *  `securityRules`, `…/securityRules` child resources joined by `parent:` or a `'nsg/rule'` name, and rules
 *  nested in the NSG's body. */
import type { Budget } from '../../analysis/budget';
import { literalSet } from '../../analysis/addresses';
import type { AccessRule, AddressItem, AddressMatch, Direction, PortItem, PortMatch, RuleList, RuleModel } from '../../model/rule';
import type { PortRange } from '../../model/ports';
import type { ParseProblem, Span } from '../../types';
import { addressValueOf } from '../common/address';
import { ExpansionBudget } from '../common/expansion';
import { nsgList, nsgPortProblem, nsgPortRangeOf, nsgProtocolOf, nsgRule } from '../arm/nsg';
import { parseBicep, type Expr, type ResourceDecl } from './parser';
import { evaluate, iterate, textOf, type Env, type PropValue, type Value } from './values';

const NSG = 'microsoft.network/networksecuritygroups';
const RULE = `${NSG}/securityrules`;

export interface BicepRuleNative {
  props: Map<string, PropValue>;
  /** The rule object as a value: its `name` pair and span. */
  item: Extract<Value, { kind: 'obj' }>;
  ruleName?: string;
  priority?: number;
  /** Written once for several rules (a loop body): an edit there would change every iteration. */
  loop: boolean;
  /** What "insert a deny before" copies: the rule object, or the whole child `resource` declaration. */
  copy: Span;
  /** A child declaration's symbolic name, renamed in the copy. */
  sym?: { name: string; span: Span };
  sourcePair?: PropValue;
  portPair?: PropValue;
  /** Every symbolic name in the file (a copied declaration needs a new one). */
  symbols: Set<string>;
}

interface Group {
  name: string;
  rules: { rule: AccessRule; direction: Direction }[];
  names: Set<string>;
}

interface Ctx {
  text: string;
  env: Env;
  problems: ParseProblem[];
  groups: Map<string, Group>;
  /** NSG symbolic names → their group key. */
  nsgs: Map<string, string>;
  symbols: Set<string>;
}

/** One body of a resource declaration: an object, per loop iteration, or behind a condition. */
interface Body {
  obj: Extract<Value, { kind: 'obj' }>;
  /** The object literal (for nested resources). */
  expr: Extract<Expr, { k: 'obj' }> | undefined;
}

export function extractBicep(text: string, budget?: Budget): RuleModel {
  const file = parseBicep(text);
  budget?.check('extraction', text.length);
  const expansion = new ExpansionBudget(text.length);
  const symbols = new Set<string>([...file.params.keys(), ...file.vars.keys()]);
  const ctx: Ctx = { text, env: { file, budget: expansion, locals: new Map(), loop: false }, problems: file.problems, groups: new Map(), nsgs: new Map(), symbols };
  collectSymbols(ctx, file.resources);
  walk(ctx, file.resources, undefined, 0);
  const lists: RuleList[] = [];
  for (const [key, g] of ctx.groups) {
    for (const direction of ['in', 'out'] as const) {
      const rules = g.rules.filter((r) => r.direction === direction).map((r) => r.rule);
      if (rules.length) lists.push(nsgList(key, g.name, direction, rules, (r) => (r.native as BicepRuleNative).priority, g.names));
    }
  }
  return { lists, problems: [...file.problems, ...expansion.problems] };
}

const typeOf = (d: ResourceDecl) => d.type?.toLowerCase();

/** Declarations' symbolic names, and the NSGs' group keys (a child may name its parent before it is declared). */
function collectSymbols(ctx: Ctx, decls: ResourceDecl[], depth = 0): void {
  for (const d of decls) {
    ctx.symbols.add(d.sym);
    if (typeOf(d) === NSG) ctx.nsgs.set(d.sym, nsgKey(ctx, d, bodiesOf(ctx, d.body)[0]));
    if (depth < 8) collectSymbols(ctx, objectOf(d.body)?.resources ?? [], depth + 1);
  }
}

function nsgKey(ctx: Ctx, d: ResourceDecl, body: Body | undefined): string {
  const name = textOf(body?.obj.props.get('name')?.value);
  return name ?? `=${d.sym}`;
}

/** The object literal a declaration's body holds (behind `if` or `for`). */
function objectOf(e: Expr): Extract<Expr, { k: 'obj' }> | undefined {
  if (e.k === 'obj') return e;
  if (e.k === 'if' || e.k === 'for') return e.body.k === 'obj' ? e.body : e.body.k === 'if' && e.body.body.k === 'obj' ? e.body.body : undefined;
  return undefined;
}

function bodiesOf(ctx: Ctx, e: Expr): Body[] {
  const expr = objectOf(e);
  if (e.k === 'for') {
    const items = iterate(e, ctx.env) ?? [];
    return items.filter((v): v is Extract<Value, { kind: 'obj' }> => v.kind === 'obj').map((obj) => ({ obj, expr }));
  }
  const v = evaluate(e, ctx.env);
  return v.kind === 'obj' ? [{ obj: v, expr }] : [];
}

function group(ctx: Ctx, key: string): Group {
  let g = ctx.groups.get(key);
  if (!g) {
    g = { name: key.startsWith('=') ? key.slice(1) : key, rules: [], names: new Set() };
    ctx.groups.set(key, g);
  }
  return g;
}

function walk(ctx: Ctx, decls: ResourceDecl[], parent: string | undefined, depth: number): void {
  for (const d of decls) {
    const type = typeOf(d);
    const conditional = d.body.k === 'if';
    const bodies = bodiesOf(ctx, d.body);
    if (type === NSG) {
      for (const body of bodies) {
        const key = bodies.length > 1 ? nsgKey(ctx, d, body) : (ctx.nsgs.get(d.sym) ?? nsgKey(ctx, d, body));
        const rules = body.obj.props.get('properties')?.value;
        const list = rules?.kind === 'obj' ? rules.props.get('securityrules')?.value : undefined;
        for (const item of list?.kind === 'arr' ? list.items : []) {
          if (item.kind === 'obj') add(ctx, key, item, { copy: item.expr.span, conditional: conditional || body.obj.conditional || item.conditional });
        }
      }
      if (depth < 8) walk(ctx, objectOf(d.body)?.resources ?? [], ctx.nsgs.get(d.sym), depth + 1);
    } else if (type === RULE || (parent !== undefined && type === 'securityrules')) {
      for (const body of bodies) {
        const name = textOf(body.obj.props.get('name')?.value);
        const parentRef = body.obj.props.get('parent')?.value.expr;
        const key = parentRef?.k === 'ref' && ctx.nsgs.has(parentRef.name) ? ctx.nsgs.get(parentRef.name)! : name?.includes('/') ? name.slice(0, name.lastIndexOf('/')) : (parent ?? `=${d.sym}`);
        add(ctx, key, body.obj, { copy: d.span, sym: { name: d.sym, span: d.symSpan }, conditional: conditional || body.obj.conditional });
      }
    } else if (depth < 8) walk(ctx, objectOf(d.body)?.resources ?? [], undefined, depth + 1);
  }
}

function add(ctx: Ctx, key: string, item: Extract<Value, { kind: 'obj' }>, where: { copy: Span; sym?: BicepRuleNative['sym']; conditional: boolean }): void {
  const out = ruleOf(ctx, item, where);
  if (!out) return;
  const g = group(ctx, key);
  g.rules.push(out);
  const name = (out.rule.native as BicepRuleNative).ruleName;
  if (name) g.names.add(name.toLowerCase());
}

const spanIn = (v: Value): Span => v.expr.span;
const unknownPorts = (span?: Span): PortMatch => ({ ranges: 'unknown', items: [], negated: false, span });

/** The values of a singular or plural property (`…Range` / `…Ranges`); undefined when the array is unknown. */
function valuesOf(pair: PropValue): Value[] | undefined {
  if (!pair.key.endsWith('s')) return [pair.value];
  return pair.value.kind === 'arr' ? pair.value.items : undefined;
}

function portsOf(props: Map<string, PropValue>, problems: ParseProblem[]): { match: PortMatch; pair?: PropValue } {
  const pair = props.get('destinationportranges') ?? props.get('destinationportrange');
  if (!pair) return { match: unknownPorts() };
  const span = spanIn(pair.value);
  const values = valuesOf(pair);
  if (!values) return { match: unknownPorts(span), pair };
  const ranges: PortRange[] = [];
  const items: PortItem[] = [];
  for (const v of values) {
    const text = textOf(v);
    if (text === undefined) return { match: unknownPorts(span), pair };
    if (text.trim() === '*') return { match: { ranges: undefined, items: [], negated: false, span }, pair };
    const range = nsgPortRangeOf(text);
    if (!range) {
      problems.push({ span: spanIn(v), message: nsgPortProblem(text, 'destinationPortRanges') as string });
      return { match: unknownPorts(span), pair };
    }
    ranges.push(range);
    items.push({ range, text, span: spanIn(v) });
  }
  return { match: { ranges, items, negated: false, span }, pair };
}

const SIDE_KEYS = {
  source: { many: 'sourceaddressprefixes', one: 'sourceaddressprefix', groups: 'sourceapplicationsecuritygroups' },
  destination: { many: 'destinationaddressprefixes', one: 'destinationaddressprefix', groups: 'destinationapplicationsecuritygroups' },
};

/** One side's prefixes; on the side that is not the peer, "*" adds no condition (as in ARM). */
function addressesOf(ctx: Ctx, props: Map<string, PropValue>, side: 'source' | 'destination', peer: boolean): { match: AddressMatch; pair?: PropValue } {
  const keys = SIDE_KEYS[side];
  const pair = props.get(keys.many) ?? props.get(keys.one);
  const asg = props.get(keys.groups);
  if (!pair) {
    if (!asg) return { match: { items: [], negated: false } };
    const span = spanIn(asg.value);
    return { match: { items: [{ text: 'application security group', span, value: { kind: 'unknown' } }], negated: false, span } };
  }
  const span = spanIn(pair.value);
  const values = valuesOf(pair) ?? [pair.value];
  const items: AddressItem[] = [];
  for (const v of values) {
    const text = textOf(v);
    const own = spanIn(v);
    const value = text === undefined || text === '' || (v.kind === 'arr' && values.length === 1) ? { kind: 'unknown' as const } : addressValueOf(text);
    if (value.kind === 'cidr' && !literalSet(value.cidr)) ctx.problems.push({ span: own, message: `"${text}" is not a valid address prefix` });
    items.push({ text: ctx.text.slice(own.offset, own.offset + own.length), span: own, value });
  }
  const onlyAny = items.length > 0 && items.every((i) => i.value.kind === 'any');
  return { match: { items: onlyAny && !peer ? [] : items, negated: false, span }, pair };
}

/** A rule object `{ name, properties: { priority, direction, access, protocol, … } }`. */
function ruleOf(ctx: Ctx, item: Extract<Value, { kind: 'obj' }>, where: { copy: Span; sym?: BicepRuleNative['sym']; conditional: boolean }): { rule: AccessRule; direction: Direction } | undefined {
  const propsValue = item.props.get('properties')?.value;
  if (propsValue?.kind !== 'obj') return undefined;
  const props = propsValue.props;
  const r = (key: string) => textOf(props.get(key)?.value);
  const direction: Direction = r('direction')?.toLowerCase() === 'outbound' ? 'out' : 'in';
  const access = r('access')?.toLowerCase();
  const written = nsgProtocolOf(r('protocol'));
  const ports = written === undefined ? { match: unknownPorts() } : portsOf(props, ctx.problems);
  const src = addressesOf(ctx, props, 'source', direction === 'in');
  const dst = addressesOf(ctx, props, 'destination', direction === 'out');
  const fullName = textOf(item.props.get('name')?.value);
  const ruleName = fullName?.includes('/') ? fullName.slice(fullName.lastIndexOf('/') + 1) : fullName;
  const prioValue = props.get('priority')?.value;
  const priority = prioValue?.kind === 'num' ? prioValue.n : prioValue?.kind === 'str' && /^\d{1,6}$/.test(prioValue.s) ? Number(prioValue.s) : undefined;
  const span = item.expr.span;
  const native: BicepRuleNative = { props, item, ruleName, priority, loop: item.loop, copy: where.copy, sym: where.sym, sourcePair: src.pair, portPair: ports.pair, symbols: ctx.symbols };
  const accessValue = props.get('access')?.value;
  const protoValue = props.get('protocol')?.value;
  return {
    direction,
    rule: nsgRule({
      priority,
      ruleName,
      access,
      protocol: written ?? 'any',
      ports: ports.match,
      sources: src.match,
      destinations: dst.match,
      conditional: where.conditional,
      span,
      actionSpan: accessValue ? spanIn(accessValue) : undefined,
      protocolSpan: protoValue ? spanIn(protoValue) : undefined,
      text: ctx.text.slice(span.offset, span.offset + span.length),
      native,
    }),
  };
}
