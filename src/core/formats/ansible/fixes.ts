/** Fix writers for Ansible tasks: edits in the task's own arguments, new deny tasks, removed loop items. */
import type { AccessRule, RuleList } from '../../model/rule';
import { removePorts, servicePorts, type PortRange } from '../../model/ports';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import { familyOf, SMB_ONLY_SERVICES } from '../firewalld/edit';
import { nativeOf, type ListNative, type RuleNative } from './build';
import { cloudFixes } from './fixes-cloud';
import { addArg, afterTask, deleteItem, newTask, replaceNode, scalarText, taskCopy, taskLines } from './edit';
import type { Arg, TaskInfo } from './tasks';
import { lineStartOf } from '../../text/lines';

const fmt = ([a, b]: PortRange, sep: string) => (a === b ? String(a) : `${a}${sep}${b}`);

function argOf(n: RuleNative, ...keys: string[]): Arg | undefined {
  for (const k of keys) {
    const a = n.task.args.get(k);
    if (a) return a.editable ? a : undefined;
  }
  return undefined;
}

const looped = (n: RuleNative) => !!n.task.loop && n.task.loop.items.length > 1;

/** Sets an argument (keeping quotes) or adds it. */
function setArg(text: string, n: RuleNative, key: string, value: string, aliases: string[] = []): TextEdit[] | undefined {
  const a = argOf(n, key, ...aliases);
  if (a) return replaceNode(a.node, scalarText(a.node, value));
  return addArg(text, n.task, key, value);
}

/** One task per source: the task itself gets the first, copies after it the rest. */
function perSource(text: string, n: RuleNative, sources: string[], edit: (source: string) => TextEdit[] | undefined): WriterResult {
  if (!sources.length) return undefined;
  const first = edit(sources[0]);
  if (!first) return undefined;
  const copies: string[] = [];
  for (const s of sources.slice(1)) {
    const e = edit(s);
    const copy = e && taskCopy(text, n.task, e);
    if (!copy) return undefined;
    copies.push(copy);
  }
  const tail = copies.length ? afterTask(text, n.task, copies.join('')) : [];
  return tail ? [...first, ...tail] : undefined;
}

/** Drops the rule's loop item, or the whole task when nothing else is left. */
function dropRule(text: string, n: RuleNative): TextEdit[] | undefined {
  if (n.item && n.task.loop && n.task.loop.items.length > 1) return n.task.loop.built ? undefined : deleteItem(text, n.item);
  const lines = taskLines(text, n.task);
  return lines ? [{ span: lines, newText: '' }] : undefined;
}

function remaining(rule: AccessRule, services: SmbService[]): PortRange[] | undefined {
  return Array.isArray(rule.ports.ranges) ? removePorts(rule.ports.ranges, services.map((s) => s.port)) : undefined;
}

function byProtocol(services: SmbService[]): { proto: 'tcp' | 'udp'; ports: number[] }[] {
  const out: { proto: 'tcp' | 'udp'; ports: number[] }[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    const ports = servicePorts(services, proto);
    if (ports.length) out.push({ proto, ports });
  }
  return out;
}

