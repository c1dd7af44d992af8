/**
 * pf.conf into the rule model. pf decides by the LAST matching rule unless a matching "quick" rule stops
 * the evaluation; the engine is first-match. So each list holds the quick rules in file order, then the
 * other rules in reverse file order: the first match there is pf's decision. With no match pf passes.
 */
import { OutOfTime, stopReading, type Budget } from '../../analysis/budget';
import type { AccessRule, AddressMatch, InterfaceMatch, RuleList, RuleModel, RuleScope } from '../../model/rule';
import type { ParseProblem } from '../../types';
import { ExpansionBudget } from '../common/expansion';
import { parseTable, type Tables } from './hosts';
import { interfaceMatch, PfEvidence } from './interfaces';
import { lexPf, macroValue, type Statement } from './lexer';
import { parseRule, type PfHost, type PfOn, type PfRule } from './rule';

export interface PfRuleNative {
  rule: PfRule;
  stmt: Statement;
}

/** Statements SMB Guard reads past: options, normalisation, queueing, translation, anchors. */
const SKIPPED = new Set(['set', 'scrub', 'antispoof', 'anchor', 'nat-anchor', 'rdr-anchor', 'binat-anchor', 'scrub-anchor', 'dummynet-anchor', 'dummynet', 'load', 'nat', 'no', 'rdr', 'binat', 'altq', 'queue', 'match', 'include']);

interface Parsed {
  rule: PfRule;
  stmt: Statement;
  number: number;
  line: number;
}

export function extractPf(text: string, budget?: Budget): RuleModel {
  const problems: ParseProblem[] = [];
  const macros = new Map<string, string>();
  const expansion = new ExpansionBudget(text.length);
  const tables: Tables = new Map();
  const parsed: Parsed[] = [];
  const evidence = new PfEvidence(text);
  let firstFilter: Statement | undefined;
  let line = 1;
  let counted = 0;
  const read = (s: Statement): void => {
    // Out of time: the statements read so far are modelled (the budget says how far).
    stopReading(budget, s.span.offset);
    for (let k = text.indexOf('\n', counted); k >= 0 && k < s.span.offset; k = text.indexOf('\n', k + 1)) {
      line++;
      counted = k + 1;
    }
    const first = s.toks[0];
    if (s.toks[1]?.text === '=' && /^[A-Za-z_]\w*$/.test(first.text)) {
      const value = macroValue(s.toks.slice(2), macros, expansion);
      // Past the budget the macro is unknown: its uses read as undefined macros, never as a guess.
      if (value === undefined) macros.delete(first.text);
      else macros.set(first.text, value);
      return;
    }
    if (first.text === 'pass' || first.text === 'block') {
      firstFilter ??= s;
      const rule = parseRule(s.toks, tables, problems);
      if (rule) parsed.push({ rule, stmt: s, number: parsed.length + 1, line });
      if (rule?.on) evidence.statement(s, rule.on);
    } else if (first.text === 'table') parseTable(s.toks, tables, problems);
    else if (SKIPPED.has(first.text)) evidence.statement(s, undefined);
    else problems.push({ span: first.span, message: `unknown pf statement "${first.text}"` });
  };
  try {
    lexPf(text, macros, read, expansion);
  } catch (e) {
    if (!(e instanceof OutOfTime)) throw e;
  }
  problems.push(...expansion.problems);
  // A rule with no direction sits in both lists: its interface match is built once and shared.
  const matches = new Map<PfOn, InterfaceMatch>();
  const lists = (['in', 'out'] as const).map((dir): RuleList => {
    const mine = parsed.filter((p) => !p.rule.direction || p.rule.direction === dir);
    // The last plain "block [in] all" is the effective default: plain rules before it can never decide.
    const catchAll = mine.filter((p) => isCatchAll(p.rule)).pop();
    const later = mine.filter((p) => !p.rule.quick && (!catchAll || p.number > catchAll.number) && p !== catchAll);
    const order = [...mine.filter((p) => p.rule.quick), ...later.reverse()];
    return {
      id: `pf/${dir}`,
      name: dir === 'in' ? 'inbound' : 'outbound',
      direction: dir,
      families: 'both',
      entry: true,
      policy: catchAll ? 'deny' : 'allow',
      policySpan: catchAll ? catchAll.rule.actionTok.span : firstFilter?.toks[0].span,
      policyText: catchAll ? `catch-all block (line ${catchAll.line})` : 'default pass (no rule matched)',
      rules: order.map((p, index) => toRule(text, p, index, dir, matches)),
      endOffset: firstFilter ? firstFilter.lineStart : text.length,
      native: { indent: firstFilter?.indent ?? '' },
    };
  });
  return { lists, problems, ...(evidence.list.length ? { interfaces: evidence.list } : {}) };
}

