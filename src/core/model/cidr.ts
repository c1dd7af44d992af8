/** IPv4/IPv6 address sets as merged intervals, and their classes. The only importer of ip-cidr. */
import IPCIDR from 'ip-cidr';
import { intersect, NONE, overlapsAny, sortMerge, subtract, union, unionMany, type Bound } from './intervals';

export type Family = 4 | 6;
/** One past the last address of each family: intervals are half-open, so their math needs no "+ 1" and the
 *  same code runs on numbers and bigints. */
const V4_END = 2 ** 32;
const V6_END = 1n << 128n;

/**
 * A set of addresses of both families. Each family is a flat, sorted list of disjoint, non-touching half-open
 * intervals `[start0, end0, start1, end1, …]`: IPv4 as numbers (bigint math and one array per interval made
 * 50,000-rule files spend most of their time allocating), IPv6 as bigints.
 */
export class AddressSet {
  private constructor(readonly v4: readonly number[], readonly v6: readonly bigint[]) {}

  static readonly empty = new AddressSet(NONE, NONE);
  static readonly all = new AddressSet([0, V4_END], [0n, V6_END]);
  static readonly allV4 = new AddressSet([0, V4_END], NONE);
  static readonly allV6 = new AddressSet(NONE, [0n, V6_END]);

  /** The addresses from `start` up to, not including, `end`. */
  static range(start: number, end: number): AddressSet;
  static range(start: bigint, end: bigint): AddressSet;
  static range(start: Bound, end: Bound): AddressSet {
    return typeof start === 'number' ? new AddressSet([start, end as number], NONE) : new AddressSet(NONE, [start, end as bigint]);
  }

  /** The whole address space of the given families. */
  static everything(families: 'ipv4' | 'ipv6' | 'both'): AddressSet {
    return families === 'ipv4' ? AddressSet.allV4 : families === 'ipv6' ? AddressSet.allV6 : AddressSet.all;
  }

  /** Intervals in any order, overlapping or not (flat, half-open). */
  static fromUnsorted(v4: readonly number[], v6: readonly bigint[]): AddressSet {
    return new AddressSet(v4.length ? sortMerge(v4) : NONE, v6.length ? sortMerge(v6) : NONE);
  }

  static unionAll(sets: readonly AddressSet[]): AddressSet {
    if (sets.length === 1) return sets[0];
    return new AddressSet(
      unionMany(sets.map((s) => s.v4)),
      unionMany(sets.map((s) => s.v6)),
    );
  }

  get isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Number of intervals, a measure of how costly the set is to work with. */
  get intervals(): number {
    return (this.v4.length + this.v6.length) / 2;
  }

  union(o: AddressSet): AddressSet {
    if (o.isEmpty) return this;
    if (this.isEmpty) return o;
    return new AddressSet(union(this.v4, o.v4), union(this.v6, o.v6));
  }

  subtract(o: AddressSet): AddressSet {
    if (o.isEmpty || this.isEmpty) return this;
    const v4 = subtract(this.v4, o.v4);
    const v6 = subtract(this.v6, o.v6);
    return v4 === this.v4 && v6 === this.v6 ? this : new AddressSet(v4, v6);
  }

  intersect(o: AddressSet): AddressSet {
    if (o === this) return this;
    const v4 = intersect(this.v4, o.v4);
    const v6 = intersect(this.v6, o.v6);
    if (v4 === o.v4 && v6 === o.v6) return o;
    return v4 === this.v4 && v6 === this.v6 ? this : new AddressSet(v4, v6);
  }

  /** Complement within the given families. */
  complement(families: 'ipv4' | 'ipv6' | 'both'): AddressSet {
    return AddressSet.everything(families).subtract(this);
  }

