// SARIF output: validity against the official 2.1.0 schema, and the content code scanning relies on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { ruleMetas, type Finding } from '../../../src/core/index';
import { FINGERPRINT_KEY, pascalCase, toSarif } from '../../../src/cli/sarif';
import { FIXTURE_PROJECT, fixtureSarif, REPO } from './helpers';

const SCHEMA = join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  // The official schema is draft-04, uses formats we do not need, and one pattern that is invalid with the 'u' flag.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

describe('SARIF output', () => {
  const log = fixtureSarif();
  const run = log.runs[0];

  it('validates against the official SARIF 2.1.0 schema', () => {
    const validate = validator();
    const ok = validate(log);
    assert.ok(ok, `SARIF is invalid:\n${JSON.stringify(validate.errors, null, 2)}`);
  });

  it('is rejected by the schema when broken (the validator really validates)', () => {
    const validate = validator();
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
  });

  it('describes the tool and every rule', () => {
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
    assert.equal(run.tool.driver.name, 'SMB Guard');
    assert.equal(run.tool.driver.semanticVersion, '1.2.3');
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id).sort(), Object.keys(ruleMetas).sort());
    const internet = run.tool.driver.rules.find((r) => r.id === 'smb-internet-exposure');
    assert.ok(internet);
    assert.equal(internet.name, 'SmbInternetExposure');
    assert.equal(internet.helpUri, 'https://github.com/smb-guard/smb-guard/blob/main/docs/rules/smb-internet-exposure.md');
    assert.equal(internet.defaultConfiguration.level, 'error');
    assert.deepEqual(internet.properties.tags, ['security', 'external/cwe/cwe-668']);
    assert.equal(internet.properties['security-severity'], '9.8');
    assert.equal(run.tool.driver.rules.find((r) => r.id === 'smb-broad-private-exposure')?.properties['security-severity'], '6.5');
    assert.equal(run.tool.driver.rules.find((r) => r.id === 'smb-outbound-internet')?.properties['security-severity'], '3.0');
    assert.equal(pascalCase('smb-default-policy-exposure'), 'SmbDefaultPolicyExposure');
  });

  it('lists every analysed file as an artifact under SRCROOT, sorted', () => {
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(FIXTURE_PROJECT).href}/`);
    assert.deepEqual(
      run.artifacts.map((a) => [a.location.uri, a.location.uriBaseId]),
      [
        ['etc/iptables/clean.rules', 'SRCROOT'],
        ['etc/iptables/rules.v4', 'SRCROOT'],
        ['scripts/firewall.sh', 'SRCROOT'],
      ],
    );
  });

  it('reports results with 1-based regions, rule indexes and levels', () => {
    const brief = run.results.map((r) => {
      const loc = r.locations[0].physicalLocation;
      return `${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn} ${r.level} ${r.ruleId}`;
    });
    assert.deepEqual(brief, [
      'etc/iptables/rules.v4:9:24 error smb-internet-exposure',
      'etc/iptables/rules.v4:10:30 warning smb-internet-exposure',
      'scripts/firewall.sh:9:22 warning smb-broad-private-exposure',
      'scripts/firewall.sh:10:26 error smb-internet-exposure',
    ]);
    for (const r of run.results) {
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      const loc = r.locations[0].physicalLocation;
      assert.equal(run.artifacts[loc.artifactLocation.index ?? -1].location.uri, loc.artifactLocation.uri);
    }
    // The region covers the same text by offset and by line/column.
    const v4 = readFileSync(join(FIXTURE_PROJECT, 'etc/iptables/rules.v4'), 'utf8');
    const region = run.results[0].locations[0].physicalLocation.region;
    const line = v4.split('\n')[region.startLine - 1];
    assert.equal(line.slice(region.startColumn - 1, region.endColumn - 1), v4.substr(region.charOffset, region.charLength));
    assert.match(v4.substr(region.charOffset, region.charLength), /445/);
  });

  it('carries related locations, fixes, advisories and unique fingerprints', () => {
    const first = run.results[0];
    assert.ok(first.relatedLocations?.length);
    assert.equal(first.relatedLocations[0].id, 1);
    assert.equal(first.relatedLocations[0].message?.text, 'INPUT policy DROP');
    assert.equal(first.relatedLocations[0].physicalLocation.region.startLine, 3);
    assert.ok(first.fixes?.some((f) => f.description.text === 'Change this rule to deny the traffic'));
    const deny = first.fixes?.find((f) => f.properties?.kind === 'deny');
    assert.equal(deny?.artifactChanges[0].replacements[0].insertedContent.text, 'DROP');
    assert.ok((first.properties.advisories as string[]).includes('MS17-010'));
    const prints = run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.equal(new Set(prints).size, prints.length);
    for (const p of prints) assert.match(p, /^[0-9a-f]{16}:\d+$/);
  });

  it('is deterministic', () => {
    assert.equal(JSON.stringify(fixtureSarif()), JSON.stringify(log));
  });
});

describe('SARIF regions', () => {
  const finding = (offset: number, length: number, ruleText: string): Finding => ({
    ruleId: 'smb-internet-exposure',
    severity: 'info',
    message: 'm.',
    span: { offset, length },
    ruleSpan: { offset, length },
    related: [],
    advisories: [],
    fixes: [{ title: 't', kind: 'deny', isPreferred: true, edits: [{ span: { offset, length: 0 }, newText: 'x' }] }],
    details: { format: 'iptables', services: [], source: '', place: '', ruleText },
  });

  it('counts columns in UTF-16 code units across CRLF lines', () => {
    // Line 2 starts after "a\r\n"; the emoji is two code units, so "445" starts at column 4 of line 2.
    const text = 'a\r\n\u{1F525}x445\r\n';
    const log = toSarif({
      rootUri: 'file:///repo',
      version: '0.0.0',
      files: [{ path: 'r.v4', uri: 'r.v4', text, format: 'iptables', findings: [finding(6, 3, ' -A  X ')] }],
    });
    const r = log.runs[0].results[0];
    assert.equal(log.runs[0].originalUriBaseIds.SRCROOT.uri, 'file:///repo/');
    assert.equal(r.level, 'note');
    assert.deepEqual(r.locations[0].physicalLocation.region, { startLine: 2, startColumn: 4, endLine: 2, endColumn: 7, charOffset: 6, charLength: 3 });
    assert.deepEqual(r.fixes?.[0].artifactChanges[0].replacements[0].deletedRegion, {
      startLine: 2, startColumn: 4, endLine: 2, endColumn: 4, charOffset: 6, charLength: 0,
    });
  });

  it('keeps fingerprints stable across whitespace and distinct for identical rules', () => {
    const files = (ruleText: string) => [{ path: 'a', uri: 'a', text: 'x'.repeat(20), format: 'iptables', findings: [finding(1, 1, ruleText), finding(5, 1, ruleText)] }];
    const one = toSarif({ rootUri: 'file:///r/', version: '0', files: files('-A INPUT  -j ACCEPT') }).runs[0].results;
    const two = toSarif({ rootUri: 'file:///r/', version: '0', files: files(' -A INPUT -j ACCEPT ') }).runs[0].results;
    assert.deepEqual(one.map((r) => r.partialFingerprints), two.map((r) => r.partialFingerprints));
    assert.notEqual(one[0].partialFingerprints[FINGERPRINT_KEY], one[1].partialFingerprints[FINGERPRINT_KEY]);
  });

  it('uses absolute file URIs without SRCROOT for files outside the root', () => {
    const log = toSarif({
      rootUri: 'file:///repo/',
      version: '0',
      files: [{ path: '/etc/iptables/rules.v4', uri: 'file:///etc/iptables/rules.v4', text: 'abc', format: 'iptables', findings: [finding(0, 1, 'r')] }],
    });
    assert.deepEqual(log.runs[0].artifacts[0].location, { uri: 'file:///etc/iptables/rules.v4' });
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId, undefined);
  });
});
