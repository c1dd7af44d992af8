/** Port-set math: normalising, complements, removal with range splitting, service names. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complementPorts, normalizePorts, portOf, portsContain, removePorts, type PortRange } from '../../../src/core/model/ports';

test('normalizePorts sorts, merges adjacent and overlapping ranges, clamps', () => {
  const cases: [PortRange[], PortRange[]][] = [
    [[[445, 445], [139, 139]], [[139, 139], [445, 445]]],
    [[[137, 138], [139, 139]], [[137, 139]]],
    [[[100, 200], [150, 300]], [[100, 300]]],
    [[[139, 137]], [[137, 139]]],
    [[[65000, 70000]], [[65000, 65535]]],
    [[], []],
  ];
  for (const [input, expected] of cases) assert.deepEqual(normalizePorts(input), expected, JSON.stringify(input));
});

test('complementPorts covers exactly the ports not in the set', () => {
  assert.deepEqual(complementPorts([[445, 445]]), [[0, 444], [446, 65535]]);
  assert.deepEqual(complementPorts([[0, 65535]]), []);
  assert.deepEqual(complementPorts([]), [[0, 65535]]);
  assert.deepEqual(complementPorts([[0, 138], [140, 65535]]), [[139, 139]]);
});

test('removePorts splits ranges around the removed ports', () => {
  const cases: [PortRange[], number[], PortRange[]][] = [
    [[[137, 139]], [137, 138], [[139, 139]]],
    [[[1, 1024]], [139, 445], [[1, 138], [140, 444], [446, 1024]]],
    [[[445, 445]], [445], []],
    [[[22, 22], [445, 445]], [445], [[22, 22]]],
    [[[0, 65535]], [137, 138, 139, 445], [[0, 136], [140, 444], [446, 65535]]],
    [[[80, 80]], [445], [[80, 80]]],
  ];
  for (const [ranges, ports, expected] of cases) assert.deepEqual(removePorts(ranges, ports), expected, `${JSON.stringify(ranges)} - ${ports}`);
});

test('portsContain and service names', () => {
  assert.equal(portsContain([[137, 139]], 138), true);
  assert.equal(portsContain([[137, 139]], 445), false);
  assert.equal(portOf('microsoft-ds'), 445);
  assert.equal(portOf('netbios-ssn'), 139);
  assert.equal(portOf('netbios-ns'), 137);
  assert.equal(portOf('netbios-dgm'), 138);
  assert.equal(portOf('NETBIOS-SSN'), 139);
  assert.equal(portOf('65536'), undefined);
  assert.equal(portOf('no-such-service'), undefined);
});
