// The SARIF Multitool (Microsoft's own validator) finds no error or warning in our SARIF.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureSarif, REPO, tempDir } from './helpers';

const PLATFORM_PACKAGE = join(REPO, 'node_modules/@microsoft', `sarif-multitool-${process.platform}`);
const BINARY = join(PLATFORM_PACKAGE, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');

interface ValidationResult {
  level?: string;
  ruleId?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Runs `Sarif.Multitool validate` and returns the results of its own SARIF report. */
function validate(log: unknown): ValidationResult[] {
  const dir = tempDir('multitool');
  const input = join(dir, 'smb-guard.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, JSON.stringify(log, null, 2));
  const r = spawnSync(BINARY, ['validate', input, '--output', output, '--level', 'Error;Warning;Note', '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    timeout: 180_000,
    // The validator needs no culture data; invariant mode lets it run where libicu is not installed.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  assert.equal(r.status, 0, `Sarif.Multitool failed (${r.error ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results?: ValidationResult[] }[] };
  return report.runs.flatMap((run) => run.results ?? []);
}

const describeText = (r: ValidationResult) => `${r.level} ${r.ruleId}: ${r.message.text ?? r.message.arguments?.join(' | ')}`;

describe('SARIF Multitool validation', { skip: existsSync(BINARY) ? false : `no ${BINARY} on this platform` }, () => {
  it('reports no errors or warnings for the fixture scan', () => {
    const serious = validate(fixtureSarif()).filter((r) => r.level === 'error' || r.level === 'warning');
    assert.deepEqual(serious.map(describeText), []);
  });

  it('does report errors for an inconsistent log (the check can fail)', () => {
    const broken = fixtureSarif();
    const region = broken.runs[0].results[0].locations[0].physicalLocation.region;
    region.endLine = region.startLine - 1;
    const errors = validate(broken).filter((r) => r.level === 'error');
    assert.ok(errors.some((r) => r.ruleId === 'SARIF1007'), errors.map(describeText).join('\n') || 'no errors reported');
  });
});
