/** The NetSecurity cmdlets (`New-NetFirewallRule`, `Set-NetFirewallProfile` …), replayed into the firewall state. */
import type { Firewall, FwRule, Selector } from './state';
import { PROFILES, profilesOf } from './state';
import { addCondition, applyScope, type ScopeKey, type ScopePart, type Scoped } from './scope';
import type { Param, Stmt, Tok } from './tokens';
import { param, spanEnd } from './tokens';
import { boolOf, protocolOf } from './values';

const one = (p: Param | undefined): Tok | undefined => p?.value?.items[0];
const field = (p: Param | undefined, stmt: Stmt) => (p?.value ? { val: p.value, stmt } : undefined);

/** Conditions the engine cannot evaluate: the rule may not apply to every connection. */
const CONDITIONS = ['authentication', 'encryption', 'remoteuser', 'remotemachine', 'localuser', 'owner', 'package', 'localaddress'];
/** Parameters that say where the rule applies. */
const SCOPE_PARAMS: [string, ScopeKey][] = [['profile', 'profile'], ['interfacealias', 'alias'], ['interfacetype', 'type'], ['program', 'program'], ['service', 'service']];

/** A parameter as the script writes it (`-Program $exe`), for messages. */
const written = (text: string, p: Param) => `-${p.key.text}${p.value ? ` ${text.slice(p.value.span.offset, spanEnd(p.value.span))}` : ''}`;

const SCOPE_NAMES: ReadonlySet<string> = new Set([...SCOPE_PARAMS.map(([name]) => name), ...CONDITIONS]);

/** Reads the statement's scope parameters into the rule's scope, and its other conditions. One pass over the
 *  parameters (most statements name one of these, or none), the last of a repeated one winning as in `param`. */
function readScope(text: string, stmt: Stmt, r: Scoped): void {
  let named: Map<string, Param> | undefined;
  for (const p of stmt.params) if (SCOPE_NAMES.has(p.name)) (named ??= new Map()).set(p.name, p);
  if (!named) return;
  const parts: ScopePart[] = [];
  for (const [name, key] of SCOPE_PARAMS) {
    const p = named.get(name);
    if (p?.value) parts.push({ key, val: p.value, written: written(text, p) });
  }
  applyScope(r, parts);
  for (const name of CONDITIONS) {
    const p = named.get(name);
    const v = one(p)?.text.toLowerCase();
    if (p && v !== undefined && v !== 'any' && v !== 'notrequired') addCondition(r, written(text, p));
  }
}

/** A parameter written without its value (a half-typed line): reported, and the command is not used. */
function missingValue(stmt: Stmt, fw: Firewall): boolean {
  const bare = stmt.params.find((p) => !p.value && !p.splat && p.name !== 'all' && p.name !== 'passthru' && p.name !== 'confirm' && p.name !== 'whatif' && p.name !== 'asjob');
  if (bare) fw.problem(bare.key.span, `-${bare.key.text} has no value`);
  return !!bare;
}

export function applyCmdlet(text: string, stmt: Stmt, fw: Firewall): void {
  const name = stmt.head.text.toLowerCase();
  if (!name.includes('-netfirewall')) return;
  if (missingValue(stmt, fw)) return;
  switch (name) {
    case 'new-netfirewallrule':
      return newRule(text, stmt, fw);
    case 'set-netfirewallrule':
    case 'enable-netfirewallrule':
    case 'disable-netfirewallrule':
    case 'remove-netfirewallrule':
      return changeRules(text, name, stmt, fw);
    case 'set-netfirewallprofile':
      return setProfile(stmt, fw);
  }
}

function newRule(text: string, stmt: Stmt, fw: Firewall): void {
  // A splatted variable we cannot read may hold any parameter (-RemoteAddress, -Enabled, -Action): the rule is
  // unknown, left out without a problem, as a rule with an unknown direction or action is.
  if (stmt.params.some((p) => p.name === '@splat')) return;
  const display = one(param(stmt, 'displayname')) ?? one(param(stmt, 'name'));
  if (!display) {
    fw.problem(stmt.head.span, 'New-NetFirewallRule needs -DisplayName');
    return;
  }
  const dirTok = one(param(stmt, 'direction'));
  const actionTok = one(param(stmt, 'action'));
  const dir = dirTok ? dirTok.text.toLowerCase() : 'inbound';
  const action = actionTok ? actionTok.text.toLowerCase() : 'allow';
  const protocolTok = one(param(stmt, 'protocol'));
  const protocol = protocolOf(protocolTok);
  const enabledTok = one(param(stmt, 'enabled'));
  const enabled = enabledTok ? boolOf(enabledTok) : true;
  // A direction, action, protocol or state we cannot know: the rule is left out rather than guessed.
  if ((dir !== 'inbound' && dir !== 'outbound') || (action !== 'allow' && action !== 'block') || !protocol || enabled === undefined) {
    const bad = [dirTok, actionTok].find((t) => t && !t.unknown && !/^(?:inbound|outbound|allow|block|notconfigured)$/i.test(t.text));
    if (bad) fw.problem(bad.span, `"${bad.text}" is not a valid value here`);
    return;
  }
  const bypassP = param(stmt, 'overrideblockrules');
  const bypass = boolOf(one(bypassP)) === true;
  const rule: FwRule = {
    title: display.text,
    display: display.text.toLowerCase(),
    id: one(param(stmt, 'name'))?.text.toLowerCase(),
    group: one(param(stmt, 'group'))?.text.toLowerCase(),
    dir: dir === 'inbound' ? 'in' : 'out',
    action: action === 'block' ? 'deny' : 'allow',
    bypass,
    protocol,
    protocolTok,
    ports: field(param(stmt, dir === 'inbound' ? 'localport' : 'remoteport'), stmt),
    remote: field(param(stmt, 'remoteaddress'), stmt),
    local: field(param(stmt, 'localaddress'), stmt),
    enabled,
    conditional: false,
    conditions: bypass && bypassP ? [written(text, bypassP)] : [],
    where: {},
    actionTok,
    enabledField: field(param(stmt, 'enabled'), stmt),
    stmt,
    touched: stmt,
  };
  readScope(text, stmt, rule);
  rule.conditional = rule.conditions.length > 0;
  fw.rules.push(rule);
  fw.note(stmt, stmt.end);
}

