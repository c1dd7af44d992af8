/** win_firewall_rule / community.windows.win_firewall_rule tasks replayed into Windows Firewall's inbound and
 *  outbound lists for one play. A rule is known by its name: a later task with the same name updates only the
 *  arguments it gives, `state: absent` removes it (the module's documented behaviour). Values are read with the
 *  Windows Firewall format's own readers (ports, addresses, protocols, profiles/program/service scope). */
import type { AccessRule, Direction, RuleList, RuleScope } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { applyScope, scopeOrNone, type ScopePart, type ScopeKey } from '../windows-firewall/scope';
import type { Tok, Val as WinVal } from '../windows-firewall/tokens';
import { addressItemsOf, portsOf, protocolOf } from '../windows-firewall/values';
import { finishList, makeRule, type ListNative } from './build';
import { argNode, type Play, type Task } from './tasks';
import { isTrue, listOf, scalarOf, subSpan, type Val } from './values';

/** The module's arguments (and aliases) that make up a rule. */
const KEYS = ['direction', 'action', 'enabled', 'enable', 'localport', 'remoteip', 'localip', 'protocol', 'profiles', 'profile', 'program', 'service'] as const;
const ALIAS: Record<string, string> = { enable: 'enabled', profile: 'profiles' };

interface Written {
  task: Task;
  /** The latest value of each argument, by its canonical name. */
  args: Map<string, Val[]>;
}

/** An Ansible value as the Windows readers take it: comma-separated words, each at its own place when exact. */
function winVal(vals: Val[]): WinVal {
  const items: Tok[] = [];
  for (const v of vals) {
    if (!v.known) {
      items.push({ text: v.text, span: v.span, literal: false, unknown: true });
      continue;
    }
    let at = 0;
    for (const part of v.text.split(',')) {
      const lead = part.length - part.trimStart().length;
      const word = part.trim();
      if (word) items.push({ text: word, span: subSpan(v, at + lead, word.length), literal: v.exact, unknown: false });
      at += part.length + 1;
    }
  }
  const first = vals[0]?.span ?? { offset: 0, length: 0 };
  const last = vals[vals.length - 1]?.span ?? first;
  const span: Span = { offset: first.offset, length: Math.max(0, last.offset + last.length - first.offset) };
  return { items, span, unknown: vals.some((v) => !v.known), literal: vals.every((v) => v.exact) };
}

export function windowsLists(play: Play, text: string, problems: ParseProblem[]): RuleList[] {
  const byName = new Map<string, Written>();
  let last: Task | undefined;
  for (const task of play.tasks) {
    if (task.info.kind !== 'windows') continue;
    last = task;
    const name = scalarOf(argNode(task, 'name'), task.scope);
    // A rule is updated by its name: without a known one, which rule the task changes is not known.
    if (!name?.known) continue;
    const state = scalarOf(argNode(task, 'state'), task.scope);
    if (state?.known && state.text.toLowerCase() === 'absent') {
      byName.delete(name.text);
      continue;
    }
    const before = byName.get(name.text);
    const args = new Map(before?.args);
    for (const key of KEYS) {
      const vals = listOf(argNode(task, key), task.scope);
      if (vals) args.set(ALIAS[key] ?? key, vals);
    }
    // The task that last wrote the rule is where it is reported (order does not matter: blocks win regardless).
    byName.set(name.text, { task, args });
  }
  if (!last) return [];
  const lists = (['in', 'out'] as const).map((d) => windowsList(play, d, last as Task));
  for (const w of byName.values()) {
    const rule = toRule(w, problems);
    if (rule) lists[rule.dir === 'in' ? 0 : 1].rules.push(rule.rule);
  }
  for (const l of lists) {
    // Windows Firewall is not first-match: a block wins over every allow, whatever the order.
    l.rules = [...l.rules.filter((r) => r.action === 'deny'), ...l.rules.filter((r) => r.action !== 'deny')];
    finishList(l, text);
  }
  return lists.filter((l) => l.rules.length > 0);
}

