import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { cloudformation } from '../../../src/core/formats/cloudformation/index';
import { arm } from '../../../src/core/formats/arm/index';
import { parseYaml } from '../../../src/core/formats/common/yaml';
import type { AccessRule, RuleList } from '../../../src/core/model/rule';
import { at, edits } from '../helpers/format-test';

const SMB = [
  { protocol: 'tcp' as const, port: 445, name: 'SMB' },
  { protocol: 'tcp' as const, port: 139, name: 'NetBIOS session' },
];
const lists = (text: string): RuleList[] => cloudformation.extract(text, 't.yaml').lists;
const findings = (text: string, uri = 't.yaml') => analyzeText({ uri, text }).findings;

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sg = (rules: string, params = '') =>
  `${HEAD}${params}Resources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n${rules}`;
const item = (proto: string, from: string, to: string, peer: string) =>
  `        - IpProtocol: ${proto}\n          FromPort: ${from}\n          ToPort: ${to}\n          ${peer}\n`;
const entry = (name: string, n: number, action: string, extra = '      PortRange: {From: 445, To: 445}\n', cidr = '0.0.0.0/0') =>
  `  ${name}:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref Acl\n      RuleNumber: ${n}\n      Protocol: 6\n      RuleAction: ${action}\n      Egress: false\n      CidrBlock: ${cidr}\n${extra}`;
const nacl = (...entries: string[]) => `${HEAD}Resources:\n  Acl:\n    Type: AWS::EC2::NetworkAcl\n${entries.join('')}`;

describe('cloudformation: detection', () => {
  test('claims templates by version, SAM transform, or Resources with AWS types (YAML and JSON)', () => {
    assert.ok(cloudformation.detect('t.yaml', sg(item('tcp', '445', '445', 'CidrIp: 0.0.0.0/0'))));
    assert.ok(cloudformation.detect('t.yml', 'Transform: AWS::Serverless-2016-10-31\nResources: {}\n'));
    assert.ok(cloudformation.detect('stack.template', 'Resources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n'));
    assert.ok(cloudformation.detect('t.json', '{ "Resources": { "SG": { "Type": "AWS::EC2::SecurityGroup" } } }'));
  });
  test('does not claim other YAML/JSON, ARM templates, or other extensions', () => {
    assert.ok(!cloudformation.detect('k.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n'));
    assert.ok(!cloudformation.detect('docker-compose.yml', 'services:\n  smb:\n    image: samba\n'));
    assert.ok(!cloudformation.detect('package.json', '{ "name": "x", "version": "1.0.0" }'));
    assert.ok(!cloudformation.detect('main.tf', HEAD));
    const armText = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ { "type": "Microsoft.Network/networkSecurityGroups" } ] }';
    assert.ok(!cloudformation.detect('azuredeploy.json', armText));
    assert.ok(!arm.detect('t.json', '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": {} }'));
  });
});

