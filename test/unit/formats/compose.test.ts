import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { compose } from '../../../src/core/formats/compose/index';
import { kubernetes } from '../../../src/core/formats/kubernetes/index';
import { parseShortPort } from '../../../src/core/formats/compose/port-spec';
import type { RuleList } from '../../../src/core/model/rule';
import type { TextEdit } from '../../../src/core/types';
import { at, edits } from '../helpers/format-test';

const hostList = (text: string): RuleList | undefined => compose.extract(text, 'compose.yaml').lists[0];
const file = (ports: string, service = 'samba', image = 'dperson/samba') => `services:\n  ${service}:\n    image: ${image}\n    ports:\n${ports}`;
const findings = (text: string) => analyzeText({ uri: 'compose.yaml', text }).findings;

describe('compose: short port syntax', () => {
  test('host IP, host port, container port and protocol', () => {
    const p = parseShortPort('0.0.0.0:445:445/tcp')!;
    assert.deepEqual([p.hostIp?.text, p.host, p.protocol?.text], ['0.0.0.0', { text: '445', at: 8, from: 445, to: 445 }, 'tcp']);
    assert.equal(parseShortPort('[::1]:445:445')?.hostIp?.text, '[::1]');
    assert.deepEqual(parseShortPort('137-139:137-139/udp')?.host, { text: '137-139', at: 0, from: 137, to: 139 });
    assert.equal(parseShortPort('445')?.host, undefined);
    assert.equal(parseShortPort('127.0.0.1::445')?.host, undefined);
    assert.equal(parseShortPort('${SMB_PORT:-445}:445')?.host, 'unknown');
    assert.equal(parseShortPort('${IP}:445:445')?.hostIp?.text, '${IP}');
    assert.equal(parseShortPort('smb:445'), undefined);
    assert.equal(parseShortPort('70000:445'), undefined);
  });
});

