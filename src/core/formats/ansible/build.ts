/** Building model rules from resolved task values: ports, addresses, protocols, and the rule itself. */
import { barePort, normalizePorts, type PortRange } from '../../model/ports';
import { portRangeIn, type PortSyntax } from '../common/port-range';
import { protocolOfWord } from '../common/protocol';
import type { AccessRule, Action, AddressItem, AddressMatch, PortItem, PortMatch, Protocol, RuleList } from '../../model/rule';
import type { Span } from '../../types';
import { addressValueOf } from '../common/address';
import type { Task, TaskInfo } from './tasks';
import { subSpan, type Val } from './values';

/** What every rule of this format carries for the fix writers. */
export interface RuleNative {
  task: TaskInfo;
  /** The loop item this rule came from (a literal list entry). */
  item?: import('yaml').Node;
  /** Cloud modules: the rule map inside `rules:`/`allowed:`, and its parent sequence. */
  entry?: import('yaml').Node;
  /** Extra data per module (e.g. a GCP allowed/denied key). */
  extra?: Record<string, unknown>;
}

export interface ListNative {
  kind: string;
  /** The last task that touched the list: appended denies go after it. */
  lastTask?: TaskInfo;
  /** Values a new task for this list must repeat (zone, chain, network). */
  params: Record<string, string>;
}

export const ANY: AddressMatch = { items: [], negated: false };

/** The modules hand ports to their tools: iptables and ufw write "137:139", firewalld and win_firewall_rule
 *  "137-139"; names are /etc/services names. A range high to low stays unknown. */
const COLON_RANGE: PortSyntax = { tool: 'Ansible', separator: ':', names: true, reversed: 'reject' };
const DASH_RANGE: PortSyntax = { ...COLON_RANGE, separator: '-' };

/** One port or range token ("445", "137:139", "137-139", a service name). */
export function portRangeOf(token: string): PortRange | undefined {
  // Most tokens are one bare port: read it without the pattern's match array.
  const bare = barePort(token);
  if (bare !== undefined) return [bare, bare];
  return portRangeIn(token, COLON_RANGE) ?? portRangeIn(token, DASH_RANGE);
}

/** Ports from values that may each hold a comma list; '*' or 'any' means every port. */
export function portMatchOf(vals: Val[] | undefined, span?: Span): PortMatch {
  if (!vals || !vals.length) return { ranges: undefined, items: [], negated: false };
  // Usually one value with one port: the array is made for exactly that, grown only for more.
  let items: PortItem[] | undefined;
  for (let k = 0; k < vals.length; k++) {
    const v = vals[k];
    if (!v.known) return { ranges: 'unknown', items: [], negated: false, span };
    const text = v.text;
    const t = text.trim();
    if (t === '*' || t.toLowerCase() === 'any' || t === '-1' || t === '0-65535') return { ranges: undefined, items: [], negated: false, span };
    // The comma-separated parts, each read where it is written (no split array).
    for (let at = 0; ; ) {
      const comma = text.indexOf(',', at);
      const part = comma < 0 ? (at === 0 ? text : text.slice(at)) : text.slice(at, comma);
      const range = portRangeOf(part);
      if (!range) return { ranges: 'unknown', items: [], negated: false, span };
      const trimmed = part.trim();
      const lead = trimmed.length === part.length ? 0 : part.length - part.trimStart().length;
      const item: PortItem = { range, text: trimmed, span: subSpan(v, at + lead, trimmed.length) };
      if (items) items.push(item);
      else items = [item];
      if (comma < 0) break;
      at = comma + 1;
    }
  }
  if (!items) return { ranges: normalizePorts([]), items: [], negated: false, span };
  // One item is already a valid, sorted range: no need for the general sort and merge.
  const ranges = items.length === 1 ? [[items[0].range[0], items[0].range[1]] as PortRange] : normalizePorts(items.map((i) => i.range));
  return { ranges, items, negated: false, span };
}

/** Address items from values; a leading "!" (iptables) negates the match. */
export function addressMatchOf(vals: Val[] | undefined, span?: Span, allowNegation = false): AddressMatch {
  if (!vals || !vals.length) return ANY;
  let negated = false;
  const items: AddressItem[] = vals.map((v) => {
    let text = v.text.trim();
    let lead = v.text.length - v.text.trimStart().length;
    if (allowNegation && text.startsWith('!')) {
      negated = true;
      const rest = text.slice(1).trimStart();
      lead += text.length - rest.length;
      text = rest;
    }
    const value = v.known ? addressValueOf(text) : { kind: 'unknown' as const };
    return { text: text || v.text, span: subSpan(v, lead, text.length), value };
  });
  return { items, negated, span };
}

