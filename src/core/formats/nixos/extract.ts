/**
 * NixOS's firewall (nixos/modules/services/networking/firewall*.nix) as one input list: inbound is refused
 * unless an option opens it; `allowedTCPPorts` & co. open ports on every interface, `interfaces.<name>.…` on
 * that one; `services.samba.openFirewall` opens TCP 139/445 and UDP 137/138 (samba.nix). With
 * `networking.firewall.enable = false` nothing is filtered: where the file serves SMB, everything is open.
 */
import { InterfaceClassifier } from '../../analysis/interfaces';
import type { AccessRule, InterfaceEvidence, InterfaceMatch, PortItem, RuleList, RuleModel } from '../../model/rule';
import type { ParseProblem, Span } from '../../types';
import { allowList, ANY_SOURCE, portItem, portMatch, pushRule } from '../kubernetes/rule-build';
import { definitions, pathText, type Definition } from './options';
import { parseNix, type NixValue } from './parse';
import { extraCommandRules } from './extra-commands';
import { pushAll } from '../../text/arrays';

const LIST_KEYS: Record<string, { protocol: 'tcp' | 'udp'; ranges: boolean }> = {
  allowedTCPPorts: { protocol: 'tcp', ranges: false },
  allowedUDPPorts: { protocol: 'udp', ranges: false },
  allowedTCPPortRanges: { protocol: 'tcp', ranges: true },
  allowedUDPPortRanges: { protocol: 'udp', ranges: true },
};
const SMB_TCP = [139, 445];
const SMB_UDP = [137, 138];

/** What a fix needs to find its way back into the text. */
export type NixNative =
  | { kind: 'ports'; def: Definition; protocol: 'tcp' | 'udp'; ranges: boolean; iface?: string; items: { node: NixValue; range: [number, number] }[] }
  | { kind: 'open-firewall'; def: Definition };

export interface NixListNative {
  /** `networking.firewall.enable = false`, when it decides the policy. */
  disabled?: Definition;
  /** Per-interface port lists by interface and option name, so a move adds to an existing list. */
  perInterface: Map<string, Definition>;
  /** Interfaces the file trusts or opens ports on that are internal by name or by `trustedInterfaces`. */
  internal: string[];
  defs: Definition[];
}

const FW = ['networking', 'firewall'];
const startsWith = (path: string[], prefix: string[]) => prefix.every((p, i) => path[i] === p);
const is = (path: string[], full: string[]) => path.length === full.length && startsWith(path, full);

/** An interface name as NixOS passes it to iptables (`-i wg+`) or nftables (`iifname "wg*"`). */
function ifaceItem(name: string, span: Span): InterfaceMatch['items'][number] {
  const prefix = name.endsWith('+') || name.endsWith('*');
  return { name: prefix ? name.slice(0, -1) : name, prefix: prefix || undefined, span };
}

export function extractNixos(text: string): RuleModel {
  const file = parseNix(text);
  const problems: ParseProblem[] = [...file.problems];
  const defs = definitions(text, file.root);
  const native: NixListNative = { perInterface: new Map(), internal: [], defs };
  const list: RuleList = { ...allowList('nixos/firewall', 'NixOS firewall', native), policyText: 'refuses what no option opens' };
  const evidence: InterfaceEvidence[] = [];
  let sambaEnabled: boolean | undefined;
  let servesSmb = false;
  let disabled: Definition | undefined;
  const openFirewall: Definition[] = [];
  const extra: Definition[] = [];

  for (const def of defs) {
    const p = def.path;
    // Under a condition too: an openFirewall under the same mkIf opens nothing either way.
    if (is(p, ['services', 'samba', 'enable']) && def.value.kind === 'bool') sambaEnabled = def.value.value;
    else if (is(p, ['services', 'samba', 'openFirewall']) && def.value.kind === 'bool' && def.value.value) openFirewall.push(def);
    else if (is(p, [...FW, 'enable']) && def.value.kind === 'bool' && !def.value.value && !def.conditions.length) disabled = def;
    else if (is(p, [...FW, 'extraCommands'])) extra.push(def);
    else if (is(p, [...FW, 'trustedInterfaces']) && def.value.kind === 'list') {
      for (const item of def.value.items) {
        if (item.kind !== 'string' || !item.value) continue;
        evidence.push({ ...ifaceItem(item.value, item.span), class: 'internal', reason: 'listed in networking.firewall.trustedInterfaces' });
        native.internal.push(item.value);
      }
    } else if (startsWith(p, FW)) {
      const key = p[p.length - 1];
      const spec = LIST_KEYS[key];
      const perIface = p.length === 5 && p[2] === 'interfaces';
      if (!spec || !(p.length === 3 || perIface)) continue;
      const rule = portsRule(text, list, def, spec.protocol, spec.ranges, perIface ? p[3] : undefined);
      if (rule && perIface) native.perInterface.set(`${p[3]}/${key}`, def);
      if (rule && hasSmb(rule)) servesSmb = true;
    }
  }
  // The module opens the ports only while Samba is enabled; enabled elsewhere, the opening is conditional.
  if (sambaEnabled !== false) {
    for (const def of openFirewall) {
      const span = def.binding.span;
      const base = { sources: ANY_SOURCE, span, actionSpan: def.value.span, text: slice(text, span), native: { kind: 'open-firewall', def } satisfies NixNative };
      const label = `${pathText(def.binding.path, text)} (Samba)`;
      const tcp = pushRule(list, { ...base, label, protocol: 'tcp', ports: portMatch(SMB_TCP.map((n) => portItem([n, n], String(n), def.value.span))) });
      const udp = pushRule(list, { ...base, label, protocol: 'udp', ports: portMatch([portItem([137, 138], '137-138', def.value.span)]) });
      for (const r of [tcp, udp]) markConditional(r, sambaEnabled ? def.conditions : [...def.conditions, 'services.samba.enable set elsewhere']);
      servesSmb = true;
    }
  }
  if (sambaEnabled) servesSmb = true;
  for (const def of extra) {
    const { first, last } = extraCommandRules(text, def, problems);
    list.rules = [...first, ...list.rules];
    pushAll(list.rules, last);
    // Denies and accepts in their order: the lists's allows no longer stand each on its own.
    if (first.length || last.length) list.independentAllows = false;
  }
  list.rules.forEach((r, i) => (r.index = i));

  if (disabled) {
    // No firewall at all: the options open nothing more than what is already open.
    if (!servesSmb) return { lists: [], problems, interfaces: evidence };
    native.disabled = disabled;
    const off: RuleList = { ...allowList('nixos/firewall', 'NixOS firewall', native), policy: 'allow', policySpan: disabled.value.span, policyText: `${pathText(disabled.binding.path, text)} = false` };
    return { lists: [off], problems, interfaces: evidence };
  }
  const internal = new Set(native.internal);
  for (const def of defs) {
    const p = def.path;
    if (p.length === 5 && startsWith(p, [...FW, 'interfaces']) && !internal.has(p[3]) && byName.classify({ name: p[3] }).class === 'internal') {
      internal.add(p[3]);
      native.internal.push(p[3]);
    }
  }
  return { lists: list.rules.length ? [list] : [], problems, interfaces: evidence };
}