function selectors(stmt: Stmt): Selector[] | undefined {
  const out: Selector[] = [];
  const add = (p: Param | undefined, by: Selector['by']) => {
    for (const t of p?.value?.items ?? []) if (!t.unknown) out.push({ by, pattern: t.text.toLowerCase() });
  };
  add(param(stmt, 'name'), 'name');
  add(param(stmt, 'displayname'), 'display');
  add(param(stmt, 'displaygroup'), 'group');
  add(param(stmt, 'group'), 'group');
  // Enable-NetFirewallRule "FPS-SMB-In-TCP": the first positional value is -Name.
  if (!out.length && stmt.positionals[0]) for (const t of stmt.positionals[0].items) if (!t.unknown) out.push({ by: 'name', pattern: t.text.toLowerCase() });
  if (out.length) return out;
  // Get-NetFirewallRule -DisplayGroup … | Enable-NetFirewallRule
  const src = stmt.piped;
  if (src && src.head.text.toLowerCase() === 'get-netfirewallrule') return selectors(src);
  return undefined;
}

function changeRules(text: string, name: string, stmt: Stmt, fw: Firewall): void {
  const sels = selectors(stmt);
  if (!sels) return;
  const rules = [...new Set(sels.flatMap((s) => fw.select(s, stmt)))];
  fw.note(stmt, stmt.end);
  if (name === 'remove-netfirewallrule') return fw.remove(rules);
  const enabledP = param(stmt, 'enabled');
  const enabled = name === 'enable-netfirewallrule' ? true : name === 'disable-netfirewallrule' ? false : enabledP ? boolOf(one(enabledP)) : undefined;
  const actionTok = one(param(stmt, 'action'));
  const protocolTok = one(param(stmt, 'protocol'));
  for (const r of rules) {
    if (enabled !== undefined) {
      r.enabled = enabled;
      r.enabledField = field(enabledP, stmt);
    } else if (enabledP) continue; // -Enabled $x: we cannot tell
    if (actionTok && /^(?:allow|block)$/i.test(actionTok.text)) {
      r.action = actionTok.text.toLowerCase() === 'block' ? 'deny' : 'allow';
      r.actionTok = actionTok;
    }
    const p = protocolOf(protocolTok);
    if (protocolTok && p && !r.fixedPorts) {
      r.protocol = p;
      r.protocolTok = protocolTok;
    }
    const remote = field(param(stmt, 'remoteaddress'), stmt);
    if (remote) r.remote = remote;
    const ports = field(param(stmt, r.dir === 'in' ? 'localport' : 'remoteport'), stmt);
    if (ports && !r.fixedPorts) r.ports = ports;
    const newName = one(param(stmt, 'newdisplayname'));
    if (newName) {
      r.display = newName.text.toLowerCase();
      r.title = newName.text;
    }
    readScope(text, stmt, r);
    r.conditional = r.conditions.length > 0;
    r.touched = stmt;
  }
}

function setProfile(stmt: Stmt, fw: Firewall): void {
  const named = param(stmt, 'profile')?.value ?? param(stmt, 'name')?.value ?? stmt.positionals[0];
  if (named?.unknown) return;
  const profiles = named ? profilesOf(named.items.map((i) => i.text)) : PROFILES;
  if (!profiles) return;
  const enabledTok = one(param(stmt, 'enabled'));
  const on = boolOf(enabledTok);
  if (enabledTok && on !== undefined) fw.setOff(profiles, on ? undefined : { stmt, tok: enabledTok, profiles });
  const inbound = one(param(stmt, 'defaultinboundaction'));
  const allow = inbound && !inbound.unknown ? inbound.text.toLowerCase() : undefined;
  if (inbound && allow === 'allow') fw.setInbound(profiles, { stmt, tok: inbound, profiles });
  else if (allow === 'block' || allow === 'notconfigured') fw.setInbound(profiles, undefined);
  fw.note(stmt, stmt.end);
}
