/** One reader for a port or a range of two, as every tool writes it: the tools differ only in the separator,
 *  whether they take /etc/services names, and what they do with a range written high to low. Each format keeps
 *  its own syntax (lists, operators, quoting) and passes the words here. */
import { MAX_PORT, type PortRange } from '../../model/ports';
import { servicePortOf } from '../../model/services';
import { isDigits } from '../../text/chars';

export interface PortSyntax {
  /** The tool, as a problem names it ("iptables"). */
  tool: string;
  /** What stands between a range's two ends. */
  separator: ':' | '-';
  /** An end may be an /etc/services name (the tool resolves it with getservbyname or getaddrinfo). */
  names: boolean;
  /** An end may be left out: ":1024" is 0–1024, "1024:" is 1024–65535 (iptables). */
  openEnds?: boolean;
  /** A range written high to low: 'swap' reads "445:139" as 139–445; 'reject' is a line the tool refuses;
   *  'empty' is a range the tool keeps and that matches no port. */
  reversed: 'swap' | 'reject' | 'empty';
  /** The lowest port the tool takes: 1 for ufw, 0 for the others. */
  min?: number;
  /** With 'reject': a range must rise, so "445:445" is refused too (ufw). */
  rising?: boolean;
}

/** Why the tool would refuse the word, naming the value it would refuse. */
export interface PortProblem {
  problem: string;
}

/** A range; 'none' for a range the tool keeps but that matches no port; or the problem the tool would have. */
export type PortRead = PortRange | 'none' | PortProblem;

export const isPortProblem = (r: PortRead): r is PortProblem => typeof r === 'object' && !Array.isArray(r);
const isRange = (r: PortRead): r is PortRange => Array.isArray(r);

/** The range a word names; undefined when the tool would refuse it or it matches no port. */
export function portRangeIn(word: string, syntax: PortSyntax): PortRange | undefined {
  const r = readPortRange(word, syntax);
  return isRange(r) ? r : undefined;
}

/** Why the tool would refuse the word as a port or range; undefined when it takes it. */
export function portProblemIn(word: string, syntax: PortSyntax): string | undefined {
  const r = readPortRange(word, syntax);
  return isPortProblem(r) ? r.problem : undefined;
}

/** Longer words are no port (the longest service name is 15 letters): bounds the split search below. */
const MAX_WORD = 64;

/** Reads "445", "microsoft-ds", "137:139" or "137-139" (with the tool's separator), "netbios-ns-netbios-dgm". */
export function readPortRange(word: string, syntax: PortSyntax): PortRead {
  const text = word.trim();
  if (text.length > MAX_WORD) return { problem: `"${short(text)}" is not a port: ${syntax.tool} would refuse it` };
  const single = endOf(text, syntax);
  if (typeof single === 'number') return [single, single];
  // With '-' a name may hold the separator itself (netbios-ns-netbios-dgm): the first split whose two sides
  // are both ports is the range, as firewalld and nft read it.
  // A split with one good end names the bad one ("445:44x"); otherwise the whole word is what is refused.
  let endProblem: PortProblem | undefined;
  for (let i = text.indexOf(syntax.separator); i >= 0; i = text.indexOf(syntax.separator, i + 1)) {
    const a = text.slice(0, i).trim();
    const b = text.slice(i + 1).trim();
    if ((a === '' || b === '') && !syntax.openEnds) continue;
    const lo = a === '' ? 0 : endOf(a, syntax);
    const hi = b === '' ? MAX_PORT : endOf(b, syntax);
    if (typeof lo === 'number' && typeof hi === 'number') return checkRange(text, lo, hi, syntax);
    if (typeof lo === 'number' || typeof hi === 'number') endProblem ??= typeof lo === 'object' ? lo : (hi as PortProblem);
  }
  return endProblem ?? single;
}

/** The port a range end names, or why the tool would refuse it. */
function endOf(text: string, syntax: PortSyntax): number | PortProblem {
  if (text !== '' && isDigits(text)) {
    const n = Number(text);
    const min = syntax.min ?? 0;
    if (n < min || n > MAX_PORT) return { problem: `port ${text} is out of range (${min}–${MAX_PORT}): ${syntax.tool} would refuse it` };
    return n;
  }
  const named = syntax.names ? servicePortOf(text) : undefined;
  if (named !== undefined && named >= (syntax.min ?? 0)) return named;
  const what = syntax.names ? 'a port number or an /etc/services name' : 'a port number';
  return { problem: `"${short(text)}" is not ${what}: ${syntax.tool} would refuse it` };
}

function checkRange(text: string, lo: number, hi: number, syntax: PortSyntax): PortRead {
  if (lo < hi || (lo === hi && !syntax.rising)) return [lo, hi];
  if (syntax.reversed === 'swap') return lo === hi ? [lo, hi] : [hi, lo];
  if (syntax.reversed === 'empty') return 'none';
  const why = lo === hi ? 'its two ends are one port' : `it runs backwards (${lo} > ${hi})`;
  return { problem: `the range "${text}" is refused by ${syntax.tool}: ${why}` };
}


const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