/** Interfaces internal by their name alone (the engine's conventions: bridges, VPNs): where a move of SMB is offered. */
const byName = new InterfaceClassifier({});

function markConditional(rule: AccessRule, conditions: string[]): void {
  if (!conditions.length) return;
  rule.conditional = true;
  rule.conditions = conditions;
}

const slice = (text: string, s: Span) => text.slice(s.offset, s.offset + s.length);

function hasSmb(rule: AccessRule): boolean {
  const smb = rule.protocol === 'tcp' ? SMB_TCP : SMB_UDP;
  return Array.isArray(rule.ports.ranges) && rule.ports.ranges.some(([a, b]) => smb.some((n) => a <= n && n <= b));
}

/** One rule per port list: its items are the ports (`139`) or ranges (`{ from = 137; to = 139; }`). */
function portsRule(text: string, list: RuleList, def: Definition, protocol: 'tcp' | 'udp', ranges: boolean, iface: string | undefined): AccessRule | undefined {
  const v = def.value;
  if (v.kind !== 'list' && v.kind !== 'concat') return undefined;
  const nodes = v.kind === 'list' ? v.items : v.parts.flatMap((p) => (p.kind === 'list' ? p.items : []));
  const items: { node: NixValue; range: [number, number] }[] = [];
  const ports: PortItem[] = [];
  for (const node of nodes) {
    const range = ranges ? rangeOf(node) : node.kind === 'int' ? ([node.value, node.value] as [number, number]) : undefined;
    if (!range || range[0] > range[1] || range[1] > 65535) continue;
    items.push({ node, range });
    ports.push(portItem(range, slice(text, node.span), node.span));
  }
  if (!ports.length) return undefined;
  const span = def.binding.span;
  const nameSpan = def.binding.path[def.binding.path.length - 1].span;
  const rule = pushRule(list, {
    label: pathText(def.binding.path, text),
    protocol,
    ports: portMatch(ports, v.span),
    sources: ANY_SOURCE,
    span,
    actionSpan: nameSpan,
    text: slice(text, span),
    native: { kind: 'ports', def, protocol, ranges, iface, items } satisfies NixNative,
  });
  if (iface !== undefined) {
    const at = def.parts[def.parts.length - 2].span;
    rule.scope = { in: { items: [ifaceItem(iface, at)], negated: false, span: at } };
  }
  markConditional(rule, def.conditions);
  return rule;
}

/** `{ from = 137; to = 139; }` → [137, 139]; anything else (a name, a missing bound) is not read. */
function rangeOf(node: NixValue): [number, number] | undefined {
  if (node.kind !== 'attrs') return undefined;
  let from: number | undefined;
  let to: number | undefined;
  for (const b of node.bindings) {
    if (b.path.length !== 1 || b.value.kind !== 'int') continue;
    if (b.path[0].name === 'from') from = b.value.value;
    if (b.path[0].name === 'to') to = b.value.value;
  }
  return from !== undefined && to !== undefined ? [from, to] : undefined;
}
