// The CLI reads a Helm template's values files next to it: findings on the template, related places in values.yaml.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { scan } from '../../../src/cli/scan';
import { toSarif } from '../../../src/cli/sarif';
import { toJson } from '../../../src/cli/json';
import { REPO } from './helpers';

const CHART = join(REPO, 'test/fixtures/helm/samba');

/** The chart's templates (the fixture folder also holds fix-all goldens, left out here). */
function scanChart(helmValuesFiles?: string[]) {
  const { report, errors } = scan({ paths: ['.'], cwd: CHART, trusted: [], fix: false, note: () => {}, helmValuesFiles });
  assert.deepEqual(errors, []);
  return { ...report, files: report.files.filter((f) => !f.path.includes('.fixed.')) };
}

describe('CLI: Helm charts', () => {
  test('values.yaml is read, not analysed itself; related places point into it in JSON and SARIF', () => {
    const report = scanChart();
    assert.deepEqual(report.files.map((f) => f.path), ['templates/daemonset.yaml', 'templates/internal.yaml', 'templates/netbios.yaml', 'templates/service.yaml']);
    const service = JSON.parse(toJson(report, '1')).files.find((f: { path: string }) => f.path === 'templates/service.yaml');
    const related = service.findings[0].related.filter((r: { file?: string }) => r.file);
    assert.deepEqual(related.map((r: { file: string; line: number }) => `${r.file}:${r.line}`).sort(), ['values.yaml:3', 'values.yaml:4']);
    const sarif = toSarif({ rootUri: pathToFileURL(CHART).href, version: '1', files: report.files });
    const locations = sarif.runs[0].results.flatMap((r) => r.relatedLocations ?? []).map((l) => l.physicalLocation?.artifactLocation?.uri);
    assert.ok(locations.includes('values.yaml'));
  });
  test('--helm-values files override values.yaml', () => {
    const withFindings = (r: ReturnType<typeof scanChart>) => r.files.filter((f) => f.findings.length).map((f) => f.path);
    assert.deepEqual(withFindings(scanChart()), ['templates/daemonset.yaml', 'templates/netbios.yaml', 'templates/service.yaml']);
    // The daemonset's hostPort 137 is written in the template itself.
    assert.deepEqual(withFindings(scanChart(['values-internal.yaml'])), ['templates/daemonset.yaml']);
  });
});
