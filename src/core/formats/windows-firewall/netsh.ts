/** `netsh advfirewall …` and the legacy `netsh firewall …` commands, replayed into the firewall state. */
import type { Firewall, FwRule, ProfileName, Selector } from './state';
import { PROFILES, profilesOf } from './state';
import type { Stmt, Tok, Val } from './tokens';
import { boolOf, netshValue, protocolOf } from './values';
import { addCondition, applyScope, type ScopeKey, type ScopePart, type Scoped } from './scope';

type Kv = Map<string, { word: Tok; val: Val }>;

function kvs(text: string, words: Tok[]): Kv {
  const out: Kv = new Map();
  for (const word of words) {
    const val = netshValue(text, word);
    if (val) out.set(word.text.slice(0, word.text.indexOf('=')).toLowerCase(), { word, val });
  }
  return out;
}

const first = (kv: Kv, key: string) => kv.get(key)?.val.items[0];
/** name= and group= are one string, commas included (`group="@FirewallAPI.dll,-28502"`); other tags are lists. */
function whole(kv: Kv, key: string): Tok | undefined {
  const e = kv.get(key);
  return e && { ...e.val.items[0], text: e.word.text.slice(e.word.text.indexOf('=') + 1), span: e.val.span };
}

/**
 * netsh takes a tag and its value with spaces around the `=` (Microsoft's own SQL Server firewall page writes
 * `netsh advfirewall firewall add rule name = SQLPort dir = in …`): "name", "=", "x" (or "name=", "x", or
 * "name", "=x") are one "name=x" word whose span runs from the tag to the value.
 */
function joinTags(words: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const parts = w.text === '=' || w.text.includes('=') ? [w] : words[i + 1]?.text === '=' && words[i + 2] ? [w, words[i + 1], words[i + 2]] : words[i + 1]?.text.startsWith('=') ? [w, words[i + 1]] : [w];
    if (parts.length === 1 && w.text.endsWith('=') && w.text.indexOf('=') === w.text.length - 1 && words[i + 1] && !words[i + 1].text.includes('=')) parts.push(words[i + 1]);
    if (parts.length === 1) {
      out.push(w);
      continue;
    }
    const last = parts[parts.length - 1];
    out.push({
      text: parts.map((p) => p.text).join(''),
      span: { offset: w.span.offset, length: last.span.offset + last.span.length - w.span.offset },
      literal: parts.every((p) => p.literal),
      unknown: parts.some((p) => p.unknown),
    });
    i += parts.length - 1;
  }
  return out;
}

export function applyNetsh(text: string, stmt: Stmt, fw: Firewall): void {
  stmt.words = joinTags(stmt.words);
  const w = stmt.words.map((x) => x.text.toLowerCase());
  if (w[0] === 'advfirewall') advfirewall(text, stmt, w, fw);
  else if (w[0] === 'firewall') legacy(text, stmt, w, fw);
}

function advfirewall(text: string, stmt: Stmt, w: string[], fw: Firewall): void {
  if (w[1] === 'firewall' && w[3] === 'rule') {
    const rest = stmt.words.slice(4);
    if (w[2] === 'add') addRule(text, stmt, kvs(text, rest), fw);
    else if (w[2] === 'set') setRule(text, stmt, rest, fw);
    else if (w[2] === 'delete') {
      const sel = selectorOf(kvs(text, rest));
      if (sel) fw.remove(fw.select(sel, stmt));
    }
    return;
  }
  if (w[1] === 'reset') {
    fw.rules.length = 0;
    fw.setOff(PROFILES, undefined);
    fw.setInbound(PROFILES, undefined);
    return;
  }
  if (w[1] !== 'set' || !w[2]) return;
  const profiles = profilesOf([w[2]]);
  const value = stmt.words[4];
  if (!profiles || !value) return;
  if (w[3] === 'state') {
    const on = boolOf(value);
    if (on === undefined) return;
    fw.setOff(profiles, on ? undefined : { stmt, tok: value, profiles });
    fw.note(stmt, stmt.end);
  } else if (w[3] === 'firewallpolicy') {
    const inbound = value.text.toLowerCase().split(',')[0];
    if (inbound === 'allowinbound') {
      const raw = text.slice(value.span.offset, value.span.offset + value.span.length).toLowerCase();
      const at = raw.indexOf('allowinbound');
      const tok = value.literal && at >= 0 ? { ...value, text: 'allowinbound', span: { offset: value.span.offset + at, length: 12 } } : value;
      fw.setInbound(profiles, { stmt, tok, profiles });
    } else if (inbound.startsWith('blockinbound')) fw.setInbound(profiles, undefined);
    fw.note(stmt, stmt.end);
  }
}

