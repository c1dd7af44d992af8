/** Fix writers for the cloud modules: edits inside a rule entry of `rules:` / `allowed:`. */
import type { Node } from 'yaml';
import { removePorts, type PortRange } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import type { TextEdit } from '../../types';
import { lineBreakOf } from '../../text/eol';
import type { FixWriter } from '../format';
import { familyOf } from '../firewalld/edit';
import { get, isMap, isScalar, isSeq, pairOf, pairs, spanOf } from '../common/yaml';
import { nativeOf, type RuleNative } from './build';
import { deleteItem, flowList, itemLines, mapInsertPoint, pairLine, replaceNode, replaceSeq, scalarText } from './edit';
import { columnOf, lineStartOf, nextLineStart } from '../../text/lines';

const fmt = ([a, b]: PortRange) => (a === b ? String(a) : `${a}-${b}`);

/** A literal rule entry written in this task (not reached through a variable). */
function entryOf(rule: AccessRule): { n: RuleNative; entry: Node } | undefined {
  const n = nativeOf(rule);
  if (!n?.entry || !isMap(n.entry)) return undefined;
  const s = spanOf(n.entry);
  const t = n.task.span;
  if (!s || s.offset < t.offset || s.offset > t.offset + t.length) return undefined;
  return { n, entry: n.entry };
}

/** One value or a flow list, like the node it replaces. */
function valueText(like: Node | undefined, values: string[]): string {
  return values.length === 1 && (!like || isScalar(like)) ? scalarText(like, values[0]) : flowList(values, like);
}

function setField(text: string, entry: Node, key: string, values: string[]): TextEdit[] | undefined {
  const node = get(entry, key);
  if (isSeq(node)) return replaceSeq(text, node, values);
  if (node) return replaceNode(node, valueText(node, values));
  const point = mapInsertPoint(text, entry);
  return point && [pairLine(text, point, key, valueText(undefined, values))];
}

function removeField(text: string, entry: Node, key: string): TextEdit[] | undefined {
  const p = pairOf(entry, key);
  const s = spanOf(p);
  if (!s) return undefined;
  const start = lineStartOf(text, s.offset);
  if (!/^[ \t]*$/.test(text.slice(start, s.offset))) return undefined;
  return [{ span: { offset: start, length: nextLineStart(text, s.offset + s.length - 1) - start }, newText: '' }];
}

export const cloudFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    if (list.direction === 'out') return undefined;
    const e = entryOf(rule);
    const n = nativeOf(rule);
    if (!n) return undefined;
    const v4 = sources.filter((s) => familyOf(s) === 'ipv4');
    const v6 = sources.filter((s) => familyOf(s) === 'ipv6');
    switch (n.task.kind) {
      case 'ec2': {
        if (!e || !get(e.entry, 'cidr_ip') && !get(e.entry, 'cidr_ipv6')) return undefined;
        const edits: TextEdit[] = [];
        for (const [key, vals] of [['cidr_ip', v4], ['cidr_ipv6', v6]] as const) {
          if (!get(e.entry, key)) continue;
          const ed = vals.length ? setField(text, e.entry, key, vals) : removeField(text, e.entry, key);
          if (!ed) return undefined;
          edits.push(...ed);
        }
        return edits.length && (v4.length && get(e.entry, 'cidr_ip') || v6.length && get(e.entry, 'cidr_ipv6')) ? edits : undefined;
      }
      case 'azure':
        return e ? setField(text, e.entry, 'source_address_prefix', sources) : undefined;
      case 'gcp': {
        const a = n.task.args.get('source_ranges');
        if (a?.pair && a.editable) return replaceSeq(text, a.node, sources);
        return undefined;
      }
      default:
        return undefined;
    }
  },

  removeServices(text, rule, _list, services) {
    const e = entryOf(rule);
    if (!e || !Array.isArray(rule.ports.ranges)) return undefined;
    const left = removePorts(rule.ports.ranges, services.map((s) => s.port));
    if (!left.length) {
      // A GCP rule with one allowed entry has nothing left to allow: the whole entry goes only if others stay.
      if (e.n.task.kind === 'gcp') return undefined;
      return deleteItem(text, e.entry);
    }
    const key = e.n.task.kind === 'ec2' ? 'ports' : e.n.task.kind === 'azure' ? 'destination_port_range' : 'ports';
    if (!get(e.entry, key)) return undefined;
    return setField(text, e.entry, key, left.map(fmt));
  },

  deny(text, rule) {
    const e = entryOf(rule);
    const n = nativeOf(rule);
    if (!n) return undefined;
    if (n.task.kind === 'azure' && e) {
      return setField(text, e.entry, 'access', ['Deny']);
    }
    if (n.task.kind === 'gcp') {
      const allowed = n.task.args.get('allowed');
      if (!allowed?.pair || n.task.args.has('denied') || !isScalar(allowed.pair.key)) return undefined;
      const s = spanOf(allowed.pair.key as Node);
      return s ? { edits: [{ span: s, newText: 'denied' }], title: 'Change the firewall rule to deny (allowed → denied)' } : undefined;
    }
    return undefined;
  },

  insertDenyBefore(text, rule, list, services) {
    const e = entryOf(rule);
    if (!e || e.n.task.kind !== 'azure') return undefined;
    const prio = Number(e.entry && get(e.entry, 'priority') ? String((get(e.entry, 'priority') as { value?: unknown }).value) : NaN);
    if (!Number.isInteger(prio)) return undefined;
    const used = new Set(list.rules.map((r) => Number(/priority (\d+)/.exec(r.label)?.[1])));
    let free = prio - 1;
    while (free >= 100 && used.has(free)) free--;
    if (free < 100) return undefined;
    const lines = itemLines(text, e.entry);
    const first = spanOf(pairs(e.entry)[0]?.key as Node);
    if (!lines || !first) return undefined;
    const eol = lineBreakOf(text);
    const dash = /^[ \t]*/.exec(text.slice(lines.offset))?.[0] ?? '';
    const key = ' '.repeat(columnOf(text, first.offset));
    const ports = [...new Set(services.map((s) => s.port))].sort((a, b) => a - b).map((p) => `'${p}'`);
    const dir = list.direction === 'out' ? 'Outbound' : 'Inbound';
    const body = [`${dash}- name: DenySMB${free}`, `${key}protocol: '*'`, `${key}destination_port_range: [${ports.join(', ')}]`, `${key}source_address_prefix: '*'`,
      `${key}destination_address_prefix: '*'`, `${key}access: Deny`, `${key}priority: ${free}`, `${key}direction: ${dir}`].join(eol) + eol;
    return [{ span: { offset: lines.offset, length: 0 }, newText: body }];
  },
};
