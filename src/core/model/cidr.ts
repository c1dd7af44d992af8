/** IPv4/IPv6 address sets as merged intervals, and their classes. The only importer of ip-cidr. */
import IPCIDR from 'ip-cidr';

export type Family = 4 | 6;
type Interval = readonly [bigint, bigint];

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

/** A set of addresses of both families, each a sorted list of disjoint inclusive intervals. */
export class AddressSet {
  private constructor(readonly v4: readonly Interval[], readonly v6: readonly Interval[]) {}

  static readonly empty = new AddressSet([], []);
  static readonly all = new AddressSet([[0n, V4_MAX]], [[0n, V6_MAX]]);
  static readonly allV4 = new AddressSet([[0n, V4_MAX]], []);
  static readonly allV6 = new AddressSet([], [[0n, V6_MAX]]);

  static of(v4: readonly Interval[], v6: readonly Interval[]): AddressSet {
    return new AddressSet(merge(v4), merge(v6));
  }

  /** The whole address space of the given families. */
  static everything(families: 'ipv4' | 'ipv6' | 'both'): AddressSet {
    return families === 'ipv4' ? AddressSet.allV4 : families === 'ipv6' ? AddressSet.allV6 : AddressSet.all;
  }

  static unionAll(sets: readonly AddressSet[]): AddressSet {
    return AddressSet.of(
      sets.flatMap((s) => s.v4),
      sets.flatMap((s) => s.v6),
    );
  }

  get isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  union(o: AddressSet): AddressSet {
    if (o.isEmpty) return this;
    if (this.isEmpty) return o;
    return new AddressSet(mergeSorted(this.v4, o.v4), mergeSorted(this.v6, o.v6));
  }

  subtract(o: AddressSet): AddressSet {
    return new AddressSet(subtract(this.v4, o.v4), subtract(this.v6, o.v6));
  }

  intersect(o: AddressSet): AddressSet {
    if (o === this) return this;
    return new AddressSet(intersect(this.v4, o.v4), intersect(this.v6, o.v6));
  }

  /** Complement within the given families. */
  complement(families: 'ipv4' | 'ipv6' | 'both'): AddressSet {
    return AddressSet.everything(families).subtract(this);
  }

  equals(o: AddressSet): boolean {
    const same = (a: readonly Interval[], b: readonly Interval[]) =>
      a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
    return same(this.v4, o.v4) && same(this.v6, o.v6);
  }

  /** Size of the largest single interval of a family, in addresses. */
  largestBlock(family: Family): bigint {
    let best = 0n;
    for (const [a, b] of family === 4 ? this.v4 : this.v6) if (b - a + 1n > best) best = b - a + 1n;
    return best;
  }

  /** Human-readable CIDR list of the set: the first `limit` blocks, then how many more (cheaply counted). */
  describe(limit = 3): string {
    const shown: string[] = [];
    let more = 0;
    for (const [family, list] of [[4, this.v4], [6, this.v6]] as const) {
      for (const [a, b] of list) {
        // Past the limit an interval counts as one range: splitting 50,000 of them into CIDRs costs seconds.
        if (shown.length >= limit) {
          more++;
          continue;
        }
        const blocks = cidrBlocks(a, b, family);
        const take = blocks.slice(0, limit - shown.length);
        for (const [start, bits] of take) shown.push(`${formatAddress(start, family)}/${bits}`);
        more += blocks.length - take.length;
      }
    }
    return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  }
}

function merge(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1n) {
      if (b > last[1]) last[1] = b;
    } else out.push([a, b]);
  }
  return out;
}

/** Union of two sorted disjoint lists in one linear pass. */
function mergeSorted(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  if (!a.length) return b as Interval[];
  if (!b.length) return a as Interval[];
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i][0] <= b[j][0]) ? a[i++] : b[j++];
    const last = out[out.length - 1];
    if (last && next[0] <= last[1] + 1n) {
      if (next[1] > last[1]) out[out.length - 1] = [last[0], next[1]];
    } else out.push(next);
  }
  return out;
}

/** a − b for sorted disjoint lists, in one sweep. */
function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  if (b.length === 0 || a.length === 0) return a as Interval[];
  const out: Interval[] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    j = firstEndingAtOrAfter(b, s, j);
    let k = j;
    while (k < b.length && b[k][0] <= e) {
      if (b[k][0] > s) out.push([s, b[k][0] - 1n]);
      s = b[k][1] + 1n;
      if (s > e) break;
      k++;
    }
    if (s <= e) out.push([s, e]);
  }
  return out;
}

/** a ∩ b for sorted disjoint lists; binary search skips what cannot overlap. */
function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length > b.length) [a, b] = [b, a];
  const out: Interval[] = [];
  let j = 0;
  for (const [s, e] of a) {
    j = firstEndingAtOrAfter(b, s, j);
    for (let k = j; k < b.length && b[k][0] <= e; k++) {
      const lo = b[k][0] > s ? b[k][0] : s;
      const hi = b[k][1] < e ? b[k][1] : e;
      out.push(lo === b[k][0] && hi === b[k][1] ? b[k] : [lo, hi]);
    }
  }
  return out;
}