/** New tasks denying the services, for the list's firewall kind. */
function denyTasks(text: string, task: TaskInfo, list: RuleList, services: SmbService[], why: string, insertFirst: boolean): string | undefined {
  const params = (list.native as ListNative | undefined)?.params ?? {};
  const groups = byProtocol(services);
  switch (task.kind) {
    case 'ufw': {
      const dir = params.direction === 'out' ? [['direction', 'out']] : params.direction === 'forward' ? [['route', 'true']] : [];
      return groups.map((g) => newTask(text, task, `Deny ${g.proto.toUpperCase()} ${g.ports.join(', ')} (SMB/NetBIOS) ${why}`, [
        ['rule', 'deny'], ...(dir as [string, string][]), ['port', `'${g.ports.join(',')}'`], ['proto', g.proto], ...(insertFirst ? [['insert', '1'] as [string, string]] : []),
      ])).join('');
    }
    case 'iptables':
      return groups.map((g) => newTask(text, task, `Drop ${g.proto.toUpperCase()} ${g.ports.join(', ')} (SMB/NetBIOS) ${why}`, [
        ['chain', params.chain ?? 'INPUT'], ...(params.ip_version === 'ipv6' ? [['ip_version', 'ipv6'] as [string, string]] : []),
        ['protocol', g.proto], g.ports.length > 1 ? ['destination_ports', `[${g.ports.map((p) => `'${p}'`).join(', ')}]`] : ['destination_port', `'${g.ports[0]}'`],
        ['jump', 'DROP'], ...(insertFirst ? [['action', 'insert'] as [string, string]] : []),
      ])).join('');
    case 'windows':
      // A block wins over every allow in Windows Firewall: its place does not matter. The name is the rule's key.
      return groups.map((g) => newTask(text, task, `Block ${g.proto.toUpperCase()} ${g.ports.join(', ')} (SMB/NetBIOS) ${why}`, [
        ['name', scalarText(undefined, `Block ${g.proto.toUpperCase()} ${g.ports.join(',')} (SMB/NetBIOS)`)], ['direction', params.direction === 'out' ? 'out' : 'in'],
        ['action', 'block'], ['protocol', g.proto], ['localport', `'${g.ports.join(',')}'`], ['state', 'present'], ['enabled', 'true'],
      ])).join('');
    case 'firewalld':
      return groups.flatMap((g) => g.ports.map((p) => newTask(text, task, `Drop ${g.proto.toUpperCase()} ${p} (SMB/NetBIOS) in zone ${params.zone} ${why}`, [
        ['zone', params.zone ?? 'public'], ['rich_rule', `'rule port port="${p}" protocol="${g.proto}" drop'`], ['permanent', 'true'], ['state', 'enabled'],
      ]))).join('');
    default:
      return undefined;
  }
}

const hostFixes: FixWriter = {
  restrictSource(text, rule, list, sources) {
    const n = nativeOf(rule);
    if (!n || list.direction === 'out') return undefined;
    switch (n.task.kind) {
      case 'ufw':
        return perSource(text, n, sources, (s) => setArg(text, n, 'from_ip', s, ['src', 'from']));
      case 'iptables': {
        const fam = list.families;
        const fit = sources.filter((s) => fam === 'both' || familyOf(s) === fam);
        return perSource(text, n, fit, (s) => setArg(text, n, 'source', s, ['src']));
      }
      case 'firewalld':
        return firewalldSource(text, rule, n, sources);
      case 'windows':
        // remoteip takes a comma-separated list: one rule keeps its name (a copy with the same name would replace it).
        return setArg(text, n, 'remoteip', sources.join(','));
      default:
        return undefined;
    }
  },

  removeServices(text, rule, _list, services) {
    const n = nativeOf(rule);
    if (!n) return undefined;
    if (n.task.kind === 'firewalld') {
      const el = (rule.native as { element?: { kind: string; value?: { text: string } }; simple?: boolean }).element;
      const simple = (rule.native as { simple?: boolean }).simple;
      if (!simple || !el) return undefined;
      if (el.kind === 'service' && !SMB_ONLY_SERVICES.has(el.value?.text ?? '')) return undefined;
      if (el.kind === 'port' && remaining(rule, services)?.length !== 0) return undefined;
      return dropRule(text, n);
    }
    const left = remaining(rule, services);
    if (!left) return undefined;
    if (!left.length) return dropRule(text, n);
    if (looped(n) || n.item) return undefined;
    if (n.task.kind === 'ufw' && !argOf(n, 'name', 'app')) return setArg(text, n, 'port', left.map((r) => fmt(r, ':')).join(','), ['to_port']);
    if (n.task.kind === 'iptables' && left.length === 1 && argOf(n, 'destination_port')) return setArg(text, n, 'destination_port', fmt(left[0], ':'));
    return undefined;
  },

  deny(text, rule) {
    const n = nativeOf(rule);
    if (!n || looped(n)) return undefined;
    switch (n.task.kind) {
      case 'ufw':
        return argOf(n, 'rule') ? setArg(text, n, 'rule', 'deny') : undefined;
      case 'iptables':
        return argOf(n, 'jump') ? setArg(text, n, 'jump', 'DROP') : undefined;
      case 'windows':
        return setArg(text, n, 'action', 'block');
      case 'firewalld': {
        const r = rule.native as { simple?: boolean; action?: { kind: string; span: { offset: number; length: number } } };
        if (!r.simple && r.action?.kind === 'accept' && text.slice(r.action.span.offset, r.action.span.offset + 6) === 'accept') {
          return { edits: [{ span: r.action.span, newText: 'drop' }], title: 'Change the rich rule to drop the traffic' };
        }
        if (!r.simple) return undefined;
        const edits = setArg(text, n, 'state', 'disabled');
        return edits ? { edits, title: 'Stop opening it in the zone (state: disabled)' } : undefined;
      }
      default:
        return undefined;
    }
  },

  insertDenyBefore(text, rule, list, services) {
    const n = nativeOf(rule);
    // A deny under `when:` may not run: it would not be trusted to block.
    if (!n || n.task.conditional || (n.task.freeForm && n.task.kind !== 'ufw')) return undefined;
    if (n.task.kind === 'firewalld' && ((rule.native as { priority?: number }).priority ?? 0) < 0) return undefined;
    // A rule inserted at the top must be beaten by a deny inserted after it.
    const inserts = n.task.kind === 'iptables' && /insert/.test(String(argOf(n, 'action')?.node.toJSON() ?? ''));
    const body = denyTasks(text, n.task, list, services, `before "${n.task.name ?? 'the rule below'}"`, inserts);
    if (!body) return undefined;
    if (inserts) return afterTask(text, n.task, body);
    const at = lineStartOf(text, n.task.span.offset);
    return [{ span: { offset: at, length: 0 }, newText: body }];
  },

  appendDeny(text, list, services) {
    const last = (list.native as ListNative | undefined)?.lastTask;
    if (!last) return undefined;
    const body = denyTasks(text, last, list, services, `(${list.name} ${list.policyText ?? ''})`.replace(' )', ')'), false);
    return body ? afterTask(text, last, body) : undefined;
  },
};