/** "block all", "block in", "block return in log all": a plain block that matches every packet. */
function isCatchAll(r: PfRule): boolean {
  return r.action === 'deny' && !r.quick && !r.conditional && !r.af && !r.protoSpan && !r.ports && !r.from?.items.length && !r.from?.negated && !r.to?.items.length && !r.to?.negated && !r.iface;
}

function match(host: PfHost | undefined): AddressMatch {
  if (!host) return { items: [], negated: false };
  // "any" is no condition: an empty match, so a block from any counts as certain.
  return { items: host.items.filter((i) => i.value.kind !== 'any'), negated: host.negated, span: host.span };
}

/** "on IF" applies to packets coming in on IF in the inbound list and going out through it in the outbound one. */
function scopeOf(r: PfRule, dir: 'in' | 'out', matches: Map<PfOn, InterfaceMatch>): RuleScope | undefined {
  if (!r.on) return undefined;
  let m = matches.get(r.on);
  if (!m) matches.set(r.on, (m = interfaceMatch(r.on)));
  return dir === 'in' ? { in: m } : { out: m };
}

function toRule(text: string, p: Parsed, index: number, dir: 'in' | 'out', matches: Map<PfOn, InterfaceMatch>): AccessRule {
  const r = p.rule;
  const sources: AddressMatch = r.loopback && !r.from ? { items: [{ text: r.iface!.text, span: r.iface!.span, value: { kind: 'loopback' } }], negated: false } : match(r.from);
  const destinations = match(r.to);
  // "inet"/"inet6" limits the rule to one family: say so on the peer's side, where the engine looks.
  const peer = dir === 'in' ? sources : destinations;
  if (r.af && !peer.items.length && !peer.negated) {
    const cidr = r.af.text === 'inet6' ? '::/0' : '0.0.0.0/0';
    peer.items = [{ text: r.af.text, span: peer.span ?? r.all?.span ?? r.af.span, value: { kind: 'cidr', cidr } }];
  }
  const rule: AccessRule = {
    index,
    label: `rule ${p.number} (line ${p.line})`,
    action: r.action,
    protocol: r.protocol,
    ports: r.ports ? { ranges: r.ports.ranges, items: r.ports.items, negated: false, span: r.ports.span } : { ranges: undefined, items: [], negated: false },
    sources,
    destinations,
    conditional: r.conditional,
    establishedOnly: false,
    span: p.stmt.span,
    actionSpan: r.actionTok.span,
    protocolSpan: r.protoSpan,
    text: text.slice(p.stmt.span.offset, p.stmt.span.offset + p.stmt.span.length),
    native: { rule: r, stmt: p.stmt } satisfies PfRuleNative,
    // In the literal, possibly undefined, rather than spread into it or added after it: a spread builds a
    // throwaway object per rule, and a field added later gives the rule a second shape and a property store of
    // its own (pf.conf with 50,000 rules took 30 % longer with the spread).
    conditions: r.conditions.length ? r.conditions : undefined,
    scope: scopeOf(r, dir, matches),
  };
  return rule;
}
