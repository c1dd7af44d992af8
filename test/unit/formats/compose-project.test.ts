/** Compose files merged as `docker compose` merges them, interpolated from `.env`; dependents of a changed file. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, analyzeWithFiles, dependentsOf, memorySource, Project, type AnalysisResult } from '../../../src/core/index';

const ROOT = 'file:///repo/';
const BASE = `${ROOT}app/compose.yaml`;
const OVERRIDE = `${ROOT}app/compose.override.yaml`;
const ENV = `${ROOT}app/.env`;

function analyze(uri: string, files: Record<string, string>, composeFiles?: string[], project = new Project()): AnalysisResult {
  return analyzeWithFiles({ uri, text: files[uri], projectSettings: { roots: [ROOT], composeFiles } }, memorySource(files), project);
}
const findings = (r: AnalysisResult) => r.findings.map((f) => `${f.ruleId}: ${f.details.source}`);
const related = (r: AnalysisResult) => r.findings.flatMap((f) => f.related.filter((x) => x.uri).map((x) => `${x.uri!.slice(ROOT.length)}: ${x.message}`));
const svc = (ports: string) => `services:\n  smb:\n    image: dperson/samba\n    ports:\n${ports}`;

describe('compose: .env interpolation', () => {
  test('${VAR}, $VAR, ${VAR:-default} and ${VAR-default} take .env values and name the line', () => {
    const files = { [BASE]: svc('      - "${HOST_PORT}:445"\n      - "$NB:139"\n'), [ENV]: 'HOST_PORT=445\nexport NB=139 # NetBIOS\n' };
    assert.deepEqual(findings(analyzeText({ uri: BASE, text: files[BASE] })), [], 'alone: unknown, never guessed');
    const r = analyze(BASE, files);
    assert.equal(r.findings.length, 2);
    assert.deepEqual(related(r).sort(), ['app/.env: HOST_PORT=445 in .env', 'app/.env: NB=139 in .env']);
    const defaults = { [BASE]: svc('      - "${A:-445}:445"\n      - "${B-139}:139"\n      - "${C:-445}:445"\n'), [ENV]: 'B=\nC=8445\n' };
    // A: unset, default; B: set but empty, `-` keeps the empty value (not a port); C: set, its value.
    assert.deepEqual(analyze(BASE, defaults).findings.map((f) => f.span.offset), [defaults[BASE].indexOf('"${A')]);
  });

  test('a .env host IP of 127.0.0.1 removes the finding; one unset without a default stays unknown', () => {
    const files = { [BASE]: svc('      - "${BIND:-0.0.0.0}:445:445"\n      - "${UNSET}:445"\n'), [ENV]: 'BIND=127.0.0.1\n' };
    assert.deepEqual(findings(analyze(BASE, files)), []);
    assert.equal(findings(analyze(BASE, { [BASE]: files[BASE] })).length, 1, 'without .env the default publishes on every interface');
  });
});

describe('compose: override and extra files', () => {
  test('compose.override.yaml resetting ports removes the base finding; its own ports are its findings', () => {
    const files = { [BASE]: svc('      - "445:445"\n'), [OVERRIDE]: 'services:\n  smb:\n    ports: !reset []\n' };
    assert.equal(findings(analyze(BASE, { [BASE]: files[BASE] })).length, 1);
    assert.deepEqual(findings(analyze(BASE, files)), []);
    const appended = { [BASE]: svc('      - "127.0.0.1:445:445"\n'), [OVERRIDE]: 'services:\n  smb:\n    ports:\n      - "139:139"\n' };
    assert.deepEqual(findings(analyze(BASE, appended)), []);
    assert.equal(findings(analyze(OVERRIDE, appended)).length, 1);
  });

  test('an image set by a later file decides host networking, and the finding names it', () => {
    const files = { [BASE]: 'services:\n  smb:\n    image: alpine\n    network_mode: host\n', [`${ROOT}app/prod.yaml`]: 'services:\n  smb:\n    image: dperson/samba\n' };
    assert.deepEqual(findings(analyze(BASE, files)), [], 'prod.yaml is not merged unless named');
    const r = analyze(BASE, files, ['prod.yaml']);
    assert.equal(r.findings.length > 0, true);
    assert.deepEqual([...new Set(related(r))], ['app/prod.yaml: service smb runs dperson/samba (prod.yaml)']);
  });

  test('dependents: a changed .env or override re-analyses the compose files merged with it', () => {
    const files = { [BASE]: svc('      - "${P}:445"\n'), [OVERRIDE]: 'services: {}\n', [ENV]: 'P=445\n', [`${ROOT}app/other.yml`]: 'x: 1\n' };
    const project = new Project();
    analyze(BASE, files, [], project);
    assert.deepEqual(dependentsOf(ENV, project, project.changed(ENV)).sort(), [OVERRIDE, BASE]);
    assert.deepEqual(dependentsOf(OVERRIDE, project, project.changed(OVERRIDE)), [BASE]);
    assert.deepEqual(dependentsOf(`${ROOT}app/other.yml`, project), []);
  });
});
