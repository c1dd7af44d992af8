/**
 * Cisco interfaces: what a configuration says about the network each one faces (IOS `ip nat inside|outside`,
 * ASA `nameif` and `security-level`, a public address, a PPP-negotiated address, the default route, the
 * description), turned into interface evidence for the engine. See docs/formats/cisco.md for the sources.
 */
import { parseCidr, publicPart } from '../../model/cidr';
import type { InterfaceClass, InterfaceEvidence } from '../../model/rule';
import type { Span } from '../../types';
import { spanOf, type Line, type Token } from './lines';
import { dotted, isV4, netmaskPrefix } from './operands';

export interface Iface {
  /** The name as `interface …` writes it ("GigabitEthernet0/1"), and its token(s). */
  name: string;
  nameSpan: Span;
  /** ASA: the name every other command uses for the interface (`nameif outside`). */
  nameif?: Token;
  securityLevel?: { level: number; span: Span };
  /** IOS `ip nat inside|outside`. */
  nat?: { role: 'inside' | 'outside'; span: Span };
  /** IPv4 `ip address A MASK` (primary and secondary). */
  addresses: { addr: string; net: number; mask: number; span: Span }[];
  /** IPv6 `ipv6 address P/L`. */
  v6addresses: { prefix: string; span: Span }[];
  /** `ip address negotiated`: the address comes from the PPP peer (a dialer to an ISP). */
  negotiated?: Span;
  /** `ip address dhcp [setroute]`: ASA's `setroute` takes the default route from the DHCP server. */
  dhcp?: { span: Span; setroute: boolean };
  description?: { text: string; span: Span };
}

/** `ip route 0.0.0.0 0.0.0.0 …`, `ipv6 route ::/0 …`, ASA `route IF 0.0.0.0 0.0.0.0 GW`. */
export interface DefaultRoute {
  /** The interface it names (an IOS interface name or an ASA nameif), when it names one. */
  via?: string;
  /** Its IPv4 next hop, when it has one. */
  nextHop?: number;
  span: Span;
  text: string;
}

/** The name ACL bindings, routes and evidence use: ASA's nameif, else the interface's own name. */
export function ifaceName(i: Iface): string {
  return i.nameif?.text ?? i.name;
}

/** The interface a header line opens; IOS also accepts "interface GigabitEthernet 0/1". */
export function openIface(line: Line): Iface | undefined {
  const t = line.tokens;
  if (!t[1]) return undefined;
  const joined = t[2] && /^\d/.test(t[2].text) && !/\d$/.test(t[1].text);
  const last = joined ? t[2] : t[1];
  return { name: joined ? t[1].text + t[2].text : t[1].text, nameSpan: spanOf(t[1], last), addresses: [], v6addresses: [] };
}

/** Reads one line of an interface block. Returns false when the line says nothing this module keeps. */
export function ifaceLine(i: Iface, t: Token[]): boolean {
  const w0 = t[0].text.toLowerCase();
  const w1 = t[1]?.text.toLowerCase();
  const whole = spanOf(t[0], t[t.length - 1]);
  if (w0 === 'nameif' && t[1]) i.nameif = t[1];
  else if (w0 === 'security-level' && /^\d{1,3}$/.test(t[1]?.text ?? '')) i.securityLevel = { level: Number(t[1].text), span: whole };
  else if (w0 === 'description') {
    const text = t.slice(1).map((x) => x.text).join(' ');
    if (text) i.description = { text, span: spanOf(t[1], t[t.length - 1]) };
  } else if (w0 === 'ip' && w1 === 'nat' && (t[2]?.text === 'inside' || t[2]?.text === 'outside')) i.nat = { role: t[2].text === 'inside' ? 'inside' : 'outside', span: whole };
  else if (w0 === 'ip' && w1 === 'address' && t[2]?.text.toLowerCase() === 'negotiated') i.negotiated = whole;
  else if (w0 === 'ip' && w1 === 'address' && t[2]?.text.toLowerCase() === 'dhcp') i.dhcp = { span: whole, setroute: t.some((x) => x.text.toLowerCase() === 'setroute') };
  else if ((w0 === 'ip' && w1 === 'address' && t[2]) || (w0 === 'address' && t[1])) {
    // IOS "ip address A MASK [secondary]"; ASA "ip address A MASK [standby B]"; A/len forms on newer IOS XE.
    const at = w0 === 'address' ? 1 : 2;
    const [addr, len] = t[at].text.split('/');
    const mask = len !== undefined ? prefixMask(Number(len)) : dotted(t[at + 1]?.text ?? '');
    const a = dotted(addr);
    if (a === undefined || mask === undefined || (len === undefined && netmaskPrefix(mask) === undefined)) return false;
    i.addresses.push({ addr, net: (a & mask) >>> 0, mask, span: whole });
  } else if (w0 === 'ipv6' && w1 === 'address' && t[2] && t[2].text.includes(':')) i.v6addresses.push({ prefix: t[2].text, span: whole });
  else return false;
  return true;
}

