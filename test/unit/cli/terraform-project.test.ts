// `scan DIR` resolves Terraform values across the tree: a module's variables files, --var-file, module callers;
// related places point into the files the values are written in (JSON and SARIF).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { initAllFormats } from '../helpers/assets';
import { scan } from '../../../src/cli/scan';
import { toSarif } from '../../../src/cli/sarif';
import { toJson } from '../../../src/cli/json';
import { parseCommandLine } from '../../../src/cli/args';
import { REPO } from './helpers';

before(() => initAllFormats());

const TF = join(REPO, 'test/fixtures/terraform');

function scanDir(dir: string, terraformVarFiles?: string[]) {
  const { report, errors } = scan({ paths: ['.'], cwd: join(TF, dir), trusted: [], fix: false, note: () => {}, terraformVarFiles });
  assert.deepEqual(errors, []);
  return report;
}

const exposed = (r: ReturnType<typeof scanDir>) => r.files.filter((f) => f.findings.length).map((f) => `${f.path}: ${f.findings.length}`);

describe('CLI: Terraform across files', () => {
  test('a module folder: the default in variables.tf decides main.tf, terraform.tfvars narrows the other rule', () => {
    const report = scanDir('module-tfvars');
    assert.deepEqual(exposed(report), ['main.tf: 1']);
    const main = JSON.parse(toJson(report, '1')).files.find((f: { path: string }) => f.path === 'main.tf');
    const related = main.findings[0].related.filter((r: { file?: string }) => r.file);
    assert.deepEqual(related.map((r: { file: string; line: number }) => `${r.file}:${r.line}`), ['locals.tf:2', 'variables.tf:4'], 'the port from locals.tf, the sources from variables.tf');
    const sarif = toSarif({ rootUri: pathToFileURL(join(TF, 'module-tfvars')).href, version: '1', files: report.files });
    const locations = sarif.runs[0].results.flatMap((r) => r.relatedLocations ?? []).map((l) => `${l.physicalLocation?.artifactLocation?.uri}:${l.physicalLocation?.region?.startLine}`);
    assert.ok(locations.includes('variables.tf:4'), locations.join());
  });

  test('--var-file widens what terraform.tfvars narrowed', () => {
    const c = parseCommandLine(['scan', '--var-file', 'a.tfvars', '--var-file', 'b.tfvars', '.']);
    assert.deepEqual(c.kind === 'scan' && c.args.varFiles, ['a.tfvars', 'b.tfvars']);
    assert.deepEqual(exposed(scanDir('module-tfvars', ['../module-var-file/open.tfvars'])), ['main.tf: 2']);
  });

  test('a root calling a local module: the finding is on the module rule, naming the call', () => {
    const report = scanDir('root-calls-module');
    assert.deepEqual(exposed(report), ['modules/smb/main.tf: 1']);
    const f = report.files.find((x) => x.path === 'modules/smb/main.tf')!.findings[0];
    assert.deepEqual(f.related.filter((r) => r.uri).map((r) => r.message).sort(), ['module.office_share sets sources (main.tf)', 'module.public_share sets sources (main.tf)', 'the default of var.office_range (main.tf)']);
  });
});
