/** CloudFormation parameter files named in a setting: each one a deployment over the parameters' defaults. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeWithFiles, memorySource, type AnalysisResult } from '../../../src/core/index';

const ROOT = 'file:///repo/';
const TEMPLATE = `${ROOT}stack/template.yaml`;
const template = (def: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Share:\n    Type: String\n    Default: ${def}\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 445\n          ToPort: 445\n          CidrIp: !Ref Share\n`;

function analyze(files: Record<string, string>, parameterFiles?: string[]): AnalysisResult {
  return analyzeWithFiles({ uri: TEMPLATE, text: files[TEMPLATE], projectSettings: { roots: [ROOT], cloudformationParameterFiles: parameterFiles } }, memorySource(files));
}
const findings = (r: AnalysisResult) => r.findings.map((f) => `${f.ruleId}: ${f.details.source}`);
const related = (r: AnalysisResult) => r.findings.flatMap((f) => f.related.filter((x) => x.uri).map((x) => `${x.uri!.slice(ROOT.length)}: ${x.message}`));

describe('cloudformation: parameter files', () => {
  const cli = (v: string) => `[{"ParameterKey": "Share", "ParameterValue": "${v}"}, {"ParameterKey": "Undeclared", "ParameterValue": "0.0.0.0/0"}]`;
  const pipeline = (v: string) => `{"Parameters": {"Share": "${v}"}}`;

  test("the AWS CLI's form over a private default makes a finding that names the file", () => {
    const files = { [TEMPLATE]: template('10.0.0.0/24'), [`${ROOT}stack/prod.json`]: cli('0.0.0.0/0') };
    assert.deepEqual(findings(analyze(files)), [], 'not named in the setting: not read');
    const r = analyze(files, ['prod.json']);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(related(r), ['stack/prod.json: parameter Share = "0.0.0.0/0" in prod.json']);
    assert.deepEqual(r.reads, [`${ROOT}stack/prod.json`]);
  });

  test("a CodePipeline configuration narrowing a public default removes the finding; any deployment that opens it keeps one", () => {
    const files = { [TEMPLATE]: template('0.0.0.0/0'), [`${ROOT}stack/staging.json`]: pipeline('10.1.0.0/24'), [`${ROOT}cfg/prod.json`]: cli('0.0.0.0/0') };
    assert.equal(findings(analyze(files)).length, 1, 'the default alone');
    assert.deepEqual(findings(analyze(files, ['staging.json'])), []);
    const r = analyze(files, ['staging.json', '../cfg/prod.json']);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    // Each deployment's value is named: the worst decides.
    assert.deepEqual(related(r), ['stack/staging.json: parameter Share = "10.1.0.0/24" in staging.json', 'cfg/prod.json: parameter Share = "0.0.0.0/0" in prod.json']);
  });

  test('a missing or unreadable parameter file leaves the defaults', () => {
    const files = { [TEMPLATE]: template('0.0.0.0/0'), [`${ROOT}stack/bad.json`]: '{"Parameters": [' };
    assert.equal(findings(analyze(files, ['bad.json', 'missing.json'])).length, 1);
  });
});
