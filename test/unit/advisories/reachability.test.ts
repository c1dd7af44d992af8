/** Every advisory reaches some finding (unless it is history), and a finding shows only advisories whose exposures
 *  name its service and direction. Runs the real analysis on one-rule iptables files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/index';
import { ADVISORIES, advisoryById } from '../../../src/core/advisories/catalog';
import type { ExposureDirection, Protocol } from '../../../src/core/advisories/model';
import { findingsFor, smbv1Findings } from './helpers';

interface Case {
  protocol: Protocol;
  port: number;
  direction: ExposureDirection;
}

/** Every service and direction the catalog names, plus the four defaults both ways. */
function cases(): Case[] {
  const all = new Map<string, Case>();
  const add = (c: Case) => all.set(`${c.protocol}/${c.port}/${c.direction}`, c);
  for (const a of ADVISORIES) for (const e of a.exposures) add({ protocol: e.protocol, port: e.port, direction: e.direction });
  for (const [protocol, port] of [['tcp', 445], ['tcp', 139], ['udp', 137], ['udp', 138]] as const) {
    add({ protocol, port, direction: 'inbound' });
    add({ protocol, port, direction: 'outbound' });
  }
  return [...all.values()];
}

function exposureFindings(): { c: Case; f: Finding }[] {
  return cases().flatMap((c) => findingsFor(c.protocol, c.port, c.direction).map((f) => ({ c, f })));
}

test('every advisory not marked history is reachable by some finding', () => {
  const reached = new Set<string>();
  for (const { f } of exposureFindings()) f.advisories.forEach((id) => reached.add(id));
  for (const f of smbv1Findings()) f.advisories.forEach((id) => reached.add(id));
  const unreachable = ADVISORIES.filter((a) => !a.history && !reached.has(a.id)).map((a) => a.id);
  assert.deepEqual(unreachable, []);
});

test('ports agreement: a finding shows an advisory only when one of its exposures names the finding\'s service and direction', () => {
  const seen = exposureFindings();
  assert.ok(seen.length >= 8, 'expected findings for each service');
  for (const { c, f } of seen) {
    const direction = f.ruleId === 'smb-outbound-internet' ? 'outbound' : 'inbound';
    assert.equal(direction, c.direction, `${f.ruleId} for a ${c.direction} rule`);
    for (const id of f.advisories) {
      const a = advisoryById(id)!;
      assert.ok(
        a.exposures.some((e) => e.protocol === c.protocol && e.port === c.port && e.direction === direction),
        `${id} shown for ${c.protocol}/${c.port} ${direction} but its exposures are ${JSON.stringify(a.exposures.map((e) => `${e.protocol}/${e.port} ${e.direction}`))}`,
      );
    }
  }
});

test('every advisory its exposures name is shown (no hand-written list can drop one)', () => {
  for (const { c, f } of exposureFindings()) {
    const expected = ADVISORIES.filter((a) => a.exposures.some((e) => e.protocol === c.protocol && e.port === c.port && e.direction === c.direction)).map((a) => a.id);
    assert.deepEqual(f.advisories, expected, `${c.protocol}/${c.port} ${c.direction}`);
  }
});

test('the SMBv1 finding shows exactly the SMBv1 flaws', () => {
  const [f] = smbv1Findings();
  assert.equal(f?.ruleId, 'smb-smbv1-enabled');
  assert.deepEqual([...f.advisories].sort(), ADVISORIES.filter((a) => a.smbv1).map((a) => a.id).sort());
});
