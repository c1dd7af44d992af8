/** pf port elements: "445", "= 445", "!= 445", "< 1024", "137:139", "137 >< 139", "137 <> 139", service names. */
import { complementPorts, MAX_PORT, type PortRange } from '../../model/ports';
import { isPortProblem, readPortRange, type PortSyntax } from '../common/port-range';
import type { PortItem } from '../../model/rule';
import type { ParseProblem } from '../../types';
import type { Tok } from './lexer';

/** pf.conf(5): "port 137:139" is an inclusive range, names are looked up in /etc/services (pfctl getservice).
 *  pfctl keeps a range written high to low, and the kernel's test (p >= a && p <= b, pf_match) meets no port. */
export const PF_PORTS: PortSyntax = { tool: 'pfctl', separator: ':', names: true, reversed: 'empty' };

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
  const r1 = readPortRange(v.text, PF_PORTS);
  const r2 = v2 ? readPortRange(v2.text, PF_PORTS) : undefined;
  const bad = isPortProblem(r1) ? { tok: v, r: r1 } : r2 && isPortProblem(r2) ? { tok: v2 as Tok, r: r2 } : undefined;
  if (bad) {
    problems.push({ span: bad.tok.span, message: bad.r.problem });
    return unknown;
  }
  if (r1 === 'none' || r2 === 'none') return { ranges: [], items: [], next };
  return rangesOf(toks, i, next, op, binary, v, v2, r1 as PortRange, r2 as PortRange | undefined);
}

/** What the operator makes of the ports read. */
function rangesOf(toks: Tok[], i: number, next: number, op: string, binary: string, v: Tok, v2: Tok | undefined, r1: PortRange, r2: PortRange | undefined) {
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
