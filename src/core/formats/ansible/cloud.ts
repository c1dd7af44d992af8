/** Cloud firewall modules: AWS security groups (allow-only), Azure NSGs and GCP firewall rules (by priority). */
import type { Node } from 'yaml';
import type { AccessRule, AddressItem, AddressMatch, Direction, RuleList } from '../../model/rule';
import type { Span } from '../../types';
import { get, isMap, spanOf } from '../common/yaml';
import { addressMatchOf, finishList, makeRule, portMatchOf, protocolOf, type ListNative } from './build';
import { argNode, type Play, type Task } from './tasks';
import { listOf, resolve, scalarOf, type Val } from './values';

function val(task: Task, ...keys: string[]): Val | undefined {
  return scalarOf(argNode(task, ...keys), task.scope);
}

function absent(task: Task): boolean {
  return val(task, 'state')?.text === 'absent';
}

/** The maps of a `rules:`-like argument (a literal list, or a variable holding one). */
function entries(task: Task, key: string): Node[] {
  const r = resolve(argNode(task, key), task.scope);
  return r?.kind === 'seq' ? r.items.filter((n) => isMap(n)) : [];
}

const field = (task: Task, entry: Node, ...keys: string[]): Val | undefined => {
  for (const k of keys) {
    const n = get(entry, k);
    if (n) return scalarOf(n, task.scope);
  }
  return undefined;
};
const fieldList = (task: Task, entry: Node, ...keys: string[]): Val[] | undefined => {
  for (const k of keys) {
    const n = get(entry, k);
    if (n) return listOf(n, task.scope);
  }
  return undefined;
};
const fieldSpan = (entry: Node, key: string): Span | undefined => spanOf(get(entry, key));

function newList(id: string, name: string, direction: Direction, policy: 'allow' | 'deny', policyText: string, native: ListNative): RuleList {
  return { id, name, direction, families: 'both', entry: true, policy, policyText, rules: [], native };
}

function nameOf(task: Task, fallback: string): string {
  const n = val(task, 'name', 'group_name');
  return n?.known ? n.text : fallback;
}

/** amazon.aws.ec2_security_group: one allow-only list per group and direction. */
export function awsLists(play: Play, text: string): RuleList[] {
  const out: RuleList[] = [];
  for (let t = 0; t < play.tasks.length; t++) {
    const task = play.tasks[t];
    if (task.info.kind !== 'ec2' || absent(task)) continue;
    const name = nameOf(task, `task ${task.info.number}`);
    const suffix = task.itemIndex !== undefined ? `[${task.itemIndex}]` : '';
    for (const [key, dir] of [['rules', 'in'], ['rules_egress', 'out']] as const) {
      if (argNode(task, key) === undefined) continue;
      const native: ListNative = { kind: 'ec2', lastTask: task.info, params: { key } };
      const list = newList(`play${play.index + 1}/sg/${task.info.number}${suffix}/${dir}`, `security group ${name} (${dir === 'in' ? 'ingress' : 'egress'})`, dir, 'deny', 'allow-only security group', native);
      list.independentAllows = true;
      for (const e of entries(task, key)) list.rules.push(awsRule(task, e, dir));
      out.push(finishList(list, text));
    }
  }
  return out;
}

