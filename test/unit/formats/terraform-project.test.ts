/** Terraform values across files: a module's variables, locals and variable files, and local module calls. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeText, analyzeWithFiles, dependentsOf, memorySource, Project, type AnalysisResult } from '../../../src/core/index';
import { terraform } from '../../../src/core/formats/terraform/index';
import { rounds } from '../../../src/core/project/prepare';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const ROOT = 'file:///repo/';

const sg = (cidrs: string) => `resource "aws_security_group" "smb" {\n  ingress {\n    from_port   = 445\n    to_port     = 445\n    protocol    = "tcp"\n    cidr_blocks = ${cidrs}\n  }\n}\n`;
const variable = (name: string, def?: string) => `variable "${name}" {\n  type = list(string)\n${def ? `  default = ${def}\n` : ''}}\n`;

function analyze(uri: string, files: Record<string, string>, varFiles: string[] = [], project = new Project()): AnalysisResult {
  return analyzeWithFiles({ uri, text: files[uri], projectSettings: { roots: [ROOT], terraformVarFiles: varFiles } }, memorySource(files), project);
}

const related = (r: AnalysisResult) => r.findings.flatMap((f) => f.related.filter((x) => x.uri).map((x) => `${x.uri!.slice(ROOT.length)}: ${x.message}`));

const findings = (r: AnalysisResult) => r.findings.map((f) => `${f.ruleId}: ${f.details.source}`);

describe('terraform: values across the files of a module', () => {
  const main = `${ROOT}m/main.tf`;

  test('a default in variables.tf decides a rule in main.tf, and the finding says where it is written', () => {
    const files = { [main]: sg('var.smb'), [`${ROOT}m/variables.tf`]: variable('smb', '["0.0.0.0/0"]') };
    assert.deepEqual(analyzeText({ uri: main, text: files[main] }).findings, [], 'alone, the value is unknown');
    const r = analyze(main, files);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(related(r), ['m/variables.tf: the default of var.smb (variables.tf)']);
    assert.match(r.findings[0].message, /Its values are set in variables\.tf/);
    assert.deepEqual(r.reads, [`${ROOT}m/variables.tf`]);
  });

  test('terraform.tfvars narrowing a public default to a /24 clears the finding; widening a private one makes one', () => {
    const narrowed = { [main]: sg('var.smb'), [`${ROOT}m/variables.tf`]: variable('smb', '["0.0.0.0/0"]'), [`${ROOT}m/terraform.tfvars`]: 'smb = ["10.1.2.0/24"]\n' };
    assert.deepEqual(findings(analyze(main, narrowed)), []);
    const widened = { ...narrowed, [`${ROOT}m/variables.tf`]: variable('smb', '["10.1.2.0/24"]'), [`${ROOT}m/terraform.tfvars`]: '# prod\nsmb = ["0.0.0.0/0"]\n' };
    const r = analyze(main, widened);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(related(r), ['m/terraform.tfvars: var.smb is set in terraform.tfvars']);
  });

  test("Terraform's precedence: terraform.tfvars < terraform.tfvars.json < *.auto.tfvars in name order < -var-file in order", () => {
    const base = { [main]: sg('var.smb'), [`${ROOT}m/variables.tf`]: variable('smb') };
    const open = '["0.0.0.0/0"]';
    const closed = '["10.0.0.0/24"]';
    const files = (t: string, j: string, a: string, b: string) => ({
      ...base,
      [`${ROOT}m/terraform.tfvars`]: `smb = ${t}\n`,
      [`${ROOT}m/terraform.tfvars.json`]: `{ "smb": ${j} }\n`,
      [`${ROOT}m/a.auto.tfvars`]: `smb = ${a}\n`,
      [`${ROOT}m/b.auto.tfvars.json`]: `{ "smb": ${b} }\n`,
      [`${ROOT}m/env/prod.tfvars`]: `smb = ${open}\n`,
      [`${ROOT}m/env/dev.tfvars`]: `smb = ${closed}\n`,
    });
    assert.deepEqual(findings(analyze(main, files(open, closed, closed, closed))), [], 'json over tfvars');
    assert.deepEqual(findings(analyze(main, files(closed, closed, closed, open))).length, 1, 'b.auto over a.auto');
    assert.deepEqual(findings(analyze(main, files(closed, closed, open, closed))), [], 'b.auto over a.auto');
    assert.deepEqual(findings(analyze(main, files(closed, closed, closed, closed), ['env/prod.tfvars'])).length, 1, '-var-file over auto');
    assert.deepEqual(findings(analyze(main, files(closed, closed, closed, closed), ['env/prod.tfvars', 'env/dev.tfvars'])), [], 'later -var-file wins');
  });

  test('locals in another file resolve with the module variables, and name both places', () => {
    const files = { [main]: sg('local.smb'), [`${ROOT}m/locals.tf`]: 'locals {\n  smb = var.sources\n}\n', [`${ROOT}m/variables.tf`]: variable('sources', '["0.0.0.0/0"]') };
    const r = analyze(main, files);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(related(r), ['m/locals.tf: local.smb (locals.tf)', 'm/variables.tf: the default of var.sources (variables.tf)']);
  });

  test('a variable set only in a tfvars file it does not declare stays unknown', () => {
    const files = { [main]: sg('var.smb'), [`${ROOT}m/terraform.tfvars`]: 'smb = ["0.0.0.0/0"]\n' };
    assert.deepEqual(findings(analyze(main, files)), []);
  });
});

describe('terraform: local module calls', () => {
  const child = `${ROOT}modules/smb/main.tf`;
  const childFiles = { [child]: sg('var.sources'), [`${ROOT}modules/smb/variables.tf`]: variable('sources', '["10.0.0.0/24"]') };

  test('a caller\'s input decides the module\'s rule; where callers differ the worst decides and each is named', () => {
    const files = {
      ...childFiles,
      [`${ROOT}envs/prod/main.tf`]: 'module "public" {\n  source  = "../../modules/smb"\n  sources = ["0.0.0.0/0"]\n}\n',
      [`${ROOT}main.tf`]: `module "office" {\n  source  = "./modules/smb"\n  sources = [var.office]\n}\n${variable('office', '"192.168.1.0/24"').replace('list(string)', 'string')}`,
    };
    const r = analyze(child, files);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(related(r).sort(), ['envs/prod/main.tf: module.public sets sources (main.tf)', 'main.tf: module.office sets sources (main.tf)', 'main.tf: the default of var.office (main.tf)'].sort());
  });

  test('a called module ignores its own terraform.tfvars (Terraform reads variable files for the root module only)', () => {
    const files = { ...childFiles, [`${ROOT}modules/smb/terraform.tfvars`]: 'sources = ["0.0.0.0/0"]\n', [`${ROOT}main.tf`]: 'module "a" {\n  source = "./modules/smb"\n}\n' };
    assert.deepEqual(findings(analyze(child, files)), []);
    const { [`${ROOT}main.tf`]: _, ...alone } = files;
    assert.deepEqual(findings(analyze(child, alone)), ['smb-internet-exposure: anywhere over IPv4'], 'uncalled, it is a root module');
  });

  test('modules calling each other in a loop end at the depth limit', () => {
    const files = {
      [`${ROOT}a/main.tf`]: `${sg('var.x')}module "b" {\n  source = "../b"\n  x = var.x\n}\n${variable('x')}`,
      [`${ROOT}b/main.tf`]: `module "a" {\n  source = "../a"\n  x = var.x\n}\n${variable('x', '["0.0.0.0/0"]')}`,
    };
    const r = analyze(`${ROOT}a/main.tf`, files);
    assert.ok(r.findings.length <= 1);
  });

  test('callers are searched only inside the roots', () => {
    const files = { ...childFiles, [`${ROOT}main.tf`]: 'module "p" {\n  source  = "./modules/smb"\n  sources = ["0.0.0.0/0"]\n}\n' };
    const r = analyzeWithFiles({ uri: child, text: files[child], projectSettings: { roots: [`${ROOT}modules/`] } }, memorySource(files));
    assert.deepEqual(findings(r), []);
  });
});

describe('terraform: dependents', () => {
  test('a changed variables file names the files of its module, and only those', () => {
    const files: Record<string, string> = {};
    for (const m of ['a', 'b']) {
      files[`${ROOT}${m}/main.tf`] = sg('var.smb');
      files[`${ROOT}${m}/extra.tf`] = sg('["10.0.0.0/24"]');
      files[`${ROOT}${m}/variables.tf`] = variable('smb', '["0.0.0.0/0"]');
    }
    const project = new Project();
    for (const u of Object.keys(files)) analyze(u, files, [], project);
    const known = project.changed(`${ROOT}a/variables.tf`);
    assert.deepEqual(known.sort(), [`${ROOT}a/extra.tf`, `${ROOT}a/main.tf`]);
    assert.deepEqual(dependentsOf(`${ROOT}a/variables.tf`, project, known).sort(), [`${ROOT}a/extra.tf`, `${ROOT}a/main.tf`]);
    assert.deepEqual(dependentsOf(`${ROOT}b/terraform.tfvars`, project).sort(), [`${ROOT}b/extra.tf`, `${ROOT}b/main.tf`, `${ROOT}b/variables.tf`]);
  });
});

describe('terraform: plan and state JSON (terraform show -json)', () => {
  const state = (cidr: string) =>
    `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{"resources":[{"address":"aws_security_group_rule.smb","mode":"managed","type":"aws_security_group_rule","name":"smb","values":{"type":"ingress","security_group_id":"sg-1","from_port":445,"to_port":445,"protocol":"tcp","cidr_blocks":["${cidr}"]}}]}}}`;

  test('a state file is read with its resolved values; no edit is offered on Terraform output', () => {
    const r = analyzeText({ uri: 'file:///repo/state.json', text: state('0.0.0.0/0') });
    assert.equal(r.format, 'terraform');
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(r.findings[0].fixes.flatMap((f) => f.edits), []);
    assert.match(r.findings[0].message, /plan or state output/);
    assert.deepEqual(findings(analyzeText({ uri: 'file:///repo/state.json', text: state('10.0.0.0/24') })), []);
  });

  test('other JSON is not claimed', () => {
    assert.equal(analyzeText({ uri: 'file:///repo/x.json', text: '{"values":{"root_module":{}}}' }).format, undefined);
  });
});

describe('terraform: the rounds of file requests', () => {
  test('the first round asks for the folder and the folders searched for callers together (one round trip fewer)', () => {
    const uri = `${ROOT}envs/prod/main.tf`;
    const files = {
      [uri]: variable('smb') + sg('var.smb'),
      [`${ROOT}envs/prod/terraform.tfvars`]: 'smb = ["0.0.0.0/0"]\n',
      [`${ROOT}modules/smb/main.tf`]: sg('var.sources'),
      [`${ROOT}README.md`]: '# infra\n',
    };
    const source = memorySource(files);
    const project = new Project();
    project.putText(uri, files[uri]);
    const asked: string[][] = [];
    for (const r of rounds({ uri, text: files[uri], format: terraform, project, settings: { roots: [ROOT] } })) {
      asked.push([...r.list, ...r.read]);
      r.list.forEach((f) => project.putListing(f, source.list(f)));
      r.read.forEach((u) => project.putText(u, source.read(u)));
    }
    // Without waiting for envs/prod/'s listing, its ancestors (the searches for module callers) are asked for too.
    assert.deepEqual(asked[0], [`${ROOT}envs/prod/`, `${ROOT}envs/`, ROOT]);
    // Then modules/ (and the tfvars), modules/smb/, its main.tf: four rounds, where one folder at a time took five.
    assert.deepEqual(asked.length, 4, asked.map((a) => a.map((u) => u.slice(ROOT.length) || '/').join(' ')).join(' | '));
    // The same reads as one folder at a time would make, and the same result.
    assert.ok(asked.flat().includes(`${ROOT}envs/prod/terraform.tfvars`));
    assert.ok(asked.flat().includes(`${ROOT}modules/smb/main.tf`));
    assert.deepEqual(findings(analyzeText({ uri, text: files[uri], project, projectSettings: { roots: [ROOT] } })), ['smb-internet-exposure: anywhere over IPv4']);
  });
});
