/** `smbGuard.*` values → AnalysisOptions: valid values pass through, malformed ones fall back with a warning. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_EXCLUDE,
  DEFAULT_MAX_FILE_SIZE_KB,
  DEFAULT_TIME_BUDGET_MS,
  MAX_DEBOUNCE_MS,
  MAX_FILE_SIZE_KB,
  MAX_TIME_BUDGET_MS,
  readSetting,
  RESTRICTED_SETTINGS,
  toGuardSettings,
  type InspectedValue,
} from '../../../src/vscode/settings-map';

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
    enabledFormats: ['iptables', 'no-such-format'],
    maxFileSizeKB: -1,
    debounceMs: 1.5,
    timeBudgetMs: 10,
  });
  // A budget below the minimum is raised to it; a size below zero or a fractional delay means the default.
  assert.deepEqual(s.options, { trustedSources: ['10.0.0.0/8'], timeBudgetMs: 50 });
  assert.deepEqual(s.enabledFormats, ['iptables']);
  assert.equal(s.maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(s.debounceMs, DEFAULT_DEBOUNCE_MS);
  const named = ['trustedSources', 'services', 'services', 'services', 'broadPrivatePrefix', 'broadPrivatePrefixV6', 'severity', 'severity.smb-internet-exposure', 'enabledFormats', 'maxFileSizeKB', 'debounceMs', 'timeBudgetMs'];
  assert.equal(s.warnings.length, named.length, s.warnings.join('\n'));
  for (const key of named) assert.ok(s.warnings.some((w) => w.startsWith(`smbGuard.${key}`)), key);
});

test('an empty enabledFormats list turns analysis off rather than meaning "all"', () => {
  assert.deepEqual(toGuardSettings({ enabledFormats: [] }).enabledFormats, []);
});

test('numbers above their maximum are clamped to it, with a warning', () => {
  const s = toGuardSettings({ maxFileSizeKB: 1e9, timeBudgetMs: 86_400_000, debounceMs: 1e6 });
  assert.equal(s.maxFileSizeKB, MAX_FILE_SIZE_KB);
  assert.equal(s.options.timeBudgetMs, MAX_TIME_BUDGET_MS);
  assert.equal(s.debounceMs, MAX_DEBOUNCE_MS);
  assert.equal(s.warnings.length, 3, s.warnings.join('\n'));
  assert.equal(toGuardSettings({ maxFileSizeKB: 'huge' }).maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(toGuardSettings({ maxFileSizeKB: Number.POSITIVE_INFINITY }).maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(toGuardSettings({ maxFileSizeKB: MAX_FILE_SIZE_KB }).warnings.length, 0);
});

const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
const declared: Record<string, { type: string; minimum?: number; maximum?: number }> = pkg.contributes.configuration.properties;

test('package.json gives every numeric setting a maximum, the same as the clamp', () => {
  for (const [key, p] of Object.entries(declared)) {
    if (p.type === 'number' || p.type === 'integer') assert.ok(p.maximum !== undefined && p.minimum !== undefined, `${key} is bounded`);
  }
  assert.equal(declared['smbGuard.maxFileSizeKB'].maximum, MAX_FILE_SIZE_KB);
  assert.equal(declared['smbGuard.timeBudgetMs'].maximum, MAX_TIME_BUDGET_MS);
  assert.equal(declared['smbGuard.debounceMs'].maximum, MAX_DEBOUNCE_MS);
});

test('Restricted Mode: package.json restricts exactly the settings that can hide findings or cost time', () => {
  const trust = pkg.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  assert.deepEqual([...trust.restrictedConfigurations].sort(), RESTRICTED_SETTINGS.map((k) => `smbGuard.${k}`).sort());
  for (const k of ['severity', 'enabledFormats', 'exclude', 'maxFileSizeKB', 'timeBudgetMs', 'services', 'interfaces']) {
    assert.ok((RESTRICTED_SETTINGS as readonly string[]).includes(k), k);
  }
});

/** A configuration with a user value and a (hostile) workspace-folder value for every key. */
function source(values: Record<string, { user?: unknown; folder?: unknown; def?: unknown }>) {
  const inspect = (key: string): InspectedValue | undefined =>
    values[key] && { defaultValue: values[key].def, globalValue: values[key].user, workspaceFolderValue: values[key].folder };
  const get = (key: string) => values[key]?.folder ?? values[key]?.user ?? values[key]?.def;
  return { get, inspect };
}

