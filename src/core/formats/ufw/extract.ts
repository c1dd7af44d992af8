/** Replays the ufw commands of a shell script, in order, into ufw's incoming, outgoing and routed lists. */
import type { AccessRule, AddressMatch, Direction, InterfaceEvidence, InterfaceMatch, RuleList, RuleModel, RuleScope } from '../../model/rule';
import { interfaceItem } from '../common/interfaces';
import type { ParseProblem, Span } from '../../types';
import { lexShell, type ShellVar, type Word } from '../../text/shell/lexer';
import { parseUfw, type UfwRule } from './parse';
import { routeEvidence, variableEvidence } from '../iptables/evidence';
import { LineCursor } from '../../text/lines';

/** What the fix writer needs to write a command in the same style. */
export interface UfwRuleNative {
  rule: UfwRule;
  /** "sudo ufw " or "/usr/sbin/ufw ": the program part of the command. */
  prefix: string;
  lineStart: number;
  indent: string;
}

export interface UfwListNative {
  prefix: string;
  indent: string;
  /** The firewall is switched off at the end of the script: no rule written here would help. */
  disabled: boolean;
}

const PROGRAM = /^(?:.*\/)?ufw$/;
const LISTS: { direction: Direction; name: string; defaultPolicy: 'allow' | 'deny' }[] = [
  { direction: 'in', name: 'incoming', defaultPolicy: 'deny' },
  { direction: 'out', name: 'outgoing', defaultPolicy: 'allow' },
  { direction: 'forward', name: 'routed', defaultPolicy: 'deny' },
];

interface Entry {
  span: Span;
  native: UfwRuleNative;
  /** Where the command's line ends (past its newline). */
  end: number;
}

export function extractUfwScript(text: string): RuleModel {
  const problems: ParseProblem[] = [];
  /** What the script says about interfaces: a variable named WAN, a default route (see iptables/evidence.ts). */
  const evidence: InterfaceEvidence[] = [];
  const vars = new Map<string, ShellVar>();
  let entries: Entry[] = [];
  const defaults = new Map<Direction, { word: Word; end: number }>();
  let state: { kind: 'enable' | 'disable' | 'reset'; word: Word } | undefined;
  let style = { prefix: 'ufw ', indent: '' };
  let lastEnd: number | undefined;
  // One cursor for the whole script: thousands of commands on one line must not each rescan it.
  const lines = new LineCursor(text);
  const expansion = lexShell(text, vars, (c) => {
    const { head } = c;
    const program = c.words[head.program];
    if (!program) return;
    if (!PROGRAM.test(program.text)) {
      routeEvidence(c.words.slice(head.program), evidence);
      return;
    }
    let first = head.program + 1;
    while (first < c.words.length && (c.words[first].text === '--force' || c.words[first].text === '--dry-run')) first++;
    const args = c.words.slice(first);
    const start = lines.lineStart(c.span.offset);
    const indent = lines.indent(c.span.offset);
    // The command as written starts past the shell's reserved words (`then ufw …`).
    const from = c.words[head.from].span.offset;
    const span = { offset: from, length: c.span.offset + c.span.length - from };
    const prefixText = text.slice(from, program.span.offset + program.span.length);
    const prefix = `${prefixText.includes('\n') ? program.text : prefixText} `;
    const end = lines.nextLineStart(c.span.offset + c.span.length);
    const cmd = parseUfw(args, problems);
    switch (cmd.kind) {
      case 'rule': {
        for (const w of [cmd.inIface, cmd.outIface]) if (w) variableEvidence(text, w, evidence);
        const entry = { span, native: { rule: cmd, prefix, lineStart: start, indent }, end };
        if (cmd.position !== undefined) entries.splice(Math.max(0, cmd.position - 1), 0, entry);
        else entries.push(entry);
        style = { prefix, indent };
        lastEnd = end;
        break;
      }
      case 'default':
        defaults.set(cmd.direction, { word: cmd.policy, end });
        style = { prefix, indent };
        lastEnd = end;
        break;
      case 'delete': {
        const at = cmd.number !== undefined ? cmd.number - 1 : entries.findIndex((e) => e.native.rule.spec === cmd.spec);
        if (at >= 0 && at < entries.length) entries.splice(at, 1);
        break;
      }
      case 'reset':
        entries = [];
        defaults.clear();
        state = cmd;
        lastEnd = end;
        break;
      case 'enable':
      case 'disable':
        state = cmd;
        break;
    }
  });
  problems.push(...expansion);
  const disabled = state?.kind === 'disable' ? state.word : undefined;
  const lists = LISTS.map(({ direction, name, defaultPolicy }): RuleList => {
    const def = defaults.get(direction);
    const mine = entries.filter((e) => e.native.rule.direction === direction);
    const off = disabled && direction !== 'out';
    const policyWord = def?.word.text;
    const policy = off ? 'allow' : policyWord ? (policyWord === 'allow' ? 'allow' : 'deny') : defaultPolicy;
    const list: RuleList = {
      id: `ufw/${name}`,
      name,
      direction,
      families: 'both',
      entry: true,
      policy,
      policySpan: off ? disabled.span : def?.word.span,
      policyText: off ? '(ufw disabled)' : `default ${policyWord ?? (defaultPolicy === 'allow' ? 'allow' : 'deny')}`,
      rules: off ? [] : mine.map((e, index) => toRule(text, e, index)),
      endOffset: lastEnd ?? def?.end,
      native: { ...style, disabled: !!off } satisfies UfwListNative,
    };
    return list;
  });
  return evidence.length ? { lists, problems, interfaces: evidence } : { lists, problems };
}

