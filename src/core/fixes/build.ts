/** Builds a finding's fixes from the format's fix writer and picks the safest as preferred. */
import type { FormatModule, WriterResult } from '../formats/format';
import { describeServices, removePorts } from '../model/ports';
import type { ExposureGroup } from '../rules/rule';
import { TRUSTED_PLACEHOLDER, type ResolvedOptions } from '../analysis/options';
import type { LineIndex } from '../text/line-index';
import type { Fix, RuleId } from '../types';
import { removeRuleLines } from './remove-rule';
import { suppressionFix } from './suppress';

/** True when every port the rule names is one of the exposed SMB services: denying it loses nothing else. */
function onlySmbPorts(group: ExposureGroup): boolean {
  const ranges = group.rule?.ports.ranges;
  if (!Array.isArray(ranges) || group.rule?.ports.negated) return false;
  return removePorts(ranges, group.services.map((s) => s.port)).length === 0;
}

export function buildFixes(
  text: string,
  lines: LineIndex,
  format: FormatModule,
  group: ExposureGroup,
  ruleId: RuleId,
  options: ResolvedOptions,
  comment: string | undefined,
  commentClose?: string,
): Fix[] {
  const w = format.fixes;
  const { rule, list, services } = group;
  const names = describeServices(services);
  const fixes: Fix[] = [];
  const add = (fix: Omit<Fix, 'edits'>, written: WriterResult) => {
    if (!written) return;
    const { edits, title, usesSources = true } = Array.isArray(written) ? { edits: written, title: fix.title } : written;
    if (!edits.length) return;
    const made: Fix = { ...fix, title, edits };
    if (!usesSources && made.needsInput === 'trusted-sources') delete made.needsInput;
    fixes.push(made);
  };

  // Under a default-accept policy, narrowing or trimming the rule only hands the traffic to the policy.
  const policyAdmits = group.entry.policy === 'allow';
  if (rule) {
    if (group.direction !== 'out' && !policyAdmits) {
      const trusted = options.trustedSources;
      add(
        trusted.length
          ? { title: `Restrict the source to ${trusted.join(', ')}`, kind: 'restrict-source' }
          : { title: `Restrict the source to ${TRUSTED_PLACEHOLDER} (a placeholder: set smbGuard.trustedSources)`, kind: 'restrict-source', needsInput: 'trusted-sources' },
        w.restrictSource?.(text, rule, list, trusted.length ? trusted : [TRUSTED_PLACEHOLDER]),
      );
    }
    if (!policyAdmits) add({ title: `Remove ${names} from this rule`, kind: 'remove-ports' }, w.removeServices?.(text, rule, list, services));
    // In an allow-only list a rule that opens only SMB does nothing else: deleting it is the plain fix, where what
    // no rule decides is denied (not Windows' outbound default, which allows).
    if (list.independentAllows && group.entry.policy === 'deny' && rule.action === 'allow' && onlySmbPorts(group)) {
      add({ title: 'Remove this rule', kind: 'remove-rule' }, w.removeRule ? w.removeRule(text, rule, list) : removeRuleLines(text, rule));
    }
    add({ title: 'Change this rule to deny the traffic', kind: 'deny' }, w.deny?.(text, rule, list));
    add({ title: `Insert a rule denying ${names} before this one`, kind: 'insert-deny' }, w.insertDenyBefore?.(text, rule, list, services));
  } else {
    add({ title: `Deny ${names} at the end of ${list.name}`, kind: 'insert-deny' }, w.appendDeny?.(text, list, services));
  }
  const anchor = rule ? rule.span.offset : (list.policySpan?.offset ?? 0);
  const suppress = suppressionFix(text, lines, anchor, ruleId, comment, commentClose);
  if (suppress) fixes.push(suppress);

  const preferred = pickPreferred(fixes, group);
  if (preferred) preferred.isPreferred = true;
  return fixes;
}

/** Safest first: trusted sources keep legitimate use; removing ports keeps the rest of the rule; a rule that
 *  is only about SMB can be turned into a deny; otherwise a deny goes in front of it. */
function pickPreferred(fixes: Fix[], group: ExposureGroup): Fix | undefined {
  const find = (kind: Fix['kind']) => fixes.find((f) => f.kind === kind && !f.needsInput);
  // On an interface nobody classified, a deny written in front may not carry the interface: it would cut
  // SMB off for the LAN too. Fixes of the rule itself stay preferable; the inserted deny is the user's choice.
  const scoped = group.ingress !== undefined && group.ingress.class !== 'internet';
  if (!group.rule) return scoped ? undefined : find('insert-deny');
  const fallback = scoped ? undefined : (find('insert-deny') ?? find('deny'));
  return find('restrict-source') ?? find('remove-rule') ?? find('remove-ports') ?? (onlySmbPorts(group) ? find('deny') : undefined) ?? fallback;
}
