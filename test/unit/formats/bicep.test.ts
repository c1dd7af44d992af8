import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { bicep } from '../../../src/core/formats/bicep/index';
import { arm } from '../../../src/core/formats/arm/index';
import { parseBicep } from '../../../src/core/formats/bicep/parser';
import type { RuleList } from '../../../src/core/model/rule';
import { at, edits } from '../helpers/format-test';
import { generate as benchFile, BENCH_URI } from '../../../bench/gen/bicep';

const SMB = [
  { protocol: 'tcp' as const, port: 445, name: 'SMB' },
  { protocol: 'tcp' as const, port: 139, name: 'NetBIOS session' },
];
const URI = 'main.bicep';
const lists = (text: string): RuleList[] => bicep.extract(text, URI).lists;
const findings = (text: string) => analyzeText({ uri: URI, text }).findings;

type Props = Record<string, string>;
/** A rule object in Bicep syntax, one property a line, at `indent`. */
const rule = (name: string, p: Props, indent = '      ') => {
  const all: Props = { direction: "'Inbound'", access: "'Allow'", protocol: "'Tcp'", sourcePortRange: "'*'", destinationAddressPrefix: "'*'", ...p };
  const lines = Object.entries(all).map(([k, v]) => `${indent}    ${k}: ${v}`);
  return `${indent}{\n${indent}  name: '${name}'\n${indent}  properties: {\n${lines.join('\n')}\n${indent}  }\n${indent}}`;
};
const nsg = (rules: string[], head = '', tail = '') =>
  `${head}resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n  location: 'westeurope'\n  properties: {\n    securityRules: [\n${rules.join('\n')}\n    ]\n  }\n}\n${tail}`;
const child = (sym: string, name: string, p: Props, head = '  parent: nsg\n') =>
  `\nresource ${sym} 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {\n${head}  name: '${name}'\n  properties: {\n${Object.entries({ direction: "'Inbound'", access: "'Allow'", protocol: "'Tcp'", destinationAddressPrefix: "'*'", ...p })
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n')}\n  }\n}\n`;

describe('bicep: detection', () => {
  test('claims .bicep files that declare an NSG, nothing else', () => {
    assert.ok(bicep.detect('infra/main.bicep', nsg([])));
    assert.ok(bicep.detect('NET.BICEP', "resource r 'microsoft.network/networkSecurityGroups/securityRules@2023-09-01' existing = { name: 'a/b' }"));
    assert.ok(!bicep.detect('main.bicep', "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = { name: 'x' }"));
    assert.ok(!bicep.detect('main.bicepparam', nsg([])));
    assert.ok(!bicep.detect('main.json', nsg([])));
    assert.ok(!arm.detect('main.bicep', nsg([])));
  });
});

