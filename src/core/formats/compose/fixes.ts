/** Compose fixes: publish on 127.0.0.1 only, or stop publishing the SMB mappings. */
import type { Node, Pair } from 'yaml';
import { DEFAULT_SMB_SERVICES, removePorts, type PortRange } from '../../model/ports';
import type { AccessRule } from '../../model/rule';
import { lineBreakOf } from '../../text/eol';
import type { SmbService, TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import { get, isMap, isSeq, pairOf, str } from '../common/yaml';
import { contentEnd, deleteItemLines, removePair, wholeLines } from '../kubernetes/yaml-text';
import type { MappingNative } from './extract';
import { columnOf, lineStartOf, nextLineStart } from '../../text/lines';

const TITLE = 'Publish only on 127.0.0.1';

function publishLocally(text: string, n: MappingNative): WriterResult {
  if (n.kind === 'short') {
    if (n.at === undefined || !n.short) return undefined;
    const ip = n.short.hostIp;
    const edit: TextEdit = ip ? { span: { offset: n.at + ip.at, length: ip.text.length }, newText: '127.0.0.1' } : { span: { offset: n.at, length: 0 }, newText: '127.0.0.1:' };
    return { edits: [edit], title: TITLE, usesSources: false };
  }
  // Swarm's ingress routing mesh cannot bind one address: only stopping the mapping helps there.
  if (n.kind !== 'long' || !isMap(n.item) || n.item.flow || str(get(n.item, 'mode')) === 'ingress') return undefined;
  const ipPair = pairOf(n.item, 'host_ip');
  const v = ipPair?.value as Node | null | undefined;
  if (v?.range) return { edits: [{ span: { offset: v.range[0], length: v.range[1] - v.range[0] }, newText: '127.0.0.1' }], title: TITLE, usesSources: false };
  // A new key under the last one, at the column of the item's keys.
  const first = n.item.items[0]?.key as Node | undefined;
  const end = contentEnd(n.item);
  if (!first?.range || end === undefined) return undefined;
  const at = nextLineStart(text, end);
  const eol = lineBreakOf(text);
  const lead = at === text.length && !/[\r\n]$/.test(text) ? eol : '';
  return { edits: [{ span: { offset: at, length: 0 }, newText: `${lead}${' '.repeat(columnOf(text, first.range[0]))}host_ip: 127.0.0.1${eol}` }], title: TITLE, usesSources: false };
}

/** The host ports of a mapping left after removing the services, or undefined when they are not known. */
function leftover(rule: AccessRule, services: SmbService[]): PortRange[] | undefined {
  const r = rule.ports.ranges;
  if (!Array.isArray(r)) return undefined;
  return removePorts(r, services.filter((s) => rule.protocol === 'any' || s.protocol === rule.protocol).map((s) => s.port));
}

/** Per `ports:` list and set of services: whether every mapping in it publishes only SMB. Worked out once: a list
 *  of thousands of mappings has as many findings, and each asked it again over every mapping and rule. */
const allSmbCache = new WeakMap<object, Map<string, boolean>>();

function allSmb(n: MappingNative, portsPair: Pair<Node, Node>, services: SmbService[]): boolean {
  const smb = [...DEFAULT_SMB_SERVICES, ...services];
  const key = smb.map((s) => `${s.protocol}/${s.port}`).join(',');
  let byKey = allSmbCache.get(portsPair);
  if (!byKey) allSmbCache.set(portsPair, (byKey = new Map()));
  let all = byKey.get(key);
  if (all === undefined) {
    const smbItems = new Set<Node>();
    for (const r of n.serviceRules) if (leftover(r, smb)?.length === 0) smbItems.add((r.native as MappingNative).item);
    all = ((portsPair.value as Node & { items?: Node[] }).items ?? []).every((item) => smbItems.has(item));
    byKey.set(key, all);
  }
  return all;
}

/** A short spec rewritten for part of its host range, the container range shifted alike. */
function splitSpec(n: MappingNative, value: string, [a, b]: PortRange): string | undefined {
  const s = n.short;
  if (!s?.host || s.host === 'unknown' || !s.container || s.container === 'unknown') return undefined;
  const { host, container } = s;
  if (container.to - container.from !== host.to - host.from) return undefined;
  const shift = container.from - host.from;
  const fmt = (x: number, y: number) => (x === y ? String(x) : `${x}-${y}`);
  return value.slice(0, host.at) + fmt(a, b) + ':' + fmt(a + shift, b + shift) + value.slice(container.at + container.text.length);
}

function removeMapping(text: string, rule: AccessRule, services: SmbService[]): WriterResult {
  const n = rule.native as MappingNative;
  if (n.kind === 'host-network' || !n.portsPair) return undefined;
  const left = leftover(rule, services);
  if (!left) return undefined;
  if (!left.length) {
    // Every mapping of the service is SMB: drop `ports:` itself rather than leave it empty.
    if (allSmb(n, n.portsPair, services)) {
      const edit = removePair(text, n.service, n.portsPair);
      return edit && { edits: [edit], title: 'Stop publishing this service\'s ports (all of them are SMB)' };
    }
    const edit = deleteItemLines(text, n.item);
    return edit && [edit];
  }
  // Part of a range: one item per remaining part, in the item's own quoting and indentation.
  if (n.kind !== 'short' || n.at === undefined || !isSeq(n.portsPair.value) || n.portsPair.value.flow || !n.item.range) return undefined;
  const raw = text.slice(n.item.range[0], n.item.range[1]);
  const value = text.slice(n.at, n.item.range[1] - (raw.endsWith('"') || raw.endsWith("'") ? 1 : 0));
  const end = contentEnd(n.item) as number;
  const span = wholeLines(text, n.item.range[0], end, /^[ \t]*-[ \t]+$/);
  if (!span) return undefined;
  const prefix = text.slice(lineStartOf(text, n.item.range[0]), n.at);
  const suffix = text.slice(n.at + value.length, end);
  // The line's trailing comment stays on the first of the new lines.
  let stop = span.offset + span.length;
  while (stop > end && (text[stop - 1] === '\n' || text[stop - 1] === '\r')) stop--; // not /[\r\n]+$/: quadratic
  const comment = text.slice(end, stop);
  const eol = lineBreakOf(text);
  const specs = left.map((r) => splitSpec(n, value, r));
  if (specs.some((s) => s === undefined)) return undefined;
  return [{ span, newText: specs.map((s, i) => `${prefix}${s}${suffix}${i === 0 ? comment : ''}${eol}`).join('') }];
}

export const composeFixes: FixWriter = {
  restrictSource: (text, rule) => publishLocally(text, rule.native as MappingNative),
  removeServices: (text, rule, _list, services) => removeMapping(text, rule, services),
};
