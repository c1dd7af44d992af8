/** community.general.ufw tasks replayed into ufw's incoming, outgoing and routed lists for one play. */
import { normalizePorts } from '../../model/ports';
import type { AccessRule, Direction, RuleList } from '../../model/rule';
import type { ParseProblem } from '../../types';
import { profileOf } from '../ufw/profiles';
import { addressMatchOf, finishList, makeRule, portMatchOf, protocolOf, TaskKeys, type ListNative } from './build';
import { argNode, argOf, argTrue, type Play, type Task } from './tasks';
import { listOf, scalarOf, type Val } from './values';

interface UfwList {
  list: RuleList;
  keys: TaskKeys;
}

const DIRS: Record<string, Direction> = { in: 'in', incoming: 'in', out: 'out', outgoing: 'out', routed: 'forward' };
const DEFAULTS: Record<Direction, 'allow' | 'deny'> = { in: 'deny', out: 'allow', forward: 'deny' };
const NAMES: Record<Direction, string> = { in: 'incoming', out: 'outgoing', forward: 'routed' };

function val(task: Task, ...keys: string[]): Val | undefined {
  return scalarOf(argNode(task, ...keys), task.scope);
}

export function ufwLists(play: Play, text: string, problems: ParseProblem[]): RuleList[] {
  const lists = new Map<Direction, UfwList>();
  const listFor = (d: Direction): UfwList => {
    let l = lists.get(d);
    if (!l) {
      const native: ListNative = { kind: 'ufw', params: { direction: d } };
      const list: RuleList = {
        id: `play${play.index + 1}/ufw/${NAMES[d]}`, name: `ufw ${NAMES[d]}`, direction: d, families: 'both', entry: true,
        policy: DEFAULTS[d], policyText: `default ${DEFAULTS[d]}`, rules: [], native,
      };
      l = { list, keys: new TaskKeys((t) => ruleKey(t, d)) };
      lists.set(d, l);
    }
    return l;
  };
  for (let t = 0; t < play.tasks.length; t++) {
    const task = play.tasks[t];
    if (task.info.kind !== 'ufw') continue;
    const dirVal = val(task, 'direction');
    const dirText = dirVal?.known ? dirVal.text.toLowerCase() : 'in';
    const route = argTrue(task, 'route');
    const state = val(task, 'state');
    if (state?.known && state.text === 'reset') {
      for (const l of lists.values()) { l.list.rules = []; l.keys.clear(); }
      continue;
    }
    const policy = val(task, 'policy', 'default');
    if (policy) {
      const d = DIRS[dirText] ?? 'in';
      const l = listFor(d);
      const p = policy.known ? policy.text.toLowerCase() : '';
      l.list.policy = p === 'allow' ? 'allow' : p === 'deny' || p === 'reject' ? 'deny' : l.list.policy;
      l.list.policySpan = policy.span;
      // The list is named by its direction ("ufw incoming"): the policy text does not repeat it.
      l.list.policyText = `default ${policy.text}`;
      (l.list.native as ListNative).lastTask = task.info;
      continue;
    }
    const ruleVal = val(task, 'rule');
    if (!ruleVal) continue;
    const d: Direction = route ? 'forward' : DIRS[dirText] ?? 'in';
    const l = listFor(d);
    (l.list.native as ListNative).lastTask = task.info;
    const rule = buildRule(task, ruleVal, problems);
    if (argTrue(task, 'delete')) {
      const at = l.keys.indexOf(ruleKey(task, d));
      if (at >= 0) { l.list.rules.splice(at, 1); l.keys.remove(at); }
      continue;
    }
    if (!rule) continue;
    const insert = val(task, 'insert');
    const pos = insert?.known ? Number(insert.text) - 1 : NaN;
    if (Number.isInteger(pos) && pos >= 0 && pos < l.list.rules.length) {
      l.list.rules.splice(pos, 0, rule);
      l.keys.insert(pos, task);
    } else {
      l.list.rules.push(rule);
      l.keys.push(task);
    }
  }
  return [...lists.values()].map((l) => finishList(l.list, text));
}

function ruleKey(task: Task, d: Direction): string {
  const keys = ['rule', 'port', 'to_port', 'proto', 'protocol', 'from_ip', 'src', 'from', 'to_ip', 'dest', 'to', 'name', 'app', 'interface', 'if'];
  return d + '|' + keys.map((k) => scalarOf(argNode(task, k), task.scope)?.text ?? '').join('|');
}

function buildRule(task: Task, ruleVal: Val, problems: ParseProblem[]): AccessRule | undefined {
  const r = ruleVal.known ? ruleVal.text.toLowerCase() : '';
  const action = r === 'allow' || r === 'limit' ? 'allow' : r === 'deny' || r === 'reject' ? 'deny' : undefined;
  if (!action) {
    if (ruleVal.known) problems.push({ span: ruleVal.span, message: `"${ruleVal.text}" is not a ufw rule (allow, deny, reject or limit)` });
    return undefined;
  }
  const protoVal = val(task, 'proto', 'protocol');
  let protocol = protocolOf(protoVal?.known ? protoVal.text : protoVal ? 'unknown' : undefined);
  const portArg = argOf(task, 'port', 'to_port', 'dport');
  let ports = portMatchOf(listOf(portArg?.node, task.scope), portArg?.span);
  const app = val(task, 'name', 'app');
  if (app) {
    const profile = app.known ? profileOf(app.text) : undefined;
    // A profile rule covers both protocols over the profile's ports.
    protocol = 'any';
    ports = profile
      ? { ranges: normalizePorts(profile.ports), items: profile.ports.map((range) => ({ range, text: app.text, span: app.span })), negated: false, span: app.span }
      : { ranges: 'unknown', items: [], negated: false, span: app.span };
  }
  const from = argOf(task, 'from_ip', 'src', 'from');
  const to = argOf(task, 'to_ip', 'dest', 'to');
  const iface = argNode(task, 'interface', 'if', 'interface_in', 'interface_out');
  return makeRule(task, {
    action,
    protocol,
    protocolSpan: protoVal?.span,
    ports,
    sources: addressMatchOf(listOf(from?.node, task.scope), from?.span),
    destinations: addressMatchOf(listOf(to?.node, task.scope), to?.span),
    conditional: iface !== undefined,
    actionSpan: ruleVal.span,
  });
}