function selectorOf(kv: Kv): Selector | undefined {
  const name = whole(kv, 'name');
  if (name && !name.unknown) return { by: 'display', pattern: name.text.toLowerCase() };
  const group = whole(kv, 'group');
  if (group && !group.unknown) return { by: 'group', pattern: group.text.toLowerCase() };
  return undefined;
}

/** Conditions the engine cannot evaluate: the rule may not apply to every connection. */
const CONDITIONS = ['security', 'rmtcomputergrp', 'rmtusrgrp', 'localip'];
/** Keys that say where the rule applies (`interface=` is the legacy `netsh firewall` interface name). */
const SCOPE_KEYS: [string, ScopeKey][] = [['profile', 'profile'], ['interface', 'alias'], ['interfacetype', 'type'], ['program', 'program'], ['service', 'service']];

/** Reads the command's scope keys into the rule's scope, and its other conditions. */
function readScope(kv: Kv, r: Scoped): void {
  const parts: ScopePart[] = [];
  for (const [name, key] of SCOPE_KEYS) {
    const e = kv.get(name);
    if (e) parts.push({ key, val: e.val, written: e.word.text });
  }
  applyScope(r, parts);
  for (const key of CONDITIONS) {
    const v = first(kv, key)?.text.toLowerCase();
    if (v !== undefined && v !== 'any' && v !== 'notrequired') addCondition(r, kv.get(key)!.word.text);
  }
}

function addRule(text: string, stmt: Stmt, kv: Kv, fw: Firewall): void {
  const name = whole(kv, 'name');
  const dirTok = first(kv, 'dir');
  const actionTok = first(kv, 'action');
  if (!name || !dirTok || !actionTok) {
    fw.problem(stmt.span, 'netsh "add rule" needs name=, dir= and action=');
    return;
  }
  const dir = dirTok.text.toLowerCase();
  const action = actionTok.text.toLowerCase();
  const protocol = protocolOf(first(kv, 'protocol'));
  const enabled = kv.has('enable') ? boolOf(first(kv, 'enable')) : true;
  if ((dir !== 'in' && dir !== 'out') || !['allow', 'block', 'bypass'].includes(action) || !protocol || enabled === undefined) {
    if (!dirTok.unknown && !actionTok.unknown && dir !== 'in' && dir !== 'out') fw.problem(dirTok.span, `"dir=${dirTok.text}" is neither in nor out`);
    else if (!actionTok.unknown && !['allow', 'block', 'bypass'].includes(action)) fw.problem(actionTok.span, `"action=${actionTok.text}" is not allow, block or bypass`);
    return;
  }
  const field = (key: string) => (kv.has(key) ? { val: kv.get(key)!.val, stmt } : undefined);
  const rule: FwRule = {
    title: name.text,
    display: name.text.toLowerCase(),
    group: whole(kv, 'group')?.text.toLowerCase(),
    dir,
    action: action === 'block' ? 'deny' : 'allow',
    bypass: action === 'bypass',
    protocol,
    protocolTok: first(kv, 'protocol'),
    ports: field(dir === 'in' ? 'localport' : 'remoteport'),
    remote: field('remoteip'),
    local: field('localip'),
    enabled,
    conditional: false,
    conditions: action === 'bypass' ? [actionTok.text.includes('=') ? actionTok.text : `action=${actionTok.text}`] : [],
    where: {},
    actionTok,
    enabledField: field('enable'),
    stmt,
    touched: stmt,
  };
  readScope(kv, rule);
  rule.conditional = rule.conditions.length > 0;
  fw.rules.push(rule);
  fw.note(stmt, stmt.end);
}

/** `set rule name=… [dir=…] new key=value …`: changes every rule the selector names. */
function setRule(text: string, stmt: Stmt, words: Tok[], fw: Firewall): void {
  const at = words.findIndex((x) => x.text.toLowerCase() === 'new');
  if (at < 0) return;
  const sel = kvs(text, words.slice(0, at));
  const selector = selectorOf(sel);
  if (!selector) return;
  const dir = first(sel, 'dir')?.text.toLowerCase();
  const kv = kvs(text, words.slice(at + 1));
  const enable = kv.has('enable') ? boolOf(first(kv, 'enable')) : undefined;
  for (const r of fw.select(selector, stmt)) {
    if (dir && dir !== r.dir) continue;
    if (kv.has('enable')) {
      if (enable === undefined) continue;
      r.enabled = enable;
      r.enabledField = { val: kv.get('enable')!.val, stmt };
    }
    const action = first(kv, 'action');
    if (action && ['allow', 'block', 'bypass'].includes(action.text.toLowerCase())) {
      r.action = action.text.toLowerCase() === 'block' ? 'deny' : 'allow';
      r.actionTok = action;
    }
    if (kv.has('remoteip')) r.remote = { val: kv.get('remoteip')!.val, stmt };
    const portKey = r.dir === 'in' ? 'localport' : 'remoteport';
    if (kv.has(portKey) && !r.fixedPorts) r.ports = { val: kv.get(portKey)!.val, stmt };
    readScope(kv, r);
    r.conditional = r.conditions.length > 0;
    r.touched = stmt;
  }
  fw.note(stmt, stmt.end);
}

