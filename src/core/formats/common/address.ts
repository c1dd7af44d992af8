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
// The first run stops at the first ':', so there is one way to split the token: linear, not quadratic.
const IPV6 = /^[0-9a-f.]*:[0-9a-f:.]*(\/\d{1,3})?$/i;

/** Classifies one address token: "*", "Any", "Internet", "VirtualNetwork", "LocalSubnet", CIDRs, bare
 *  addresses, "a-b" ranges. Anything else (hostnames, variables, service tags) is unknown, never guessed. */
export function addressValueOf(token: string): AddressValue {
  const text = token.trim();
  const first = text.charCodeAt(0);
  // Names start with a letter or "*"; a digit or ":" starts an address, which needs no lower-cased copy.
  const named = first >= 48 && first <= 58 ? undefined : NAMED[text.toLowerCase()];
  if (named) return named;
  if (IPV4.test(text) || IPV6.test(text)) return { kind: 'cidr', cidr: text };
  if (IPV4_RANGE.test(text)) return { kind: 'range', range: text.replace(/\s+/g, '') };
  return { kind: 'unknown' };
}

/** Prefix length of a 32-bit netmask (0xffff0000 → 16); undefined when its ones are not contiguous. */
export function netmaskBitsPrefix(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  // A contiguous netmask inverted is 2^k − 1 (all-ones + 1 wraps to 0 in 32-bit arithmetic).
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

/** Prefix length of a dotted netmask ("255.255.0.0" → 16); undefined for anything else. */
export function netmaskPrefix(mask: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(mask);
  if (!m) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return netmaskBitsPrefix(((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0);
}
