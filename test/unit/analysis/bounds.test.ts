/**
 * Hostile input stays bounded: nesting limits before every recursive parser, parse problems capped and inside
 * the text, the parsing stages linear, and one time budget that still shows what the part read holds.
 * Every input is built here (the reproducers of the reliability campaign, rebuilt).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeText, formatById } from '../../../src/core/index';
import { Budget } from '../../../src/core/analysis/budget';
import { analyzeModel } from '../../../src/core/analysis/analyze';
import { resolveOptions } from '../../../src/core/analysis/options';
import { quietBlankRuns } from '../../../src/core/formats/terraform/parser';
import { generate as composeFile } from '../../../bench/gen/compose';
import { generate as kubernetesFile } from '../../../bench/gen/kubernetes';
import { initAllFormats } from '../helpers/assets';

before(() => initAllFormats());

const NSG_HEAD = '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.Network/networkSecurityGroups","name":"n","properties":{';
const NSG_RULE = '"securityRules":[{"name":"r","properties":{"priority":100,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"*","destinationPortRange":"445"}}]';

/** Five analyses in one process: the same answer each time (the composer's stack overflow was not). */
function fiveTimes(uri: string, text: string, formatId: string): ReturnType<typeof analyzeText> {
  const first = analyzeText({ uri, text, formatId });
  for (let i = 1; i < 5; i++) assert.deepEqual(analyzeText({ uri, text, formatId }), first, `analysis ${i + 1} differs`);
  return first;
}

test('JSON nested 10,000 deep (ARM, CloudFormation) is one problem, the same on every analysis', () => {
  const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
  const arm = `${NSG_HEAD}"x":${deep},${NSG_RULE}}}]}`;
  const result = fiveTimes('file:///x/azuredeploy.json', arm, 'arm');
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0].message, /nested more than 200 levels/);
  const cfn = `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"S":{"Type":"AWS::EC2::SecurityGroup","Properties":{"X":${deep}}}}}`;
  assert.equal(fiveTimes('file:///x/template.json', cfn, 'cloudformation').problems.length, 1);
  // Block nesting counts too: a compact sequence 10,000 deep on one line.
  assert.equal(fiveTimes('file:///x/compose.yml', `services:\n  a:\n    ports: ${'- '.repeat(10000)}x\n`, 'compose').problems.length, 1);
});

test('a document under the limit in the same stream is still read', () => {
  const text = `${'['.repeat(5000)}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: LoadBalancer\n  ports: [{port: 445}]\n`;
  const result = analyzeText({ uri: 'k8s.yaml', text, formatId: 'kubernetes' });
  assert.ok(result.findings.some((f) => f.ruleId === 'smb-internet-exposure'));
  assert.equal(result.problems.length, 1);
});

test('an ARM expression nested 10,000 deep does not overflow the stack', () => {
  const expr = `[${'concat('.repeat(10000)}'*'${')'.repeat(10000)}]`;
  const text = `${NSG_HEAD}${NSG_RULE.replace('"sourceAddressPrefix":"*"', `"sourceAddressPrefix":"${expr}"`)}}}]}`;
  const result = fiveTimes('file:///x/azuredeploy.json', text, 'arm');
  assert.equal(result.format, 'arm');
});

test('deep HCL blocks, tuples and XML elements are read to a limit and reported', () => {
  const hcl = `resource "aws_security_group" "s" {\n${'a {\n'.repeat(3000)}${'}\n'.repeat(3000)}  x = ${'['.repeat(3000)}${']'.repeat(3000)}\n}\n`;
  const tf = analyzeText({ uri: 'main.tf', text: hcl, formatId: 'terraform' });
  assert.ok(tf.problems.some((p) => /nested more than 64/.test(p.message)));
  const xml = `<?xml version="1.0"?>\n<zone>${'<a>'.repeat(20000)}${'</a>'.repeat(20000)}<port protocol="tcp" port="445"/></zone>\n`;
  const zone = analyzeText({ uri: '/etc/firewalld/zones/public.xml', text: xml, formatId: 'firewalld' });
  assert.ok(zone.problems.some((p) => /nested more than 64/.test(p.message)));
});

