/**
 * Replays a PowerShell or batch script into the firewall state, then into the model. Windows Firewall is not
 * first-match: a block rule wins over every allow rule (an allow with "bypass"/-OverrideBlockRules excepted),
 * so each direction's list holds the bypass rules, then every block rule, then the allow rules.
 */
import type { Budget } from '../../analysis/budget';
import type { AccessRule, AddressItem, AddressMatch, HostSetting, RuleList, RuleModel } from '../../model/rule';
import { normalizePorts, type PortRange } from '../../model/ports';
import type { ParseProblem, Span } from '../../types';
import { lexBatch } from './batch-lexer';
import { applyCmdlet } from './cmdlets';
import { applyNetsh } from './netsh';
import { lexPowerShell } from './ps-lexer';
import { smb1Setting } from './smb1';
import { Firewall, PROFILES, type FwRule, type Written } from './state';
import type { Stmt } from './tokens';
import { programOf, spanEnd } from './tokens';
import { addressItemsOf, portsOf } from './values';
import { scopeOrNone } from './scope';
import { nextLineStart } from '../../text/lines';

/** What the fix writer needs about a rule: the firewall rules it stands for. */
export interface RuleNative {
  rules: FwRule[];
}

export interface ListNative {
  kind: 'inbound' | 'outbound' | 'off';
  /** The command that set the policy (firewall off, default inbound Allow). */
  written?: Written;
  /** The command after which an appended rule goes, for its style. */
  last?: Stmt;
}

export const BATCH_NAME = /\.(?:bat|cmd)$/i;

export function extractWindowsFirewall(text: string, uri: string, budget?: Budget): RuleModel {
  const batch = BATCH_NAME.test(uri) || (!/\.psm?1$/i.test(uri) && /^\s*@?echo\s+off\b/i.test(text.slice(0, 200)));
  const lexed = batch ? lexBatch(text) : lexPowerShell(text);
  const fw = new Firewall();
  const settings: HostSetting[] = [];
  for (const stmt of lexed.stmts) {
    // Out of time: the statements applied so far are modelled (the budget says how far).
    if (budget?.check('extraction', stmt.span.offset)) break;
    const program = programOf(stmt.head);
    if (program === 'netsh') applyNetsh(text, stmt, fw);
    else if (stmt.style === 'ps') applyCmdlet(text, stmt, fw);
    const s = smb1Setting(text, stmt);
    if (s) settings.push(s);
  }
  const problems: ParseProblem[] = [...lexed.problems, ...fw.problems];
  const lists = buildLists(text, fw, problems);
  return { lists, problems: problems.sort((a, b) => a.span.offset - b.span.offset), settings, ...(batch ? BATCH_COMMENTS : {}) };
}

/** cmd.exe runs a "#" line as a command: batch suppressions are written as REM and read after REM or ::. */
const BATCH_COMMENTS = { lineComment: 'REM', commentMarkers: ['REM', 'rem', 'Rem', '::'] } as const;

function buildLists(text: string, fw: Firewall, problems: ParseProblem[]): RuleList[] {
  const endOffset = fw.lastStmt ? nextLineStart(text, fw.lastEnd) : text.length;
  const allowIn = PROFILES.map((p) => fw.profiles[p].allowInbound).find((w) => w);
  const lists: RuleList[] = [];
  for (const dir of ['in', 'out'] as const) {
    const rules = fw.rules.filter((r) => r.enabled && r.dir === dir);
    const ordered = [...rules.filter((r) => r.bypass), ...rules.filter((r) => !r.bypass && r.action === 'deny'), ...rules.filter((r) => !r.bypass && r.action === 'allow')];
    const access = group(ordered).map((g, index) => toAccess(text, g, index, problems));
    const inbound = dir === 'in';
    lists.push({
      id: inbound ? 'inbound' : 'outbound',
      name: inbound ? 'Inbound' : 'Outbound',
      direction: dir,
      families: 'both',
      entry: true,
      policy: inbound && !allowIn ? 'deny' : 'allow',
      policySpan: inbound ? allowIn?.tok.span : undefined,
      policyText: inbound ? (allowIn ? policyWords(allowIn) : 'default action Block') : 'default action Allow',
      // Blocks win over allows whatever the order; allows never hide one another.
      independentAllows: true,
      rules: access,
      endOffset,
      native: { kind: inbound ? 'inbound' : 'outbound', written: inbound ? allowIn : undefined, last: fw.lastStmt } satisfies ListNative,
    });
  }
  // A firewall switched off admits everything, whatever the rules say: one list per command that did it.
  const offs = new Map<number, Written>();
  for (const p of PROFILES) {
    const w = fw.profiles[p].off;
    if (w) offs.set(w.tok.span.offset, w);
  }
  for (const w of offs.values()) {
    const still = w.profiles.filter((p) => fw.profiles[p].off === w);
    const which = still.length === PROFILES.length ? 'all profiles' : `the ${still.map((p) => p[0].toUpperCase() + p.slice(1)).join(', ')} profile${still.length > 1 ? 's' : ''}`;
    lists.push({
      id: `off@${w.tok.span.offset}`,
      name: 'Windows Firewall',
      direction: 'in',
      families: 'both',
      entry: true,
      policy: 'allow',
      policySpan: w.tok.span,
      policyText: `switched off for ${which}`,
      rules: [],
      endOffset,
      native: { kind: 'off', written: w } satisfies ListNative,
    });
  }
  return lists;
}