describe('compose: detection', () => {
  test('claims compose file names, and other YAML by services with image or build', () => {
    for (const n of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.prod.yml', 'dir/compose.override.yaml']) assert.ok(compose.detect(n, ''), n);
    assert.ok(compose.detect('stack.yml', 'version: "3"\nservices:\n  a:\n    build: .\n'));
  });
  test('does not claim Kubernetes, CloudFormation, Ansible or unrelated YAML', () => {
    assert.ok(!compose.detect('svc.yaml', 'apiVersion: v1\nkind: Service\nservices:\n  a:\n    image: x\n'));
    assert.ok(!compose.detect('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\nservices:\n  a:\n    image: x\n'));
    assert.ok(!compose.detect('site.yml', '- hosts: web\n  vars:\nservices:\n  a:\n    image: x\n'));
    assert.ok(!compose.detect('config.yml', 'services:\n  - name: a\n'));
    assert.ok(!kubernetes.detect('docker-compose.yml', file('      - "445:445"\n')));
  });
});

describe('compose: the Docker host list', () => {
  test('one allow rule per published mapping, spans inside the quotes', () => {
    const text = file('      - "0.0.0.0:445:445"\n      - 139:139/tcp\n      - "127.0.0.1:138:138/udp"\n');
    const l = hostList(text)!;
    assert.equal(l.policy, 'deny');
    assert.deepEqual(l.rules.map((r) => [at(text, r.ports.items[0].span), r.sources.items.map((i) => `${at(text, i.span)}=${i.value.kind}`).join(), r.protocol]), [
      ['445', '0.0.0.0=any', 'tcp'],
      ['139', '', 'tcp'],
      ['138', '127.0.0.1=loopback', 'udp'],
    ]);
    assert.deepEqual(findings(text).map((f) => at(text, f.span)), ['0.0.0.0', '139']);
  });
  test('it is the host port that counts: random and variable host ports give no rule', () => {
    const text = file('      - "10445:445"\n      - "445"\n      - "${P}:445"\n      - "4450:8445"\n');
    assert.deepEqual(hostList(text)?.rules.map((r) => r.ports.ranges), [[[10445, 10445]], [[4450, 4450]]]);
    assert.equal(findings(file('      - "445:8445"\n')).length, 1);
    // One free port of a host range is bound for a single container port: unknown, not reported.
    const ranged = compose.extract(file('      - "400-500:80"\n      - "90-9091:8080-8081"\n'), 'compose.yaml');
    assert.equal(ranged.lists.length, 0);
    assert.deepEqual(ranged.problems.map((p) => p.message), ['"90-9091:8080-8081": host and container port ranges differ in length']);
  });
  test('long syntax: published, host_ip, protocol', () => {
    const text = file('      - target: 445\n        published: "445"\n        host_ip: "::1"\n      - target: 137\n        published: 137\n        protocol: udp\n');
    const l = hostList(text)!;
    assert.equal(l.rules[0].sources.items[0].value.kind, 'loopback');
    assert.equal(at(text, l.rules[1].ports.items[0].span), '137');
    assert.equal(l.rules[1].protocol, 'udp');
  });
  test('network_mode: host with a Samba image publishes SMB; other images do not', () => {
    const samba = 'services:\n  s:\n    image: servercontainers/samba:smbd-only\n    network_mode: host\n';
    assert.deepEqual(hostList(samba)?.rules.map((r) => [r.protocol, r.ports.ranges]), [['any', [[137, 139], [445, 445]]]]);
    assert.equal(hostList('services:\n  s:\n    image: nginx\n    network_mode: host\n'), undefined);
  });
  test('network_mode: host names nmbd\'s UDP ports and says the host firewall applies (no DNAT)', () => {
    const [f] = findings('services:\n  s:\n    image: dperson/samba\n    network_mode: host\n');
    assert.match(f.message, /UDP 137 .*UDP 138/);
    assert.ok(!/bypass/.test(f.message), f.message);
    assert.match(f.message, /host firewall applies/);
    assert.match(findings(file('      - "445:445"\n'))[0].message, /bypass ufw/);
  });
});

describe('compose: fixes', () => {
  test('publish on 127.0.0.1: short syntax gains or replaces the host IP; long syntax gains host_ip', () => {
    for (const [before, after] of [
      ['      - "445:445"\n', '      - "127.0.0.1:445:445"\n'],
      ['      - 0.0.0.0:445:445\n', '      - 127.0.0.1:445:445\n'],
      ['      - "[::]:445:445"\n', '      - "127.0.0.1:445:445"\n'],
      ['      - target: 445\n        published: 445\n', '      - target: 445\n        published: 445\n        host_ip: 127.0.0.1\n'],
    ]) {
      const text = file(before);
      const l = hostList(text)!;
      const res = compose.fixes.restrictSource!(text, l.rules[0], l, ['10.0.0.0/8']) as { edits: TextEdit[]; title: string };
      assert.equal(res.title, 'Publish only on 127.0.0.1');
      assert.equal(applyEdits(text, res.edits), file(after));
    }
  });
  test('remove: splits a range, drops a line, or drops ports when all are SMB', () => {
    const smb = [
      { protocol: 'udp' as const, port: 137, name: 'NetBIOS name' },
      { protocol: 'udp' as const, port: 138, name: 'NetBIOS datagram' },
    ];
    const text = file('      - "136-139:1136-1139/udp" # keep\n      - "80:80"\n');
    const l = hostList(text)!;
    assert.equal(applyEdits(text, edits(compose.fixes.removeServices!(text, l.rules[0], l, smb))), file('      - "136:1136/udp" # keep\n      - "139:1139/udp"\n      - "80:80"\n'));
    const only = file('      - "445:445"\n    restart: always\n');
    const o = hostList(only)!;
    const tcp = [{ protocol: 'tcp' as const, port: 445, name: 'SMB' }];
    assert.equal(applyEdits(only, edits(compose.fixes.removeServices!(only, o.rules[0], o, tcp))), 'services:\n  samba:\n    image: dperson/samba\n    restart: always\n');
  });
  test('CRLF files stay CRLF', () => {
    const text = file('      - "445:445"\n      - "80:80"\n').replace(/\n/g, '\r\n');
    const l = hostList(text)!;
    const out = applyEdits(text, edits(compose.fixes.removeServices!(text, l.rules[0], l, [{ protocol: 'tcp', port: 445, name: 'SMB' }])));
    assert.equal(out, file('      - "80:80"\n').replace(/\n/g, '\r\n'));
  });
});

describe('compose: tolerance', () => {
  test('empty, garbage and truncated text never throw; bad mappings are problems', () => {
    for (const text of ['', '\0{[', 'services:\n  a:\n    ports:\n      - "44', 'services: [1, 2]\n', 'services:\n  a:\n    ports: "445:445"\n']) {
      const m = compose.extract(text, 'compose.yaml');
      assert.ok(Array.isArray(m.lists) && Array.isArray(m.problems));
    }
    const bad = compose.extract(file('      - "smb:445"\n'), 'compose.yaml');
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.lists.length, 0);
    // The long syntax checks its published port as the short one does.
    for (const published of ['"70000"', '500-20']) {
      const long = compose.extract(file(`      - target: 445\n        published: ${published}\n`), 'compose.yaml');
      assert.deepEqual(long.problems.map((p) => p.message), [`"${published.replace(/"/g, '')}" is not a published port`], published);
    }
  });
});
