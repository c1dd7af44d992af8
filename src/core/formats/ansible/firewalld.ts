/** ansible.posix.firewalld tasks replayed into firewalld zones (services, ports, rich rules, sources, target),
 *  then ordered the way firewalld evaluates a zone (shared with the firewalld format). */
import type { RuleList } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { parseRichRule } from '../firewalld/rich';
import { splitPortProto } from '../firewalld/services';
import { fillText, zoneToList, type Located, type RichRule, type Zone } from '../firewalld/zone';
import { nativeOf, type ListNative, type RuleNative } from './build';
import { argNode, type Play, type Task } from './tasks';
import { listOf, scalarOf, type Val } from './values';

/** The zone firewalld uses when a task names none; assumed to be the stock default. */
const DEFAULT_ZONE = 'public';

function located(v: Val, start = 0, length = v.text.length): Located {
  return { text: v.text.slice(start, start + length), span: v.exact ? { offset: v.span.offset + start, length } : v.span };
}

function val(task: Task, ...keys: string[]): Val | undefined {
  return scalarOf(argNode(task, ...keys), task.scope);
}

function entryKey(r: RichRule): string {
  const el = r.element;
  return r.simple && el ? `${el.kind}|${el.value?.text}|${el.protocol?.text ?? ''}` : `rich|${r.span.offset}`;
}

export function firewalldLists(play: Play, text: string, problems: ParseProblem[]): RuleList[] {
  const zones = new Map<string, Zone>();
  const zoneFor = (name: string): Zone => {
    let z = zones.get(name);
    if (!z) {
      const native: ListNative = { kind: 'firewalld', params: { zone: name } };
      z = { name, isDefault: name === DEFAULT_ZONE, sources: [], interfaces: [], entries: [], native };
      zones.set(name, z);
    }
    return z;
  };
  const richText = new Map<RichRule, string>();
  const keyedEntries = new Map<Zone, Map<string, RichRule>>();
  const entriesOf = (zone: Zone): Map<string, RichRule> => {
    let m = keyedEntries.get(zone);
    if (!m) keyedEntries.set(zone, (m = new Map()));
    return m;
  };
  for (let t = 0; t < play.tasks.length; t++) {
    const task = play.tasks[t];
    if (task.info.kind !== 'firewalld') continue;
    const zoneVal = val(task, 'zone');
    if (zoneVal && !zoneVal.known) continue;
    const zone = zoneFor(zoneVal?.text ?? DEFAULT_ZONE);
    (zone.native as ListNative).lastTask = task.info;
    const state = val(task, 'state')?.text ?? 'enabled';
    const on = state === 'enabled' || state === 'present';
    const target = val(task, 'target');
    if (target) {
      if (on) zone.target = located(target);
      else zone.target = undefined;
      continue;
    }
    const native: RuleNative = { task: task.info, item: task.item };
    const added: RichRule[] = [];
    for (const v of listOf(argNode(task, 'service'), task.scope) ?? []) {
      added.push(simple(task, native, 'service', v.known ? located(v) : { text: '', span: v.span }));
    }
    for (const v of listOf(argNode(task, 'port'), task.scope) ?? []) {
      const pp = v.known ? splitPortProto(v.text) : undefined;
      if (!pp) {
        if (v.known) problems.push({ span: v.span, message: `"${v.text}" is not a firewalld port (e.g. 445/tcp)` });
        continue;
      }
      const r = simple(task, native, 'port', located(v, 0, pp.port.length));
      if (r.element) r.element.protocol = located(v, pp.port.length + 1, pp.proto.length);
      added.push(r);
    }
    for (const v of listOf(argNode(task, 'rich_rule'), task.scope) ?? []) {
      if (!v.known) continue;
      const at = (start: number, length: number): Span => (v.exact ? { offset: v.span.offset + start, length } : v.span);
      const r = parseRichRule(v.text, at, task.info.span, problems, native);
      richText.set(r, v.text);
      added.push(r);
    }
    for (const v of listOf(argNode(task, 'source'), task.scope) ?? []) {
      if (!v.known) continue;
      const bound = zone.sources.findIndex((s) => s.value.text === v.text);
      if (on && bound < 0) zone.sources.push({ key: 'address', value: located(v), invert: false, span: v.span });
      if (!on && bound >= 0) zone.sources.splice(bound, 1);
    }
    const iface = val(task, 'interface');
    if (iface) {
      const bound = zone.interfaces.findIndex((i) => i.text === iface.text);
      if (on && bound < 0) zone.interfaces.push(iface.known ? located(iface) : { text: '', span: iface.span });
      if (!on && bound >= 0) zone.interfaces.splice(bound, 1);
    }
    // Keyed in order: re-adding moves an entry to the end, removing drops it (one lookup, not a scan).
    const keyed = entriesOf(zone);
    for (const r of added) {
      const key = r.simple ? entryKey(r) : `rich|${richText.get(r)}`;
      keyed.delete(key);
      if (on) keyed.set(key, r);
    }
  }
  const lists: RuleList[] = [];
  for (const zone of zones.values()) {
    zone.entries = [...entriesOf(zone).values()];
    zone.endOffset = undefined;
    const list = zoneToList(zone, `play${play.index + 1}/firewalld/${zone.name}`, problems);
    for (const r of list.rules) {
      const n = nativeOf(r);
      // A deny under `when:` may not run; zoneToList cannot know that.
      if (n?.task.conditional && r.action !== 'allow') r.conditional = true;
    }
    fillText(list, text);
    lists.push(list);
  }
  return lists;
}

function simple(task: Task, native: RuleNative, kind: 'service' | 'port', value: Located): RichRule {
  return {
    simple: true,
    priority: 0,
    logs: false,
    element: { kind, value, span: value.span },
    action: { kind: 'accept', span: task.info.span, limited: false },
    span: task.info.span,
    native,
  };
}
