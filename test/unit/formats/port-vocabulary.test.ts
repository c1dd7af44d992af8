/** The shared port and protocol vocabulary: /etc/services names, each tool's range rule, and "all" words. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portProblemIn, portRangeIn, readPortRange } from '../../../src/core/formats/common/port-range';
import { NSG_PORTS } from '../../../src/core/formats/arm/nsg';
import { FIREWALLD_PORTS } from '../../../src/core/formats/firewalld/services';
import { IPTABLES_PORTS } from '../../../src/core/formats/iptables/values';
import { NFT_PORTS } from '../../../src/core/formats/nftables/values';
import { PF_PORTS } from '../../../src/core/formats/pf/ports';
import { UFW_PORTS } from '../../../src/core/formats/ufw/parse';
import { CLOUD_ANY, IPTABLES_ANY, protocolOfWord, protocolOfWords } from '../../../src/core/formats/common/protocol';
import { servicePortOf } from '../../../src/core/model/services';

// Each format's own syntax: the tests read the tools' rules as the formats declare them.
const IPT = IPTABLES_PORTS;
const NFT = NFT_PORTS;
const FIREWALLD = FIREWALLD_PORTS;
const PF = PF_PORTS;
const UFW = UFW_PORTS;
const AZURE = NSG_PORTS;

test('service names are the ones /etc/services spells (netbase), SMB names included, smb and cifs not', () => {
  assert.equal(servicePortOf('microsoft-ds'), 445);
  assert.equal(servicePortOf('netbios-ssn'), 139);
  assert.equal(servicePortOf('netbios-ns'), 137);
  assert.equal(servicePortOf('netbios-dgm'), 138);
  assert.equal(servicePortOf('ftp-data'), 20);
  assert.equal(servicePortOf('epmap'), 135);
  assert.equal(servicePortOf('loc-srv'), 135);
  assert.equal(servicePortOf('www'), 80);
  assert.equal(servicePortOf('smb'), undefined);
  assert.equal(servicePortOf('cifs'), undefined);
  assert.equal(servicePortOf('netbios-ss'), undefined, "IOS's keyword, not a service name");
});

test('names are read where the tool reads them, and only there', () => {
  assert.deepEqual(portRangeIn('microsoft-ds', IPT), [445, 445]);
  assert.deepEqual(portRangeIn('netbios-ns:netbios-ssn', IPT), [137, 139]);
  assert.deepEqual(portRangeIn('netbios-ns-netbios-dgm', NFT), [137, 138]);
  assert.deepEqual(portRangeIn('ftp-data-ftp', FIREWALLD), [20, 21]);
  assert.equal(portRangeIn('microsoft-ds', AZURE), undefined);
  assert.match(portProblemIn('microsoft-ds', AZURE) ?? '', /"microsoft-ds" is not a port number: Azure/);
  assert.match(portProblemIn('smb', NFT) ?? '', /"smb" is not a port number or an \/etc\/services name: nft would refuse it/);
});

test('a range high to low: iptables, nft and ufw refuse it, firewalld swaps it, pf keeps a range that matches nothing', () => {
  assert.match(portProblemIn('445:139', IPT) ?? '', /"445:139" is refused by iptables: it runs backwards \(445 > 139\)/);
  assert.match(portProblemIn('445-139', NFT) ?? '', /"445-139" is refused by nft/);
  assert.match(portProblemIn('445:139', UFW) ?? '', /"445:139" is refused by ufw/);
  assert.deepEqual(portRangeIn('445-139', FIREWALLD), [139, 445]);
  assert.deepEqual(portRangeIn('445-139', AZURE), [139, 445]);
  assert.equal(readPortRange('445:139', PF), 'none');
  assert.equal(portProblemIn('445:139', PF), undefined);
});

test('equal ends: a one-port range everywhere but ufw, which wants a rising range', () => {
  assert.deepEqual(portRangeIn('445:445', IPT), [445, 445]);
  assert.deepEqual(portRangeIn('445-445', NFT), [445, 445]);
  assert.match(portProblemIn('445:445', UFW) ?? '', /its two ends are one port/);
});

test('open ends only where the tool has them; port 0, -1 and values above 65535', () => {
  assert.deepEqual(portRangeIn(':1024', IPT), [0, 1024]);
  assert.deepEqual(portRangeIn('1024:', IPT), [1024, 65535]);
  assert.equal(portRangeIn(':1024', PF), undefined);
  assert.deepEqual(portRangeIn('0', IPT), [0, 0]);
  assert.match(portProblemIn('0', UFW) ?? '', /port 0 is out of range \(1–65535\): ufw/);
  assert.match(portProblemIn('70000', NFT) ?? '', /port 70000 is out of range/);
  assert.match(portProblemIn('445-70000', NFT) ?? '', /port 70000 is out of range/);
  assert.match(portProblemIn('-1', NFT) ?? '', /"-1" is not a port number/);
  assert.match(portProblemIn('-1', AZURE) ?? '', /"-1" is not a port number/);
});

test('hostile words stay bounded and are refused', () => {
  const long = 'a-'.repeat(50_000);
  const t = performance.now();
  assert.ok(portProblemIn(long, NFT));
  assert.ok(portProblemIn('1:'.repeat(50_000), IPT));
  assert.ok(performance.now() - t < 200);
});

test('protocol words: one reader, each tool its own "all" words', () => {
  assert.equal(protocolOfWord('TCP'), 'tcp');
  assert.equal(protocolOfWord('17'), 'udp');
  for (const w of CLOUD_ANY) assert.equal(protocolOfWord(w), 'any', w);
  assert.equal(protocolOfWord('all', IPTABLES_ANY), 'any');
  assert.equal(protocolOfWord('0', IPTABLES_ANY), 'any');
  assert.equal(protocolOfWord('-1', IPTABLES_ANY), 'other');
  assert.equal(protocolOfWord('icmp'), 'other');
  assert.equal(protocolOfWords(['tcp', 'udp']), 'any');
  assert.equal(protocolOfWords(['6', 'icmp']), 'tcp');
  assert.equal(protocolOfWords(['icmp', 'esp']), 'other');
});