/** Legacy keywords in their positional order ("netsh firewall add portopening TCP 445 SMB ENABLE ALL"). */
const LEGACY_ORDER: Record<string, string[]> = {
  opmode: ['mode', 'exceptions', 'profile', 'interface'],
  portopening: ['protocol', 'port', 'name', 'mode', 'scope', 'addresses', 'profile', 'interface'],
  service: ['type', 'mode', 'scope', 'addresses', 'profile'],
};

function legacyArgs(text: string, words: Tok[], order: string[]): Map<string, Tok> {
  const out = new Map<string, Tok>();
  let next = 0;
  for (const word of words) {
    const eq = word.text.indexOf('=');
    if (eq > 0) {
      const val = netshValue(text, word);
      const tok = val && val.items.length === 1 ? val.items[0] : { ...word, text: word.text.slice(eq + 1) };
      out.set(word.text.slice(0, eq).toLowerCase(), tok);
    } else if (next < order.length) out.set(order[next++], word);
  }
  return out;
}

function legacy(text: string, stmt: Stmt, w: string[], fw: Firewall): void {
  const order = LEGACY_ORDER[w[2] ?? ''];
  if (!order || (w[1] !== 'set' && w[1] !== 'add' && w[1] !== 'delete')) return;
  const args = legacyArgs(text, stmt.words.slice(3), order);
  const profiles: ProfileName[] | undefined = args.get('profile') ? profilesOf([args.get('profile')!.text]) : PROFILES;
  const mode = args.get('mode');
  const on = mode ? boolOf(mode) : true;
  if (w[2] === 'opmode') {
    if (!mode || on === undefined || !profiles) return;
    fw.setOff(profiles, on ? undefined : { stmt, tok: mode, profiles });
    fw.note(stmt, stmt.end);
    return;
  }
  const isService = w[2] === 'service';
  if (isService && args.get('type')?.text.toLowerCase() !== 'fileandprint') return;
  const port = args.get('port');
  const key = isService ? 'legacy:fileandprint' : `legacy:${args.get('protocol')?.text.toLowerCase()}/${port?.text}`;
  const existing = fw.rules.filter((r) => r.display === key);
  fw.remove(existing);
  if (w[1] === 'delete' || on === false || on === undefined) return;
  const scopeTok = args.get('scope');
  const scope = scopeTok?.text.toLowerCase();
  const addresses = args.get('addresses');
  const proto = isService ? 'any' : protocolOf(args.get('protocol'));
  const portVal: Val | undefined = port && { items: [port], span: port.span, unknown: port.unknown, literal: port.literal };
  if (!proto || (!isService && !portVal)) return;
  const rule: FwRule = {
    title: isService ? 'File and Printer Sharing service' : `port ${port?.text}/${args.get('protocol')?.text ?? 'TCP'}`,
    display: key,
    dir: 'in',
    action: 'allow',
    bypass: false,
    protocol: proto === 'other' ? 'any' : proto,
    ports: isService ? undefined : { val: portVal as Val, stmt },
    fixedPorts: isService ? [[137, 139], [445, 445]] : undefined,
    remote: scope === 'custom' && addresses ? { val: { items: addresses.text.split(',').map((t) => ({ ...addresses, text: t, literal: false })), span: addresses.span, unknown: addresses.unknown, literal: false }, stmt } : undefined,
    scope: scope === 'all' ? 'any' : scope === 'subnet' ? 'local-subnet' : 'unknown',
    scopeTok,
    enabled: true,
    enabledField: mode ? { val: { items: [mode], span: mode.span, unknown: mode.unknown, literal: mode.literal }, stmt } : undefined,
    conditional: false,
    conditions: [],
    where: {},
    stmt,
    touched: stmt,
  };
  const parts: ScopePart[] = [];
  for (const [name, key] of [['profile', 'profile'], ['interface', 'alias']] as const) {
    const tok = args.get(name);
    if (tok) parts.push({ key, val: { items: [tok], span: tok.span, unknown: tok.unknown, literal: tok.literal }, written: `${name}=${tok.text}` });
  }
  applyScope(rule, parts);
  rule.conditional = rule.conditions.length > 0;
  fw.rules.push(rule);
  fw.note(stmt, stmt.end);
}