function awsRule(task: Task, e: Node, dir: Direction): AccessRule {
  const proto = field(task, e, 'proto', 'protocol');
  const protocol = proto && !proto.known ? 'other' : protocolOf(proto?.text ?? 'tcp');
  let ports = portMatchOf(fieldList(task, e, 'ports'), fieldSpan(e, 'ports'));
  const from = field(task, e, 'from_port');
  const to = field(task, e, 'to_port');
  if (!get(e, 'ports') && from) {
    const text = to && to.text !== from.text ? `${from.text}-${to.text}` : from.text;
    const v: Val = { text, span: from.span, known: from.known && (!to || to.known), exact: !to || to.text === from.text ? from.exact : false };
    ports = portMatchOf([v], from.span);
  }
  if (protocol === 'any') ports = { ranges: undefined, items: [], negated: false };
  const peers: AddressItem[] = [];
  for (const k of ['cidr_ip', 'cidr_ipv6', 'ip_prefix']) peers.push(...addressMatchOf(fieldList(task, e, k)).items);
  for (const k of ['group_id', 'group_name']) {
    const g = field(task, e, k);
    if (g) peers.push({ text: g.text, span: g.span, value: { kind: 'unknown' } });
  }
  // A rule with no peer at all lets nothing in.
  const match: AddressMatch = peers.length ? { items: peers, negated: false } : { items: [{ text: '', span: spanOf(e) ?? task.info.span, value: { kind: 'unknown' } }], negated: false };
  const span = spanOf(e) ?? task.info.span;
  return makeRule(task, {
    action: 'allow', protocol, protocolSpan: proto?.span, ports,
    sources: dir === 'in' ? match : undefined,
    destinations: dir === 'out' ? match : undefined,
    label: `${task.info.name ? `task "${task.info.name}"` : `task ${task.info.number}`} rule ${ruleNumber(task, e)}`,
    entry: e,
  }, span);
}

function ruleNumber(task: Task, e: Node): number {
  for (const key of ['rules', 'rules_egress']) {
    const at = entries(task, key).indexOf(e);
    if (at >= 0) return at + 1;
  }
  return 0;
}

interface Draft {
  rule: AccessRule;
  priority: number;
  denyFirst: number;
}

function sortInto(list: RuleList, drafts: Draft[], text: string): RuleList {
  drafts.sort((a, b) => a.priority - b.priority || a.denyFirst - b.denyFirst);
  list.rules = drafts.map((d) => d.rule);
  return finishList(list, text);
}

const prio = (v: Val | undefined, fallback: number): number => (v?.known && /^\d+$/.test(v.text.trim()) ? Number(v.text) : v ? Number.MAX_SAFE_INTEGER : fallback);

/** azure_rm_securitygroup: per NSG an inbound and an outbound list sorted by priority. */
export function azureLists(play: Play, text: string): RuleList[] {
  const out: RuleList[] = [];
  for (let t = 0; t < play.tasks.length; t++) {
    const task = play.tasks[t];
    if (task.info.kind !== 'azure' || absent(task)) continue;
    const name = nameOf(task, `task ${task.info.number}`);
    const drafts: Record<Direction, Draft[]> = { in: [], out: [], forward: [] };
    for (const e of entries(task, 'rules')) {
      const dirVal = field(task, e, 'direction');
      const dir: Direction = dirVal?.text.toLowerCase() === 'outbound' ? 'out' : 'in';
      const access = field(task, e, 'access');
      const action = access?.text.toLowerCase() === 'deny' ? 'deny' : 'allow';
      const proto = field(task, e, 'protocol');
      const p = field(task, e, 'priority');
      const ruleName = field(task, e, 'name');
      const peers = addressMatchOf(fieldList(task, e, 'source_address_prefix'), fieldSpan(e, 'source_address_prefix'));
      const dests = addressMatchOf(fieldList(task, e, 'destination_address_prefix'), fieldSpan(e, 'destination_address_prefix'));
      const rule = makeRule(task, {
        action, protocol: proto && !proto.known ? 'other' : protocolOf(proto?.text ?? '*'), protocolSpan: proto?.span,
        ports: portMatchOf(fieldList(task, e, 'destination_port_range'), fieldSpan(e, 'destination_port_range')),
        sources: dir === 'in' ? peers : dests, destinations: dir === 'in' ? dests : peers,
        conditional: action === 'deny' && task.info.conditional,
        actionSpan: access?.span,
        label: `rule ${ruleName?.text ?? '?'} (priority ${p?.text ?? '?'})`,
        entry: e,
      }, spanOf(e) ?? task.info.span);
      drafts[dir].push({ rule, priority: prio(p, Number.MAX_SAFE_INTEGER), denyFirst: 0 });
    }
    const base = `play${play.index + 1}/nsg/${task.info.number}${task.itemIndex !== undefined ? `[${task.itemIndex}]` : ''}`;
    if (drafts.in.length) out.push(sortInto(newList(`${base}/in`, `NSG ${name} inbound`, 'in', 'deny', 'default rule DenyAllInBound', { kind: 'azure', lastTask: task.info, params: {} }), drafts.in, text));
    if (drafts.out.length) out.push(sortInto(newList(`${base}/out`, `NSG ${name} outbound`, 'out', 'allow', 'default rule AllowInternetOutBound', { kind: 'azure', lastTask: task.info, params: {} }), drafts.out, text));
  }
  return out;
}

