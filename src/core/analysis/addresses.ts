/** Turns a rule's address match into an AddressSet; undefined when any part is unknowable. */
import { AddressSet, LOOPBACK, PRIVATE, parseAddressRange, parseCidr, parseDottedQuad, publicPart } from '../model/cidr';
import type { AddressItem, AddressMatch, Families } from '../model/rule';

/** A stand-in for "the local subnet": private and narrow, never broad or public. */
const LOCAL_SUBNET = parseCidr('192.168.255.0/24') as AddressSet;

/** Parsed literals, shared across documents; bounded so a long editing session cannot grow it forever. */
const cache = new Map<string, AddressSet | undefined>();
const CACHE_LIMIT = 250_000;

/** The set a CIDR or range literal denotes, or undefined when it is not a valid address. */
export function literalSet(text: string, range = false): AddressSet | undefined {
  // A dotted quad is read faster than it is looked up among 50,000 others.
  const quad = range ? null : parseDottedQuad(text);
  if (quad !== null) return quad;
  const key = range ? `r:${text}` : text;
  let set = cache.get(key);
  if (set === undefined && !cache.has(key)) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    set = range ? parseAddressRange(text) : parseCidr(text);
    cache.set(key, set);
  }
  return set;
}

/** The union of the items; undefined when any is unknowable. */
function itemsSet(items: readonly AddressItem[], families: Families): AddressSet | undefined {
  if (items.length === 0) return AddressSet.everything(families);
  // One sort-and-merge for all items: a named set of 12,500 elements unioned one by one is quadratic.
  const parts: AddressSet[] = [];
  for (const item of items) {
    const s = itemSet(item, families);
    if (!s) return undefined;
    parts.push(s);
  }
  return AddressSet.unionAll(parts);
}

function itemSet(item: AddressItem, families: Families): AddressSet | undefined {
  const v = item.value;
  switch (v.kind) {
    case 'any':
      return AddressSet.everything(families);
    case 'internet':
      return publicPart(AddressSet.everything(families));
    case 'private':
      return PRIVATE;
    case 'local-subnet':
      return LOCAL_SUBNET;
    case 'loopback':
      return LOOPBACK;
    case 'unknown':
      return undefined;
    case 'cidr':
      return literalSet(v.cidr);
    case 'range':
      return literalSet(v.range, true);
  }
}

/** True when the set is public addresses no more than a /prefixV4 (IPv4) and a /prefixV6 (IPv6) hold: a few
 *  partner hosts, not "the internet". */
export function publicHostsOnly(set: AddressSet, prefixV4: number, prefixV6: number): boolean {
  if (set.isEmpty) return false;
  // The sizes first: they rule out "anywhere" and wide ranges without a subtraction.
  let v4 = 0;
  for (let i = 0; i < set.v4.length; i += 2) v4 += set.v4[i + 1] - set.v4[i];
  if (v4 > 2 ** (32 - prefixV4)) return false;
  let v6 = 0n;
  for (let i = 0; i < set.v6.length; i += 2) v6 += set.v6[i + 1] - set.v6[i];
  return v6 <= 1n << BigInt(128 - prefixV6) && publicPart(set).equals(set);
}

export function addressSet(match: AddressMatch, families: Families): AddressSet | undefined {
  const set = match.set ?? itemsSet(match.items, families);
  if (!set) return undefined;
  const within = families === 'both' || (families === 'ipv4' ? set.v6.length === 0 : set.v4.length === 0) ? set : set.intersect(AddressSet.everything(families));
  return match.negated ? within.complement(families) : within;
}
