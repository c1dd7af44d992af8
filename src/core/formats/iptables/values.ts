/** What the words of an iptables match mean: shared by the general parser (args.ts) and the save-line reader. */
import type { PortRange } from '../../model/ports';
import { IPTABLES_ANY, protocolOfWord } from '../common/protocol';
import { portProblemIn, portRangeIn, type PortSyntax } from '../common/port-range';
import type { Action, Protocol } from '../../model/rule';

/** Match modules SMB Guard understands fully; any other module makes the rule conditional. */
export const KNOWN_MODULES: ReadonlySet<string> = new Set(['tcp', 'udp', 'multiport', 'state', 'conntrack', 'comment', 'iprange', 'addrtype', 'icmp', 'icmp6', 'ipv6icmp']);
const ACCEPT = new Set(['ACCEPT']);
const DENY = new Set(['DROP', 'REJECT', 'TARPIT']);
const NO_DECISION = new Set(['LOG', 'NFLOG', 'ULOG', 'TRACE', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'CLASSIFY', 'DSCP', 'TCPMSS', 'AUDIT', 'SET', 'NFQUEUE', 'QUEUE', 'TOS', 'TTL', 'HL', 'CHECKSUM', 'SECMARK', 'CONNSECMARK', 'SNAT', 'DNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP']);

/** What a --state / --ctstate list does to a rule: "NEW" (or a list with it) changes nothing; "DNAT" alone
 *  (conntrack: "the original destination differs from the reply source", iptables-extensions(8)) admits only what
 *  the nat table's DNAT and REDIRECT rules forward. */
export function stateEffect(text: string, negated: boolean): 'established' | 'conditional' | 'dnat' | undefined {
  const states = text.toUpperCase().split(',');
  if (!negated && states.every((s) => s === 'ESTABLISHED' || s === 'RELATED' || s === 'UNTRACKED')) return 'established';
  if (!negated && states.every((s) => s === 'DNAT')) return 'dnat';
  return negated || !states.includes('NEW') ? 'conditional' : undefined;
}

/** The protocol a -p value (possibly negated) means for SMB's two. */
export function protocolOf(text: string, negated: boolean): Protocol {
  const base: Protocol = text === '' ? 'any' : protocolOfWord(text, IPTABLES_ANY);
  if (!negated) return base;
  // "! -p tcp" still matches UDP, and the other way round: what matters for SMB's two protocols.
  return base === 'tcp' ? 'udp' : base === 'udp' ? 'tcp' : base === 'any' ? 'other' : 'any';
}

/** What a -j target does with a packet. */
export function actionOf(target: string): Action {
  if (ACCEPT.has(target)) return 'allow';
  if (DENY.has(target)) return 'deny';
  if (target === 'RETURN') return 'return';
  if (NO_DECISION.has(target) || target === '') return 'log';
  return 'jump';
}

/** Port lists already read, by their text: most rules of a large file share a few, and sharing them keeps the
 *  engine's reads of them in cache. Bounded so a long editing session cannot grow it forever. */
const portLists = new Map<string, PortRange[]>();
const PORT_LISTS_LIMIT = 10_000;

/** The ranges of a port list ("445", "137:139", ":1024", "1024:", "microsoft-ds", and comma lists for
 *  multiport), shared per text; undefined when a part is not a port. */
export function portList(text: string): PortRange[] | undefined {
  const known = portLists.get(text);
  if (known) return known;
  const ranges: PortRange[] = [];
  for (const part of text.split(',')) {
    const range = portRangeOf(part);
    if (!range) return undefined;
    ranges.push(range);
  }
  if (portLists.size >= PORT_LISTS_LIMIT) portLists.clear();
  portLists.set(text, ranges);
  return ranges;
}

/** iptables-extensions(8), tcp/udp: "port[:port]", either end may be left out, ends may be /etc/services names.
 *  The man page says a range high to low is swapped, but libxtables kept it as written (a match no port meets)
 *  until 1.8.11 refuses it ("Port range 445-139 is negative", xtoptions.c xtopt_parse_mport), and multiport
 *  refuses it in every version ("invalid portrange specified"): a line to fix either way. */
export const IPTABLES_PORTS: PortSyntax = { tool: 'iptables', separator: ':', names: true, openEnds: true, reversed: 'reject' };

export function portRangeOf(part: string): PortRange | undefined {
  return portRangeIn(part, IPTABLES_PORTS);
}

/** Why iptables would refuse the first part of a port list that is no port; undefined when all are ports. */
export function portListProblem(text: string): string | undefined {
  for (const part of text.split(',')) {
    const problem = portProblemIn(part, IPTABLES_PORTS);
    if (problem) return problem;
  }
  return undefined;
}

/** Where the comma-separated part that starts at `at` ends, at `end` at the latest. */
export function partEnd(text: string, at: number, end: number): number {
  const comma = text.indexOf(',', at);
  return comma < 0 || comma > end ? end : comma;
}
