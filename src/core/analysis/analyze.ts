/** Model × rules → findings: groups exposures per rule, asks the rules, attaches fixes and advisories. */
import type { FormatModule } from '../formats/format';
import type { AccessRule, RuleList, RuleModel } from '../model/rule';
import { describeService, portsContain } from '../model/ports';
import { rules, ruleMetas, settingRules } from '../rules/index';
import type { ExposureGroup, ExposureRuleDef, Report } from '../rules/rule';
import { advisoriesFor, advisoriesForSmbv1 } from '../advisories/select';
import { buildFixes } from '../fixes/build';
import { fileSuppressionFix, isSuppressed, suppressionFix } from '../fixes/suppress';
import { LineIndex } from '../text/line-index';
import { within } from '../text/problems';
import type { Finding, RelatedLocation, RuleId, Severity, Span } from '../types';
import { describeGroupPeers, describePlace } from './describe';
import { Budget, evaluate, type Exposure } from './evaluate';
import type { ResolvedOptions } from './options';
import { ifaceName, InterfaceClassifier, type Iface } from './interfaces';
import { ingressOf, lower, outboundVia, worse } from './ingress';
import { peerSet } from './match';

function groupExposures(exposures: Exposure[]): ExposureGroup[] {
  const groups = new Map<string, ExposureGroup>();
  for (const e of exposures) {
    const key = `${e.entry.id}|${e.list.id}|${e.rule ? e.rule.index : 'policy'}|${e.arrival ? ifaceName(e.arrival) : ''}|${e.latentBy ? 'latent' : ''}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { list: e.list, rule: e.rule, entry: e.entry, direction: e.entry.direction, services: [e.service], set: e.set, via: e.via, arrival: e.arrival, latentBy: e.latentBy });
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
  if (group.latentBy) related.push({ span: group.latentBy.span, message: `${describePlace(group.list, group.latentBy)} accepts this traffic first` });
  const { entry } = group;
  if (group.rule && entry.policySpan) related.push({ span: entry.policySpan, message: `${entry.name} ${entry.policyText ?? 'default policy'}` });
  for (const j of group.via) related.push({ span: j.span, message: `the jump that leads to ${group.list.name}` });
  for (const d of denies.before(group)) related.push({ span: d.span, message: `${describePlace(group.list, d)} denies some SMB traffic earlier, but not what this rule admits` });
  if (group.rule?.related) related.push(...group.rule.related);
  return related;
}

/** Findings of the model; `budget` records whether time ran out before the walk ended. */
export function analyzeModel(text: string, model: RuleModel, format: FormatModule, options: ResolvedOptions, budget = new Budget(options.timeBudgetMs)): Finding[] {
  const lines = new LineIndex(text);
  const syntax = commentSyntax(model, format);
  const { comment, markers } = syntax;
  const findings: Finding[] = [];
  const denies = new PortDenies(options);
  const classifier = new InterfaceClassifier(options.interfaces, model.interfaces);
  // A rule walked for several interfaces is reported once, by its worst walk.
  const worst = new Map<string, Candidate>();
  const internal = (i: Iface) => classifier.classify(i).class === 'internal';
  for (const raw of groupExposures(evaluate(model, options.services, budget, internal))) {
    const group = graded(raw, text, classifier);
    if (!group) continue;
    for (const rule of rules) {
      let severity = severityOf(rule.meta.id, options);
      if (severity === 'off') continue;
      const report = rule.check(group, options);
      if (!report) continue;
      if (group.ingress?.class === 'unknown' && !group.ingress.outbound) severity = lower(severity);
      if (report.lower || group.latentBy) severity = lower(severity);
      // A list applied nowhere exposes nothing today: information, saying so.
      const unapplied = group.entry.unapplied || group.list.unapplied;
      if (unapplied) severity = 'info';
      let said = unapplied ? { ...report, message: `${report.message} ${group.entry.name} is applied to no interface: this is latent (it may be applied elsewhere, or later).` } : report;
      if (group.latentBy) said = { ...said, message: `${said.message} Today ${describePlace(group.list, group.latentBy)} accepts this traffic first: this rule exposes it as soon as that one goes.` };
      const ruleSpan = group.rule?.span ?? group.list.policySpan ?? report.span;
      // A latent exposure is one finding per rule at most, and none where the rule is exposed today.
      const key = group.latentBy ? `latent|${ruleSpan.offset}` : `${rule.meta.id}|${ruleSpan.offset}`;
      const before = worst.get(key);
      if (!before || worse(severity, before.severity)) worst.set(key, { group, rule, report: said, severity, ruleSpan });
      break;
    }
  }
  const exposedToday = new Set([...worst.values()].filter((c) => !c.group.latentBy).map((c) => c.ruleSpan.offset));
  for (const { group, rule, report, severity, ruleSpan } of worst.values()) {
    if (group.latentBy && exposedToday.has(ruleSpan.offset)) continue;
    if (isSuppressed(text, lines, rule.meta.id, ruleSpan.offset, ruleSpan.offset + ruleSpan.length, markers)) continue;
    // A runbook's code block: a suppression just above the fence covers the block.
    const block = model.blockStart?.(ruleSpan.offset);
    if (block !== undefined && isSuppressed(text, lines, rule.meta.id, block, block, markers)) continue;
    const ingress = group.ingress;
    findings.push({
      ruleId: rule.meta.id,
      severity,
      message: report.message,
      span: report.span,
      ruleSpan,
      related: relatedOf(group, denies),
      // Forwarded traffic reaches a server behind the firewall: inbound from that server's point of view.
      advisories: advisoriesFor(group.services, group.direction === 'out' ? 'outbound' : 'inbound', options.advisoryCatalog),
      fixes: withFileSuppression(buildFixes(text, lines, format, group, rule.meta.id, options, comment, syntax.close, budget), text, lines, rule.meta.id, syntax, block !== undefined ? (group.rule?.span.offset ?? ruleSpan.offset) : undefined),
      details: {
        format: format.id,
        services: group.services.map(describeService),
        source: describeGroupPeers(group),
        place: describePlace(group.list, group.rule),
        policy: group.entry.policyText ? `${group.entry.name} ${group.entry.policyText}` : undefined,
        ruleText: group.rule?.text ?? text.slice(ruleSpan.offset, ruleSpan.offset + ruleSpan.length),
        ...(ingress && { ingress: { interface: ingress.interface, class: ingress.class, reason: ingress.reason, kind: ingress.kind } }),
      },
    });
  }
  findings.push(...settingFindings(text, lines, model, format, options, syntax));
  const problem = parseProblemFinding(text, model, format, options);
  if (problem) findings.push(problem);
  return findings.sort((a, b) => a.span.offset - b.span.offset || a.ruleId.localeCompare(b.ruleId));
}

/** One rule's finding from one walk, before the worst walk is chosen. */
interface Candidate {
  group: ExposureGroup;
  rule: ExposureRuleDef;
  report: Report;
  severity: Severity;
  ruleSpan: Span;
}

/**
 * The group as its arrival makes it: undefined when it arrives on an internal interface (SMB from the LAN is
 * what file servers are for); a forward rule out of an internet-facing interface becomes outbound traffic to
 * the rule's destinations.
 */
function graded(group: ExposureGroup, text: string, classifier: InterfaceClassifier): ExposureGroup | undefined {
  if (group.direction === 'forward') {
    const out = outboundVia(group.rule, group.list, classifier);
    if (out) {
      const set = group.rule && peerSet(group.rule, group.list, 'out');
      return set ? { ...group, direction: 'out', set, ingress: out } : undefined;
    }
  }
  const ingress = ingressOf(group.arrival, group.rule, group.list, text, classifier);
  if (ingress?.class === 'internal') return undefined;
  return ingress ? { ...group, ingress } : group;
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

/** Appends "Disable <rule> for this file" (last: the Ctrl+. menu lists it after the rule's own suppression).
 *  `blockAnchor`: the rule's offset when it sits in a runbook's code block, where the comment goes above it. */
function withFileSuppression(fixes: Finding['fixes'], text: string, lines: LineIndex, ruleId: RuleId, syntax: CommentSyntax, blockAnchor: number | undefined): Finding['fixes'] {
  const fix = fileSuppressionFix(text, lines, ruleId, syntax.comment, syntax.markers, syntax.close, blockAnchor);
  if (fix) fixes.push(fix);
  return fixes;
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
      withFileSuppression(fixes, text, lines, rule.meta.id, syntax, model.blockStart?.(ruleSpan.offset) !== undefined ? ruleSpan.offset : undefined);
      out.push({
        ruleId: rule.meta.id,
        severity,
        message: report.message,
        span: report.span,
        ruleSpan,
        related: [],
        advisories: advisoriesForSmbv1(options.advisoryCatalog),
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