/** firewalld: a service or port becomes a rich rule per source; a rich rule gets or changes its source. */
function firewalldSource(text: string, rule: AccessRule, n: RuleNative, sources: string[]): WriterResult {
  const r = rule.native as { simple?: boolean; element?: { kind: string; value?: { text: string }; protocol?: { text: string } }; source?: { value: { text: string; span: { offset: number; length: number } } } };
  if (looped(n) || n.task.freeForm) return undefined;
  if (r.simple && r.element) {
    const key = r.element.kind === 'service' ? 'service' : 'port';
    const a = argOf(n, key);
    if (!a || !a.pair) return undefined;
    const el = r.element.kind === 'service' ? `service name="${r.element.value?.text}"` : `port port="${r.element.value?.text}" protocol="${r.element.protocol?.text}"`;
    const keySpan = a.pair.key && 'range' in a.pair.key ? (a.pair.key as { range: [number, number, number] }).range : undefined;
    const valSpan = (a.node as { range?: [number, number, number] }).range;
    if (!keySpan || !valSpan) return undefined;
    return perSource(text, n, sources, (s) => [{
      span: { offset: keySpan[0], length: valSpan[1] - keySpan[0] },
      newText: `rich_rule: '${`rule family="${familyOf(s)}" source address="${s}" ${el} accept`}'`,
    }]);
  }
  const src = r.source?.value;
  if (!src || text.slice(src.span.offset, src.span.offset + src.span.length) !== src.text) return undefined;
  const fam = (rule.native as { family?: { text: string } }).family?.text;
  const fit = fam === 'ipv4' || fam === 'ipv6' ? sources.filter((s) => familyOf(s) === fam) : sources;
  return perSource(text, n, fit, (s) => [{ span: src.span, newText: s }]);
}

export const ansibleFixes: FixWriter = {
  restrictSource: (text, rule, list, sources) => (isCloud(rule) ? cloudFixes.restrictSource?.(text, rule, list, sources) : hostFixes.restrictSource?.(text, rule, list, sources)),
  removeServices: (text, rule, list, services) => (isCloud(rule) ? cloudFixes.removeServices?.(text, rule, list, services) : hostFixes.removeServices?.(text, rule, list, services)),
  deny: (text, rule, list) => (isCloud(rule) ? cloudFixes.deny?.(text, rule, list) : hostFixes.deny?.(text, rule, list)),
  insertDenyBefore: (text, rule, list, services) => (isCloud(rule) ? cloudFixes.insertDenyBefore?.(text, rule, list, services) : hostFixes.insertDenyBefore?.(text, rule, list, services)),
  appendDeny: (text, list, services) => hostFixes.appendDeny?.(text, list, services),
};

function isCloud(rule: AccessRule): boolean {
  const k = nativeOf(rule)?.task.kind;
  return k === 'ec2' || k === 'azure' || k === 'gcp';
}
