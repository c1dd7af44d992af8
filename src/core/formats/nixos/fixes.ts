/** NixOS fixes in Nix syntax: drop SMB ports from a port list (its layout kept), move them under an internal
 *  interface, `openFirewall = false`, turn the firewall back on. extraCommands rules get iptables fixes. */
import { DEFAULT_SMB_SERVICES, describeServices, removePorts, type PortRange } from '../../model/ports';
import type { AccessRule, RuleList } from '../../model/rule';
import { lineStartOf, nextLineStart, indentOf } from '../../text/lines';
import { lineBreakOf } from '../../text/eol';
import type { SmbService, Span, TextEdit } from '../../types';
import type { FixWriter, WriterResult } from '../format';
import { iptablesFixes } from '../iptables/fixes';
import { extraRules } from './extra-commands';
import type { NixListNative, NixNative } from './extract';

type PortsNative = Extract<NixNative, { kind: 'ports' }>;

const fmtRange = ([a, b]: PortRange) => `{ from = ${a}; to = ${b}; }`;

/** Deletes an item of a list: its whole line when it stands alone there, else the item and the blanks before it
 *  (after it, for the first item written right after `[`). */
function deleteItem(text: string, span: Span): TextEdit {
  const start = lineStartOf(text, span.offset);
  const end = span.offset + span.length;
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  if (/^[ \t]*$/.test(text.slice(start, span.offset)) && /^[ \t]*(?:#.*)?$/.test(rest)) {
    return { span: { offset: start, length: nextLineStart(text, end) - start }, newText: '' };
  }
  let a = span.offset;
  while (a > 0 && (text[a - 1] === ' ' || text[a - 1] === '\t')) a--;
  if (a < span.offset && text[a - 1] !== '[') return { span: { offset: a, length: end - a }, newText: '' };
  let b = end;
  while (text[b] === ' ' || text[b] === '\t') b++;
  return { span: { offset: span.offset, length: b - span.offset }, newText: '' };
}

function smbPorts(rule: AccessRule, services: readonly SmbService[]): number[] {
  return services.filter((s) => s.protocol === rule.protocol).map((s) => s.port);
}

/** Edits that take the services out of the rule's list. */
function removal(text: string, rule: AccessRule, n: PortsNative, services: readonly SmbService[]): { edits: TextEdit[] } | undefined {
  const ports = smbPorts(rule, services);
  const edits: TextEdit[] = [];
  for (const { node, range } of n.items) {
    const left = removePorts([range], ports);
    if (left.length === 1 && left[0][0] === range[0] && left[0][1] === range[1]) continue;
    if (!left.length) edits.push(deleteItem(text, node.span));
    else if (n.ranges) edits.push({ span: node.span, newText: left.map(fmtRange).join(' ') });
    else return undefined;
  }
  return edits.length ? { edits } : undefined;
}

function removeServices(text: string, rule: AccessRule, list: RuleList, services: SmbService[]): WriterResult {
  if (extraRules.has(rule)) return iptablesFixes.removeServices?.(text, rule, list, services);
  const n = rule.native as NixNative;
  if (n.kind === 'open-firewall') return openFirewallOff(n);
  return removal(text, rule, n, services)?.edits;
}

function openFirewallOff(n: Extract<NixNative, { kind: 'open-firewall' }>): WriterResult {
  const path = n.def.binding.path;
  return { edits: [{ span: n.def.value.span, newText: 'false' }], title: `Set ${path[path.length - 1].name} = false` };
}

/** Moves the SMB ports of a list that opens them everywhere into `interfaces."<name>"` of an internal interface:
 *  into its existing list of the same option, else as a new binding under the old one, in the same set. */
function moveToInterface(text: string, rule: AccessRule, list: RuleList): WriterResult {
  const services = DEFAULT_SMB_SERVICES;
  const n = rule.native as PortsNative;
  const ln = list.native as NixListNative;
  const iface = ln.internal[0];
  if (n.kind !== 'ports' || n.iface !== undefined || n.ranges || iface === undefined) return undefined;
  const ports = smbPorts(rule, services).filter((p) => n.items.some((i) => i.range[0] === p));
  const out = removal(text, rule, n, services);
  if (!out || !ports.length) return undefined;
  const key = n.def.path[n.def.path.length - 1];
  const existing = ln.perInterface.get(`${iface}/${key}`);
  const edits = [...out.edits];
  if (existing && existing.value.kind === 'list') {
    const close = existing.value.span.offset + existing.value.span.length - 1;
    edits.push({ span: { offset: close, length: 0 }, newText: `${ports.join(' ')} ` });
  } else {
    const path = n.def.binding.path;
    const head = path.slice(0, -1).map((p) => text.slice(p.span.offset, p.span.offset + p.span.length));
    const name = /^[A-Za-z_][\w'-]*$/.test(iface) ? iface : `"${iface}"`;
    const line = `${indentOf(text, n.def.binding.span.offset)}${[...head, 'interfaces', name, key].join('.')} = [ ${ports.join(' ')} ];`;
    const at = nextLineStart(text, n.def.binding.span.offset + n.def.binding.span.length);
    const eol = lineBreakOf(text);
    edits.push({ span: { offset: at, length: 0 }, newText: `${at === text.length && !text.endsWith('\n') ? eol : ''}${line}${eol}` });
  }
  return { edits, title: `Open ${describeServices(services.filter((s) => ports.includes(s.port) && s.protocol === rule.protocol))} only on ${iface} (networking.firewall.interfaces)`, usesSources: false };
}

export const nixosFixes: FixWriter = {
  restrictSource: (text, rule, list, sources) => {
    if (extraRules.has(rule)) return iptablesFixes.restrictSource?.(text, rule, list, sources);
    return moveToInterface(text, rule, list);
  },
  removeServices,
  // Port lists merge across modules (and `mkForce [ … ]` overrides them): deleting the definition would hand the
  // option to the other modules. Emptying the list (removeServices) is the plain fix.
  removeRule: () => undefined,
  deny: (text, rule, list) => (extraRules.has(rule) ? iptablesFixes.deny?.(text, rule, list) : undefined),
  insertDenyBefore: (text, rule, list, services) => (extraRules.has(rule) ? iptablesFixes.insertDenyBefore?.(text, rule, list, services) : undefined),
  appendDeny: (_text, list) => {
    const off = (list.native as NixListNative | undefined)?.disabled;
    if (!off) return undefined;
    return { edits: [{ span: off.value.span, newText: 'true' }], title: 'Turn the NixOS firewall on (networking.firewall.enable = true)' };
  },
};
