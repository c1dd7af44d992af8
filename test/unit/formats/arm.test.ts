import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { arm } from '../../../src/core/formats/arm/index';
import { blankComments } from '../../../src/core/formats/arm/comments';
import { cloudformation } from '../../../src/core/formats/cloudformation/index';
import type { RuleList } from '../../../src/core/model/rule';
import { at, edits } from '../helpers/format-test';

const SMB = [
  { protocol: 'tcp' as const, port: 445, name: 'SMB' },
  { protocol: 'tcp' as const, port: 139, name: 'NetBIOS session' },
];
const lists = (text: string): RuleList[] => arm.extract(text, 'azuredeploy.json').lists;
const findings = (text: string) => analyzeText({ uri: 'azuredeploy.json', text }).findings;

const SCHEMA = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';
type Props = Record<string, unknown>;
const rule = (name: string, p: Props) =>
  JSON.stringify({ name, properties: { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationAddressPrefix: '*', ...p } }, null, 2);
const template = (rules: string[], extra = '', children = '') =>
  `{\n  ${SCHEMA},\n${extra}  "resources": [\n    {\n      "type": "Microsoft.Network/networkSecurityGroups",\n      "name": "nsg",\n      "properties": {\n        "securityRules": [\n${rules.join(',\n')}\n        ]\n      }\n    }${children}\n  ]\n}\n`;

describe('arm: detection', () => {
  test('claims deployment templates with an NSG', () => {
    assert.ok(arm.detect('azuredeploy.json', template([])));
    assert.ok(arm.detect('main.jsonc', template([]).replace('deploymentTemplate', 'subscriptionDeploymentTemplate')));
  });
  test('does not claim parameter files, templates without NSGs, CloudFormation, or other extensions', () => {
    assert.ok(!arm.detect('azuredeploy.parameters.json', '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {} }'));
    assert.ok(!arm.detect('storage.json', `{ ${SCHEMA}, "resources": [ { "type": "Microsoft.Storage/storageAccounts" } ] }`));
    assert.ok(!arm.detect('azuredeploy.yaml', template([])));
    assert.ok(!arm.detect('package.json', '{ "name": "x" }'));
    assert.ok(!cloudformation.detect('azuredeploy.json', template([])));
  });
});

describe('arm: rules', () => {
  test('rules are ordered by priority; a deny first protects; spans point at values', () => {
    const text = template([
      rule('allow-all', { priority: 500, protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '*' }),
      rule('deny-smb', { priority: 100, access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationPortRanges: ['137-139', '445'] }),
    ]);
    const [l] = lists(text);
    assert.equal(l.name, 'nsg (inbound)');
    assert.deepEqual(l.rules.map((r) => [r.label, r.action]), [['priority 100', 'deny'], ['priority 500', 'allow']]);
    assert.deepEqual(l.rules[0].ports.ranges, [[137, 139], [445, 445]]);
    assert.deepEqual(l.rules[0].ports.items.map((i) => at(text, i.span)), ['"137-139"', '"445"']);
    assert.equal(at(text, l.rules[1].sources.items[0].span), '"*"');
    assert.deepEqual(findings(text), []);
  });
  test('service tags: Internet is public, VirtualNetwork private, other tags unknown; "*" on our side is no condition', () => {
    const kind = (src: string) => lists(template([rule('r', { priority: 100, sourceAddressPrefix: src, destinationPortRange: '445' })]))[0].rules[0].sources.items[0].value.kind;
    assert.equal(kind('Internet'), 'internet');
    assert.equal(kind('VirtualNetwork'), 'private');
    assert.equal(kind('AzureLoadBalancer'), 'unknown');
    const r = lists(template([rule('r', { priority: 100, sourceAddressPrefix: '*', destinationPortRange: '445' })]))[0].rules[0];
    assert.equal(r.destinations.items.length, 0);
  });
  test('parameters, variables and concat resolve; other expressions are unknown', () => {
    const extra = '  "parameters": { "src": { "type": "string", "defaultValue": "0.0.0.0/0" }, "none": { "type": "string" } },\n  "variables": { "port": "445", "net": "[concat(\'81.2.69\', \'.0/24\')]" },\n';
    const first = (p: Props) => lists(template([rule('r', { priority: 100, ...p })], extra))[0].rules[0];
    assert.equal(first({ sourceAddressPrefix: "[parameters('src')]", destinationPortRange: "[variables('port')]" }).sources.items[0].value.kind, 'cidr');
    assert.deepEqual(first({ sourceAddressPrefix: '*', destinationPortRange: "[variables('port')]" }).ports.ranges, [[445, 445]]);
    assert.deepEqual(first({ sourceAddressPrefix: "[variables('net')]", destinationPortRange: '445' }).sources.items[0].value, { kind: 'cidr', cidr: '81.2.69.0/24' });
    assert.equal(first({ sourceAddressPrefix: "[parameters('none')]", destinationPortRange: '445' }).sources.items[0].value.kind, 'unknown');
    assert.equal(first({ sourceAddressPrefix: "[reference('x').ip]", destinationPortRange: '445' }).sources.items[0].value.kind, 'unknown');
  });
  test('child securityRules resources join their NSG, top-level and nested', () => {
    const child = `,\n    { "type": "Microsoft.Network/networkSecurityGroups/securityRules", "name": "nsg/late", "properties": ${JSON.stringify({ priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', destinationPortRange: '445' })} }`;
    const text = template([rule('early', { priority: 100, sourceAddressPrefix: '10.0.0.0/24', destinationPortRange: '22' })], '', child);
    const [l] = lists(text);
    assert.deepEqual(l.rules.map((r) => r.label), ['priority 100', 'priority 200']);
    const nested = text.replace('"securityRules": [', '"securityRules": []\n      },\n      "resources": [ { "type": "securityRules", "name": "inner", "properties": { "priority": 150, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*", "destinationPortRange": "445" } } ],\n      "unused": {\n        "x": [');
    assert.deepEqual(lists(nested)[0].rules.map((r) => [r.label, r.action]), [['priority 150', 'deny'], ['priority 200', 'allow']]);
    assert.deepEqual(findings(nested), []);
  });
  test('comments are blanked with offsets kept, and suppress findings', () => {
    const src = '{ "a": "http://x", // note\n /* b\n c */ "d": 1 }';
    const blank = blankComments(src);
    assert.equal(blank.length, src.length);
    assert.equal(blank, '{ "a": "http://x",        \n     \n      "d": 1 }');
    const text = template([rule('smb', { priority: 100, sourceAddressPrefix: '*', destinationPortRange: '445' })]);
    assert.equal(findings(text).length, 1);
    const suppressed = text.replace('{\n  "name": "smb"', '// smb-guard-ignore smb-internet-exposure: lab\n{\n  "name": "smb"');
    assert.notEqual(suppressed, text);
    assert.equal(findings(suppressed).length, 0);
  });
});