describe('bicep: rules', () => {
  test('priority order with ARM semantics; a deny first protects; spans point at the values', () => {
    const text = nsg([
      rule('allow-all', { priority: '500', protocol: "'*'", sourceAddressPrefix: "'*'", destinationPortRange: "'*'" }),
      rule('deny-smb', { priority: '100', access: "'Deny'", protocol: "'*'", sourceAddressPrefix: "'*'", destinationPortRanges: "['137-139', '445']" }),
    ]);
    const [l] = lists(text);
    assert.equal(l.name, 'nsg (inbound)');
    assert.deepEqual(l.rules.map((r) => [r.label, r.action]), [['priority 100', 'deny'], ['priority 500', 'allow']]);
    assert.deepEqual(l.rules[0].ports.items.map((i) => at(text, i.span)), ["'137-139'", "'445'"]);
    assert.deepEqual(findings(text), []);
    // Allowed first, SMB is exposed by priority 100; the allow-all behind it is latent (one level lower).
    const flipped = text.replace("access: 'Deny'", "access: 'Allow'");
    assert.deepEqual(findings(flipped).map((f) => `${f.ruleId}@${f.severity}`).sort(), ['smb-internet-exposure@error', 'smb-internet-exposure@warning']);
  });

  test('service tags as in ARM: Internet public, VirtualNetwork private, other tags unknown', () => {
    const kind = (src: string) => lists(nsg([rule('r', { priority: '100', sourceAddressPrefix: `'${src}'`, destinationPortRange: "'445'" })]))[0].rules[0].sources.items[0].value.kind;
    assert.equal(kind('Internet'), 'internet');
    assert.equal(kind('VirtualNetwork'), 'private');
    assert.equal(kind('AzureLoadBalancer'), 'unknown');
    assert.equal(kind('*'), 'any');
  });

  test('params with defaults, vars, interpolation and member access resolve; the finding lands on the value', () => {
    const head = "param src string = '0.0.0.0/0'\nparam none string\nparam octet string = '69'\nvar ports = {\n  smb: '445'\n}\nvar net = '81.2.${octet}.0/24'\n";
    const first = (p: Props) => lists(nsg([rule('r', { priority: '100', ...p })], head))[0].rules[0];
    const text = nsg([rule('r', { priority: '100', sourceAddressPrefix: 'src', destinationPortRange: 'ports.smb' })], head);
    assert.deepEqual(findings(text).map((f) => at(text, f.span)), ["'0.0.0.0/0'"]);
    assert.deepEqual(first({ sourceAddressPrefix: 'net', destinationPortRange: "'445'" }).sources.items[0].value, { kind: 'cidr', cidr: '81.2.69.0/24' });
    assert.equal(first({ sourceAddressPrefix: 'none', destinationPortRange: "'445'" }).sources.items[0].value.kind, 'unknown');
    assert.equal(first({ sourceAddressPrefix: "'${none}.0/24'", destinationPortRange: "'445'" }).sources.items[0].value.kind, 'unknown');
    assert.equal(first({ sourceAddressPrefix: "reference('x').ip", destinationPortRange: "'445'" }).sources.items[0].value.kind, 'unknown');
    assert.equal(first({ sourceAddressPrefix: "cond ? '*' : '10.0.0.0/8'", destinationPortRange: "'445'" }).sources.items[0].value.kind, 'unknown');
    assert.equal(first({ sourceAddressPrefix: "'*'", destinationPortRange: 'concat(ports.smb)' }).ports.ranges, 'unknown');
  });

  test('child rules join their NSG by parent, by "nsg/rule" name, and nested; a condition makes a rule conditional', () => {
    const text =
      nsg([rule('early', { priority: '100', sourceAddressPrefix: "'10.0.0.0/24'", destinationPortRange: "'22'" })]) +
      child('byParent', 'late', { priority: '300', sourceAddressPrefix: "'*'", destinationPortRange: "'445'" }) +
      child('byName', 'nsg/named', { priority: '200', sourceAddressPrefix: "'*'", destinationPortRange: "'139'" }, '');
    assert.deepEqual(lists(text).map((l) => [l.name, l.rules.map((r) => r.label)]), [['nsg (inbound)', ['priority 100', 'priority 200', 'priority 300']]]);
    const nested = text.replace('  properties: {\n    securityRules: [', "  resource inner 'securityRules' = {\n    name: 'inner'\n    properties: {\n      priority: 150\n      direction: 'Inbound'\n      access: 'Deny'\n      protocol: '*'\n      sourceAddressPrefix: '*'\n      destinationAddressPrefix: '*'\n      destinationPortRanges: [\n        '139'\n        '445'\n      ]\n    }\n  }\n  properties: {\n    securityRules: [");
    assert.deepEqual(lists(nested)[0].rules.map((r) => [r.label, r.action]), [['priority 100', 'allow'], ['priority 150', 'deny'], ['priority 200', 'allow'], ['priority 300', 'allow']]);
    assert.deepEqual(findings(nested), []);
    const cond = text.replace("resource byParent 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {", "resource byParent 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = if (smb) {");
    assert.notEqual(cond, text);
    assert.equal(lists(cond)[0].rules[2].conditional, true);
  });

  test('loops over literal arrays give one rule per item; unknown sources give none', () => {
    const head = "var sources = [\n  '10.0.0.0/8'\n  'Internet'\n]\n";
    const loop = "for (s, i) in sources: {\n        name: 'r${i}'\n        properties: {\n          priority: 100\n          direction: 'Inbound'\n          access: 'Allow'\n          protocol: 'Tcp'\n          sourceAddressPrefix: s\n          destinationAddressPrefix: '*'\n          destinationPortRange: '445'\n        }\n      }";
    const text = nsg([], head).replace('securityRules: [\n\n    ]', `securityRules: [${loop}]`);
    assert.notEqual(text, nsg([], head));
    const [l] = lists(text);
    assert.deepEqual(l.rules.map((r) => at(text, r.sources.items[0].span)), ["'10.0.0.0/8'", "'Internet'"]);
    assert.deepEqual((l.rules.map((r) => (r.native as { ruleName: string }).ruleName)), ['r0', 'r1']);
    const f = findings(text);
    assert.deepEqual(f.map((x) => x.ruleId).sort(), ['smb-broad-private-exposure', 'smb-internet-exposure']);
    // One body stands for both rules: no edit there, only the suppression comment.
    assert.deepEqual(f.flatMap((x) => x.fixes.map((fx) => fx.kind)).filter((k) => k !== 'suppress'), []);
    assert.deepEqual(lists(text.replace('in sources:', 'in range(0, 2):')), []);
    // A condition inside the loop: each rule may not be deployed.
    const guarded = text.replace('in sources: {', 'in sources: if (deploy) {');
    assert.notEqual(guarded, text);
    assert.deepEqual(lists(guarded)[0].rules.map((r) => r.conditional), [true, true]);
  });
});

