/** The rich-rule language of firewall-cmd (`rule family="ipv4" source address="…" service name="samba" accept`). */
import type { ParseProblem, Span } from '../../types';
import type { Located, RichAddress, RichElement, RichRule } from './zone';

interface Token {
  key: string;
  value?: Located;
  span: Span;
}

/** Maps an offset in the rule string to a span in the document; `null` when the string was not written
 *  literally (escapes, variables): then every span is the whole word. */
export type SpanMap = (start: number, length: number) => Span;

function tokenize(rule: string, at: SpanMap): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = rule.length;
  while (i < n) {
    while (i < n && /\s/.test(rule[i])) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !/[\s=]/.test(rule[i])) i++;
    const key = rule.slice(start, i);
    let value: Located | undefined;
    if (rule[i] === '=') {
      i++;
      const q = rule[i];
      if (q === '"' || q === "'") {
        const close = rule.indexOf(q, i + 1);
        const end = close < 0 ? n : close;
        value = { text: rule.slice(i + 1, end), span: at(i + 1, end - i - 1) };
        i = close < 0 ? n : close + 1;
      } else {
        const vs = i;
        while (i < n && !/\s/.test(rule[i])) i++;
        value = { text: rule.slice(vs, i), span: at(vs, i - vs) };
      }
    }
    out.push({ key, value, span: at(start, i - start) });
  }
  return out;
}

const ELEMENTS = new Set(['service', 'port', 'protocol', 'forward-port', 'source-port', 'icmp-block', 'icmp-type', 'masquerade', 'tcp-mss-clamp']);
const ACTIONS = new Set(['accept', 'reject', 'drop', 'mark']);
const LOGS = new Set(['log', 'nflog', 'audit']);

const join = (a: Span, b: Span): Span => ({ offset: a.offset, length: Math.max(a.length, b.offset + b.length - a.offset) });

/** Parses one rich rule; `span` is the document span of the whole firewall-cmd word. */
export function parseRichRule(rule: string, at: SpanMap, span: Span, problems: ParseProblem[], native: unknown): RichRule {
  const tokens = tokenize(rule, at);
  const r: RichRule = { simple: false, priority: 0, logs: false, span, native };
  if (tokens[0]?.key !== 'rule') problems.push({ span: tokens[0]?.span ?? span, message: 'a rich rule starts with "rule"' });
  let ctx: 'rule' | 'source' | 'destination' | 'element' | 'log' | 'action' = 'rule';
  let invert = false;
  let addr: RichAddress | undefined;
  for (let k = tokens[0]?.key === 'rule' ? 1 : 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.value === undefined) {
      if (t.key === 'not') invert = true;
      else if (t.key === 'source' || t.key === 'destination') {
        ctx = t.key;
        invert = false;
        addr = undefined;
      } else if (ELEMENTS.has(t.key)) {
        ctx = 'element';
        r.element = { kind: kindOf(t.key), span: t.span };
      } else if (LOGS.has(t.key)) {
        ctx = 'log';
        r.logs = true;
      } else if (ACTIONS.has(t.key)) {
        ctx = 'action';
        r.action = { kind: t.key as 'accept', span: t.span, limited: false };
      } else if (t.key === 'limit') {
        // a limit belongs to the log or action before it; read with its value below
      } else problems.push({ span: t.span, message: `"${t.key}" is not part of the rich-rule language` });
      continue;
    }
    const v = t.value;
    if (t.key === 'limit' || (t.key === 'value' && tokens[k - 1]?.key === 'limit')) {
      if (ctx === 'action' && r.action) r.action.limited = true;
      continue;
    }
    switch (ctx) {
      case 'rule':
        if (t.key === 'family') r.family = v;
        else if (t.key === 'priority') {
          const p = Number(v.text);
          if (Number.isInteger(p)) r.priority = p;
          else problems.push({ span: v.span, message: `"${v.text}" is not a rule priority` });
        }
        break;
      case 'source':
      case 'destination':
        if (t.key === 'address' || t.key === 'ipset' || t.key === 'mac') {
          const start = tokens.slice(0, k).reverse().find((x) => x.key === ctx)?.span ?? t.span;
          addr = { key: t.key, value: v, invert, span: join(start, t.span) };
          if (ctx === 'source') r.source = addr;
          else r.destination = addr;
        }
        break;
      case 'element':
        if (r.element) {
          setElementAttr(r.element, t.key, v);
          r.element.span = join(r.element.span, t.span);
        }
        break;
    }
  }
  return r;
}

function kindOf(key: string): RichElement['kind'] {
  return key === 'service' || key === 'port' || key === 'protocol' || key === 'forward-port' || key === 'source-port' ? key : 'other';
}

function setElementAttr(el: RichElement, key: string, v: Located): void {
  if (key === 'name' || key === 'value' || (key === 'port' && el.kind !== 'other')) el.value = v;
  else if (key === 'protocol') el.protocol = v;
  else if (key === 'to-port' || key === 'toport') el.toPort = v;
  else if (key === 'to-addr' || key === 'toaddr') el.toAddr = v;
}