describe('arm: fixes', () => {
  const text = template([
    rule('web', { priority: 100, sourceAddressPrefix: '*', destinationPortRange: '443' }),
    rule('wide', { priority: 200, sourceAddressPrefix: '*', destinationPortRange: '1-9000' }),
  ]);
  const l = lists(text)[0];
  const wide = l.rules[1];
  test('restrictSource: one family in the rule; a second family goes into a copy with a free priority', () => {
    assert.deepEqual(edits(arm.fixes.restrictSource!(text, wide, l, ['10.1.0.0/24'])).map((e) => e.newText), ['"10.1.0.0/24"']);
    const two = edits(arm.fixes.restrictSource!(text, wide, l, ['10.1.0.0/24', '10.2.0.0/24']));
    assert.equal(two[0].newText, '"sourceAddressPrefixes": ["10.1.0.0/24", "10.2.0.0/24"]');
    const mixed = applyEdits(text, edits(arm.fixes.restrictSource!(text, wide, l, ['10.1.0.0/24', 'fd00::/64'])));
    const after = lists(mixed)[0];
    assert.deepEqual(after.rules.map((r) => r.label), ['priority 100', 'priority 199', 'priority 200']);
    assert.match(mixed, /"name": "wide-ipv6"/);
    assert.deepEqual(findings(mixed), []);
  });
  test('removeServices splits the range; deny flips access; insertDenyBefore copies the rule ahead', () => {
    assert.equal(edits(arm.fixes.removeServices!(text, wide, l, SMB))[0].newText, '"destinationPortRanges": ["1-138", "140-444", "446-9000"]');
    assert.deepEqual(edits(arm.fixes.deny!(text, wide, l)).map((e) => [at(text, e.span), e.newText]), [['"Allow"', '"Deny"']]);
    const out = applyEdits(text, edits(arm.fixes.insertDenyBefore!(text, wide, l, SMB)));
    const after = lists(out)[0];
    assert.deepEqual(after.rules.map((r) => [r.label, r.action]), [['priority 100', 'allow'], ['priority 199', 'deny'], ['priority 200', 'allow']]);
    assert.match(out, /"name": "wide-deny-smb"/);
    assert.deepEqual(findings(out), []);
  });
});

describe('arm: tolerance', () => {
  test('empty, garbage and truncated input never throws; problems are reported', () => {
    const full = template([rule('smb', { priority: 100, sourceAddressPrefix: '*', destinationPortRange: '445' }), rule('next', { priority: 110, sourceAddressPrefix: '*', destinationPortRange: '139' })]);
    const cut = full.slice(0, full.indexOf('"next"') + 30);
    for (const t of ['', '{', '/* open', '{"resources": [ { "type": 1 } ]}', cut]) assert.doesNotThrow(() => arm.extract(t, 'a.json'));
    assert.ok(arm.extract(cut, 'a.json').problems.length > 0);
    assert.deepEqual(findings(cut).map((f) => f.ruleId), ['smb-internet-exposure', 'smb-parse-error']);
  });
});
