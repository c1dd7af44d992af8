/** --interface and --public-host-prefix reach the analysis. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommandLine, UsageError } from '../../../src/cli/args';
import { scan } from '../../../src/cli/scan';
import { toSarif } from '../../../src/cli/sarif';
import { tempDir } from './helpers';

const scanArgs = (argv: string[]) => {
  const c = parseCommandLine(argv);
  assert.equal(c.kind, 'scan');
  return c.kind === 'scan' ? c.args : assert.fail();
};

test('--interface NAME=CLASS is repeatable and validated', () => {
  assert.deepEqual(scanArgs(['scan', '--interface', 'eth0=internet', '--interface', 'br-*=internal']).analysis, {
    interfaces: { eth0: 'internet', 'br-*': 'internal' },
  });
  assert.throws(() => parseCommandLine(['scan', '--interface', 'eth0=outside']), (e: Error) => e instanceof UsageError && /invalid --interface 'eth0=outside'/.test(e.message));
  assert.throws(() => parseCommandLine(['scan', '--interface', 'eth0']), UsageError);
});

test('--public-host-prefix sets IPv4, and IPv6 after a slash', () => {
  assert.deepEqual(scanArgs(['scan', '--public-host-prefix', '28']).analysis, { publicHostPrefixV4: 28 });
  assert.deepEqual(scanArgs(['scan', '--public-host-prefix', '28/64']).analysis, { publicHostPrefixV4: 28, publicHostPrefixV6: 64 });
  assert.throws(() => parseCommandLine(['scan', '--public-host-prefix', '33']), UsageError);
  assert.deepEqual(scanArgs(['scan']).analysis, {});
});

test('the scan grades with them: a public /24 is a warning by default, an error with --public-host-prefix 28', () => {
  const dir = tempDir('smb-guard-hosts-');
  writeFileSync(join(dir, 'rules.v4'), '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 45.76.12.0/24 -p tcp --dport 445 -j ACCEPT\nCOMMIT\n');
  const severities = (argv: string[]) => {
    const args = scanArgs(['scan', ...argv]);
    return scan({ paths: ['.'], cwd: dir, trusted: [], analysis: args.analysis, fix: false, useGit: false, note: () => {} }).report.files.flatMap((f) => f.findings.map((x) => x.severity));
  };
  assert.deepEqual(severities([]), ['warning']);
  assert.deepEqual(severities(['--public-host-prefix', '28']), ['error']);
});

test('SARIF: each result carries the security-severity of its own grade', () => {
  const dir = tempDir('smb-guard-sarif-');
  writeFileSync(join(dir, 'rules.v4'), '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 45.76.12.0/24 -p tcp --dport 445 -j ACCEPT\n-A INPUT -p tcp --dport 139 -j ACCEPT\nCOMMIT\n');
  const { report } = scan({ paths: ['.'], cwd: dir, trusted: [], fix: false, useGit: false, note: () => {} });
  const log = toSarif({ rootUri: 'file:///scan/', version: '0.0.0', files: report.files });
  assert.deepEqual(
    log.runs[0].results.map((r) => [r.level, r.properties?.['security-severity']]),
    [['warning', '6.5'], ['error', '9.8']],
  );
});
