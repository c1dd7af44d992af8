/** pf port elements: "445", "= 445", "!= 445", "< 1024", "137:139", "137 >< 139", "137 <> 139", service names. */
import { complementPorts, portOf, MAX_PORT, type PortRange } from '../../model/ports';
import type { PortItem } from '../../model/rule';
import type { ParseProblem } from '../../types';
import type { Tok } from './lexer';

const UNARY = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** The ports of one element starting at i: "unknown" for macros that are not defined and unknown names. */
export function portElement(toks: Tok[], i: number, problems: ParseProblem[]): { ranges: PortRange[] | 'unknown'; items: PortItem[]; next: number } | undefined {
  const op = UNARY.has(toks[i]?.text) ? toks[i].text : '';
  const v = toks[op ? i + 1 : i];
  if (!v || ['{', '}', ',', '(', ')'].includes(v.text)) return undefined;
  let next = op ? i + 2 : i + 1;
  const binary = !op && (toks[next]?.text === '><' || toks[next]?.text === '<>') ? toks[next].text : '';
  const v2 = binary ? toks[next + 1] : undefined;
  if (binary && !v2) return undefined;
  if (binary) next += 2;
  const unknown = { ranges: 'unknown' as const, items: [], next };
  if (v.unknown || v2?.unknown) return unknown;
  const lohi = (t: Tok): PortRange | undefined => {
    const [a, b] = t.text.includes(':') ? t.text.split(':') : [t.text, t.text];
    const lo = portOf(a);
    const hi = portOf(b);
    return lo === undefined || hi === undefined ? undefined : [lo, hi];
  };
  const r1 = lohi(v);
  const r2 = v2 ? lohi(v2) : undefined;
  if (!r1 || (v2 && !r2)) {
    const bad = !r1 ? v : (v2 as Tok);
    if (/^\d|:/.test(bad.text)) problems.push({ span: bad.span, message: `"${bad.text}" is not a port` });
    return unknown;
  }
  let ranges: PortRange[];
  if (binary === '><') ranges = r2![0] - r1[1] > 1 ? [[r1[1] + 1, r2![0] - 1]] : [];
  else if (binary === '<>') ranges = complementPorts([[r1[0], r2![1]]]);
  else if (op === '!=') ranges = complementPorts([r1]);
  else if (op === '<') ranges = r1[0] > 0 ? [[0, r1[0] - 1]] : [];
  else if (op === '<=') ranges = [[0, r1[1]]];
  else if (op === '>') ranges = r1[1] < MAX_PORT ? [[r1[1] + 1, MAX_PORT]] : [];
  else if (op === '>=') ranges = [[r1[0], MAX_PORT]];
  else ranges = [r1];
  // A plain element ("445", "= 445", "137:139") is one item at its value; others cover their whole text.
  const plain = !binary && (op === '' || op === '=');
  const last = v2 ?? v;
  const span = plain ? v.span : { offset: toks[i].span.offset, length: last.span.offset + last.span.length - toks[i].span.offset };
  const text = plain ? v.text : toks.slice(i, next).map((t) => t.text).join(' ');
  return { ranges, items: ranges.map((range) => ({ range, text, span })), next };
}