/** Index of the first interval of `b` (from `from` on) that ends at or after `x`: binary search. */
function firstEndingAtOrAfter(b: readonly Interval[], x: bigint, from: number): number {
  let lo = from;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b[mid][1] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** Plain dotted-quad IPv4: done by hand because 50,000-rule blocklists are dominated by it (ip-cidr's
 *  big-integer parsing costs ~20 µs an address); everything else goes through ip-cidr. */
function parseDottedQuad(t: string): AddressSet | undefined | null {
  const m = DOTTED.exec(t);
  if (!m) return null;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = BigInt(((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]);
  const size = 1n << BigInt(32 - prefix);
  const start = (addr / size) * size;
  return AddressSet.of([[start, start + size - 1n]], []);
}

/** Parse "10.0.0.0/8", "192.0.2.7", "2001:db8::/32"; undefined when not an address. */
export function parseCidr(text: string): AddressSet | undefined {
  const t = text.trim();
  const quad = parseDottedQuad(t);
  if (quad !== null) return quad;
  const withPrefix = t.includes('/') ? t : `${t}/${t.includes(':') ? 128 : 32}`;
  if (!IPCIDR.isValidCIDR(withPrefix)) return undefined;
  try {
    const c = new IPCIDR(withPrefix);
    const start = c.start<bigint>({ type: 'bigInteger' });
    const end = c.end<bigint>({ type: 'bigInteger' });
    return c.address.v4 ? AddressSet.of([[start, end]], []) : AddressSet.of([], [[start, end]]);
  } catch {
    return undefined;
  }
}

/** An address range "a-b" (Windows Firewall, nftables). */
export function parseAddressRange(text: string): AddressSet | undefined {
  const [a, b] = text.split('-').map((x) => parseCidr(x));
  if (!a || !b) return undefined;
  const lo = a.v4[0] ?? a.v6[0];
  const hi = b.v4[0] ?? b.v6[0];
  if (!lo || !hi || (a.v4.length === 0) !== (b.v4.length === 0)) return undefined;
  const range: Interval = lo[0] <= hi[1] ? [lo[0], hi[1]] : [hi[0], lo[1]];
  return a.v4.length ? AddressSet.of([range], []) : AddressSet.of([], [range]);
}

function cidrSet(list: string[]): AddressSet {
  return AddressSet.unionAll(list.map((c) => parseCidr(c) as AddressSet));
}

/** RFC 1918 and IPv6 unique-local blocks: private, never routed on the internet. */
const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map((c) => parseCidr(c) as AddressSet);
export const PRIVATE = AddressSet.unionAll(PRIVATE_BLOCKS);
/** Shared address space (RFC 6598): carrier-internal, treated like private. */
const SHARED = cidrSet(['100.64.0.0/10']);
export const LOOPBACK = cidrSet(['127.0.0.0/8', '::1/128']);
const LINK_LOCAL = cidrSet(['169.254.0.0/16', 'fe80::/10']);
/** Not reachable as a source on the internet: "this network", multicast, reserved, documentation. */
const NON_ROUTED = cidrSet([
  '0.0.0.0/8', '192.0.0.0/24', '192.0.2.0/24', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24',
  '224.0.0.0/3', '::/128', 'ff00::/8', '2001:db8::/32',
]);
/** IPv6 space outside global unicast (2000::/3) is not internet either. */
const NON_GLOBAL_V6 = AddressSet.allV6.subtract(cidrSet(['2000::/3']));
const NOT_PUBLIC = PRIVATE.union(SHARED).union(LOOPBACK).union(LINK_LOCAL).union(NON_ROUTED).union(NON_GLOBAL_V6);

/** The addresses of a set that are on the public internet. */
export function publicPart(set: AddressSet): AddressSet {
  return set.subtract(NOT_PUBLIC);
}

const PRIVATE_OR_SHARED = PRIVATE.union(SHARED);

/** True when the set holds a private block wider than the threshold or a whole RFC 1918 block. */
export function hasBroadPrivate(set: AddressSet, prefixV4: number, prefixV6: number): boolean {
  const priv = set.intersect(PRIVATE_OR_SHARED);
  if (priv.isEmpty) return false;
  if (priv.largestBlock(4) > 1n << BigInt(32 - prefixV4)) return true;
  if (priv.largestBlock(6) > 1n << BigInt(128 - prefixV6)) return true;
  return PRIVATE_BLOCKS.some((block) => block.subtract(priv).isEmpty);
}

/** Split [a, b] into the fewest CIDR blocks, as [start, prefix length]. */
function cidrBlocks(a: bigint, b: bigint, family: Family): [bigint, bigint][] {
  const bits = family === 4 ? 32n : 128n;
  const out: [bigint, bigint][] = [];
  let s = a;
  while (s <= b) {
    let size = 0n;
    while (size < bits && (s & ((1n << (size + 1n)) - 1n)) === 0n && s + (1n << (size + 1n)) - 1n <= b) size++;
    out.push([s, bits - size]);
    s += 1n << size;
  }
  return out;
}

function formatAddress(n: bigint, family: Family): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((n >> sh) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  const text = groups.join(':');
  // Collapse the longest run of zero groups, as people write IPv6.
  const runs = [...text.matchAll(/(?:^|:)0(?::0)+(?::|$)/g)].sort((x, y) => y[0].length - x[0].length);
  return runs.length ? text.replace(runs[0][0], '::') : text;
}