/** gcp_compute_firewall: every rule of a play on the same network and direction, sorted by priority. */
export function gcpLists(play: Play, text: string): RuleList[] {
  const lists = new Map<string, { list: RuleList; drafts: Draft[] }>();
  for (let t = 0; t < play.tasks.length; t++) {
    const task = play.tasks[t];
    if (task.info.kind !== 'gcp' || absent(task)) continue;
    if (val(task, 'disabled')?.text.toLowerCase() === 'true') continue;
    const netNode = argNode(task, 'network');
    const net = isMap(netNode) ? scalarOf(get(netNode, 'selfLink') ?? get(netNode, 'name'), task.scope) : scalarOf(netNode, task.scope);
    const network = net?.known ? net.text : net ? net.text || 'network' : 'default';
    const dir: Direction = val(task, 'direction')?.text.toUpperCase() === 'EGRESS' ? 'out' : 'in';
    const id = `play${play.index + 1}/gcp/${network}/${dir}`;
    let l = lists.get(id);
    if (!l) {
      const native: ListNative = { kind: 'gcp', params: {} };
      l = { list: newList(id, `network ${network} ${dir === 'in' ? 'ingress' : 'egress'}`, dir, dir === 'in' ? 'deny' : 'allow', dir === 'in' ? 'implied deny ingress' : 'implied allow egress', native), drafts: [] };
      lists.set(id, l);
    }
    (l.list.native as ListNative).lastTask = task.info;
    const p = val(task, 'priority');
    const ranges = argNode(task, dir === 'in' ? 'source_ranges' : 'destination_ranges');
    const tags = argNode(task, 'source_tags') ?? argNode(task, 'source_service_accounts');
    // Without ranges an ingress rule with tags matches only tagged instances (unknown); with neither, everyone.
    const peers: AddressMatch = ranges ? addressMatchOf(listOf(ranges, task.scope), spanOf(ranges))
      : tags && dir === 'in' ? { items: [{ text: 'source tags', span: spanOf(tags) ?? task.info.span, value: { kind: 'unknown' } }], negated: false }
      : { items: [], negated: false };
    const targeted = argNode(task, 'target_tags') !== undefined || argNode(task, 'target_service_accounts') !== undefined;
    for (const key of ['allowed', 'denied'] as const) {
      const action = key === 'allowed' ? 'allow' : 'deny';
      for (const e of entries(task, key)) {
        const proto = field(task, e, 'ip_protocol');
        const rule = makeRule(task, {
          action, protocol: proto && !proto.known ? 'other' : protocolOf(proto?.text ?? 'all'), protocolSpan: proto?.span,
          ports: portMatchOf(fieldList(task, e, 'ports'), fieldSpan(e, 'ports')),
          sources: dir === 'in' ? peers : undefined, destinations: dir === 'out' ? peers : undefined,
          conditional: action === 'deny' && targeted,
          actionSpan: spanOf(task.args.get(key)?.pair?.key as Node | undefined),
          label: `firewall ${nameOf(task, `task ${task.info.number}`)} (priority ${p?.text ?? 1000})`,
          entry: e,
          extra: { key },
        });
        l.drafts.push({ rule, priority: prio(p, 1000), denyFirst: action === 'deny' ? 0 : 1 });
      }
    }
  }
  return [...lists.values()].map((l) => sortInto(l.list, l.drafts, text));
}
