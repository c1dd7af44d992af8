/** `smbGuard.*` values → AnalysisOptions: valid values pass through, malformed ones fall back with a warning. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_EXCLUDE, DEFAULT_MAX_FILE_SIZE_KB, DEFAULT_TIME_BUDGET_MS, toGuardSettings } from '../../../src/vscode/settings-map';

const budget = { timeBudgetMs: DEFAULT_TIME_BUDGET_MS };

test('nothing set: core defaults, every format, adapter defaults, no warnings', () => {
  const s = toGuardSettings({});
  assert.deepEqual(s.options, budget);
  assert.equal(s.enabledFormats, undefined);
  assert.deepEqual(s.exclude, DEFAULT_EXCLUDE);
  assert.equal(s.maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(s.debounceMs, DEFAULT_DEBOUNCE_MS);
  assert.deepEqual(s.warnings, []);
});

test('package.json defaults map to the same options as nothing set', () => {
  const s = toGuardSettings({ trustedSources: [], services: [], broadPrivatePrefix: 16, broadPrivatePrefixV6: 48, severity: {}, enabledFormats: ['iptables'], exclude: DEFAULT_EXCLUDE, maxFileSizeKB: 2048, debounceMs: 200, timeBudgetMs: 1000 });
  assert.deepEqual(s.options, { broadPrefixV4: 16, broadPrefixV6: 48, ...budget });
  assert.deepEqual(s.enabledFormats, ['iptables']);
  assert.deepEqual(s.warnings, []);
});

test('every setting is carried to its option', () => {
  const s = toGuardSettings({
    trustedSources: [' 10.20.0.0/24 ', '2001:db8::/48', '192.0.2.7'],
    services: [{ protocol: 'TCP', port: 135, name: 'RPC' }, { protocol: 'udp', port: 137 }],
    broadPrivatePrefix: 20,
    broadPrivatePrefixV6: 56,
    severity: { 'smb-outbound-internet': 'off', 'smb-broad-private-exposure': 'error' },
    exclude: ['vendor/**'],
    maxFileSizeKB: 512,
    debounceMs: 0,
    timeBudgetMs: 250,
  });
  assert.deepEqual(s.options, {
    trustedSources: ['10.20.0.0/24', '2001:db8::/48', '192.0.2.7'],
    services: [
      { protocol: 'tcp', port: 135, name: 'RPC' },
      { protocol: 'udp', port: 137, name: 'UDP 137' },
    ],
    broadPrefixV4: 20,
    broadPrefixV6: 56,
    severities: { 'smb-outbound-internet': 'off', 'smb-broad-private-exposure': 'error' },
    timeBudgetMs: 250,
  });
  assert.deepEqual(s.exclude, ['vendor/**']);
  assert.equal(s.maxFileSizeKB, 512);
  assert.equal(s.debounceMs, 0);
  assert.deepEqual(s.warnings, []);
});

test('malformed values are dropped, each with one warning naming the setting', () => {
  const s = toGuardSettings({
    trustedSources: ['10.0.0.0/8', 'office-lan', 7],
    services: [{ protocol: 'icmp', port: 1 }, { protocol: 'tcp', port: 70000 }, 'smb'],
    broadPrivatePrefix: 40,
    broadPrivatePrefixV6: 'wide',
    severity: { 'no-such-rule': 'off', 'smb-internet-exposure': 'fatal' },
    enabledFormats: ['iptables', 'bicep'],
    maxFileSizeKB: -1,
    debounceMs: 1.5,
    timeBudgetMs: 10,
  });
  assert.deepEqual(s.options, { trustedSources: ['10.0.0.0/8'], ...budget });
  assert.deepEqual(s.enabledFormats, ['iptables']);
  assert.equal(s.maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(s.debounceMs, DEFAULT_DEBOUNCE_MS);
  const named = ['trustedSources', 'services', 'services', 'services', 'broadPrivatePrefix', 'broadPrivatePrefixV6', 'severity', 'severity.smb-internet-exposure', 'enabledFormats'];
  assert.equal(s.warnings.length, named.length, s.warnings.join('\n'));
  for (const key of named) assert.ok(s.warnings.some((w) => w.startsWith(`smbGuard.${key}`)), key);
});

test('an empty enabledFormats list turns analysis off rather than meaning "all"', () => {
  assert.deepEqual(toGuardSettings({ enabledFormats: [] }).enabledFormats, []);
});
