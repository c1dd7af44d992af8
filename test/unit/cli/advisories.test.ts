// `smb-guard advisories import-kev` on a small KEV file written for the test, and `scan --advisories-overlay`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run } from '../../../src/cli/run';
import { tempDir } from './helpers';

function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, version: '0.0.0', useGit: false });
  return { status, stdout, stderr };
}

// Shaped like cisagov/kev-data's file; the values are invented for the test.
const KEV = {
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2026.12.01',
  dateReleased: '2026-12-01T15:00:00.000Z',
  count: 2,
  vulnerabilities: [
    { cveID: 'CVE-2008-4250', vendorProject: 'Microsoft', product: 'Windows', vulnerabilityName: 'x', dateAdded: '2026-05-20', shortDescription: 'x', requiredAction: 'x', dueDate: '2026-06-10', knownRansomwareCampaignUse: 'Unknown' },
    { cveID: 'CVE-2020-0796', vendorProject: 'Microsoft', product: 'SMBv3', vulnerabilityName: 'x', dateAdded: '2022-02-10', shortDescription: 'x', requiredAction: 'x', dueDate: '2022-08-10', knownRansomwareCampaignUse: 'Known' },
  ],
};

describe('advisories import-kev', () => {
  it('prints an overlay with every advisory\'s KEV status as of the file\'s date', () => {
    const dir = tempDir('kev-print');
    writeFileSync(join(dir, 'kev.json'), JSON.stringify(KEV));
    const r = cli(['advisories', 'import-kev', 'kev.json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const overlay = parse(r.stdout) as { kevCatalog: { date: string }; advisories: { id: string; kev: { asOf: string; entries: { cve: string; dateAdded: string; ransomware: string }[] } }[] };
    assert.equal(overlay.kevCatalog.date, '2026-12-01');
    const ms08 = overlay.advisories.find((a) => a.id === 'MS08-067')!;
    assert.deepEqual(ms08.kev.entries, [{ cve: 'CVE-2008-4250', dateAdded: '2026-05-20', dueDate: '2026-06-10', ransomware: 'Unknown' }]);
    assert.equal(ms08.kev.asOf, '2026-12-01');
    // Not in this (small) file: the import says so, with the new date.
    assert.deepEqual(overlay.advisories.find((a) => a.id === 'MS17-010')!.kev.entries, []);
    assert.match(r.stdout, /^# imported CISA KEV 2026\.12\.01 \(2026-12-01\): 2 of \d+ advisories listed/);
  });

  it('updates an existing overlay in place, keeping comments and the organisation\'s entries', () => {
    const dir = tempDir('kev-out');
    writeFileSync(join(dir, 'kev.json'), JSON.stringify(KEV));
    writeFileSync(join(dir, 'overlay.yaml'), '# ACME overrides\nadvisories:\n  - id: MS08-067 # keep me\n    context: Seen on our legacy plant network.\n');
    const r = cli(['advisories', 'import-kev', 'kev.json', '--out', 'overlay.yaml'], dir);
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(join(dir, 'overlay.yaml'), 'utf8');
    assert.match(text, /^# ACME overrides/);
    assert.match(text, /# keep me/);
    const overlay = parse(text) as { advisories: { id: string; context?: string; kev: { entries: unknown[] } }[] };
    const ms08 = overlay.advisories.filter((a) => a.id === 'MS08-067');
    assert.equal(ms08.length, 1);
    assert.equal(ms08[0].context, 'Seen on our legacy plant network.');
    assert.equal(ms08[0].kev.entries.length, 1);

    // The scan uses it: MS08-067 is now KEV-listed and ranks above the unlisted server flaws.
    writeFileSync(join(dir, 'rules.v4'), '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n');
    const scan = cli(['scan', 'rules.v4', '--format', 'json', '--fail-on', 'none', '--advisories-overlay', 'overlay.yaml'], dir);
    assert.equal(scan.status, 0, scan.stderr);
    const ids: string[] = JSON.parse(scan.stdout).files[0].findings[0].advisories;
    assert.ok(ids.indexOf('MS08-067') < ids.indexOf('MS06-040'));
    const plain: string[] = JSON.parse(cli(['scan', 'rules.v4', '--format', 'json', '--fail-on', 'none'], dir).stdout).files[0].findings[0].advisories;
    assert.ok(plain.indexOf('MS08-067') > plain.indexOf('CVE-2019-0703'), 'without the overlay MS08-067 is unlisted');
  });

  it('refuses what is not a KEV file, and reports overlay problems with file:line:col', () => {
    const dir = tempDir('kev-bad');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ vulnerabilities: [] }));
    const bad = cli(['advisories', 'import-kev', 'bad.json'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /missing catalogVersion or dateReleased/);
    assert.equal(cli(['advisories', 'import-kev', 'missing.json'], dir).status, 2);
    assert.equal(cli(['advisories', 'import-kev'], dir).status, 2);
    assert.equal(cli(['advisories', 'fetch', 'x'], dir).status, 2);

    writeFileSync(join(dir, 'overlay.yaml'), 'advisories:\n  - id: MS17-010\n    kev: { asOf: "2026-13-01", source: x, entries: [] }\n');
    writeFileSync(join(dir, 'rules.v4'), '*filter\n:INPUT DROP [0:0]\nCOMMIT\n');
    const r = cli(['scan', 'rules.v4', '--advisories-overlay', 'overlay.yaml'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /overlay\.yaml:3:18: warning: Override of MS17-010: kev\.asOf must match/);
    assert.equal(cli(['scan', 'rules.v4', '--advisories-overlay', 'nope.yaml'], dir).status, 2);
  });
});