describe('bicep: fixes', () => {
  const text = nsg([
    rule('web', { priority: '100', sourceAddressPrefix: "'*'", destinationPortRange: "'443'" }),
    rule('wide', { priority: '200', sourceAddressPrefix: "'*'", destinationPortRange: "'1-9000'", description: "'everything'" }),
  ]);
  const l = lists(text)[0];
  const wide = l.rules[1];
  test('restrictSource writes one prefix in place, several as an array; a second family goes into a copy', () => {
    assert.deepEqual(edits(bicep.fixes.restrictSource!(text, wide, l, ['10.1.0.0/24'])).map((e) => e.newText), ["'10.1.0.0/24'"]);
    const two = edits(bicep.fixes.restrictSource!(text, wide, l, ['10.1.0.0/24', '10.2.0.0/24']));
    assert.equal(two[0].newText, "sourceAddressPrefixes: [\n            '10.1.0.0/24'\n            '10.2.0.0/24'\n          ]");
    const mixed = applyEdits(text, edits(bicep.fixes.restrictSource!(text, wide, l, ['10.1.0.0/24', 'fd00::/64'])));
    assert.deepEqual(lists(mixed)[0].rules.map((r) => r.label), ['priority 100', 'priority 199', 'priority 200']);
    assert.match(mixed, /name: 'wide-ipv6'/);
    assert.deepEqual(parseBicep(mixed).problems, []);
    assert.deepEqual(findings(mixed), []);
  });
  test('removeServices splits the range; deny flips access; insertDenyBefore copies the rule ahead', () => {
    assert.equal(edits(bicep.fixes.removeServices!(text, wide, l, SMB))[0].newText, "destinationPortRanges: [\n            '1-138'\n            '140-444'\n            '446-9000'\n          ]");
    assert.deepEqual(edits(bicep.fixes.deny!(text, wide, l)).map((e) => [at(text, e.span), e.newText]), [["'Allow'", "'Deny'"]]);
    const out = applyEdits(text, edits(bicep.fixes.insertDenyBefore!(text, wide, l, SMB)));
    assert.deepEqual(lists(out)[0].rules.map((r) => [r.label, r.action]), [['priority 100', 'allow'], ['priority 199', 'deny'], ['priority 200', 'allow']]);
    assert.match(out, /name: 'wide-deny-smb'/);
    assert.match(out, /description: 'Denies SMB ahead of wide \(added by SMB Guard\)'/);
    assert.deepEqual(parseBicep(out).problems, []);
    assert.deepEqual(findings(out), []);
  });
  test('a child declaration is copied with a new symbolic name; an interpolated name keeps its prefix', () => {
    const src = nsg([], "param nsgName string = 'nsg'\n") + child('smb', '${nsgName}/smb', { priority: '300', sourceAddressPrefix: "'*'", destinationPortRange: "'445'" }, '');
    const [cl] = lists(src);
    const out = applyEdits(src, edits(bicep.fixes.insertDenyBefore!(src, cl.rules[0], cl, SMB)));
    assert.match(out, /resource smbDenySmb 'Microsoft.Network\/networkSecurityGroups\/securityRules@2023-09-01' = \{\n  name: '\$\{nsgName\}\/smb-deny-smb'/);
    assert.deepEqual(lists(out)[0].rules.map((r) => [r.label, r.action]), [['priority 299', 'deny'], ['priority 300', 'allow']]);
    assert.deepEqual(findings(out), []);
  });
});

describe('bicep: tolerance', () => {
  test('empty, garbage, truncated and hostile input never throws; nesting and member chains are bounded', () => {
    const full = nsg([rule('smb', { priority: '100', sourceAddressPrefix: "'*'", destinationPortRange: "'445'" }), rule('next', { priority: '110', sourceAddressPrefix: "'*'", destinationPortRange: "'139'" })]);
    const cut = full.slice(0, full.indexOf("'next'") + 30);
    const deep = `var x = ${'['.repeat(20000)}${']'.repeat(20000)}\n` + full;
    const chain = `var y = a${'.b'.repeat(50000)}\n` + full;
    const interp = `var z = '${'${'.repeat(5000)}'\n` + full;
    for (const t of ['', '{', "'", "resource x 'Microsoft.Network/networkSecurityGroups@1' = [for", '/* open', "'''", cut, deep, chain, interp]) assert.doesNotThrow(() => bicep.extract(t, URI));
    assert.ok(bicep.extract(cut, URI).problems.length > 0);
    assert.deepEqual(findings(cut).map((f) => f.ruleId), ['smb-internet-exposure', 'smb-parse-error']);
    assert.equal(lists(deep)[0].rules.length, 2);
    assert.ok(bicep.extract(deep, URI).problems.some((p) => /nested deeper/.test(p.message)));
    assert.equal(lists(chain)[0].rules.length, 2);
  });
  test('a variable that doubles another is charged to the expansion budget', () => {
    let head = "var v0 = ['0.0.0.0/0', '0.0.0.0/0']\n";
    for (let i = 1; i < 30; i++) head += `var v${i} = [\n  v${i - 1}\n  v${i - 1}\n]\n`;
    const text = nsg([rule('r', { priority: '100', sourceAddressPrefixes: 'v29', destinationPortRange: "'445'" })], head);
    const model = bicep.extract(text, URI);
    assert.ok(model.problems.some((p) => /expanding/.test(p.message)));
  });
});

describe('bicep: bench generator', () => {
  test('writes a file that is read whole: every rule, no parse problem', () => {
    const text = benchFile(400);
    const result = analyzeText({ uri: BENCH_URI, text });
    assert.equal(result.format, 'bicep');
    assert.deepEqual(result.problems, []);
    assert.equal(bicep.extract(text, BENCH_URI).lists.reduce((n, l) => n + l.rules.length, 0), 400);
  });
});