function windowsList(play: Play, d: Direction, last: Task): RuleList {
  const inbound = d === 'in';
  const native: ListNative = { kind: 'windows', lastTask: last.info, params: { direction: d } };
  return {
    id: `play${play.index + 1}/windows/${inbound ? 'inbound' : 'outbound'}`, name: `Windows Firewall ${inbound ? 'inbound' : 'outbound'}`,
    direction: d, families: 'both', entry: true, policy: inbound ? 'deny' : 'allow', policyText: inbound ? 'default action Block' : 'default action Allow',
    independentAllows: true, rules: [], native,
  };
}

function word(w: Written, key: string): Val | undefined {
  const v = w.args.get(key);
  return v?.length === 1 ? v[0] : undefined;
}

function toRule(w: Written, problems: ParseProblem[]): { dir: Direction; rule: AccessRule } | undefined {
  const { task } = w;
  // The module's defaults for a new rule: inbound, allow, enabled, any protocol, port and address, every profile.
  const enabled = word(w, 'enabled');
  if (enabled?.known && !isTrue(enabled)) return undefined;
  const dirVal = word(w, 'direction');
  const dirText = dirVal?.known ? dirVal.text.toLowerCase() : 'in';
  if (dirText !== 'in' && dirText !== 'out') return undefined;
  const actVal = word(w, 'action');
  const act = actVal?.known ? actVal.text.toLowerCase() : actVal ? 'unknown' : 'allow';
  if (act !== 'allow' && act !== 'block') return undefined;
  const protoVal = word(w, 'protocol');
  const protocol = protoVal ? protocolOf({ text: protoVal.text, span: protoVal.span, literal: protoVal.exact, unknown: !protoVal.known }) : 'any';
  const portVals = w.args.get('localport');
  const ports = portVals ? portsOf(winVal(portVals)) : { ranges: undefined, items: [] };
  if (portVals && protocol === 'any' && ports.ranges !== undefined) {
    // The firewall takes ports only with TCP or UDP: the module fails and no rule is made.
    problems.push({ span: portVals[0].span, message: `localport "${portVals.map((v) => v.text).join(',')}" needs protocol tcp or udp (Windows Firewall refuses ports with any protocol)` });
    return undefined;
  }
  const remoteVals = w.args.get('remoteip');
  const localVals = w.args.get('localip');
  const remote = remoteVals && !anyWord(remoteVals) ? { items: addressItemsOf(winVal(remoteVals), problems), negated: false, span: remoteVals[0].span } : undefined;
  const local = localVals && !anyWord(localVals) ? { items: addressItemsOf(winVal(localVals), problems), negated: false, span: localVals[0].span } : undefined;
  const scoped = { where: {} as RuleScope, conditions: [] as string[] };
  const parts: ScopePart[] = [];
  for (const [key, k] of [['profiles', 'profile'], ['program', 'program'], ['service', 'service']] as [string, ScopeKey][]) {
    const v = w.args.get(key);
    if (v) parts.push({ key: k, val: winVal(v), written: `${key}: ${v.map((x) => x.text).join(',')}` });
  }
  applyScope(scoped, parts);
  const dir: Direction = dirText;
  const rule = makeRule(task, {
    action: act === 'block' ? 'deny' : 'allow',
    protocol: protocol ?? 'other',
    protocolSpan: protoVal?.span,
    ports: { ranges: ports.ranges, items: ports.items, negated: false, span: portVals?.[0].span },
    sources: dir === 'in' ? remote : local,
    destinations: dir === 'in' ? local : remote,
    conditional: scoped.conditions.length > 0,
    actionSpan: actVal?.span,
  });
  const scope = scopeOrNone(scoped.where);
  if (scope) rule.scope = scope;
  if (scoped.conditions.length) rule.conditions = scoped.conditions;
  return { dir, rule };
}

function anyWord(vals: Val[]): boolean {
  return vals.length === 1 && vals[0].known && /^(?:any|\*)$/i.test(vals[0].text.trim());
}
