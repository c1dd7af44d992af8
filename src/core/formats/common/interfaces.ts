/** Interface names as host firewalls write them, and what the names of the variables holding them say. */
import type { InterfaceClass, InterfaceEvidence, InterfaceItem } from '../../model/rule';
import type { Span } from '../../types';

/** One interface name with its trailing wildcard (`+` for iptables, `*` for nft): "br+" → prefix "br". */
export function interfaceItem(text: string, wildcard: '+' | '*', span: Span): InterfaceItem {
  return text.endsWith(wildcard) ? { name: text.slice(0, -1), prefix: true, span } : { name: text, span };
}

/** Name parts that say where an interface faces. DMZ faces outward: what sits there is reached from outside. */
const INTERNET = new Set(['wan', 'ext', 'extern', 'external', 'outside', 'inet', 'internet', 'uplink', 'upstream', 'public', 'pub', 'dmz', 'isp', 'world']);
const INTERNAL = new Set(['lan', 'int', 'intern', 'internal', 'inside', 'priv', 'private', 'local', 'home', 'trusted', 'mgmt']);
/** What a part may carry besides its meaning: "extif", "lan_iface", "WAN0", "intdev". */
const SUFFIX = /(?:if|ifs|iface|ifaces|interface|interfaces|dev|device|nic|net|port)?\d*$/;

/** What a variable's or define's name says its interface faces: `$WAN_IF`, `ext_if`, `INET_IFACE`, `$lan`;
 *  undefined when the name says nothing (or says both). Linear in the name, which is cut at 64 characters. */
export function classOfName(name: string): InterfaceClass | undefined {
  const parts = name
    .slice(0, 64)
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  let found: InterfaceClass | undefined;
  for (const raw of parts) {
    const part = INTERNET.has(raw) || INTERNAL.has(raw) ? raw : raw.replace(SUFFIX, '');
    const cls = INTERNET.has(part) ? 'internet' : INTERNAL.has(part) ? 'internal' : undefined;
    if (!cls) continue;
    if (found && found !== cls) return undefined;
    found = cls;
  }
  return found;
}

/** Evidence from the name of the variable an interface was written through, or undefined. */
export function namedEvidence(item: InterfaceItem, variable: string, written: string): InterfaceEvidence | undefined {
  const cls = classOfName(variable);
  if (!cls) return undefined;
  return { name: item.name, prefix: item.prefix, class: cls, reason: `named by ${written}`, span: item.span };
}

/** The reasons formats give for NAT and routes, in words that follow "on eth1, ". */
export const REASONS = {
  masquerade: 'the interface this file masquerades out of',
  snat: 'the interface this file source-NATs out of',
  dnat: 'the interface this file forwards ports from (DNAT)',
  defaultRoute: "the interface this file's default route leaves by",
} as const;