function prefixMask(len: number): number | undefined {
  if (!Number.isInteger(len) || len < 0 || len > 32) return undefined;
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

const ANY_V4 = (a?: string, b?: string) => (a === '0.0.0.0' || a === '0') && (b === '0.0.0.0' || b === '0');

/** A default route, or undefined for any other route. `t[0]` is "ip"/"ipv6" (IOS) or "route" (ASA). */
export function defaultRoute(t: Token[]): DefaultRoute | undefined {
  const span = spanOf(t[0], t[t.length - 1]);
  const text = t.map((x) => x.text).join(' ');
  const w0 = t[0].text.toLowerCase();
  if (w0 === 'route') {
    // ASA: route IFNAME 0.0.0.0 0.0.0.0 GATEWAY [distance] ("0 0" is accepted for the zeros).
    if (!t[1] || !ANY_V4(t[2]?.text, t[3]?.text)) return undefined;
    return { via: t[1].text, nextHop: dotted(t[4]?.text ?? ''), span, text };
  }
  let k = 2;
  if (t[k]?.text.toLowerCase() === 'vrf') k += 2;
  if (w0 === 'ip') {
    if (!ANY_V4(t[k]?.text, t[k + 1]?.text)) return undefined;
    k += 2;
  } else if (t[k]?.text === '::/0') k += 1;
  else return undefined;
  const hop = t[k];
  if (!hop) return undefined;
  if (isV4(hop.text)) return { nextHop: dotted(hop.text), span, text };
  if (hop.text.includes(':')) return undefined; // an IPv6 next hop: no IPv6 subnet matching here
  return { via: hop.text, nextHop: dotted(t[k + 1]?.text ?? ''), span, text };
}

/** Interface names as IOS accepts them: case-insensitive, the type abbreviated ("Gi0/1" = "GigabitEthernet0/1"). */
export function sameIface(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const mx = /^([a-z-]{2,})(\d.*)$/.exec(x);
  const my = /^([a-z-]{2,})(\d.*)$/.exec(y);
  return !!mx && !!my && mx[2] === my[2] && (mx[1].startsWith(my[1]) || my[1].startsWith(mx[1]));
}

/** Words in a description or nameif that say what the interface faces. A DMZ faces outward (INGRESS design). */
const OUTWARD = /(?:^|[^a-z0-9])(wan|internet|isp|uplink|outside|external|dmz)(?![a-z0-9])/i;
const INWARD = /(?:^|[^a-z0-9])(lan|inside|internal)(?![a-z0-9])/i;

function wordClass(text: string): { class: InterfaceClass; word: string } | undefined {
  const out = OUTWARD.exec(text);
  const inn = INWARD.exec(text);
  if (out && inn) return undefined; // "WAN to LAN transit": says both, decides nothing
  if (out) return { class: 'internet', word: out[1] };
  if (inn) return { class: 'internal', word: inn[1] };
  return undefined;
}

/** A DMZ holds the servers the internet reaches: what arrives from it is treated as arriving from outside. */
const dmzNote = (word: string) => (word.toLowerCase() === 'dmz' ? ' (a DMZ faces outward)' : '');

function isPublicV4(addr: string): boolean {
  const set = parseCidr(`${addr}/32`);
  return !!set && !publicPart(set).isEmpty;
}

function isPublicV6(prefix: string): boolean {
  const set = parseCidr(prefix.split('/')[0] + '/128');
  return !!set && !publicPart(set).isEmpty;
}

/** The interface a default route leaves by: the one it names, else the one whose subnet holds its next hop. */
function routeIface(r: DefaultRoute, ifaces: Iface[]): Iface | undefined {
  if (r.via?.toLowerCase() === 'dhcp') {
    // IOS "ip route 0.0.0.0 0.0.0.0 dhcp": through the gateway DHCP gave; clear when one interface uses DHCP.
    const dhcp = ifaces.filter((i) => i.dhcp);
    return dhcp.length === 1 ? dhcp[0] : undefined;
  }
  if (r.via !== undefined) return ifaces.find((i) => sameIface(ifaceName(i), r.via!) || sameIface(i.name, r.via!));
  const hop = r.nextHop;
  if (hop === undefined) return undefined;
  return ifaces.find((i) => i.addresses.some((a) => ((hop & a.mask) >>> 0) === a.net));
}

const MAX_DEFAULT_ROUTES = 64;

/**
 * One piece of evidence per interface, the strongest the file gives. Anything that says the interface faces the
 * internet outweighs anything that says it is internal (an `outside` left at security-level 100 still faces
 * out); within a side the order is: the NAT role, the ASA security level (0 or 100), the default route, a
 * public address, a PPP or DHCP-routed address, the nameif, the description. An interface the file says
 * nothing about is left to the user's settings and conventional names.
 */
export function interfaceEvidence(ifaces: Iface[], routes: DefaultRoute[]): InterfaceEvidence[] {
  const routed = new Map<Iface, DefaultRoute>();
  // Each route is matched against every interface: a few default routes are real, thousands are not.
  for (const r of routes.slice(0, MAX_DEFAULT_ROUTES)) {
    const i = routeIface(r, ifaces);
    if (i && !routed.has(i)) routed.set(i, r);
  }
  const out: InterfaceEvidence[] = [];
  for (const i of ifaces) {
    const said = evidenceOf(i, routed.get(i));
    const e = said.find((x) => x.class === 'internet') ?? said[0];
    if (e) out.push({ name: ifaceName(i), ...e });
  }
  return out;
}

type Said = Omit<InterfaceEvidence, 'name'>;

/** Everything the interface's block and the routes say about it, strongest first. */
function evidenceOf(i: Iface, route: DefaultRoute | undefined): Said[] {
  const said: Said[] = [];
  if (i.nat) said.push({ class: i.nat.role === 'outside' ? 'internet' : 'internal', reason: `marked \`ip nat ${i.nat.role}\``, span: i.nat.span });
  const level = i.securityLevel;
  const named = i.nameif ? `nameif ${i.nameif.text}, ` : '';
  if (level?.level === 0) said.push({ class: 'internet', reason: `${named}security-level 0 (the ASA's least trusted level)`, span: level.span });
  if (level?.level === 100) said.push({ class: 'internal', reason: `${named}security-level 100 (the ASA's most trusted level)`, span: level.span });
  if (route) said.push({ class: 'internet', reason: `where the default route leads (\`${route.text}\`)`, span: route.span });
  // Nothing arrives on a loopback: its public address (a router ID, a NAT pool) says nothing about a network.
  const loopback = /^loopback/i.test(i.name);
  const pub = loopback ? undefined : i.addresses.find((a) => isPublicV4(a.addr));
  if (pub) said.push({ class: 'internet', reason: `which has the public address ${pub.addr}`, span: pub.span });
  const pub6 = loopback ? undefined : i.v6addresses.find((a) => isPublicV6(a.prefix));
  if (pub6) said.push({ class: 'internet', reason: `which has the public address ${pub6.prefix}`, span: pub6.span });
  if (i.negotiated) said.push({ class: 'internet', reason: "whose address is negotiated over PPP (`ip address negotiated`), as an ISP link's is", span: i.negotiated });
  if (i.dhcp?.setroute) said.push({ class: 'internet', reason: 'which takes its address and the default route from DHCP (`ip address dhcp setroute`)', span: i.dhcp.span });
  const byName = i.nameif && wordClass(i.nameif.text);
  if (byName && i.nameif) said.push({ class: byName.class, reason: `named \`nameif ${i.nameif.text}\`${dmzNote(byName.word)}`, span: i.nameif.span });
  const byWords = i.description && wordClass(i.description.text);
  if (byWords && i.description) said.push({ class: byWords.class, reason: `described as "${i.description.text}"${dmzNote(byWords.word)}`, span: i.description.span });
  return said;
}
