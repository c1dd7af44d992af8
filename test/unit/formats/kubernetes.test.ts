import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { kubernetes } from '../../../src/core/formats/kubernetes/index';
import { compose } from '../../../src/core/formats/compose/index';
import type { RuleList } from '../../../src/core/model/rule';
import type { TextEdit } from '../../../src/core/types';
import { at, edits } from '../helpers/format-test';

const SMB = [
  { protocol: 'tcp' as const, port: 445, name: 'SMB' },
  { protocol: 'tcp' as const, port: 139, name: 'NetBIOS session' },
];
const lists = (text: string): RuleList[] => kubernetes.extract(text, 'k.yaml').lists;
const findings = (text: string) => analyzeText({ uri: 'k.yaml', text }).findings;

const service = (type: string, extra = '', ports = '    - name: smb\n      port: 445\n      targetPort: 445\n') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: smb\nspec:\n  type: ${type}\n${extra}  ports:\n${ports}`;

describe('kubernetes: detection', () => {
  test('claims manifests by top-level apiVersion and kind', () => {
    assert.ok(kubernetes.detect('svc.yaml', service('LoadBalancer')));
    assert.ok(kubernetes.detect('deploy.yml', 'kind: List\napiVersion: v1\nitems: []\n'));
  });
  test('does not claim Compose, CloudFormation, Ansible, Helm templates or other extensions', () => {
    assert.ok(!kubernetes.detect('docker-compose.yml', 'services:\n  s:\n    image: x\n'));
    assert.ok(!kubernetes.detect('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n'));
    assert.ok(!kubernetes.detect('play.yml', '- hosts: all\n  tasks:\n    - k8s:\n        definition:\n          apiVersion: v1\n          kind: Service\n'));
    assert.ok(!kubernetes.detect('templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n'));
    assert.ok(!kubernetes.detect('notes.txt', service('LoadBalancer')));
    assert.ok(!compose.detect('svc.yaml', service('LoadBalancer')));
  });
});

describe('kubernetes: Services', () => {
  test('a LoadBalancer without source ranges admits anyone; port items keep their spans', () => {
    const text = service('LoadBalancer');
    const [l] = lists(text);
    assert.equal(l.name, 'Service smb');
    assert.equal(l.policy, 'deny');
    const r = l.rules[0];
    assert.equal(r.sources.items.length, 0);
    assert.deepEqual(r.ports.ranges, [[445, 445], [445, 445]]);
    assert.deepEqual(r.ports.items.map((i) => at(text, i.span)), ['445', '445']);
    assert.equal(findings(text)[0].ruleId, 'smb-internet-exposure');
  });
  test('loadBalancerSourceRanges are the peers; ClusterIP publishes nothing', () => {
    const text = service('LoadBalancer', '  loadBalancerSourceRanges:\n  - 10.1.2.0/24\n  - "81.2.69.160/27"\n');
    const r = lists(text)[0].rules[0];
    assert.deepEqual(r.sources.items.map((i) => at(text, i.span)), ['10.1.2.0/24', '"81.2.69.160/27"']);
    assert.deepEqual(r.sources.items.map((i) => i.text), ['10.1.2.0/24', '81.2.69.160/27']);
    assert.equal(lists(service('ClusterIP')).length, 0);
    assert.equal(findings(service('LoadBalancer', '  loadBalancerSourceRanges: [10.1.2.0/24]\n')).length, 0);
  });
  test('the annotation gives ranges with exact spans inside the string', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  annotations:\n    service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/24, 45.76.12.0/24"\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 139\n';
    const r = lists(text)[0].rules[0];
    assert.deepEqual(r.sources.items.map((i) => at(text, i.span)), ['10.0.0.0/24', '45.76.12.0/24']);
  });
  test('NodePort: port, targetPort and nodePort; a named targetPort resolves against the file', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ports:\n    - name: cifs\n      containerPort: 445\n---\n';
    const text = pod + service('NodePort', '', '  - port: 10445\n    targetPort: cifs\n    nodePort: 30445\n    protocol: TCP\n');
    const r = lists(text)[0].rules[0];
    assert.deepEqual(r.ports.ranges, [[10445, 10445], [445, 445], [30445, 30445]]);
    assert.equal(r.protocol, 'tcp');
    assert.equal(at(text, r.protocolSpan!), 'TCP');
    // An unknown name with a known port number keeps the number only: no guess.
    const other = service('NodePort', '', '  - port: 8080\n    targetPort: mystery\n');
    assert.deepEqual(lists(other)[0].rules[0].ports.ranges, [[8080, 8080]]);
    assert.equal(findings(other).length, 0);
  });
  test('externalIPs publish a ClusterIP Service; UDP is read', () => {
    const text = service('ClusterIP', '  externalIPs: [45.76.12.10]\n', '  - port: 137\n    protocol: UDP\n');
    const r = lists(text)[0].rules[0];
    assert.equal(r.protocol, 'udp');
    assert.equal(findings(text)[0].details.services[0], 'UDP 137 (NetBIOS name)');
  });
});

describe('kubernetes: fixes', () => {
  test('restrictSource adds source ranges in the file\'s sequence style', () => {
    const text = service('LoadBalancer', '', '  - port: 445\n');
    const [l] = lists(text);
    const out = applyEdits(text, edits(kubernetes.fixes.restrictSource!(text, l.rules[0], l, ['10.0.0.0/24'])));
    assert.match(out, /\n  type: LoadBalancer\n  loadBalancerSourceRanges:\n  - 10\.0\.0\.0\/24\n  ports:/);
    const ranged = service('LoadBalancer', '  loadBalancerSourceRanges:\n    - 0.0.0.0/0\n');
    const [r] = lists(ranged);
    assert.match(applyEdits(ranged, edits(kubernetes.fixes.restrictSource!(ranged, r.rules[0], r, ['10.0.0.0/24', '10.9.0.0/24']))), /loadBalancerSourceRanges:\n    - 10\.0\.0\.0\/24\n    - 10\.9\.0\.0\/24\n  ports/);
  });
  test('deny turns an SMB-only NodePort into ClusterIP and drops nodePort; not with other ports', () => {
    const text = service('NodePort', '  externalTrafficPolicy: Local\n', '  - port: 445\n    nodePort: 30445\n');
    const [l] = lists(text);
    const res = kubernetes.fixes.deny!(text, l.rules[0], l) as { edits: TextEdit[]; title: string };
    assert.match(res.title, /ClusterIP/);
    assert.equal(applyEdits(text, res.edits), service('ClusterIP', '', '  - port: 445\n'));
    const mixed = service('NodePort', '', '  - port: 445\n  - port: 80\n');
    const [m] = lists(mixed);
    assert.equal(kubernetes.fixes.deny!(mixed, m.rules[0], m), undefined);
    assert.equal(applyEdits(mixed, edits(kubernetes.fixes.removeServices!(mixed, m.rules[0], m, SMB))), service('NodePort', '', '  - port: 80\n'));
  });
});

describe('kubernetes: NetworkPolicy and host ports', () => {
  const policy = (ingress: string, types = '') =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {}\n${types}  ingress:\n${ingress}`;
  test('ipBlock with except: the deny comes before its allow, after plain blocks', () => {
    const text = policy('  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8]\n    - ipBlock:\n        cidr: 45.76.12.0/24\n    ports:\n    - port: 445\n');
    const [l] = lists(text);
    assert.deepEqual(l.rules.map((r) => [r.action, r.sources.items.map((i) => at(text, i.span)).join()]), [
      ['allow', '45.76.12.0/24'],
      ['deny', '10.0.0.0/8'],
      ['allow', '0.0.0.0/0'],
    ]);
  });
  test('selectors are in-cluster; no ports means all; Egress-only policies are ignored', () => {
    assert.equal(lists(policy('  - from:\n    - podSelector: {}\n    ports:\n    - port: 445\n')).length, 0);
    const all = lists(policy('  - {}\n'))[0].rules[0];
    assert.equal(all.protocol, 'any');
    assert.equal(all.ports.ranges, undefined);
    assert.equal(lists(policy('  - {}\n', '  policyTypes: [Egress]\n')).length, 0);
    const range = lists(policy('  - ports:\n    - port: 130\n      endPort: 140\n      protocol: UDP\n'))[0].rules[0];
    assert.deepEqual([range.protocol, range.ports.ranges], ['udp', [[130, 140]]]);
  });
  test('hostPort, hostIP loopback and hostNetwork', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: c\n        ports:\n        - containerPort: 445\n        - containerPort: 139\n          hostPort: 139\n          hostIP: 127.0.0.1\n';
    const [l] = lists(text);
    assert.equal(l.name, 'Deployment d');
    assert.deepEqual(l.rules.map((r) => at(text, r.ports.items[0].span)), ['445', '139']);
    assert.equal(l.rules[1].sources.items[0].value.kind, 'loopback');
    assert.equal(findings(text).length, 1);
  });
});

describe('kubernetes: tolerance', () => {
  test('empty, garbage, truncated and template text never throw', () => {
    for (const text of ['', '\0\0{{{', ':\n- - [', service('LoadBalancer').slice(0, 90), 'apiVersion: v1\nkind: Service\nspec: {{ .Values.spec }}\n', 'apiVersion: v1\nkind: Service\nspec:\n  ports: 445\n']) {
      const m = kubernetes.extract(text, 'k.yaml');
      assert.ok(Array.isArray(m.lists) && Array.isArray(m.problems));
    }
    assert.ok(kubernetes.extract('apiVersion: v1\nkind: Service\nspec: [\n', 'k.yaml').problems.length > 0);
  });
  test('a later document still counts after a broken one', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata: {name: x\n---\n${service('NodePort')}`;
    const m = kubernetes.extract(text, 'k.yaml');
    assert.ok(m.problems.length > 0);
    assert.equal(m.lists.length, 1);
  });
});