export function protocolOf(text: string | undefined): Protocol {
  const t = (text ?? '').trim();
  return t === '' ? 'any' : protocolOfWord(t);
}

export interface RuleInit {
  action: Action;
  target?: string;
  protocol: Protocol;
  protocolSpan?: Span;
  ports: PortMatch;
  sources?: AddressMatch;
  destinations?: AddressMatch;
  conditional?: boolean;
  establishedOnly?: boolean;
  actionSpan?: Span;
  label?: string;
  entry?: import('yaml').Node;
  extra?: Record<string, unknown>;
}

/** "task "Allow Samba"" or "task 3", with the loop item when there is one. */
export function taskLabel(task: Task): string {
  const base = task.info.name ? `task "${task.info.name}"` : `task ${task.info.number}`;
  return task.itemIndex !== undefined ? `${base} (loop item ${task.itemIndex + 1})` : base;
}

export function makeRule(task: Task, init: RuleInit, span: Span = itemSpan(task, init) ?? task.info.span): AccessRule {
  const native: RuleNative = { task: task.info, item: task.item, entry: init.entry, extra: init.extra };
  // A loop pass is told apart by its item: findings point into the loop list.
  const ports = task.item && init.ports.items.length ? { ...init.ports, span: init.ports.items[0].span } : init.ports;
  return {
    index: 0,
    label: init.label ?? taskLabel(task),
    action: init.action,
    target: init.target,
    protocol: init.protocol,
    ports,
    sources: init.sources ?? ANY,
    destinations: init.destinations ?? ANY,
    // A deny under `when:` may not run, so it cannot be trusted to block; an allow under `when:` still reports.
    conditional: !!init.conditional || (task.info.conditional && init.action !== 'allow'),
    establishedOnly: !!init.establishedOnly,
    span,
    actionSpan: init.actionSpan ?? span,
    protocolSpan: init.protocolSpan,
    text: '',
    native,
    // Filled while the task's values resolve; finishList keeps it only when some came from another file.
    related: task.scope.trail,
  };
}

/** Numbers the rules and fills their text. */
/** A pass of a literal loop is its own rule: its span is the loop item (one finding, one suppression each). */
function itemSpan(task: Task, init: RuleInit): Span | undefined {
  // A built pass (with_nested, with_dict, …) is no one written node: it is where its port is written, so passes
  // over different ports are told apart (no written node is unique to a pass of a product).
  if (task.info.loop?.built && init.ports.items.length) return init.ports.items[0].span;
  const s = task.item && task.info.loop ? task.item.range : undefined;
  return s ? { offset: s[0], length: s[1] - s[0] } : undefined;
}

export function finishList(list: RuleList, text: string): RuleList {
  list.rules.forEach((r, i) => {
    r.index = i;
    if (r.related?.length) r.related = [...r.related];
    else delete r.related;
    r.text = text.slice(r.span.offset, r.span.offset + r.span.length);
  });
  return list;
}

export function nativeOf(rule: AccessRule): RuleNative | undefined {
  const n = rule.native as (RuleNative & { native?: unknown }) | undefined;
  if (n && 'task' in n) return n;
  // firewalld rules carry the rich rule, whose native is ours.
  const inner = (n as { native?: unknown } | undefined)?.native as RuleNative | undefined;
  return inner && 'task' in inner ? inner : undefined;
}

/** The identity key of the task behind each rule of a list (what a later `state: absent` or `delete: true`
 *  task matches), worked out only when a removal asks: most playbooks never remove, and a key per task
 *  resolves a dozen arguments. Keys depend on the task alone, so working one out late gives the same text. */
export class TaskKeys {
  private tasks: Task[] = [];
  private keys: (string | undefined)[] = [];
  constructor(private readonly keyOf: (task: Task) => string) {}

  indexOf(key: string): number {
    const { tasks, keys } = this;
    for (let i = 0; i < tasks.length; i++) {
      let k = keys[i];
      if (k === undefined) k = keys[i] = this.keyOf(tasks[i]);
      if (k === key) return i;
    }
    return -1;
  }

  insert(at: number, task: Task): void {
    this.tasks.splice(at, 0, task);
    this.keys.splice(at, 0, undefined);
  }

  push(task: Task): void {
    this.tasks.push(task);
    this.keys.push(undefined);
  }

  remove(at: number): void {
    this.tasks.splice(at, 1);
    this.keys.splice(at, 1);
  }

  clear(): void {
    this.tasks = [];
    this.keys = [];
  }
}
