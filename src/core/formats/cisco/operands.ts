/** Reads the operands of ACEs and object definitions: addresses with masks, and port operators. */
import type { PortRange } from '../../model/ports';
import type { AddressValue } from '../../model/rule';
import { portNumber, type Platform, type PortProtocol } from './names';
import type { Token } from './lines';
import { netmaskBitsPrefix } from '../common/address';

// The first run stops at the first ':': one way to split the token, so the tests are linear.
const V6_PREFIX = /^[0-9a-f.]*:[0-9a-f:.]*\/\d{1,3}$/i;
const V6 = /^[0-9a-f.]*:[0-9a-f:.]*$/i;

/** A dotted quad as an unsigned 32-bit number; undefined when it is not one. Hand-parsed: ACLs are mostly addresses. */
export function dotted(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : undefined;
}

export const isV4 = (t: string) => dotted(t) !== undefined;
export const isV6Prefix = (t: string) => V6_PREFIX.test(t);
export const isV6 = (t: string) => V6.test(t);

/** Prefix length of a netmask (255.255.0.0 → 16); undefined when its ones are not contiguous. */
export const netmaskPrefix = netmaskBitsPrefix;

/** Prefix length of an IOS wildcard mask (0.0.0.255 → 24); undefined for non-contiguous wildcards. */
export function wildcardPrefix(mask: number): number | undefined {
  return netmaskPrefix(~mask >>> 0);
}

export type MaskStyle = 'wildcard' | 'netmask';

/** "A MASK" as a value: a CIDR when the mask is contiguous, unknown otherwise (it matches a scattered set). */
export function maskedValue(addr: string, mask: string, style: MaskStyle): AddressValue | undefined {
  const m = dotted(mask);
  if (!isV4(addr) || m === undefined) return undefined;
  const prefix = style === 'wildcard' ? wildcardPrefix(m) : netmaskPrefix(m);
  return prefix === undefined ? { kind: 'unknown' } : { kind: 'cidr', cidr: `${addr}/${prefix}` };
}

/** A single host address (IPv4 or IPv6) as a value; undefined when the token is no address. */
export function hostValue(addr: string): AddressValue | undefined {
  if (isV4(addr)) return { kind: 'cidr', cidr: `${addr}/32` };
  if (isV6(addr)) return { kind: 'cidr', cidr: `${addr}/128` };
  return undefined;
}

export interface PortOperand {
  ranges: PortRange[] | 'unknown';
  negated: boolean;
  items: { range: PortRange; token: Token }[];
  /** The operator and its values. */
  first: Token;
  last: Token;
  next: number;
  problem?: { token: Token; message: string };
}

/** Reads "eq P…", "neq P…", "lt P", "gt P", "range A B" at tokens[i]; undefined when no operator is there. */
export function readPortOperand(tokens: Token[], i: number, platform: Platform, protocol: PortProtocol): PortOperand | undefined {
  const op = tokens[i]?.text.toLowerCase();
  if (op !== 'eq' && op !== 'neq' && op !== 'lt' && op !== 'gt' && op !== 'range') return undefined;
  const first = tokens[i];
  const value = (k: number) => (tokens[k] ? portNumber(tokens[k].text, platform, protocol) : undefined);
  const fail = (k: number): PortOperand => {
    const token = tokens[k] ?? first;
    const message = tokens[k] ? `"${token.text}" is not a ${protocol} port on ${platform === 'asa' ? 'ASA' : 'IOS'}` : `"${op}" needs a port`;
    return { ranges: 'unknown', negated: false, items: [], first, last: token, next: Math.min(k + 1, tokens.length), problem: { token, message } };
  };
  if (op === 'range') {
    const a = value(i + 1);
    if (a === undefined) return fail(i + 1);
    const b = value(i + 2);
    if (b === undefined) return fail(i + 2);
    const range: PortRange = [Math.min(a, b), Math.max(a, b)];
    return { ranges: [range], negated: false, items: [{ range, token: tokens[i + 1] }], first, last: tokens[i + 2], next: i + 3 };
  }
  const p = value(i + 1);
  if (p === undefined) return fail(i + 1);
  if (op === 'lt' || op === 'gt') {
    const range: PortRange = op === 'lt' ? [0, Math.max(0, p - 1)] : [Math.min(65535, p + 1), 65535];
    return { ranges: [range], negated: false, items: [{ range, token: tokens[i + 1] }], first, last: tokens[i + 1], next: i + 2 };
  }
  // IOS takes several ports after eq/neq ("eq www 443"); ASA one.
  const items: PortOperand['items'] = [{ range: [p, p], token: tokens[i + 1] }];
  let k = i + 2;
  while (platform === 'ios' && k < tokens.length) {
    const q = value(k);
    if (q === undefined) break;
    items.push({ range: [q, q], token: tokens[k] });
    k++;
  }
  return { ranges: items.map((x) => x.range), negated: op === 'neq', items, first, last: tokens[k - 1], next: k };
}