describe('cloudformation: security groups', () => {
  test('an inline rule: protocol, port span, source span; the group denies the rest', () => {
    const text = sg(item('tcp', '445', '445', 'CidrIp: 0.0.0.0/0'));
    const [l] = lists(text);
    assert.equal(l.name, 'SG (ingress)');
    assert.equal(l.policy, 'deny');
    const r = l.rules[0];
    assert.equal(r.protocol, 'tcp');
    assert.deepEqual(r.ports.ranges, [[445, 445]]);
    assert.equal(at(text, r.ports.span!), '445\n          ToPort: 445');
    assert.equal(at(text, r.sources.items[0].span), '0.0.0.0/0');
    assert.equal(at(text, r.span).split('\n')[0], 'IpProtocol: tcp');
    assert.equal(findings(text)[0].ruleId, 'smb-internet-exposure');
  });
  test('-1 is every protocol and port; icmp is not SMB', () => {
    const all = lists(sg(item('-1', '-1', '-1', 'CidrIp: 0.0.0.0/0')))[0].rules[0];
    assert.equal(all.protocol, 'any');
    assert.equal(all.ports.ranges, undefined);
    assert.equal(lists(sg(item('icmp', '-1', '-1', 'CidrIp: 0.0.0.0/0')))[0].rules[0].protocol, 'other');
    assert.equal(lists(sg(item('"17"', '137', '138', 'CidrIp: 0.0.0.0/0')))[0].rules[0].protocol, 'udp');
  });
  test('Ref to a parameter takes its Default; no Default, GetAtt, If and Sub with variables are unknown', () => {
    const params = 'Parameters:\n  Open:\n    Type: String\n    Default: 0.0.0.0/0\n  Given:\n    Type: String\n';
    const kinds = (peer: string) => lists(sg(item('tcp', '445', '445', peer), params))[0].rules[0].sources.items[0].value.kind;
    assert.equal(kinds('CidrIp: !Ref Open'), 'cidr');
    assert.equal(kinds('CidrIp: {"Ref": "Open"}'), 'cidr');
    assert.equal(kinds('CidrIp: !Ref Given'), 'unknown');
    assert.equal(kinds('CidrIp: !If [C, 10.0.0.0/8, 0.0.0.0/0]'), 'unknown');
    assert.equal(kinds('CidrIp: !Sub "${Given}"'), 'unknown');
    assert.equal(kinds('CidrIp: !Sub "0.0.0.0/0"'), 'cidr');
    assert.equal(kinds('SourceSecurityGroupId: !GetAtt Other.GroupId'), 'unknown');
    assert.equal(findings(sg(item('tcp', '445', '445', 'CidrIp: !Ref Given'), params)).length, 0);
  });
  test('short-form tags parse without problems; the item span of a tagged value includes the tag', () => {
    const text = sg(item('tcp', '445', '445', 'CidrIp: !Ref Open'), 'Parameters:\n  Open:\n    Default: 0.0.0.0/0\n');
    assert.deepEqual(parseYaml(text).problems, []);
    assert.equal(at(text, lists(text)[0].rules[0].sources.items[0].span), '!Ref Open');
  });
  test('standalone ingress resources join their group by Ref or GetAtt (short and long forms)', () => {
    const extra = (name: string, group: string) =>
      `  ${name}:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: ${group}\n      IpProtocol: tcp\n      FromPort: 139\n      ToPort: 139\n      CidrIp: 45.76.12.0/24\n`;
    const text = sg(item('tcp', '22', '22', 'CidrIp: 10.0.0.0/8')) + extra('A', '!Ref SG') + extra('B', '!GetAtt SG.GroupId') + extra('C', '{"Fn::GetAtt": [SG, GroupId]}') + extra('D', '!ImportValue shared');
    const ls = lists(text);
    assert.deepEqual(ls.map((l) => [l.name, l.rules.length]), [['SG (ingress)', 4], ['shared (ingress)', 1]]);
    assert.deepEqual(ls[0].rules.map((r) => r.label), ['ingress rule 1', 'A', 'B', 'C']);
  });
  test('restrictSource keeps the family of the field and copies the rule for a second CIDR', () => {
    const text = sg(item('tcp', '445', '445', 'CidrIp: 0.0.0.0/0'));
    const [l] = lists(text);
    const out = applyEdits(text, edits(cloudformation.fixes.restrictSource!(text, l.rules[0], l, ['10.1.0.0/24', 'fd00::/64', '10.2.0.0/24'])));
    assert.match(out, /CidrIp: 10\.1\.0\.0\/24\n/);
    assert.match(out, /        - IpProtocol: tcp\n          FromPort: 445\n          ToPort: 445\n          CidrIp: 10\.2\.0\.0\/24\n/);
    assert.doesNotMatch(out, /fd00/);
    assert.deepEqual(findings(out), []);
  });
  test('copies follow the collection style: a flow item in a block list, a JSON resource', () => {
    const flowItem = sg('        - { IpProtocol: tcp, FromPort: 445, ToPort: 445, CidrIp: 0.0.0.0/0 }\n');
    const [l] = lists(flowItem);
    const out = applyEdits(flowItem, edits(cloudformation.fixes.restrictSource!(flowItem, l.rules[0], l, ['10.1.0.0/24', '10.2.0.0/24'])));
    assert.match(out, /        - \{ IpProtocol: tcp, FromPort: 445, ToPort: 445, CidrIp: 10\.1\.0\.0\/24 \}\n        - \{ IpProtocol: tcp, FromPort: 445, ToPort: 445, CidrIp: 10\.2\.0\.0\/24 \}\n/);
    const json = '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Allow": {\n      "Type": "AWS::EC2::NetworkAclEntry",\n      "Properties": { "NetworkAclId": "acl-1", "RuleNumber": 100, "Protocol": 6, "RuleAction": "allow", "CidrBlock": "0.0.0.0/0", "PortRange": { "From": 445, "To": 445 } }\n    }\n  }\n}\n';
    const jl = cloudformation.extract(json, 't.json').lists[0];
    const jout = applyEdits(json, edits(cloudformation.fixes.restrictSource!(json, jl.rules[0], jl, ['10.1.0.0/24', '10.2.0.0/24'])));
    assert.deepEqual(JSON.parse(jout).Resources.AllowTrusted.Properties.RuleNumber, 101);
    assert.deepEqual(JSON.parse(jout).Resources.AllowTrusted.Properties.CidrBlock, '10.2.0.0/24');
    assert.deepEqual(findings(jout, 't.json'), []);
  });
  test('removeServices splits a port range into entries around the SMB ports', () => {
    const text = sg(item('tcp', '0', '65535', 'CidrIp: 0.0.0.0/0'));
    const [l] = lists(text);
    const out = applyEdits(text, edits(cloudformation.fixes.removeServices!(text, l.rules[0], l, SMB)));
    const ranges = lists(out)[0].rules.map((r) => r.ports.ranges);
    assert.deepEqual(ranges, [[[0, 138]], [[140, 444]], [[446, 65535]]]);
    assert.equal(cloudformation.fixes.deny, cloudformation.fixes.deny); // SGs are allow-only:
    assert.equal(cloudformation.fixes.deny!(text, l.rules[0], l), undefined);
  });
  test('JSON: no suppression comment (the model overrides the line comment); values are written as JSON strings', () => {
    const text = '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"SG":{"Type":"AWS::EC2::SecurityGroup","Properties":{"SecurityGroupIngress":[{"IpProtocol":"tcp","FromPort":445,"ToPort":445,"CidrIp":"0.0.0.0/0"}]}}}}';
    const model = cloudformation.extract(text, 't.json');
    assert.equal(model.lineComment, null);
    assert.deepEqual(findings(text, 't.json')[0].fixes.map((f) => f.kind), ['restrict-source']);
    assert.equal(cloudformation.extract(sg(item('tcp', '445', '445', 'CidrIp: 0.0.0.0/0')), 't.yaml').lineComment, undefined);
    const l = model.lists[0];
    const e = edits(cloudformation.fixes.restrictSource!(text, l.rules[0], l, ['10.1.0.0/24']));
    assert.deepEqual(e.map((x) => x.newText), ['"10.1.0.0/24"']);
  });
});

