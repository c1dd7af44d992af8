/** Walks playbooks and task files into the firewall tasks they run, in execution order, one entry per loop item. */
import { Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { RelatedLocation, Span } from '../../types';
import type { ExpansionBudget } from '../common/expansion';
import { get, isMap, isScalar, isSeq, pairs, spanOf, type YamlFile } from '../common/yaml';
import { loopItems, loopOf } from './loops';
import { isTrue, resolve, splitFreeForm, type Scope } from './values';

export type ModuleKind = 'ufw' | 'firewalld' | 'iptables' | 'windows' | 'ec2' | 'azure' | 'gcp';

const MODULES: Record<string, ModuleKind> = {};
const names: [ModuleKind, string[]][] = [
  ['ufw', ['community.general.ufw', 'community.general.system.ufw', 'ufw']],
  ['firewalld', ['ansible.posix.firewalld', 'community.general.firewalld', 'firewalld']],
  ['iptables', ['ansible.builtin.iptables', 'iptables']],
  ['windows', ['community.windows.win_firewall_rule', 'win_firewall_rule']],
  ['ec2', ['amazon.aws.ec2_security_group', 'amazon.aws.ec2_group', 'ec2_security_group', 'ec2_group']],
  ['azure', ['azure.azcollection.azure_rm_securitygroup', 'azure_rm_securitygroup']],
  ['gcp', ['google.cloud.gcp_compute_firewall', 'gcp_compute_firewall']],
];
for (const [kind, list] of names) for (const n of list) MODULES[n] = kind;

export function moduleKind(name: string): ModuleKind | undefined {
  return Object.prototype.hasOwnProperty.call(MODULES, name) ? MODULES[name] : undefined;
}

/** One module argument: its value node (synthetic for `key=value` strings) and where it is written. */
export interface Arg {
  key: string;
  node: Node;
  /** The YAML pair, for edits; absent for free-form arguments. */
  pair?: Pair<Node, Node>;
  span: Span;
  /** The value node's range is where the value is written (false inside a quoted `k=v` string). */
  editable: boolean;
}

/** What fix writers need to know about the task a rule came from. */
export interface TaskInfo {
  map: YAMLMap;
  span: Span;
  name?: string;
  number: number;
  kind: ModuleKind;
  moduleName: string;
  /** The module's value: a map of arguments or a `key=value` string. */
  argsNode?: Node;
  freeForm: boolean;
  /** `built`: the items are made by the loop (with_nested, with_dict, …), not written one per pass. */
  loop?: { pair: Pair<Node, Node>; items: Node[]; built: boolean };
  conditional: boolean;
  /** The module arguments (from `args:` too), shared by every loop pass. */
  args: Map<string, Arg>;
  play: number;
  playName?: string;
}

export interface Task {
  info: TaskInfo;
  args: Map<string, Arg>;
  scope: Scope;
  /** The loop item this pass runs with, when the loop is literal. */
  item?: Node;
  itemIndex?: number;
}

export interface Play {
  index: number;
  name?: string;
  tasks: Task[];
}

const SECTIONS = ['pre_tasks', 'roles', 'tasks', 'post_tasks', 'handlers'] as const;

interface Walk {
  plays: Play[];
  counter: number;
  layers?: VarLayers;
}

/** Variables from other files around a play's own (project.ts): `below` its `vars:` (role defaults, group_vars,
 *  host_vars), `above` them (vars_files, role vars, include_vars), each lowest precedence first; `play` is
 *  undefined for a task file. `foreign` says where each of their values is written. */
export interface VarLayers {
  below(play: YAMLMap | undefined, index: number): Map<string, Node>;
  above(play: YAMLMap | undefined, index: number): Map<string, Node>;
  foreign: Map<Node, RelatedLocation>;
}

function baseScope(budget: ExpansionBudget, layers: VarLayers | undefined, play: YAMLMap | undefined, index: number, own?: Node): Scope {
  const vars = new Map(layers?.below(play, index));
  varsInto(vars, own);
  layers?.above(play, index).forEach((v, k) => vars.set(k, v));
  return { vars, itemVar: 'item', loopUnknown: false, budget, foreign: layers?.foreign, trail: layers ? [] : undefined };
}

/** Every play (a task file is one anonymous play) with its firewall tasks. */
export function playsOf(file: YamlFile, budget: ExpansionBudget, layers?: VarLayers): Play[] {
  const w: Walk = { plays: [], counter: 0, layers };
  for (const doc of file.docs) {
    for (const top of isSeq(doc.contents) ? (doc.contents.items as Node[]) : []) {
      if (!isMap(top)) continue;
      if (get(top, 'hosts') !== undefined || SECTIONS.some((s) => s !== 'roles' && get(top, s) !== undefined)) walkPlay(w, top, budget);
      else {
        let loose = w.plays[w.plays.length - 1];
        if (!loose || loose.name !== undefined || w.plays.length === 0) {
          loose = { index: w.plays.length, tasks: [] };
          w.plays.push(loose);
        }
        walkTask(w, loose, top, baseScope(budget, w.layers, undefined, loose.index), false);
      }
    }
  }
  return w.plays;
}

function varsInto(into: Map<string, Node>, node: Node | undefined): void {
  for (const p of pairs(node)) if (isScalar(p.key) && p.value) into.set(String(p.key.value), p.value);
  for (const m of isSeq(node) ? node.items : []) varsInto(into, m as Node);
}

function walkPlay(w: Walk, playNode: YAMLMap, budget: ExpansionBudget): void {
  const name = get(playNode, 'name');
  const play: Play = { index: w.plays.length, name: isScalar(name) ? String(name.value) : `play ${w.plays.length + 1}`, tasks: [] };
  w.plays.push(play);
  const scope = baseScope(budget, w.layers, playNode, play.index, get(playNode, 'vars'));
  for (const section of SECTIONS) {
    if (section === 'roles') continue; // role names only: their tasks live in other files
    for (const t of isSeq(get(playNode, section)) ? ((get(playNode, section) as { items: Node[] }).items) : []) {
      walkTask(w, play, t, scope, section === 'handlers');
    }
  }
}

function walkTask(w: Walk, play: Play, node: Node, outer: Scope, conditional: boolean): void {
  if (!isMap(node)) return;
  const when = conditional || get(node, 'when') !== undefined;
  let scope = outer;
  const vars = get(node, 'vars');
  if (vars) {
    scope = { ...outer, vars: new Map(outer.vars) };
    varsInto(scope.vars, vars);
  }
  const block = get(node, 'block');
  if (block !== undefined) {
    for (const t of isSeq(block) ? (block.items as Node[]) : []) walkTask(w, play, t, scope, when);
    // rescue runs only when the block fails: as conditional as a `when:`.
    for (const t of isSeq(get(node, 'rescue')) ? ((get(node, 'rescue') as { items: Node[] }).items) : []) walkTask(w, play, t, scope, true);
    for (const t of isSeq(get(node, 'always')) ? ((get(node, 'always') as { items: Node[] }).items) : []) walkTask(w, play, t, scope, when);
    return;
  }
  const found = moduleOf(node);
  if (!found) return;
  w.counter++;
  // `args:` first, the module's own arguments override it; without `args:` the module's map is used as is.
  const extra = get(node, 'args');
  let args = found.args;
  if (isMap(extra)) {
    args = new Map<string, Arg>();
    argsInto(args, extra);
    found.args.forEach((v, k) => args.set(k, v));
  }
  const nameNode = get(node, 'name');
  const info: TaskInfo = {
    map: node,
    span: spanOf(node) ?? { offset: 0, length: 0 },
    name: isScalar(nameNode) ? String(nameNode.value) : undefined,
    number: w.counter,
    kind: found.kind,
    moduleName: found.name,
    argsNode: found.argsNode,
    freeForm: found.freeForm,
    conditional: when,
    args,
    play: play.index,
    playName: play.name,
  };
  const loop = loopOf(node);
  const control = get(node, 'loop_control');
  const itemVarNode = get(control, 'loop_var');
  const itemVar = isScalar(itemVarNode) ? String(itemVarNode.value) : 'item';
  // Each pass records where its own values came from.
  const trail = () => (scope.trail ? [] : undefined);
  if (!loop) {
    play.tasks.push({ info, args, scope: { ...scope, trail: trail() } });
    return;
  }
  const loopScope = { ...scope, trail: trail() };
  const passes = loopItems(loop, loopScope);
  if (!passes) {
    play.tasks.push({ info, args, scope: { ...loopScope, itemVar, loopUnknown: true } });
    return;
  }
  const { items, at } = passes;
  // A pass is told apart by its item; only a written list's items can be edited (dropped) one by one.
  if (isSeq(loop.pair.value) || loop.kind !== 'list') info.loop = { pair: loop.pair, items, built: loop.kind !== 'list' };
  items.forEach((item, itemIndex) => play.tasks.push({ info, args, scope: { ...scope, itemVar, item, loopUnknown: false, itemAt: at, trail: loopScope.trail && [...loopScope.trail] }, item, itemIndex }));
}

function argsInto(args: Map<string, Arg>, node: Node | undefined): void {
  for (const p of pairs(node)) {
    if (!isScalar(p.key) || !p.value) continue;
    args.set(String(p.key.value), { key: String(p.key.value), node: p.value, pair: p, span: spanOf(p) ?? { offset: 0, length: 0 }, editable: true });
  }
}

/** `key=value` words of a plain string, as synthetic scalars that keep their document offsets. */
function freeFormArgs(args: Map<string, Arg>, node: Node, skip = 0): boolean {
  if (!isScalar(node) || typeof node.value !== 'string') return false;
  const span = spanOf(node);
  const exact = node.type === Scalar.PLAIN && span && span.length === node.value.length;
  const base = span?.offset ?? 0;
  for (const w of splitFreeForm(node.value).slice(skip)) {
    const s = new Scalar(w.value);
    s.type = Scalar.PLAIN;
    const at = exact ? base + w.start : base;
    const len = exact ? w.value.length : (span?.length ?? 0);
    s.range = [at, at + len, at + len];
    args.set(w.key, { key: w.key, node: s, span: exact ? { offset: base + w.keyStart, length: w.end - w.keyStart } : (span ?? { offset: 0, length: 0 }), editable: !!exact && w.start === w.keyStart + w.key.length + 1 });
  }
  return true;
}

interface FoundModule {
  kind: ModuleKind;
  name: string;
  argsNode?: Node;
  freeForm: boolean;
  args: Map<string, Arg>;
}

/** The firewall module a task calls: `module: {…}`, `module: k=v …`, or legacy `action:`/`local_action:`. */
function moduleOf(task: YAMLMap): FoundModule | undefined {
  for (const p of pairs(task)) {
    if (!isScalar(p.key)) continue;
    const key = String(p.key.value);
    const kind = moduleKind(key);
    if (!kind && key !== 'action' && key !== 'local_action') continue;
    const args = new Map<string, Arg>();
    if (kind) {
      const freeForm = freeFormArgs(args, p.value as Node);
      if (!freeForm) argsInto(args, p.value as Node);
      return { kind, name: key, argsNode: p.value ?? undefined, freeForm, args };
    }
    const v = p.value as Node;
    if (isMap(v)) {
      const m = get(v, 'module');
      const k = isScalar(m) ? moduleKind(String(m.value)) : undefined;
      if (!k) return undefined;
      argsInto(args, v);
      args.delete('module');
      return { kind: k, name: String((m as Scalar).value), argsNode: v, freeForm: false, args };
    }
    if (isScalar(v) && typeof v.value === 'string') {
      const first = /^\s*(\S+)/.exec(v.value)?.[1] ?? '';
      const k = moduleKind(first);
      if (!k) return undefined;
      freeFormArgs(args, v);
      return { kind: k, name: first, argsNode: v, freeForm: true, args };
    }
  }
  return undefined;
}

/** The value node of the first argument present, or undefined. */
export function argNode(task: Task, ...keys: string[]): Node | undefined {
  return firstArg(task, keys)?.node;
}

export function argOf(task: Task, ...keys: string[]): Arg | undefined {
  return firstArg(task, keys);
}

/** The first argument present. Called a dozen times per task: an index loop, no iterator, no spread call. */
function firstArg(task: Task, keys: readonly string[]): Arg | undefined {
  const args = task.args;
  for (let i = 0; i < keys.length; i++) {
    const a = args.get(keys[i]);
    if (a) return a;
  }
  return undefined;
}

/** `state: absent`/`disabled` and similar removal flags. */
export function argTrue(task: Task, key: string): boolean {
  const n = argNode(task, key);
  const r = resolve(n, task.scope);
  return r?.kind === 'scalar' && isTrue(r.val);
}
