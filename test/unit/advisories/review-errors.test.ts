/** One check per error of the December 2026 advisory review (section 2), so none can come back unnoticed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADVISORIES, advisoryById, type AdvisoryData } from '../../../src/core/advisories/catalog';
import { advisoryCards } from '../../../src/core/advisories/view-model';
import { ruleHelp } from '../../../src/cli/rule-help';
import { findingsFor, smbv1Findings } from './helpers';

const read = (p: string) => readFileSync(join(process.cwd(), p), 'utf8');
const must = (id: string): AdvisoryData => {
  const a = advisoryById(id);
  assert.ok(a, id);
  return a;
};
const ports = (id: string, direction = 'inbound') =>
  [...new Set(must(id).exposures.filter((e) => e.direction === direction).map((e) => `${e.protocol}/${e.port}`))].sort();
const shown = (protocol: 'tcp' | 'udp', port: number, direction: 'inbound' | 'outbound' = 'inbound') =>
  findingsFor(protocol, port, direction).flatMap((f) => f.advisories);

test('A1: MS06-035 is a TCP 139/445 flaw; UDP 137 shows BadTunnel, UDP 138 no advisory', () => {
  assert.deepEqual(ports('MS06-035'), ['tcp/139', 'tcp/445']);
  for (const port of [137, 138]) assert.ok(!shown('udp', port).includes('MS06-035'), `MS06-035 on UDP ${port}`);
  assert.deepEqual(shown('udp', 137), ['CVE-2016-3213']);
  assert.deepEqual(shown('udp', 138), []);
  assert.ok(shown('tcp', 139).includes('MS06-035') && shown('tcp', 445).includes('MS06-035'));
});

test('A2/C11: advisory ports as the sources say, and shown on both SMB transports', () => {
  for (const id of ['MS05-027', 'MS17-010', 'MS06-040', 'MS09-001', 'MS09-050', 'CVE-2012-1182']) {
    assert.deepEqual(ports(id), ['tcp/139', 'tcp/445'], id);
    assert.ok(shown('tcp', 139).includes(id) && shown('tcp', 445).includes(id), id);
  }
  assert.ok(!must('MS05-027').unverified.some((u) => /139/.test(u)), 'TCP 139 for MS05-027 is settled');
});

test('A3: the ten advisories that never reached a user now do', () => {
  const reached = new Set([...shown('tcp', 445), ...shown('tcp', 139), ...shown('tcp', 445, 'outbound'), ...smbv1Findings().flatMap((f) => f.advisories)]);
  const tcp135 = findingsFor('tcp', 135, 'inbound').flatMap((f) => f.advisories);
  for (const id of ['MS10-012', 'MS10-020', 'MS11-020', 'CVE-2012-1182', 'CVE-2019-0703', 'CVE-2020-1206', 'CVE-2020-1301', 'CVE-2025-33073']) {
    assert.ok(reached.has(id), id);
  }
  assert.deepEqual(tcp135, ['CVE-2020-1472'], 'Zerologon via the endpoint mapper when TCP 135 is a configured service');
  assert.ok(must('CVE-2022-38023').history, 'CVE-2022-38023 is context only (transport unverified)');
});

test('A4: no silent MS05-027 fallback for custom services', () => {
  assert.deepEqual(shown('tcp', 3020), []);
  assert.deepEqual(findingsFor('udp', 443, 'inbound').flatMap((f) => f.advisories), []);
});

test('A5: outbound findings show client and NTLM-leak advisories; inbound ones the server flaws; SMBv1 shows CVE-2020-1301', () => {
  const out = shown('tcp', 445, 'outbound');
  for (const id of ['CVE-2023-23397', 'CVE-2024-21413', 'CVE-2025-24054', 'CVE-2024-43451', 'MS10-020', 'CVE-2025-33073']) assert.ok(out.includes(id), id);
  for (const id of out) assert.ok(must(id).exposures.some((e) => e.direction === 'outbound' && e.role === 'client'), id);
  for (const id of ['MS05-027', 'MS08-067', 'MS17-010']) assert.ok(!out.includes(id), `${id} on an outbound finding`);
  const inbound = shown('tcp', 445);
  for (const id of ['CVE-2023-23397', 'CVE-2024-21413', 'MS10-020']) assert.ok(!inbound.includes(id), `${id} on an inbound finding`);
  const smb1 = smbv1Findings().flatMap((f) => f.advisories);
  assert.ok(smb1.includes('MS17-010') && smb1.includes('CVE-2020-1301'));
});

test('B6/B7: vendor dates for CVE-2021-44142 and CVE-2022-38023', () => {
  assert.equal(must('CVE-2021-44142').published.date, '2022-01-31');
  assert.equal(must('CVE-2022-38023').published.date, '2022-11-08');
});

test('C8/C9: Zerologon shows no local-vector 5.5 score and names the exposed Samba versions', () => {
  const z = must('CVE-2020-1472');
  assert.ok(!z.cvss.some((c) => c.score === 5.5 || c.vector?.includes('AV:L')));
  assert.doesNotMatch(JSON.stringify([z.summary, z.context, z.affects]), /4\.0 and later/);
  assert.match(z.affects.products.join(' '), /4\.7/);
});

test('C10: the SMBv1 rule page does not call Set-SmbClientConfiguration a way to turn SMBv1 on, and lists FS-SMB1', () => {
  const page = read('docs/rules/smb-smbv1-enabled.md');
  assert.doesNotMatch(page, /EnableSMB1Protocol \$true` \(or `Set-SmbClientConfiguration`\)/);
  assert.match(page, /Install-WindowsFeature FS-SMB1/);
  assert.match(page, /Home and\s+Pro/);
});

test('D12: the 2005 surge came three days after the patch, not a week', () => {
  const texts = ['README.md', ...['smb-internet-exposure', 'smb-default-policy-exposure', 'smb-outbound-internet', 'smb-broad-private-exposure'].map((r) => `docs/rules/${r}.md`)];
  for (const p of texts) assert.doesNotMatch(read(p), /(a|the|within a) week after|within a week/i, p);
  assert.match(read('README.md'), /three days after Microsoft patched MS05-027/);
  assert.match(must('MS05-027').context ?? '', /Three days later, on Friday 17 June/);
});

test('D13: the outbound rule is backed by a real source, not an invented egress claim', () => {
  const page = read('docs/rules/smb-outbound-internet.md');
  assert.doesNotMatch(page, /egress filtering is part of that/);
  assert.match(page, /CVE-2023-23397/);
  assert.ok(must('CVE-2023-23397').remediation.some((r) => r.category === 'mitigation' && /outbound/.test(r.text)));
});

test('D14: MS05-027 never had a worm, and no text says it spread', () => {
  assert.ok(!must('MS05-027').exploitation.some((e) => e.kind === 'worm' || e.kind === 'malware'));
  for (const h of Object.values(ruleHelp)) {
    const text = `${h.description} ${h.why}`;
    // The old help listed "MS05-027 scanning" among what worms "spread through".
    assert.doesNotMatch(text, /MS05-027 scanning|MS05-027[^.,;:]*(spread|worm)/);
  }
  assert.match(ruleHelp['smb-internet-exposure'].why, /probed for the newly patched MS05-027 flaw/);
});

test('E15/E16: KEV data date on every card; links are https at today\'s official hosts; KEV links name the CVE', () => {
  const legacy = /us-cert\.gov|technet|portal\.msrc|docs\.microsoft\.com|blogs\.technet|ics-cert|computerworld\.com\/s\//;
  for (const a of ADVISORIES) {
    for (const r of a.references) {
      assert.match(r.url, /^https:\/\//, `${a.id}: ${r.url}`);
      assert.doesNotMatch(r.url, legacy, `${a.id}: ${r.url}`);
      if (r.kind === 'kev') assert.match(r.url, /^https:\/\/www\.cisa\.gov\/known-exploited-vulnerabilities-catalog\?field_cve=CVE-/, a.id);
    }
    if (a.kind === 'ms-bulletin' && a.id.startsWith('MS')) assert.ok(a.references.some((r) => r.url.startsWith('https://learn.microsoft.com/')), a.id);
    if (a.kind === 'microsoft-cve' && !a.history) assert.ok(a.references.some((r) => r.url.includes('msrc.microsoft.com/update-guide') || r.url.startsWith('https://learn.microsoft.com/')), a.id);
  }
  assert.match(must('MS08-067').kev.note ?? '', /2026-05-20/);
});

test('F: official titles, vendor severity with its scorer, proof of concept where only that is public', () => {
  assert.equal(must('MS06-035').officialTitle, 'Vulnerability in Server Service Could Allow Remote Code Execution (917159)');
  assert.equal(must('MS06-040').officialTitle, 'Vulnerability in Server Service Could Allow Remote Code Execution (921883)');
  assert.equal(must('MS05-027').officialTitle, 'Vulnerability in Server Message Block Could Allow Remote Code Execution (896422)');
  for (const c of advisoryCards(ADVISORIES.map((a) => a.id))) if (c.severity) assert.match(c.severity, /\(.+\)$/, c.id);
  assert.deepEqual(must('MS10-054').exploitation.map((e) => e.kind), ['poc']);
  for (const c of advisoryCards(ADVISORIES.map((a) => a.id))) assert.match(c.cvss, /^No verified CVSS score$|\(.+\)$/, c.id);
});