function policyWords(w: Written): string {
  return w.stmt.style === 'ps' && programOf(w.stmt.head) !== 'netsh' ? `DefaultInboundAction ${w.tok.text}` : `firewallpolicy ${w.tok.text}`;
}

/** Built-in rules switched on by one command become one rule per remote scope (all four services at once). */
function group(rules: FwRule[]): FwRule[][] {
  const out: FwRule[][] = [];
  const byKey = new Map<string, FwRule[]>();
  for (const r of rules) {
    if (!r.builtin) {
      out.push([r]);
      continue;
    }
    const key = `${r.action}|${r.touched.span.offset}|${r.remote ? `r${r.remote.val.span.offset}` : r.scope}`;
    const g = byKey.get(key);
    if (g) g.push(r);
    else {
      const fresh = [r];
      byKey.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

function scopeItems(r: FwRule, at: Span): AddressItem[] {
  const span = r.scopeTok?.span ?? at;
  if (r.scope === 'local-subnet') return [{ text: r.scopeTok?.text ?? 'LocalSubnet', span, value: { kind: 'local-subnet' } }];
  if (r.scope === 'unknown') return [{ text: r.scopeTok?.text ?? '', span, value: { kind: 'unknown' } }];
  return r.scopeTok ? [{ text: r.scopeTok.text, span, value: { kind: 'any' } }] : [];
}

function toAccess(text: string, rules: FwRule[], index: number, problems: ParseProblem[]): AccessRule {
  const r = rules[0];
  const anchor = r.builtin ? r.touched : r.stmt;
  const actionSpan = r.builtin ? (r.enabledField?.val.span ?? r.touched.head.span) : (r.actionTok?.span ?? r.stmt.head.span);
  const protocols = new Set(rules.map((x) => x.protocol));
  const fixed: PortRange[] = rules.flatMap((x) => x.fixedPorts ?? []);
  const ports = r.fixedPorts ? { ranges: normalizePorts(fixed), items: [] } : portsOf(r.ports?.val);
  const remote: AddressMatch = r.remote
    ? { items: addressItemsOf(r.remote.val, problems), negated: false, span: r.remote.val.span }
    : { items: scopeItems(r, actionSpan), negated: false };
  const local: AddressMatch = r.local ? { items: addressItemsOf(r.local.val, problems), negated: false, span: r.local.val.span } : { items: [], negated: false };
  const label = r.builtin ? `"File and Printer Sharing" ${r.remote ? '' : r.scope === 'any' ? '(Domain profile) ' : '(Private, Public profiles) '}rules` : `rule "${r.title}"`;
  const rule: AccessRule = {
    index,
    label,
    action: r.action,
    protocol: protocols.size > 1 ? 'any' : r.protocol,
    ports: { ranges: ports.ranges, items: ports.items, negated: false, span: r.ports?.val.span },
    sources: r.dir === 'in' ? remote : local,
    destinations: r.dir === 'in' ? local : remote,
    conditional: r.conditional,
    establishedOnly: false,
    span: anchor.span,
    actionSpan,
    protocolSpan: r.protocolTok?.span,
    text: text.slice(anchor.span.offset, spanEnd(anchor.span)),
    native: { rules } satisfies RuleNative,
    // In the literal, possibly undefined, rather than spread into it or added after it: a spread builds a
    // throwaway object per rule, and a field added later gives the rule a second shape and a property store of
    // its own (the 7 MB PowerShell bench took a third longer with the spread).
    conditions: r.conditions.length ? r.conditions : undefined,
    scope: scopeOrNone(r.where) ? r.where : undefined,
  };
  return rule;
}
