/**
 * `networking.firewall.extraCommands`: shell lines the iptables backend runs after the options' rules and before
 * its final refuse (firewall-iptables.nix). They are read by the iptables script reader at their real place: the
 * document is blanked outside the string (same length, same line breaks), so every offset is the document's own.
 * `ip46tables` (the module's helper for both families) is read as `iptables`; jumps to `nixos-fw-accept` accept,
 * jumps to `nixos-fw-refuse`/`nixos-fw-log-refuse` refuse. Rules in INPUT come before the module's jump to nixos-fw.
 */
import type { AccessRule, RuleList } from '../../model/rule';
import type { ParseProblem } from '../../types';
import { extractIptables, type RuleDetail } from '../iptables/extract';
import type { Definition } from './options';

/** Rules that came from extraCommands: their fixes are the iptables reader's. */
export const extraRules = new WeakSet<AccessRule>();

const HELPER = 'ip46tables';

/** The document with everything outside `inner` blanked; `ip46tables` → `iptables  ` (same length). */
function masked(text: string, from: number, to: number): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  let inside = text.slice(from, to);
  for (let at = inside.indexOf(HELPER); at >= 0; at = inside.indexOf(HELPER, at + HELPER.length)) {
    inside = `${inside.slice(0, at)}iptables  ${inside.slice(at + HELPER.length)}`;
  }
  return blank(text.slice(0, from)) + inside + blank(text.slice(to));
}

function retarget(rule: AccessRule, text: string): AccessRule {
  const target = rule.target?.replace(/^v[46]\/filter\//, '');
  const action = target === 'nixos-fw-accept' ? 'allow' : target === 'nixos-fw-refuse' || target === 'nixos-fw-log-refuse' ? 'deny' : rule.action;
  const detail = rule.native as RuleDetail;
  // The prefix as written (`ip46tables `), so written fixes use the command the file uses.
  const native: RuleDetail = { ...detail, prefix: text.slice(rule.span.offset, rule.span.offset + detail.prefix.length) };
  const copy: AccessRule = {
    index: 0,
    label: `extraCommands: ${rule.label}`,
    action,
    target: action === rule.action ? rule.target : undefined,
    protocol: rule.protocol,
    ports: rule.ports,
    sources: rule.sources,
    destinations: rule.destinations,
    conditional: rule.conditional,
    conditions: rule.conditions,
    scope: rule.scope,
    establishedOnly: rule.establishedOnly,
    span: rule.span,
    actionSpan: rule.actionSpan,
    protocolSpan: rule.protocolSpan,
    text: text.slice(rule.span.offset, rule.span.offset + rule.span.length),
    native,
  };
  extraRules.add(copy);
  return copy;
}

/** The rules extraCommands adds, in the order the firewall meets them relative to the options' rules: INPUT's and
 *  those inserted at the head of nixos-fw come first (`first`), those appended to nixos-fw after (`last`). */
export function extraCommandRules(text: string, def: Definition, problems: ParseProblem[]): { first: AccessRule[]; last: AccessRule[] } {
  const first: AccessRule[] = [];
  const last: AccessRule[] = [];
  const v = def.value;
  if (v.kind !== 'string') return { first, last };
  const model = extractIptables(masked(text, v.inner.offset, v.inner.offset + v.inner.length), 'extraCommands.sh');
  problems.push(...model.problems);
  const chain = (name: string): RuleList | undefined => model.lists.find((l) => l.id === `v4/filter/${name}`);
  for (const r of chain('INPUT')?.rules ?? []) first.push(retarget(r, text));
  for (const r of chain('nixos-fw')?.rules ?? []) {
    const op = (r.native as RuleDetail).cmd.op;
    (op === 'insert' ? first : last).push(retarget(r, text));
  }
  return { first, last };
}
