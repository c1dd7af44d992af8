/** Model × rules → findings: groups exposures per rule, asks the rules, attaches fixes and advisories. */
import type { FormatModule } from '../formats/format';
import type { AccessRule, RuleList, RuleModel } from '../model/rule';
import { describeService, portsContain } from '../model/ports';
import { rules, ruleMetas, settingRules } from '../rules/index';
import type { ExposureGroup } from '../rules/rule';
import { advisoriesFor } from '../advisories/for-services';
import { buildFixes } from '../fixes/build';
import { isSuppressed, suppressionFix } from '../fixes/suppress';
import { LineIndex } from '../text/line-index';
import { within } from '../text/problems';
import type { Finding, RelatedLocation, RuleId, Severity } from '../types';
import { describePeers, describePlace } from './describe';
import { Budget, evaluate, type Exposure } from './evaluate';
import type { ResolvedOptions } from './options';

function groupExposures(exposures: Exposure[]): ExposureGroup[] {
  const groups = new Map<string, ExposureGroup>();
  for (const e of exposures) {
    const key = `${e.entry.id}|${e.list.id}|${e.rule ? e.rule.index : 'policy'}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { list: e.list, rule: e.rule, entry: e.entry, direction: e.entry.direction, services: [e.service], set: e.set, via: e.via });
    } else {
      if (!g.services.includes(e.service)) g.services.push(e.service);
      g.set = g.set.union(e.set);
    }
  }
  return [...groups.values()];
}

/** Positions of the denies in each list that name an SMB port, found once per analysis: a list of 20,000
 *  exposing rules otherwise rescans itself for every finding. */
class PortDenies {
  private readonly byList = new Map<RuleList, number[]>();
  constructor(private readonly options: ResolvedOptions) {}

  /** Up to three such denies before the group's rule: they explain a partial block. */
  before(group: ExposureGroup): AccessRule[] {
    const { rule, list } = group;
    if (!rule) return [];
    const at = this.of(list);
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] < rule.index) lo = mid + 1;
      else hi = mid;
    }
    return at.slice(Math.max(0, lo - 3), lo).map((i) => list.rules[i]);
  }

  private of(list: RuleList): number[] {
    let at = this.byList.get(list);
    if (!at) {
      at = [];
      // An index loop: this visits every rule of a list that has a finding, and entries() made a pair for each.
      for (let i = 0; i < list.rules.length; i++) {
        const r = list.rules[i];
        const ports = r.ports.ranges;
        if (r.action === 'deny' && Array.isArray(ports) && !r.ports.negated && this.options.services.some((s) => portsContain(ports, s.port))) at.push(i);
      }
      this.byList.set(list, at);
    }
    return at;
  }
}

/** The severity a rule reports with under these options, or 'off'. */
function severityOf(id: RuleId, options: ResolvedOptions): Severity | 'off' {
  return options.severities[id] ?? ruleMetas[id].severity;
}

function relatedOf(group: ExposureGroup, denies: PortDenies): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const { entry } = group;
  if (group.rule && entry.policySpan) related.push({ span: entry.policySpan, message: `${entry.name} ${entry.policyText ?? 'default policy'}` });
  for (const j of group.via) related.push({ span: j.span, message: `the jump that leads to ${group.list.name}` });
  for (const d of denies.before(group)) related.push({ span: d.span, message: `${describePlace(group.list, d)} denies some SMB traffic earlier, but not what this rule admits` });
  return related;
}

/** Findings of the model; `budget` records whether time ran out before the walk ended. */
export function analyzeModel(text: string, model: RuleModel, format: FormatModule, options: ResolvedOptions, budget = new Budget(options.timeBudgetMs)): Finding[] {
  const lines = new LineIndex(text);
  const syntax = commentSyntax(model, format);
  const { comment, markers } = syntax;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const denies = new PortDenies(options);
  for (const group of groupExposures(evaluate(model, options.services, budget))) {
    for (const rule of rules) {
      const severity = severityOf(rule.meta.id, options);
      if (severity === 'off') continue;
      const report = rule.check(group, options);
      if (!report) continue;
      const ruleSpan = group.rule?.span ?? group.list.policySpan ?? report.span;
      const key = `${rule.meta.id}|${ruleSpan.offset}`;
      if (seen.has(key)) break;
      seen.add(key);
      if (isSuppressed(text, lines, rule.meta.id, ruleSpan.offset, ruleSpan.offset + ruleSpan.length, markers)) break;
      const block = model.blockStart?.(ruleSpan.offset);
      if (block !== undefined && isSuppressed(text, lines, rule.meta.id, block, block, markers)) break;
      findings.push({
        ruleId: rule.meta.id,
        severity,
        message: report.message,
        span: report.span,
        ruleSpan,
        related: relatedOf(group, denies),
        advisories: advisoriesFor(group.services),
        fixes: buildFixes(text, lines, format, group, rule.meta.id, options, comment, syntax.close, budget),
        details: {
          format: format.id,
          services: group.services.map(describeService),
          source: describePeers(group.set, group.list),
          place: describePlace(group.list, group.rule),
          policy: group.entry.policyText ? `${group.entry.name} ${group.entry.policyText}` : undefined,
          ruleText: group.rule?.text ?? text.slice(ruleSpan.offset, ruleSpan.offset + ruleSpan.length),
        },
      });
      break;
    }
  }
  findings.push(...settingFindings(text, lines, model, format, options, syntax));
  const problem = parseProblemFinding(text, model, format, options);
  if (problem) findings.push(problem);
  return findings.sort((a, b) => a.span.offset - b.span.offset || a.ruleId.localeCompare(b.ruleId));
}

interface CommentSyntax {
  /** What a suppression is written with, and closed with (XML); undefined where there are no comments. */
  comment: string | undefined;
  close: string | undefined;
  /** What a suppression may be read after. */
  markers: readonly string[];
}

/** The document's comment syntax: the model's overrides, else the format's line comment. */
function commentSyntax(model: RuleModel, format: FormatModule): CommentSyntax {
  const comment = model.lineComment === undefined ? format.lineComment : (model.lineComment ?? undefined);
  return { comment, close: model.commentClose, markers: model.commentMarkers ?? (comment ? [comment] : []) };
}

/** Findings about host settings (SMBv1 on): no traffic walk, one finding per setting. */
function settingFindings(text: string, lines: LineIndex, model: RuleModel, format: FormatModule, options: ResolvedOptions, syntax: CommentSyntax): Finding[] {
  const out: Finding[] = [];
  const { comment, markers } = syntax;
  for (const setting of model.settings ?? []) {
    for (const rule of settingRules) {
      const severity = severityOf(rule.meta.id, options);
      if (severity === 'off') continue;
      const report = rule.check(setting);
      if (!report) continue;
      const { ruleSpan } = setting;
      if (isSuppressed(text, lines, rule.meta.id, ruleSpan.offset, ruleSpan.offset + ruleSpan.length, markers)) continue;
      const fixes: Finding['fixes'] = [];
      if (setting.turnOff?.length) fixes.push({ title: 'Switch SMBv1 off', kind: 'turn-off', edits: setting.turnOff, isPreferred: true });
      const suppress = suppressionFix(text, lines, ruleSpan.offset, rule.meta.id, comment, syntax.close);
      if (suppress) fixes.push(suppress);
      out.push({
        ruleId: rule.meta.id,
        severity,
        message: report.message,
        span: report.span,
        ruleSpan,
        related: [],
        advisories: ['MS17-010'],
        fixes,
        details: { format: format.id, services: [], source: '', place: '', ruleText: setting.text },
      });
    }
  }
  return out;
}

/** At most one diagnostic for what could not be parsed: the first problem, with a count. */
function parseProblemFinding(text: string, model: RuleModel, format: FormatModule, options: ResolvedOptions): Finding | undefined {
  const first = model.problems[0] && { ...model.problems[0], span: within(text, model.problems[0].span) };
  const severity = severityOf('smb-parse-error', options);
  if (!first || severity === 'off') return undefined;
  const more = model.problems.length > 1 ? ` (and ${model.problems.length - 1} more)` : '';
  return {
    ruleId: 'smb-parse-error',
    severity,
    message: `SMB Guard could not read part of this ${format.displayName} file: ${first.message}${more}. Rules there were not checked.`,
    span: first.span,
    ruleSpan: first.span,
    related: model.problems.slice(1, 4).map((p) => ({ span: within(text, p.span), message: p.message })),
    advisories: [],
    fixes: [],
    details: { format: format.id, services: [], source: '', place: '', ruleText: '' },
  };
}