test('an untrusted workspace cannot set the restricted settings; the user still can', () => {
  const hostile = source({
    severity: { folder: { 'smb-internet-exposure': 'off' }, def: {} },
    enabledFormats: { folder: [], def: ['iptables'] },
    exclude: { folder: ['**/**/**/**/**/**/**/**/**/**/x'], user: ['vendor/**'], def: DEFAULT_EXCLUDE },
    maxFileSizeKB: { folder: 1, def: 2048 },
    timeBudgetMs: { folder: 60000, user: 500, def: 1000 },
    services: { folder: [{ protocol: 'tcp', port: 1 }], def: [] },
    interfaces: { folder: { internal: ['eth0'] } },
    trustedSources: { folder: ['10.0.0.0/8'], def: [] },
  });
  const read = (trusted: boolean) => Object.fromEntries(Object.keys({ severity: 0, enabledFormats: 0, exclude: 0, maxFileSizeKB: 0, timeBudgetMs: 0, services: 0, interfaces: 0, trustedSources: 0 }).map((k) => [k, readSetting(k, hostile, trusted)]));
  assert.deepEqual(read(false), {
    severity: {},
    enabledFormats: ['iptables'],
    exclude: ['vendor/**'],
    maxFileSizeKB: 2048,
    timeBudgetMs: 500,
    services: [],
    interfaces: undefined,
    // Not restricted: it only narrows what the "restrict the source" fix writes.
    trustedSources: ['10.0.0.0/8'],
  });
  const untrusted = toGuardSettings(read(false));
  assert.equal(untrusted.options.severities, undefined);
  assert.equal(untrusted.enabledFormats?.length, 1);
  // Once trusted, the folder's values apply again (Settings re-reads on onDidGrantWorkspaceTrust).
  assert.deepEqual(readSetting('severity', hostile, true), { 'smb-internet-exposure': 'off' });
  assert.deepEqual(readSetting('enabledFormats', hostile, true), []);
});

test('smbGuard.documentation: false takes the runbook format out; a wrong value warns and keeps it', () => {
  const off = toGuardSettings({ documentation: false });
  assert.ok(off.enabledFormats && !off.enabledFormats.includes('markdown') && off.enabledFormats.includes('docker-run'));
  assert.deepEqual(toGuardSettings({ documentation: false, enabledFormats: ['markdown', 'iptables'] }).enabledFormats, ['iptables']);
  assert.equal(toGuardSettings({ documentation: true }).enabledFormats, undefined);
  const wrong = toGuardSettings({ documentation: 'no' });
  assert.equal(wrong.enabledFormats, undefined);
  assert.equal(wrong.warnings.length, 1);
});

test('smbGuard.run and smbGuard.enable: defaults, valid values, and a warning for anything else', () => {
  const d = toGuardSettings({});
  assert.equal(d.run, 'onType');
  assert.equal(d.enable, true);
  assert.deepEqual(d.warnings, []);
  const s = toGuardSettings({ run: 'onSave', enable: false });
  assert.equal(s.run, 'onSave');
  assert.equal(s.enable, false);
  assert.deepEqual(s.warnings, []);
  const bad = toGuardSettings({ run: 'always', enable: 'no' });
  assert.equal(bad.run, 'onType');
  assert.equal(bad.enable, true);
  assert.equal(bad.warnings.length, 2);
});
