/** Builds the rule model: one first-match list per ACL (and direction it is applied in), ending in the implicit deny. */
import type { AccessRule, Direction, InterfaceItem, RuleList, RuleModel } from '../../model/rule';
import { parseAce, type ParsedAce } from './ace';
import { readConfig, type Acl, type Binding, type Config, type RawEntry } from './config';
import { ifaceName, interfaceEvidence } from './interfaces';
import type { Service } from './objects';
import { normalizePorts } from '../../model/ports';

/** What fixes need about an ACE: its raw line and parse, and its ACL. */
export interface RuleNative {
  acl: Acl;
  entry: RawEntry;
  ace: ParsedAce;
  /** Position of the entry within its ACL (remarks excluded). */
  position: number;
}

export interface ListNative {
  acl: Acl;
}

export const POLICY_TEXT = 'implicit deny at the end of the ACL';

/** A last entry that denies all IP traffic ("deny ip any any", with or without log): what the traffic meets is that
 *  written deny, not the implicit one, and messages say so. Anchored and without nested repeats: linear. */
const DENY_ALL = /\bdeny\s+(?:ip|ipv6)\s+any[46]?\s+any[46]?(?:\s+log(?:-input)?)?\s*$/i;

function policyTextOf(rules: readonly AccessRule[]): string {
  const last = rules.at(-1);
  return last && last.action === 'deny' && !last.conditional && DENY_ALL.test(last.text) ? `explicit deny at ${last.label}` : POLICY_TEXT;
}

export function extractCisco(text: string): RuleModel {
  const cfg = readConfig(text);
  const problems = [...cfg.problems];
  // Interface sections or ACL bindings make a full configuration: an ACL it applies nowhere filters nothing
  // today (latent). A file with neither is a snippet: its ACLs are read as if applied inbound everywhere.
  const full = cfg.applied.size > 0 || cfg.ifaces.length > 0;
  const evidence = interfaceEvidence(cfg.ifaces, cfg.routes);
  const internal = new Map(evidence.filter((e) => e.class === 'internal').map((e) => [e.name, e.reason]));
  const lists: RuleList[] = [];
  for (const acl of cfg.acls.values()) {
    const rules = rulesOf(text, cfg, acl, problems);
    const list = (id: string, direction: Direction, entry: boolean): RuleList => ({
      id,
      // "access-list 110 line 4" reads better than "110 line 4" in messages.
      name: acl.platform === 'ios' && !acl.block && /^\d+$/.test(acl.name) ? `access-list ${acl.name}` : acl.name,
      direction,
      families: acl.kind === 'ipv6' ? 'ipv6' : acl.platform === 'asa' ? 'both' : 'ipv4',
      entry,
      policy: 'deny',
      policySpan: acl.nameTok.span,
      policyText: policyTextOf(rules),
      rules,
      endOffset: acl.endOffset,
      native: { acl } satisfies ListNative,
    });
    const bindings = cfg.applied.get(acl.name);
    if (!bindings) {
      // ACLs that NAT, route maps, VTY lines or class maps use, and standard ACLs, are no interface filters.
      const filter = acl.kind !== 'standard' && !cfg.otherUses.has(acl.name);
      const l = list(`acl/${acl.name}`, 'in', filter);
      if (filter && full) l.unapplied = true;
      lists.push(l);
      continue;
    }
    // One list per direction, scoped to every interface it is applied on: the engine walks it once per
    // interface (a bounded number) and grades each walk by what that interface faces.
    const inbound = uniqueBindings(bindings.filter((b) => b.direction === 'in'));
    if (inbound.length) {
      const l = list(`acl/${acl.name}`, 'in', true);
      // ASA "global" applies it everywhere: no scope.
      if (inbound.every((b) => b.iface)) l.scope = { in: { items: inbound.map(itemOf), negated: false, span: inbound[0].span } };
      lists.push(l);
    }
    // Out on an interface the file calls internal, the ACL filters traffic routed into the LAN from the other
    // interfaces: its sources are the peers (forward). Elsewhere "out" is traffic leaving (docs/formats/cisco.md).
    // Neither carries a list-level `out` scope: the engine reads it as "may not match", and would trust no deny.
    const outbound = uniqueBindings(bindings.filter((b) => b.direction === 'out'));
    const intoLan = outbound.filter((b) => internal.has(bindingName(b)));
    if (intoLan.length) {
      const l = list(`acl/${acl.name}/forward`, 'forward', true);
      const named = intoLan.slice(0, 3).map((b) => `${bindingName(b)} (${internal.get(bindingName(b))})`);
      const where = named.join(', ') + (intoLan.length > 3 ? ` and ${intoLan.length - 3} more` : '');
      l.note = `${l.name} is applied out on ${where}: it filters what is routed into that network, whichever interface it arrived on.`;
      lists.push(l);
    }
    if (outbound.length > intoLan.length) lists.push(list(`acl/${acl.name}/out`, 'out', true));
  }
  // Object groups are flattened while the ACEs are read: the budget's problem, if any, comes last.
  problems.push(...cfg.objects.budget.problems);
  return { lists, problems, interfaces: evidence };
}

