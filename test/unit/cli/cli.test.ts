// The built CLI end to end: exit codes, error messages, text and JSON output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_PROJECT, REPO, runCli, tempDir } from './helpers';

const LINE = /^([^:\s]+):(\d+):(\d+): (error|warning|info) (smb-[a-z-]+) (.+)$/;

describe('exit codes', () => {
  it('is 1 when a finding is at or above --fail-on (default error)', () => {
    const r = runCli(['scan'], FIXTURE_PROJECT);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
  });

  it('is 0 with --fail-on none, and for a clean file', () => {
    assert.equal(runCli(['scan', '--fail-on', 'none'], FIXTURE_PROJECT).status, 0);
    const clean = runCli(['scan', 'etc/iptables/clean.rules'], FIXTURE_PROJECT);
    assert.equal(clean.status, 0);
    assert.equal(clean.stdout, 'No findings in 1 file\n');
  });

  it('compares findings with the threshold', () => {
    const dir = tempDir('threshold');
    // Only a broad private range: a warning, no error.
    writeFileSync(join(dir, 'fw.sh'), 'iptables -P INPUT DROP\niptables -A INPUT -s 10.0.0.0/8 -p tcp --dport 445 -j ACCEPT\n');
    assert.equal(runCli(['scan', '--fail-on', 'error'], dir).status, 0);
    assert.equal(runCli(['scan', '--fail-on', 'warning'], dir).status, 1);
    assert.equal(runCli(['scan', '--fail-on', 'note'], dir).status, 1);
  });

  it('is 2 with a one-line message for a missing path', () => {
    const r = runCli(['scan', 'etc', 'no/such/path'], FIXTURE_PROJECT);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'smb-guard: path not found: no/such/path\n');
  });

  it('is 2 for usage errors', () => {
    const cases: [string[], RegExp][] = [
      [['scan', '--bogus'], /^smb-guard: Unknown option '--bogus' \(see smb-guard --help\)\n$/],
      [['scan', '--format', 'xml'], /invalid --format 'xml'/],
      [['scan', '--fail-on', 'fatal'], /invalid --fail-on 'fatal'/],
      [['scan', '--trusted', '10.0.0.0/8,not-a-cidr'], /invalid --trusted value 'not-a-cidr'/],
      [['scan', '--trusted', '10.0.0.0/33'], /invalid --trusted value '10.0.0.0\/33'/],
      [['lint'], /unknown command 'lint'/],
      [[], /missing command/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, FIXTURE_PROJECT);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line for ${args.join(' ')}`);
    }
  });

  it('prints help and the version with 0', () => {
    const help = runCli(['--help'], FIXTURE_PROJECT);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: smb-guard scan \[paths\.\.\.\]/);
    const version = runCli(['--version'], FIXTURE_PROJECT);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([version.status, version.stdout], [0, `${pkg.version}\n`]);
  });
});

describe('text output', () => {
  it('prints path:line:col: severity rule-id message, then a summary', () => {
    const lines = runCli(['scan'], FIXTURE_PROJECT).stdout.trimEnd().split('\n');
    assert.equal(lines.pop(), '4 findings (2 errors, 2 warnings) in 2 of 3 files');
    assert.deepEqual(
      lines.map((l) => LINE.exec(l)?.slice(1, 6).join(' ')),
      [
        'etc/iptables/rules.v4 9 24 error smb-internet-exposure',
        // Latent: rule 4 accepts this rule's 445 first.
        'etc/iptables/rules.v4 10 30 warning smb-internet-exposure',
        'scripts/firewall.sh 9 22 warning smb-broad-private-exposure',
        'scripts/firewall.sh 10 26 error smb-internet-exposure',
      ],
    );
    assert.match(lines[0], /: error smb-internet-exposure TCP 445 \(SMB\) is accepted from anywhere/);
  });

  it('puts the summary on stderr when writing to --output', () => {
    const out = join(tempDir('output'), 'report.txt');
    const r = runCli(['scan', '--output', out], FIXTURE_PROJECT);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'smb-guard: 4 findings (2 errors, 2 warnings) in 2 of 3 files\n');
    assert.match(readFileSync(out, 'utf8'), /^etc\/iptables\/rules\.v4:9:24: error /);
  });
});

describe('JSON output', () => {
  const json = () => {
    const r = runCli(['scan', '--format', 'json', '--trusted', '192.168.10.0/24', '--trusted', '192.168.20.5'], FIXTURE_PROJECT);
    assert.equal(r.status, 1);
    return JSON.parse(r.stdout);
  };

  it('summarises and sorts files', () => {
    const j = json();
    assert.deepEqual(j.summary, { files: 3, filesWithFindings: 2, findings: 4, errors: 2, warnings: 2, infos: 0 });
    assert.deepEqual(
      j.files.map((f: { path: string; findings: unknown[] }) => [f.path, f.findings.length]),
      [['etc/iptables/clean.rules', 0], ['etc/iptables/rules.v4', 2], ['scripts/firewall.sh', 2]],
    );
  });

  it('describes a finding with 1-based positions, advisories, fixes and details', () => {
    const f = json().files[1].findings[0];
    assert.equal(f.ruleId, 'smb-internet-exposure');
    assert.equal(f.severity, 'error');
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [9, 24, 9, 35]);
    assert.ok(f.advisories.includes('MS17-010'));
    assert.deepEqual(f.related, [{ line: 3, column: 8, endLine: 3, endColumn: 12, message: 'INPUT policy DROP' }]);
    const preferred = f.fixes.filter((x: { isPreferred: boolean }) => x.isPreferred);
    assert.deepEqual(preferred, [
      {
        title: 'Restrict the source to 192.168.10.0/24, 192.168.20.5',
        kind: 'restrict-source',
        isPreferred: true,
        edits: [{ startLine: 9, startColumn: 9, endLine: 9, endColumn: 9, newText: ' -s 192.168.10.0/24,192.168.20.5' }],
      },
    ]);
    assert.deepEqual(f.details, {
      format: 'iptables',
      services: ['TCP 445 (SMB)'],
      source: 'anywhere',
      place: 'INPUT rule 4',
      policy: 'INPUT policy DROP',
      ruleText: '-A INPUT -p tcp -m tcp --dport 445 -j ACCEPT',
    });
  });

  it('is byte-for-byte stable between runs', () => {
    const a = runCli(['scan', '--format', 'json'], FIXTURE_PROJECT).stdout;
    assert.equal(runCli(['scan', '--format', 'json'], FIXTURE_PROJECT).stdout, a);
  });
});

describe('SARIF from the CLI', () => {
  it('writes the log to --output with URIs relative to the working directory', () => {
    const out = join(tempDir('sarif'), 'smb-guard.sarif');
    const r = runCli(['scan', '--format', 'sarif', '--output', out, '--fail-on', 'none'], FIXTURE_PROJECT);
    assert.equal(r.status, 0, r.stderr);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].results.length, 4);
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'etc/iptables/rules.v4');
  });
});

describe('skipped files', () => {
  it('notes binary and oversized files on stderr and goes on', () => {
    const dir = tempDir('skip');
    writeFileSync(join(dir, 'binary.rules'), Buffer.from('*filter\n-A INPUT -p tcp --dport 445 -j ACCEPT\n\u0000\u0001COMMIT\n'));
    writeFileSync(join(dir, 'huge.rules'), `*filter\n${'-A INPUT -p tcp --dport 22 -j ACCEPT\n'.repeat(150_000)}COMMIT\n`);
    writeFileSync(join(dir, 'notes.txt'), 'nothing about firewalls\n');
    const r = runCli(['scan'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No findings in 0 files\n');
    assert.equal(r.stderr, 'smb-guard: skipped binary.rules: binary file\nsmb-guard: skipped huge.rules: larger than 5 MB\n');
  });
});
