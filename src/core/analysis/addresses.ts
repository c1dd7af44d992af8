/** Turns a rule's address match into an AddressSet; undefined when any part is unknowable. */
import { AddressSet, LOOPBACK, PRIVATE, parseAddressRange, parseCidr } from '../model/cidr';
import type { AddressItem, AddressMatch, Families } from '../model/rule';

/** A stand-in for "the local subnet": private and narrow, never broad or public. */
const LOCAL_SUBNET = parseCidr('192.168.255.0/24') as AddressSet;

const cache = new Map<string, AddressSet | undefined>();

function itemSet(item: AddressItem, families: Families): AddressSet | undefined {
  const v = item.value;
  switch (v.kind) {
    case 'any':
      return AddressSet.everything(families);
    case 'private':
      return PRIVATE;
    case 'local-subnet':
      return LOCAL_SUBNET;
    case 'loopback':
      return LOOPBACK;
    case 'unknown':
      return undefined;
    case 'cidr':
    case 'range': {
      const key = v.kind === 'cidr' ? v.cidr : `r:${v.range}`;
      if (!cache.has(key)) {
        if (cache.size > 10000) cache.clear();
        cache.set(key, v.kind === 'cidr' ? parseCidr(v.cidr) : parseAddressRange(v.range));
      }
      return cache.get(key);
    }
  }
}

export function addressSet(match: AddressMatch, families: Families): AddressSet | undefined {
  let set: AddressSet | undefined = match.items.length === 0 ? AddressSet.everything(families) : AddressSet.empty;
  for (const item of match.items) {
    const s = itemSet(item, families);
    if (!s) return undefined;
    set = set.union(s);
  }
  const within = set.intersect(AddressSet.everything(families));
  return match.negated ? within.complement(families) : within;
}
