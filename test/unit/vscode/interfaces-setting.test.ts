/** smbGuard.interfaces and smbGuard.publicHostPrefix(V6) → AnalysisOptions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toGuardSettings } from '../../../src/vscode/settings-map';

test('interfaces: names and globs to internet or internal; anything else warned about and dropped', () => {
  const s = toGuardSettings({ interfaces: { eth0: 'internet', 'br-*': 'internal', wg0: 'vpn', ' ': 'internal' } });
  assert.deepEqual(s.options.interfaces, { eth0: 'internet', 'br-*': 'internal' });
  assert.equal(s.warnings.length, 2);
  assert.match(s.warnings[0], /smbGuard\.interfaces\.wg0: "vpn" is not "internet" or "internal"/);
  assert.equal(toGuardSettings({ interfaces: ['eth0'] }).options.interfaces, undefined);
  assert.equal(toGuardSettings({}).options.interfaces, undefined);
});

test('publicHostPrefix and publicHostPrefixV6 are prefix lengths', () => {
  assert.deepEqual(
    [toGuardSettings({ publicHostPrefix: 28, publicHostPrefixV6: 64 }).options.publicHostPrefixV4, toGuardSettings({ publicHostPrefixV6: 64 }).options.publicHostPrefixV6],
    [28, 64],
  );
  const bad = toGuardSettings({ publicHostPrefix: 40 });
  assert.equal(bad.options.publicHostPrefixV4, undefined);
  assert.match(bad.warnings[0], /smbGuard\.publicHostPrefix: 40 is not a prefix length 0-32/);
});
