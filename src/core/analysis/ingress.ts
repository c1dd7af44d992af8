/**
 * Where an exposure's traffic enters and what that does to its grade: internet-facing or no interface → as the
 * rule says; internal → not reported; unknown → one level lower. A forward rule out of an internet-facing
 * interface carries traffic outward.
 */
import type { AccessRule, InterfaceMatch, RuleList } from '../model/rule';
import type { Severity } from '../types';
import { classifyZone, ifaceName, type Classification, type Iface, type IfaceClass, type InterfaceClassifier } from './interfaces';

export interface Ingress {
  /** The interface as written in settings ("eth1", "br-*"), or the zone ("zone public"). */
  interface: string;
  class: IfaceClass;
  reason: string;
  /** Completes "… by this rule": " on eth1, a bridge by its name". */
  clause: string;
  /** What `interface` names: only an interface can be classified by smbGuard.interfaces. */
  kind: 'interface' | 'zone' | 'undefined';
  /** Forward traffic leaving by this internet-facing interface: outbound. */
  outbound?: boolean;
}

/** The interface (or zone) an exposure arrives by, classified; undefined when nothing scopes it. */
export function ingressOf(arrival: Iface | null, rule: AccessRule | undefined, list: RuleList, text: string, classifier: InterfaceClassifier): Ingress | undefined {
  if (arrival) return ofIface(ifaceName(arrival), classifier.classify(arrival));
  // An interface the file names but does not define (an unset variable): nobody knows what it faces.
  const undefinedIn = [rule?.scope?.in, list.scope?.in].find((m) => m?.unknown && !m.negated);
  if (undefinedIn) {
    const written = undefinedIn.span ? text.slice(undefinedIn.span.offset, undefinedIn.span.offset + undefinedIn.span.length) : 'an interface';
    return { interface: written, class: 'unknown', reason: 'which this file does not define', clause: ` on ${written}, which this file does not define`, kind: 'undefined' };
  }
  const zone = rule?.scope?.zone ?? list.scope?.zone;
  if (zone) {
    const c = classifyZone(zone.name);
    return { interface: `zone ${zone.name}`, class: c.class, reason: c.reason, clause: ` in ${c.reason}`, kind: 'zone' };
  }
  return undefined;
}

function ofIface(name: string, c: Classification): Ingress {
  return { interface: name, class: c.class, reason: c.reason, clause: ` on ${name}, ${c.reason}`, kind: 'interface' };
}

/** The internet-facing interface a forward rule (or its list) sends traffic out by, if any: LAN → WAN. */
export function outboundVia(rule: AccessRule | undefined, list: RuleList, classifier: InterfaceClassifier): Ingress | undefined {
  for (const m of [rule?.scope?.out, list.scope?.out]) {
    const out = internetItem(m, classifier);
    if (out) return { ...out, outbound: true };
  }
  return undefined;
}

function internetItem(m: InterfaceMatch | undefined, classifier: InterfaceClassifier): Ingress | undefined {
  if (!m || m.negated || m.unknown) return undefined;
  for (const item of m.items) {
    const c = classifier.classify(item);
    if (c.class === 'internet') return ofIface(ifaceName(item), c);
  }
  return undefined;
}

/** One level lower: what an unknown interface does to a grade. */
export function lower(s: Severity): Severity {
  return s === 'error' ? 'warning' : 'info';
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worse(a: Severity, b: Severity): boolean {
  return RANK[a] > RANK[b];
}

/** The sentence an unknown interface's finding ends with: how to say what it faces. */
export function classifyHint(ingress: Ingress | undefined): string {
  if (!ingress || ingress.class !== 'unknown') return '';
  if (ingress.kind === 'undefined') return ` Define ${ingress.interface} in the file, or classify the interface it stands for with smbGuard.interfaces.`;
  if (ingress.kind === 'zone') return ` Nothing says what ${ingress.interface} faces: bind it to interfaces you classify with smbGuard.interfaces, or use a zone firewalld names (public, internal…).`;
  const name = ingress.interface;
  return ` Set smbGuard.interfaces (CLI: --interface ${name}=internet or =internal) to say what ${name} faces.`;
}

/** " through ppp0, the interface …" for forward traffic leaving by an internet-facing interface. */
export function outboundClause(ingress: Ingress | undefined): string {
  return ingress?.outbound ? ` through ${ingress.interface}, ${ingress.reason}` : '';
}