test('a long broken .tf.json line gives at most 100 problems', () => {
  const text = `{"resource": {}}${'}'.repeat(300_000)}\n`;
  const result = analyzeText({ uri: 'main.tf.json', text, formatId: 'terraform' });
  assert.ok(result.problems.length >= 1 && result.problems.length <= 100, `${result.problems.length} problems`);
  // Problems of any parser are capped in one place, with a count of the rest.
  const many = `{"a": 1}${'\n}'.repeat(50)}${'\n]'.repeat(60)}`;
  const capped = analyzeText({ uri: 'main.tf.json', text: many, formatId: 'terraform' }).problems;
  assert.ok(capped.length <= 100);
});

test('problems at the end of a YAML or JSON file stay inside the text', () => {
  for (const [uri, formatId, text] of [
    ['main.tf.json', 'terraform', '{"resource": {"aws_security_group": {'],
    ['azuredeploy.json', 'arm', `${NSG_HEAD}"securityRules":[`],
    ['compose.yml', 'compose', 'services:\n  a:\n    ports: ["445:445"'],
  ]) {
    const result = analyzeText({ uri, text, formatId });
    assert.ok(result.problems.length > 0, uri);
    for (const p of result.problems) assert.ok(p.span.offset >= 0 && p.span.offset + p.span.length <= text.length, `${uri}: ${JSON.stringify(p.span)} past ${text.length}`);
  }
});

/** A hang guard, not a benchmark: each input took from 6 s to hours before (quadratic stages); now about a
 *  second on a loaded machine. The ceiling leaves room for a slow machine. */
const CEILING_MS = 10_000;

function within(uri: string, formatId: string, text: string): ReturnType<typeof analyzeText> {
  const started = Date.now();
  const result = analyzeText({ uri, text, formatId });
  const ms = Date.now() - started;
  assert.ok(ms < CEILING_MS, `${uri}: ${ms} ms for ${text.length} characters`);
  return result;
}

test('thousands of statements on one line are read in linear time', () => {
  const nft = `table inet f {\n  chain input {\n    type filter hook input priority 0; ${'tcp dport 80 accept; '.repeat(40_000)}tcp dport 445 accept;\n  }\n}\n`;
  assert.ok(within('rules.nft', 'nftables', nft).findings.length > 0);
  const ps = `${'New-NetFirewallRule -DisplayName a -LocalPort 80 -Action Allow; '.repeat(13_000)}\nNew-NetFirewallRule -DisplayName smb -Direction Inbound -LocalPort 445 -Protocol TCP -Action Allow\n`;
  assert.ok(within('rules.ps1', 'windows-firewall', ps).findings.length > 0);
  const sh = `#!/bin/sh\n${'iptables -A INPUT -p tcp --dport 80 -j ACCEPT; '.repeat(16_000)}iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n`;
  assert.ok(within('firewall.sh', 'iptables', sh).findings.length > 0);
});

