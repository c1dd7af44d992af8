/** One document read several ways (a Terraform module per caller, an Ansible play per host, a CloudFormation
 *  template per parameter file): the readings merged so that where they differ each rule admits what any of them
 *  gives it (the worst one decides), naming where each value came from. */
import type { AccessRule, RuleList, RuleModel } from '../model/rule';
import { nameOf } from './uri';

/** The first model, with the others' rules merged in; lists whose rules all take values from other files get a
 *  note naming those files (as Helm's do). */
export function mergeInstances(models: RuleModel[]): RuleModel {
  const [first, ...rest] = models;
  for (const m of rest) mergeInto(first.lists, m.lists);
  for (const list of first.lists) list.note ??= originsNote(list);
  return first;
}

/** When every rule of a list takes a value from another file, its findings name the files. */
function originsNote(list: RuleList): string | undefined {
  const from = list.rules.map((r) => (r.related ?? []).flatMap((x) => (x.uri ? [nameOf(x.uri)] : [])));
  if (!from.length || from.some((f) => !f.length)) return undefined;
  const files = [...new Set(from.flat())];
  return `Its values are set in ${files.slice(0, 4).join(', ')}${files.length > 4 ? ', …' : ''}: change them there (see the related places).`;
}

const sameMatch = (a: AccessRule, b: AccessRule) =>
  a.action === b.action && a.protocol === b.protocol && JSON.stringify(a.ports.ranges) === JSON.stringify(b.ports.ranges) && a.label === b.label;

/** Adds another instance's rules: the same rule with other addresses gains them; a rule that differs otherwise
 *  goes right after its counterpart (the list's order stays the platform's). */
function mergeInto(lists: RuleList[], more: RuleList[]): void {
  for (const list of more) {
    const base = lists.find((l) => l.id === list.id);
    if (!base) {
      lists.push(list);
      continue;
    }
    for (const rule of list.rules) {
      const at = base.rules.findIndex((r) => r.span.offset === rule.span.offset && r.label === rule.label);
      const twin = at >= 0 ? base.rules[at] : undefined;
      if (twin && sameMatch(twin, rule)) {
        addItems(twin.sources.items, rule.sources.items);
        addItems(twin.destinations.items, rule.destinations.items);
        if (rule.related?.length) twin.related = [...(twin.related ?? []), ...rule.related.filter((r) => !twin.related?.some((o) => o.uri === r.uri && o.span.offset === r.span.offset))];
      } else if (!base.rules.some((r) => r.span.offset === rule.span.offset && sameMatch(r, rule) && JSON.stringify(r.sources.items.map((i) => i.text)) === JSON.stringify(rule.sources.items.map((i) => i.text)))) {
        base.rules.splice(at >= 0 ? at + 1 : base.rules.length, 0, rule);
      }
    }
    base.rules.forEach((r, i) => (r.index = i));
  }
}

/** Items another instance adds: the same text may stand for another value there (`!Ref Share` per parameter file). */
function addItems(into: AccessRule['sources']['items'], items: AccessRule['sources']['items']): void {
  for (const i of items) if (!into.some((o) => o.text === i.text && JSON.stringify(o.value) === JSON.stringify(i.value))) into.push(i);
}