function bindingName(b: Binding): string {
  if (!b.iface) return '*';
  return 'name' in b.iface ? ifaceName(b.iface) : b.iface.nameif.text;
}

/** The interface a binding applies the ACL on (the caller keeps ASA `global` bindings out). */
function itemOf(b: Binding): InterfaceItem {
  const i = b.iface;
  const span = !i ? b.span : 'name' in i ? (i.nameif?.span ?? i.nameSpan) : i.nameif.span;
  return { name: bindingName(b), span };
}

/** The same interface written twice (a pasted line) is one binding. */
function uniqueBindings(bs: Binding[]): Binding[] {
  const seen = new Set<string>();
  return bs.filter((b) => {
    const key = bindingName(b).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function rulesOf(text: string, cfg: Config, acl: Acl, problems: RuleModel['problems']): AccessRule[] {
  const rules: AccessRule[] = [];
  acl.entries.forEach((entry, position) => {
    const ace = parseAce(entry.line.tokens, entry.at, { platform: acl.platform, kind: acl.kind, objects: cfg.objects });
    problems.push(...ace.problems);
    if (ace.trailingSeq && entry.seq === undefined) {
      entry.seq = Number(ace.trailingSeq.text);
      entry.seqStyle = 'suffix';
    }
    if (ace.rejected || !ace.source || (acl.kind !== 'standard' && !ace.destination)) return;
    const first = entry.line.tokens[0];
    const last = entry.line.tokens[entry.line.tokens.length - 1];
    const span = { offset: first.span.offset, length: last.span.offset + last.span.length - first.span.offset };
    for (const service of mergeServices(ace.services)) {
      const protocol = service.protocol === 'tcp-udp' ? 'any' : service.protocol;
      rules.push(toRule(text, acl, entry, ace, service, protocol, span, position, rules.length));
    }
  });
  return rules;
}

/** One service per protocol where the ports can be merged (a port group's members are one rule, not several:
 *  the engine reports each rule once, with all the services it admits). */
function mergeServices(services: Service[]): Service[] {
  const out: Service[] = [];
  for (const s of services) {
    const same = out.find((o) => o.protocol === s.protocol && o.conditional === s.conditional && !o.negated && !s.negated);
    if (!same) out.push({ ...s, ports: Array.isArray(s.ports) ? [...s.ports] : s.ports });
    else if (same.ports === undefined || s.ports === undefined) same.ports = undefined;
    else if (same.ports === 'unknown' || s.ports === 'unknown') same.ports = 'unknown';
    else same.ports = normalizePorts([...same.ports, ...s.ports]);
  }
  return out;
}

/** What the rule's match depends on beyond addresses and ports, as written; undefined when nothing. */
function conditionsOf(ace: ParsedAce, service: Service, entry: RawEntry): string[] | undefined {
  if (!ace.conditions.length && !service.conditional && !entry.dynamic) return undefined;
  const all = [...ace.conditions];
  if (service.conditional) all.push('a source port (service object)');
  if (entry.dynamic) all.push('a lock-and-key login (dynamic)');
  return all;
}

function toRule(text: string, acl: Acl, entry: RawEntry, ace: ParsedAce, service: Service, protocol: AccessRule['protocol'], span: AccessRule['span'], position: number, index: number): AccessRule {
  const literalPorts = ace.dport && ace.services.length === 1;
  return {
    index,
    label: entry.seq !== undefined ? `sequence ${entry.seq}` : `line ${position + 1}`,
    action: ace.inactive ? 'log' : ace.action,
    protocol,
    ports: {
      ranges: service.ports,
      items: literalPorts && ace.dport ? ace.dport.items.map((p) => ({ range: p.range, text: p.token.text, span: p.token.span })) : [],
      negated: service.negated,
      span: ace.dportSpan,
    },
    sources: { items: ace.source?.items ?? [], negated: false, span: ace.source?.span },
    destinations: { items: ace.destination?.items ?? [], negated: false, span: ace.destination?.span },
    conditional: ace.conditional || service.conditional || entry.dynamic,
    conditions: conditionsOf(ace, service, entry),
    establishedOnly: ace.establishedOnly,
    span,
    actionSpan: ace.actionTok.span,
    protocolSpan: ace.protocolSpan,
    text: text.slice(span.offset, span.offset + span.length),
    native: { acl, entry, ace, position } satisfies RuleNative,
  };
}
