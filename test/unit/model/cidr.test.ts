/** Address-set math and address classes, IPv4 and IPv6, table-driven. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AddressSet, hasBroadPrivate, parseAddressRange, parseCidr, publicPart } from '../../../src/core/model/cidr';
import { netmaskPrefix } from '../../../src/core/formats/common/address';

const set = (...cidrs: string[]) => cidrs.map((c) => parseCidr(c) as AddressSet).reduce((a, b) => a.union(b), AddressSet.empty);

test('parseCidr accepts addresses and CIDRs of both families, rejects the rest', () => {
  for (const ok of ['10.0.0.0/8', '192.0.2.7', '0.0.0.0/0', '::/0', '2001:db8::/32', 'fe80::1', '10.0.0.5/8']) assert.ok(parseCidr(ok), ok);
  for (const bad of ['10.0.0.300/8', 'example.com', '10.0.0.0/33', '', 'fd00::/129', '$LAN']) assert.equal(parseCidr(bad), undefined, bad);
  assert.equal(set('10.0.0.5/8').describe(), '10.0.0.0/8', 'host bits are masked');
});

test('union, subtract, intersect and describe', () => {
  const all4 = AddressSet.allV4;
  assert.equal(all4.subtract(set('10.0.0.0/8')).union(set('10.0.0.0/8')).equals(all4), true);
  assert.equal(set('10.0.0.0/8').intersect(set('10.1.0.0/16')).describe(), '10.1.0.0/16');
  assert.equal(set('10.0.0.0/9', '10.128.0.0/9').describe(), '10.0.0.0/8', 'adjacent blocks merge');
  assert.equal(set('192.168.1.0/24').subtract(set('192.168.1.128/25')).describe(), '192.168.1.0/25');
  assert.equal(set('2001:db8::/32').intersect(set('2001:db8:1::/48')).describe(), '2001:db8:1::/48');
  assert.equal(AddressSet.allV6.subtract(set('::/1')).describe(), '8000::/1');
  assert.equal(set('10.0.0.0/8').intersect(set('2001:db8::/32')).isEmpty, true, 'families never mix');
  assert.equal(parseAddressRange('192.168.1.10-192.168.1.20')?.describe(5), '192.168.1.10/31, 192.168.1.12/30, 192.168.1.16/30, 192.168.1.20/32');
});

test('publicPart: the internet is what is left after private, loopback, link-local and reserved space', () => {
  const cases: [string[], boolean][] = [
    [['0.0.0.0/0'], true],
    [['::/0'], true],
    [['1.2.3.4/5'], true],
    [['0.0.0.0/12'], false],
    [['10.0.0.0/8'], false],
    [['172.16.0.0/12', '192.168.0.0/16'], false],
    [['127.0.0.0/8', '::1/128'], false],
    [['169.254.0.0/16', 'fe80::/10'], false],
    [['100.64.0.0/10'], false],
    [['fc00::/7'], false],
    [['2000::/3'], true],
    [['198.51.100.24/32'], false],
    [['8.8.8.8'], true],
    [['2606:4700::1111'], true],
  ];
  for (const [cidrs, isPublic] of cases) assert.equal(!publicPart(set(...cidrs)).isEmpty, isPublic, cidrs.join(','));
});

test('hasBroadPrivate: wider than the threshold, or a whole RFC 1918 block', () => {
  const cases: [string[], boolean, number?][] = [
    [['10.0.0.0/8'], true],
    [['10.0.0.0/15'], true],
    [['10.20.0.0/16'], false],
    [['192.168.0.0/16'], true, undefined],
    [['172.16.0.0/12'], true],
    [['192.168.10.0/24'], false],
    [['10.0.0.0/8'], true, 8],
    [['10.0.0.0/9'], false, 8],
    [['10.20.0.0/16'], true, 20],
    [['fd00::/8'], true],
    [['fd00:1::/48'], false],
    [['fd00:1::/47'], true],
    [['8.8.8.0/24'], false],
  ];
  for (const [cidrs, broad, prefix] of cases) assert.equal(hasBroadPrivate(set(...cidrs), prefix ?? 16, 48), broad, `${cidrs} @/${prefix ?? 16}`);
});

test('dotted netmasks: contiguous ones give a prefix, scattered ones and non-masks give none', () => {
  assert.equal(netmaskPrefix('255.255.255.0'), 24);
  assert.equal(netmaskPrefix('255.255.255.255'), 32);
  assert.equal(netmaskPrefix('0.0.0.0'), 0);
  assert.equal(netmaskPrefix('255.0.255.0'), undefined);
  assert.equal(netmaskPrefix('255.255.256.0'), undefined);
  assert.equal(netmaskPrefix('24'), undefined);
});

/** A seeded source of random CIDRs of both families, so the property tests below are repeatable. */
function randomCidrs(seed: number, count: number): string[] {
  let s = seed >>> 0;
  const next = (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
  return Array.from({ length: count }, () =>
    next(5) === 0
      ? `2001:db8:${next(4).toString(16)}:${next(65536).toString(16)}::/${48 + next(80)}`
      : `${next(4) + 10}.${next(4)}.${next(256)}.${next(256)}/${8 + next(25)}`,
  );
}

test('unionAll of many sets equals unions one by one, for both families', () => {
  for (const seed of [1, 2, 3]) {
    const sets = randomCidrs(seed, 300).map((c) => parseCidr(c) as AddressSet);
    const folded = sets.reduce((a, b) => a.union(b), AddressSet.empty);
    assert.ok(AddressSet.unionAll(sets).equals(folded), `seed ${seed}`);
  }
});

test('subtract and intersect split a set exactly: (A − B) ∪ (A ∩ B) = A and (A − B) ∩ B = ∅', () => {
  for (const seed of [4, 5, 6]) {
    const a = AddressSet.unionAll(randomCidrs(seed, 60).map((c) => parseCidr(c) as AddressSet));
    const b = AddressSet.unionAll(randomCidrs(seed + 100, 60).map((c) => parseCidr(c) as AddressSet));
    assert.ok(a.subtract(b).union(a.intersect(b)).equals(a), `seed ${seed}`);
    assert.ok(a.subtract(b).intersect(b).isEmpty, `seed ${seed}`);
    assert.ok(a.subtract(b).union(b).equals(a.union(b)), `seed ${seed}`);
  }
});

test('intersecting with a set that holds it gives back the same set, in either order', () => {
  const lan = set('192.168.1.0/24', '2001:db8:1::/48');
  const wide = set('192.168.0.0/16', '2001:db8::/32');
  assert.equal(wide.intersect(lan), lan);
  assert.equal(lan.intersect(wide), lan);
  assert.equal(set('192.168.1.0/25').intersect(set('192.168.1.64/26', '10.0.0.0/8')).describe(), '192.168.1.64/26', 'partly inside: cut');
  assert.equal(set('10.0.0.0/8', '192.168.1.0/24').intersect(set('10.1.0.0/16', '192.168.0.0/16')).describe(), '10.1.0.0/16, 192.168.1.0/24');
});

test('subtracting what does not overlap gives back the same set, and edges of the space stay exact', () => {
  const lan = set('192.168.1.0/24');
  assert.equal(lan.subtract(set('10.0.0.0/8', '2001:db8::/32')), lan);
  assert.equal(AddressSet.allV4.subtract(set('0.0.0.0/1')).describe(), '128.0.0.0/1');
  assert.equal(AddressSet.allV4.subtract(set('255.255.255.255')).largestBlock(4), 2n ** 32n - 1n);
  assert.equal(set('0.0.0.0/0').equals(AddressSet.allV4), true);
  for (const bad of ['1.2.3.4/', '1.2.3.4.5', '1.2.3', '1.2.3.4/3x', '1..2.3']) assert.equal(parseCidr(bad), undefined, bad);
  assert.equal(set('255.255.255.255/32').describe(), '255.255.255.255/32');
});