  equals(o: AddressSet): boolean {
    const same = (a: readonly Bound[], b: readonly Bound[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    return same(this.v4, o.v4) && same(this.v6, o.v6);
  }

  /** Size of the largest single interval of a family, in addresses. */
  largestBlock(family: Family): bigint {
    let best = 0n;
    const list = family === 4 ? this.v4 : this.v6;
    for (let i = 0; i < list.length; i += 2) {
      const size = BigInt(list[i + 1]) - BigInt(list[i]);
      if (size > best) best = size;
    }
    return best;
  }

  /** Human-readable CIDR list of the set: the first `limit` blocks, then how many more (cheaply counted). */
  describe(limit = 3): string {
    const shown: string[] = [];
    let more = 0;
    for (const [family, list] of [[4, this.v4], [6, this.v6]] as const) {
      for (let i = 0; i < list.length; i += 2) {
        // Past the limit an interval counts as one range: splitting 50,000 of them into CIDRs costs seconds.
        if (shown.length >= limit) {
          more++;
          continue;
        }
        const blocks = cidrBlocks(BigInt(list[i]), BigInt(list[i + 1]) - 1n, family);
        const take = blocks.slice(0, limit - shown.length);
        for (const [start, bits] of take) shown.push(`${formatAddress(start, family)}/${bits}`);
        more += blocks.length - take.length;
      }
    }
    return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
  }
}

/** Gathers sets and makes their union in one sort: cheaper than merging them one by one, and the intervals
 *  are copied while they are still in cache. */
export class AddressSetBuilder {
  private v4: number[] = [];
  private v6: bigint[] = [];
  /** The only set added so far, which needs no sort. */
  private only: AddressSet | undefined;
  private sets = 0;

  get isEmpty(): boolean {
    return this.sets === 0;
  }

  /** Intervals added so far, overlapping ones counted apart. */
  get size(): number {
    return (this.v4.length + this.v6.length) / 2;
  }

  /** Whether anything added so far shares an address with `set`; no sort needed. */
  overlaps(set: AddressSet): boolean {
    return overlapsAny(this.v4, set.v4) || overlapsAny(this.v6, set.v6);
  }

  add(set: AddressSet): void {
    if (set.isEmpty) return;
    this.only = this.sets === 0 ? set : undefined;
    this.sets++;
    for (let i = 0; i < set.v4.length; i++) this.v4.push(set.v4[i]);
    for (let i = 0; i < set.v6.length; i++) this.v6.push(set.v6[i]);
  }

  /** The union of everything added; the builder is empty again afterwards. */
  take(): AddressSet {
    const set = this.only ?? AddressSet.fromUnsorted(this.v4, this.v6);
    this.v4 = [];
    this.v6 = [];
    this.only = undefined;
    this.sets = 0;
    return set;
  }

  clone(): AddressSetBuilder {
    const c = new AddressSetBuilder();
    c.v4 = [...this.v4];
    c.v6 = [...this.v6];
    c.only = this.only;
    c.sets = this.sets;
    return c;
  }
}

/** Plain dotted-quad IPv4 ("a.b.c.d" or "a.b.c.d/n") in `t` from `from` to `to`, read by hand: 50,000-rule
 *  blocklists are dominated by it (ip-cidr's big-integer parsing costs ~20 µs an address), and a reader can pass
 *  a word of its line without cutting it out. null when the text is not of that form (it may still be an address
 *  for ip-cidr), undefined when it is but out of range (an octet over 255). */
export function parseDottedQuad(t: string, from = 0, to = t.length): AddressSet | undefined | null {
  const status = readDottedQuad(t, from, to);
  return status === QUAD_OK ? AddressSet.range(quad.start, quad.end) : status === NOT_A_QUAD ? null : undefined;
}

/** The block a valid dotted quad in [from, to) of `t` denotes, half-open, with nothing made: one shared
 *  object, good until the next call. undefined when the text is not a valid dotted quad. */
export function dottedQuadBlock(t: string, from: number, to: number): { readonly start: number; readonly end: number; readonly prefix: number } | undefined {
  return readDottedQuad(t, from, to) === QUAD_OK ? quad : undefined;
}

const QUAD_OK = 0;
const NOT_A_QUAD = 1;
const OUT_OF_RANGE = 2;
/** The block the last successful `readDottedQuad` read, half-open. */
const quad = { start: 0, end: 0, prefix: 0 };

function readDottedQuad(t: string, from: number, to: number): number {
  let addr = 0;
  let octet = -1;
  let digits = 0;
  let dots = 0;
  let i = from;
  for (; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return NOT_A_QUAD;
      octet = (octet < 0 ? 0 : octet * 10) + (c - 48);
    } else if (c === 46 && digits > 0 && dots < 3) {
      if (octet > 255) return OUT_OF_RANGE;
      addr = addr * 256 + octet;
      octet = -1;
      digits = 0;
      dots++;
    } else break;
  }
  if (dots !== 3 || digits === 0) return NOT_A_QUAD;
  if (octet > 255) return OUT_OF_RANGE;
  addr = addr * 256 + octet;
  let prefix = 32;
  if (i < to) {
    if (t.charCodeAt(i) !== 47 || i + 1 === to || to - i > 3) return NOT_A_QUAD;
    prefix = 0;
    for (let k = i + 1; k < to; k++) {
      const c = t.charCodeAt(k);
      if (c < 48 || c > 57) return NOT_A_QUAD;
      prefix = prefix * 10 + (c - 48);
    }
    if (prefix > 32) return OUT_OF_RANGE;
  }
  const size = 2 ** (32 - prefix);
  quad.start = Math.floor(addr / size) * size;
  quad.end = quad.start + size;
  quad.prefix = prefix;
  return QUAD_OK;
}

const CIDR_CHARS = /^[0-9a-fA-F.:/]+$/;

/** Parse "10.0.0.0/8", "192.0.2.7", "2001:db8::/32"; undefined when not an address. */
export function parseCidr(text: string): AddressSet | undefined {
  const t = text.trim();
  const quad = parseDottedQuad(t);
  if (quad !== null) return quad;
  // Names and placeholders (fixes ask about TRUSTED_SMB_SOURCES once per finding) are turned away here: ip-cidr
  // would throw and catch an error for each.
  if (!CIDR_CHARS.test(t)) return undefined;
  const withPrefix = t.includes('/') ? t : `${t}/${t.includes(':') ? 128 : 32}`;
  if (!IPCIDR.isValidCIDR(withPrefix)) return undefined;
  try {
    const c = new IPCIDR(withPrefix);
    const start = c.start<bigint>({ type: 'bigInteger' });
    const end = c.end<bigint>({ type: 'bigInteger' }) + 1n;
    return c.address.v4 ? AddressSet.range(Number(start), Number(end)) : AddressSet.range(start, end);
  } catch {
    return undefined;
  }
}

/** An address range "a-b" (Windows Firewall, nftables); written backwards, it means the same range. */
export function parseAddressRange(text: string): AddressSet | undefined {
  const [a, b] = text.split('-').map((x) => parseCidr(x));
  if (!a || !b) return undefined;
  if (a.v4.length && b.v4.length) return a.v4[0] <= b.v4[1] ? AddressSet.range(a.v4[0], b.v4[1]) : AddressSet.range(b.v4[0], a.v4[1]);
  if (a.v6.length && b.v6.length) return a.v6[0] <= b.v6[1] ? AddressSet.range(a.v6[0], b.v6[1]) : AddressSet.range(b.v6[0], a.v6[1]);
  return undefined;
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

/** Sets are immutable: the rules and the messages ask for the same exposure's public part several times, and a set
 *  with thousands of blocks (a blocklist taken out of "anywhere") costs a subtraction each time. */
const publicParts = new WeakMap<AddressSet, AddressSet>();

/** The addresses of a set that are on the public internet. */
export function publicPart(set: AddressSet): AddressSet {
  let part = publicParts.get(set);
  if (!part) publicParts.set(set, (part = set.subtract(NOT_PUBLIC)));
  return part;
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
