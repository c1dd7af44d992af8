/**
 * Where a Windows Firewall rule applies: its profiles, interfaces (by alias or by type), program and service,
 * as `New-/Set-NetFirewallRule` parameters and netsh `key=value` words write them. The engine grades a rule by
 * them (see docs/formats/windows-firewall.md); what the file does not let us know stays a condition.
 */
import type { InterfaceItem, RuleScope } from '../../model/rule';
import { PROFILES, profilesOf } from './state';
import type { Val } from './tokens';

export type ScopeKey = 'profile' | 'alias' | 'type' | 'program' | 'service';

/** Interface types as the cmdlets name them; netsh writes lan/wireless/ras. */
const TYPES: Record<string, string> = { wired: 'Wired', lan: 'Wired', wireless: 'Wireless', remoteaccess: 'RemoteAccess', ras: 'RemoteAccess' };

const isAny = (val: Val) => val.items.length > 0 && val.items.every((t) => !t.unknown && /^(?:any|\*)$/i.test(t.text.trim()));

/**
 * Sets one part of `scope` from a written value ("Any" clears it). Returns the condition, as written, when the
 * value cannot be known (a variable, a word the firewall does not take): the rule may or may not apply then.
 */
function setScope(scope: RuleScope, key: ScopeKey, val: Val, written: string): string | undefined {
  const unknown = val.unknown || val.items.some((t) => t.unknown);
  if (key === 'profile') {
    const names = unknown ? undefined : profilesOf(val.items.map((t) => t.text));
    if (!names || names.length === PROFILES.length) scope.profiles = undefined;
    else scope.profiles = { names: profileList(names), span: val.span };
    return names ? undefined : written;
  }
  if (key === 'program' || key === 'service') {
    const tok = val.items[0];
    // Service "*" means "any service": every service process, which the System process serving SMB is not.
    if (!tok || (isAny(val) && !(key === 'service' && tok.text.trim() === '*'))) {
      scope[key] = undefined;
      return undefined;
    }
    if (unknown) {
      scope[key] = undefined;
      return written;
    }
    if (key === 'program') scope.program = { path: tok.text.trim(), span: tok.span };
    else scope.service = { name: tok.text.trim(), span: tok.span };
    return undefined;
  }
  if (isAny(val)) {
    scope.in = undefined;
    return undefined;
  }
  if (unknown) {
    scope.in = { items: [], negated: false, span: val.span, unknown: true };
    return undefined;
  }
  const items: InterfaceItem[] = [];
  for (const t of val.items) {
    const text = t.text.trim();
    if (key === 'type') {
      const name = TYPES[text.toLowerCase()];
      if (!name) return written;
      items.push({ name, span: t.span });
    } else {
      // -InterfaceAlias takes wildcard patterns: "Ethernet*" is every alias that starts with "Ethernet".
      const star = text.indexOf('*');
      if (star >= 0 && star < text.length - 1) {
        scope.in = { items: [], negated: false, span: val.span, unknown: true };
        return undefined;
      }
      items.push(star < 0 ? { name: text, span: t.span } : { name: text.slice(0, -1), prefix: true, span: t.span });
    }
  }
  scope.in = { items, negated: false, span: val.span };
  return undefined;
}

/** The profiles in their canonical order, one shared list per combination (there are six): thousands of rules
 *  scoped to `-Profile Domain` keep one list, not one each. Nothing changes a list once made. */
const profileLists = new Map<string, string[]>();
function profileList(names: readonly string[]): string[] {
  const list = PROFILES.filter((p) => names.includes(p));
  const key = list.join(',');
  let shared = profileLists.get(key);
  if (!shared) profileLists.set(key, (shared = list));
  return shared;
}

export interface Scoped {
  where: RuleScope;
  whereIn?: 'alias' | 'type';
  conditions: string[];
}

/** Where the command writes one part of the scope. */
export interface ScopePart {
  key: ScopeKey;
  val: Val;
  /** As written (`-Program $exe`, `profile=public`), for a condition's message. */
  written: string;
}

/** Applies a command's scope parts to a rule. An alias decides the interfaces over a type, which it narrows. */
export function applyScope(r: Scoped, parts: ScopePart[]): void {
  const alias = parts.some((p) => p.key === 'alias' && !isAny(p.val));
  for (const p of parts) {
    if (p.key === 'type' && alias) continue;
    const c = setScope(r.where, p.key, p.val, p.written);
    if (c) addCondition(r, c);
    if (p.key === 'alias' || p.key === 'type') r.whereIn = r.where.in ? p.key : undefined;
  }
}

/** Adds a condition once (a later Set- command may repeat it). */
export function addCondition(r: { conditions: string[] }, c: string): void {
  if (!r.conditions.includes(c)) r.conditions.push(c);
}

/** The scope, or undefined when it says nothing (so rules without one stay as they were). Cleared parts are set
 *  to undefined rather than deleted: a delete turns every rule's scope into a slow dictionary. */
export function scopeOrNone(scope: RuleScope): RuleScope | undefined {
  return scope.in || scope.out || scope.zone || scope.profiles || scope.program || scope.service ? scope : undefined;
}
