/** Hand-built rule models for engine tests: one line of text per rule, so spans and messages are real. */
import { analyzeModel } from '../../../src/core/analysis/analyze';
import { resolveOptions } from '../../../src/core/analysis/options';
import type { FormatModule } from '../../../src/core/formats/format';
import type { AccessRule, Action, Direction, InterfaceEvidence, InterfaceMatch, RuleList, RuleModel, RuleScope } from '../../../src/core/model/rule';
import type { AnalysisOptions, Finding, Span } from '../../../src/core/types';

export interface R {
  action?: Action;
  /** Destination port; 'all' = every port. Default 445. */
  port?: number | 'all';
  protocol?: 'tcp' | 'udp' | 'any';
  /** Source CIDR; default any. */
  src?: string;
  dst?: string;
  /** `br0`, `br-+` (prefix), `!lo` (negated); several = a set. */
  in?: string | string[];
  out?: string | string[];
  /** The rule names an interface the file does not define. */
  inUnknown?: boolean;
  program?: string;
  service?: string;
  profiles?: string[];
  zone?: string;
  conditional?: boolean;
  target?: string;
}

export interface L {
  id: string;
  direction?: Direction;
  policy?: 'allow' | 'deny';
  entry?: boolean;
  rules: R[];
  scope?: { in?: string | string[]; zone?: string };
  independentAllows?: boolean;
  unapplied?: boolean;
}

export const STUB: FormatModule = {
  id: 'test',
  displayName: 'Test',
  lineComment: '#',
  detect: () => false,
  extract: () => ({ lists: [], problems: [] }),
  fixes: {},
};

function ifaceMatch(spec: string | string[], span: Span): InterfaceMatch {
  const names = Array.isArray(spec) ? spec : [spec];
  const negated = names.some((n) => n.startsWith('!'));
  const items = names.map((n) => n.replace(/^!/, '')).map((n) => (n.endsWith('+') ? { name: n.slice(0, -1), prefix: true, span } : { name: n, span }));
  return { items, negated, span };
}

/** The text (one line per rule, a policy line per list) and the model over it. */
export function build(lists: L[], interfaces?: InterfaceEvidence[]): { text: string; model: RuleModel } {
  let text = '';
  const line = (s: string): Span => {
    const span = { offset: text.length, length: s.length };
    text += `${s}\n`;
    return span;
  };
  const model: RuleModel = { lists: [], problems: [], interfaces };
  for (const l of lists) {
    const policySpan = l.policy ? line(`${l.id} policy ${l.policy}`) : undefined;
    const list: RuleList = {
      id: l.id,
      name: l.id,
      direction: l.direction ?? 'in',
      families: 'ipv4',
      entry: l.entry ?? true,
      policy: l.policy,
      policySpan,
      policyText: l.policy ? `policy ${l.policy}` : undefined,
      rules: [],
      independentAllows: l.independentAllows,
      unapplied: l.unapplied,
    };
    if (l.scope) {
      const span = line(`${l.id} scope`);
      list.scope = { ...(l.scope.in && { in: ifaceMatch(l.scope.in, span) }), ...(l.scope.zone && { zone: { name: l.scope.zone, span } }) };
    }
    l.rules.forEach((r, index) => {
      const written = `${l.id} ${index + 1}: ${JSON.stringify(r)}`;
      const span = line(written);
      const scope: RuleScope = {};
      if (r.in) scope.in = ifaceMatch(r.in, span);
      if (r.inUnknown) scope.in = { items: [], negated: false, unknown: true, span: { offset: span.offset, length: 8 } };
      if (r.out) scope.out = ifaceMatch(r.out, span);
      if (r.program) scope.program = { path: r.program, span };
      if (r.service) scope.service = { name: r.service, span };
      if (r.profiles) scope.profiles = { names: r.profiles, span };
      if (r.zone) scope.zone = { name: r.zone, span };
      const port = r.port ?? 445;
      const addr = (cidr?: string) => ({ items: cidr ? [{ text: cidr, span, value: { kind: 'cidr' as const, cidr } }] : [], negated: false });
      const rule: AccessRule = {
        index,
        label: `rule ${index + 1}`,
        action: r.action ?? 'allow',
        target: r.target,
        protocol: r.protocol ?? 'tcp',
        ports: port === 'all' ? { ranges: undefined, items: [], negated: false } : { ranges: [[port, port]], items: [], negated: false },
        sources: addr(r.src),
        destinations: addr(r.dst),
        conditional: r.conditional ?? false,
        ...(Object.keys(scope).length && { scope }),
        establishedOnly: false,
        span,
        actionSpan: span,
        text: written,
      };
      list.rules.push(rule);
    });
    model.lists.push(list);
  }
  return { text, model };
}

/** Findings of a hand-built model. */
export function run(lists: L[], options: AnalysisOptions = {}, interfaces?: InterfaceEvidence[]): Finding[] {
  const { text, model } = build(lists, interfaces);
  return analyzeModel(text, model, STUB, resolveOptions(options));
}

/** "rule-id@severity" per finding, in document order. */
export function grades(lists: L[], options: AnalysisOptions = {}, interfaces?: InterfaceEvidence[]): string[] {
  return run(lists, options, interfaces).map((f) => `${f.ruleId}@${f.severity}`);
}
