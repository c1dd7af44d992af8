/** ansible.builtin.iptables tasks replayed into filter-table chains (per IP version) for one play. */
import type { AccessRule, Direction, RuleList } from '../../model/rule';
import type { ParseProblem } from '../../types';
import { addressMatchOf, finishList, makeRule, portMatchOf, protocolOf, TaskKeys, type ListNative } from './build';
import { argNode, argOf, argTrue, type Play, type Task } from './tasks';
import { listOf, scalarOf, type Val } from './values';

const BUILTIN: Record<string, Direction> = { INPUT: 'in', OUTPUT: 'out', FORWARD: 'forward' };
/** Match options SMB Guard cannot evaluate: the rule may not match every packet. */
const CONDITIONS = ['in_interface', 'out_interface', 'match_set', 'uid_owner', 'gid_owner', 'limit', 'src_range', 'dst_range', 'tcp_flags', 'fragment', 'physdev_in'];
const KEY_ARGS = ['chain', 'protocol', 'source', 'destination', 'destination_port', 'destination_ports', 'jump', 'in_interface', 'out_interface', 'ctstate', 'comment'];

interface Chain {
  list: RuleList;
  keys: TaskKeys;
}

function val(task: Task, ...keys: string[]): Val | undefined {
  return scalarOf(argNode(task, ...keys), task.scope);
}

/** What identifies an iptables task's rule: `state: absent` removes the rule whose task wrote the same. */
function keyOf(task: Task): string {
  return KEY_ARGS.map((k) => scalarOf(argNode(task, k), task.scope)?.text ?? '').join('|');
}

export function iptablesLists(play: Play, text: string, problems: ParseProblem[]): RuleList[] {
  const chains = new Map<string, Chain>();
  const chainFor = (v6: boolean, name: string): Chain => {
    const id = `play${play.index + 1}/iptables/v${v6 ? 6 : 4}/${name}`;
    let c = chains.get(id);
    if (!c) {
      const direction = BUILTIN[name];
      const native: ListNative = { kind: 'iptables', params: { chain: name, ip_version: v6 ? 'ipv6' : 'ipv4' } };
      const list: RuleList = { id, name: v6 ? `${name} (IPv6)` : name, direction: direction ?? 'in', families: v6 ? 'ipv6' : 'ipv4', entry: direction !== undefined, rules: [], native };
      c = { list, keys: new TaskKeys(keyOf) };
      chains.set(id, c);
    }
    return c;
  };
  const idOf = (v6: boolean, name: string) => `play${play.index + 1}/iptables/v${v6 ? 6 : 4}/${name}`;
  for (let t = 0; t < play.tasks.length; t++) {
    const task = play.tasks[t];
    if (task.info.kind !== 'iptables') continue;
    const table = val(task, 'table');
    if (table && (!table.known || table.text !== 'filter')) continue;
    const v6 = val(task, 'ip_version')?.text === 'ipv6';
    const chainVal = val(task, 'chain');
    if (chainVal && !chainVal.known) continue;
    const name = chainVal?.text ?? 'INPUT';
    if (argTrue(task, 'flush')) {
      for (const c of chains.values()) if (c.list.families === (v6 ? 'ipv6' : 'ipv4') && (!chainVal || c.list.id === idOf(v6, name))) { c.list.rules = []; c.keys.clear(); }
      continue;
    }
    const c = chainFor(v6, name);
    (c.list.native as ListNative).lastTask = task.info;
    const policy = val(task, 'policy');
    if (policy) {
      const p = policy.text.toUpperCase();
      if (BUILTIN[name]) {
        c.list.policy = p === 'ACCEPT' ? 'allow' : p === 'DROP' || p === 'REJECT' ? 'deny' : undefined;
        c.list.policySpan = policy.span;
        c.list.policyText = `policy ${policy.text}`;
      }
      continue;
    }
    if (val(task, 'chain_management') && !argNode(task, 'jump', 'protocol', 'source', 'destination_port', 'destination_ports')) continue;
    const state = val(task, 'state');
    if (state?.known && state.text === 'absent') {
      const at = c.keys.indexOf(keyOf(task));
      if (at >= 0) { c.list.rules.splice(at, 1); c.keys.remove(at); }
      continue;
    }
    const rule = buildRule(task, problems, (n) => idOf(v6, n));
    const action = val(task, 'action');
    if (action?.known && action.text === 'insert') {
      const num = Number(val(task, 'rule_num')?.text ?? '1');
      const at = Number.isInteger(num) && num >= 1 ? Math.min(num - 1, c.list.rules.length) : 0;
      c.list.rules.splice(at, 0, rule);
      c.keys.insert(at, task);
    } else {
      c.list.rules.push(rule);
      c.keys.push(task);
    }
  }
  return [...chains.values()].map((c) => finishList(c.list, text));
}

function buildRule(task: Task, problems: ParseProblem[], chainId: (name: string) => string): AccessRule {
  const jump = val(task, 'jump');
  const j = jump?.known ? jump.text : '';
  const action = j === 'ACCEPT' ? 'allow' : j === 'DROP' || j === 'REJECT' ? 'deny' : j === 'RETURN' ? 'return' : j && j !== 'LOG' ? 'jump' : 'log';
  const protoVal = val(task, 'protocol');
  const portArg = argOf(task, 'destination_ports', 'destination_port');
  const ports = portMatchOf(listOf(portArg?.node, task.scope), portArg?.span);
  if (ports.ranges === 'unknown' && portArg && listOf(portArg.node, task.scope)?.every((v) => v.known)) {
    problems.push({ span: portArg.span, message: 'not a port, a port range or a known service name' });
  }
  const src = argOf(task, 'source', 'src');
  const dst = argOf(task, 'destination', 'dst');
  const ct = listOf(argNode(task, 'ctstate'), task.scope);
  const established = !!ct && ct.length > 0 && ct.every((v) => v.known && /^(?:ESTABLISHED|RELATED)$/i.test(v.text.trim()));
  const conditional = CONDITIONS.some((k) => argNode(task, k) !== undefined) || (!!jump && !jump.known);
  return makeRule(task, {
    action,
    target: action === 'jump' ? chainId(j) : undefined,
    protocol: protoVal && !protoVal.known ? 'other' : protocolOf(protoVal?.text),
    protocolSpan: protoVal?.span,
    ports,
    sources: addressMatchOf(listOf(src?.node, task.scope), src?.span, true),
    destinations: addressMatchOf(listOf(dst?.node, task.scope), dst?.span, true),
    conditional,
    establishedOnly: established,
    actionSpan: jump?.span,
  });
}
