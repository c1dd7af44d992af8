/** Terraform values across files: a module's variables, locals and variable files, and local module calls. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeText, analyzeWithFiles, dependentsOf, memorySource, Project, type AnalysisResult } from '../../../src/core/index';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const ROOT = 'file:///repo/';

const sg = (cidrs: string) => `resource "aws_security_group" "smb" {\n  ingress {\n    from_port   = 445\n    to_port     = 445\n    protocol    = "tcp"\n    cidr_blocks = ${cidrs}\n  }\n}\n`;
const variable = (name: string, def?: string) => `variable "${name}" {\n  type = list(string)\n${def ? `  default = ${def}\n` : ''}}\n`;

function analyze(uri: string, files: Record<string, string>, varFiles: string[] = [], project = new Project()): AnalysisResult {
  return analyzeWithFiles({ uri, text: files[uri], projectSettings: { roots: [ROOT], terraformVarFiles: varFiles } }, memorySource(files), project);
}

const related = (r: AnalysisResult) => r.findings.flatMap((f) => f.related.filter((x) => x.uri).map((x) => `${x.uri!.slice(ROOT.length)}: ${x.message}`));

describe('terraform: values across the files of a module', () => {
  test('print', () => {
    const files = { [`${ROOT}m/main.tf`]: sg('var.smb'), [`${ROOT}m/variables.tf`]: variable('smb', '["0.0.0.0/0"]') };
    const r = analyze(`${ROOT}m/main.tf`, files);
    console.log(JSON.stringify(r.findings.map((f) => [f.message, f.related]), null, 1), r.reads);
  });
});