describe('cloudformation: network ACLs', () => {
  test('entries are ordered by RuleNumber; a deny before the allow protects', () => {
    const text = nacl(entry('Allow', 200, 'allow', '      PortRange: {From: 1, To: 65535}\n'), entry('Deny', 100, 'deny'));
    const [l] = lists(text);
    assert.equal(l.name, 'Acl (inbound)');
    assert.deepEqual(l.rules.map((r: AccessRule) => [r.label, r.action]), [['rule 100', 'deny'], ['rule 200', 'allow']]);
    const f = findings(text);
    assert.deepEqual(f.map((x) => x.details.services), [['TCP 139 (NetBIOS session)']]);
  });
  test('deny turns RuleAction; insertDenyBefore adds entries with free lower numbers', () => {
    const text = nacl(entry('Web', 90, 'allow', '      PortRange: {From: 80, To: 80}\n'), entry('Allow', 100, 'allow', '      PortRange: {From: 1, To: 65535}\n'));
    const l = lists(text)[0];
    const rule = l.rules[1];
    assert.deepEqual(edits(cloudformation.fixes.deny!(text, rule, l)).map((e) => [at(text, e.span), e.newText]), [['allow', 'deny']]);
    const out = applyEdits(text, edits(cloudformation.fixes.insertDenyBefore!(text, rule, l, SMB)));
    const after = lists(out)[0];
    assert.deepEqual(after.rules.map((r) => [r.label, r.action]), [['rule 90', 'allow'], ['rule 98', 'deny'], ['rule 99', 'deny'], ['rule 100', 'allow']]);
    assert.match(out, /  AllowDenyTcp139:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref Acl\n      RuleNumber: 98\n/);
    assert.deepEqual(findings(out), []);
  });
  test('no free number between neighbours: no insert fix', () => {
    const text = nacl(entry('A', 99, 'allow', '      PortRange: {From: 80, To: 80}\n'), entry('B', 100, 'allow'));
    const l = lists(text)[0];
    assert.equal(cloudformation.fixes.insertDenyBefore!(text, l.rules[1], l, SMB), undefined);
  });
  test('egress entries form their own list', () => {
    const text = nacl(entry('Out', 100, 'allow').replace('Egress: false', 'Egress: true'));
    assert.deepEqual(lists(text).map((l) => [l.name, l.direction]), [['Acl (outbound)', 'out']]);
    assert.equal(findings(text)[0].ruleId, 'smb-outbound-internet');
  });
});

describe('cloudformation: tolerance', () => {
  test('empty, garbage, truncated and non-template input never throws', () => {
    const full = sg(item('tcp', '445', '445', 'CidrIp: 0.0.0.0/0'));
    for (const text of ['', '{', ':::\n\t- [', 'Resources: [', full.slice(0, full.length - 12), '{"Resources": {"X": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [{"IpProtocol": "tcp"']) {
      assert.doesNotThrow(() => cloudformation.extract(text, 't.yaml'));
    }
    assert.ok(cloudformation.extract('Resources: [', 't.yaml').problems.length > 0);
  });
  test('a rule without a peer yet is not judged; an invalid CIDR is a problem', () => {
    assert.deepEqual(findings(sg('        - IpProtocol: tcp\n          FromPort: 445\n          ToPort: 445\n')), []);
    const m = cloudformation.extract(sg(item('tcp', '445', '445', 'CidrIp: 300.1.1.1/33')), 't.yaml');
    assert.equal(m.problems.length, 1);
  });
  test('CRLF: inserted entries keep CRLF', () => {
    const text = nacl(entry('Web', 90, 'allow', '      PortRange: {From: 80, To: 80}\n'), entry('Allow', 100, 'allow', '      PortRange: {From: 1, To: 65535}\n')).replace(/\n/g, '\r\n');
    const l = lists(text)[0];
    const e = edits(cloudformation.fixes.insertDenyBefore!(text, l.rules[1], l, SMB));
    assert.ok(!/[^\r]\n/.test(e[0].newText));
  });
});