test('a Service with thousands of ports builds its fixes in linear time', () => {
  const ports = Array.from({ length: 6000 }, (_, i) => `    - name: p${i}\n      port: ${i % 2 ? 445 : 1000 + i}\n`).join('');
  const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: LoadBalancer\n  ports:\n${ports}`;
  const result = within('svc.yaml', 'kubernetes', text);
  assert.ok(result.findings.length >= 3000);
  assert.ok(result.findings[0].fixes.some((f) => f.kind === 'remove-ports'));
});

test('tree-sitter is not handed long white space after an error', () => {
  const result = within('main.tf', 'terraform', `t${' '.repeat(400_000)}\n${'\n'.repeat(100_000)}`);
  assert.equal(result.format, 'terraform');
  // The white space goes over as comments of the same length: every offset stays, and so does the text around.
  const text = `a = 1\n${' '.repeat(300)}\n\n${'\n'.repeat(300)}b = 2 # ${' '.repeat(300)}x\n/* ${' '.repeat(300)} */\n`;
  const quiet = quietBlankRuns(text);
  assert.equal(quiet.length, text.length);
  assert.equal(quiet.indexOf('b = 2 #'), text.indexOf('b = 2 #'));
  assert.match(quiet, /^a = 1\n\/\*[ \n]+\*\/\nb = 2 # {301}x\n/);
  assert.ok(quiet.endsWith(`/* ${' '.repeat(300)} */\n`), 'a run inside a comment stays as it is');
});

const SMB_SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: files\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 445\n---\n';

test('a 2 MB manifest with a tiny budget shows the findings of the part read, and says how far it got', () => {
  const k8s = SMB_SERVICE + kubernetesFile(6200);
  assert.ok(k8s.length > 2_000_000);
  const cut = analyzeText({ uri: 'cluster.yaml', text: k8s, options: { timeBudgetMs: 1 } });
  assert.equal(cut.format, 'kubernetes');
  assert.ok(cut.findings.some((f) => f.ruleId === 'smb-internet-exposure'), 'findings of the head');
  assert.ok(cut.incomplete, 'marked incomplete');
  assert.equal(cut.incomplete.stage, 'extraction');
  assert.ok(cut.incomplete.analysedTo !== undefined && cut.incomplete.analysedTo > SMB_SERVICE.length && cut.incomplete.analysedTo < k8s.length);

  const compose = `name: big\nservices:\n  files:\n    image: samba\n    ports:\n      - "445:445"\n${composeFile(26_000).replace(/^name: bench\nservices:\n/, '')}`;
  assert.ok(compose.length > 2_000_000);
  const cutCompose = analyzeText({ uri: 'docker-compose.yml', text: compose, options: { timeBudgetMs: 1 } });
  assert.equal(cutCompose.format, 'compose');
  assert.ok(cutCompose.findings.length > 0, 'findings of the head');
  assert.equal(cutCompose.incomplete?.stage, 'extraction');
});

test('a budget of 0 stops extraction with the part read so far', () => {
  const text = SMB_SERVICE + kubernetesFile(2000);
  const budget = new Budget(0);
  const model = formatById('kubernetes')!.extract(text, 'cluster.yaml', budget);
  assert.equal(budget.stopped?.stage, 'extraction');
  const read = budget.stopped?.analysedTo ?? 0;
  assert.ok(read > 0 && read < text.length, `read to ${read} of ${text.length}`);
  assert.ok(model.lists.length > 0 && model.lists.every((l) => l.rules.every((r) => r.span.offset < read)));
  // The same for a line format: the commands before the cut, none after.
  const sh = `#!/bin/sh\n${'iptables -A INPUT -p tcp --dport 80 -j ACCEPT\n'.repeat(2000)}`;
  const shBudget = new Budget(0);
  formatById('iptables')!.extract(sh, 'firewall.sh', shBudget);
  assert.equal(shBudget.stopped?.stage, 'extraction');
});

test('the walk stops when the budget is out, and fixes after it are not written', () => {
  const drops = Array.from({ length: 2000 }, (_, i) => `-A INPUT -s 45.${(i >> 8) & 255}.${i & 255}.7/32 -j DROP`);
  const text = ['*filter', ':INPUT DROP [0:0]', ...drops, '-A INPUT -p tcp --dport 445 -j ACCEPT', 'COMMIT', ''].join('\n');
  const format = formatById('iptables')!;
  const model = format.extract(text, 'rules.v4');
  const budget = new Budget(0);
  assert.deepEqual(analyzeModel(text, model, format, resolveOptions(), budget), []);
  assert.equal(budget.stopped?.stage, 'walk');
  assert.equal(analyzeModel(text, model, format, resolveOptions(), Budget.unlimited()).length, 1);
});
