/** What an address token written in IaC or a host firewall means: literals, and the symbolic names platforms use. */
import type { AddressValue } from '../../model/rule';

const NAMED: Record<string, AddressValue> = {
  '*': { kind: 'any' },
  any: { kind: 'any' },
  all: { kind: 'any' },
  internet: { kind: 'internet' },
  virtualnetwork: { kind: 'private' },
  localsubnet: { kind: 'local-subnet' },
  localhost: { kind: 'loopback' },
};

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV4_RANGE = /^\d{1,3}(\.\d{1,3}){3}\s*-\s*\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*(\/\d{1,3})?$/i;

/** Classifies one address token: "*", "Any", "Internet", "VirtualNetwork", "LocalSubnet", CIDRs, bare
 *  addresses, "a-b" ranges. Anything else (hostnames, variables, service tags) is unknown, never guessed. */
export function addressValueOf(token: string): AddressValue {
  const text = token.trim();
  const named = NAMED[text.toLowerCase()];
  if (named) return named;
  if (IPV4.test(text) || IPV6.test(text)) return { kind: 'cidr', cidr: text };
  if (IPV4_RANGE.test(text)) return { kind: 'range', range: text.replace(/\s+/g, '') };
  return { kind: 'unknown' };
}