function toRule(text: string, e: Entry, index: number): AccessRule {
  const r = e.native.rule;
  const p = r.ports;
  const literal = p?.word.literal ?? false;
  return {
    index,
    label: `rule ${index + 1}`,
    action: r.action,
    protocol: r.protocol,
    ports: {
      ranges: p ? p.ranges : undefined,
      items: (p?.items ?? []).map((it) => ({
        range: it.range,
        text: p!.word.text.slice(it.offset, it.offset + it.length),
        span: literal ? { offset: p!.word.span.offset + it.offset, length: it.length } : p!.word.span,
      })),
      negated: false,
      span: p?.word.span,
    },
    sources: r.inIface && /^lo(?::|$)/.test(r.inIface.text) && !r.from && r.direction === 'in'
      ? { items: [{ text: r.inIface.text, span: r.inIface.span, value: { kind: 'loopback' } }], negated: false }
      : endMatch(r.from),
    destinations: endMatch(r.to),
    conditional: r.conditional,
    conditions: r.conditions.length ? r.conditions : undefined,
    scope: scopeOf(r),
    establishedOnly: false,
    span: e.span,
    actionSpan: r.actionWord.span,
    protocolSpan: r.protoWord?.span,
    text: text.slice(e.span.offset, e.span.offset + e.span.length),
    native: e.native,
  };
}

/** `in on IF` and `out on IF`. ufw hands the name to iptables as `-i`/`-o`, so a trailing `+` is a wildcard there too. */
function scopeOf(r: UfwRule): RuleScope | undefined {
  if (!r.inIface && !r.outIface) return undefined;
  const match = (w: Word, span: Span): InterfaceMatch => (w.unknown ? { items: [], negated: false, span, unknown: true } : { items: [interfaceItem(w.text, '+', w.span)], negated: false, span });
  const scope: RuleScope = {};
  if (r.inIface && r.inSpan) scope.in = match(r.inIface, r.inSpan);
  if (r.outIface && r.outSpan) scope.out = match(r.outIface, r.outSpan);
  return scope;
}

function endMatch(end: UfwRule['from']): AddressMatch {
  if (!end?.addr) return { items: [], negated: false };
  // "to any" is no condition at all: an empty match, so a deny to any counts as certain.
  const items = end.items.some((i) => i.value.kind === 'any') ? end.items.filter((i) => i.value.kind !== 'any') : end.items;
  return { items, negated: false, span: end.addr.span };
}
