import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ansible } from '../../../src/core/formats/ansible/index';
import { at } from '../helpers/format-test';

const play = (tasks: string) => `- name: p\n  hosts: all\n  tasks:\n${tasks}`;

describe('ansible: detection', () => {
  test('claims playbooks and task files with firewall modules', () => {
    assert.ok(ansible.detect('site.yml', play('    - community.general.ufw: rule=allow port=22\n')));
    assert.ok(ansible.detect('roles/x/tasks/main.yaml', '- name: t\n  ansible.builtin.iptables:\n    chain: INPUT\n'));
    assert.ok(ansible.detect('web.yml', play('    - ansible.builtin.apt: name=nginx\n')));
  });
  test('does not claim other YAML', () => {
    assert.ok(!ansible.detect('deploy.yaml', 'apiVersion: v1\nkind: Service\n'));
    assert.ok(!ansible.detect('docker-compose.yml', 'services:\n  web:\n    image: nginx\n'));
    assert.ok(!ansible.detect('stack.yml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'));
    assert.ok(!ansible.detect('.github/workflows/ci.yml', 'on: push\njobs:\n  - hosts: x\n'));
    assert.ok(!ansible.detect('config.yml', 'key: value\nhosts: 3\n'));
    assert.ok(!ansible.detect('site.txt', play('    - ufw: rule=allow port=445\n')));
  });
});

describe('ansible: win_firewall_rule', () => {
  const win = (args: string) => play(`    - community.windows.win_firewall_rule:\n${args}`);
  test('a task file of Windows rules is claimed without a play', () => {
    assert.ok(ansible.detect('roles/smb/tasks/main.yml', '- name: t\n  community.windows.win_firewall_rule:\n    name: x\n'));
  });
  test('a port needs TCP or UDP: the module fails, no rule is made, the value is said', () => {
    const m = ansible.extract(win('        name: smb\n        localport: 445\n'), 'a.yml');
    assert.equal(m.lists.length, 0);
    assert.match(m.problems[0]?.message ?? '', /localport "445" needs protocol tcp or udp/);
  });
  test('the module\'s defaults: inbound, allow, every address; comma lists of ports and addresses', () => {
    const m = ansible.extract(win('        name: smb\n        protocol: tcp\n        localport: 139,445\n        remoteip: 10.0.0.0/8, 192.168.0.0/16\n'), 'a.yml');
    const r = m.lists[0].rules[0];
    assert.deepEqual([m.lists[0].direction, r.action, r.ports.ranges, r.sources.items.map((i) => i.text)], ['in', 'allow', [[139, 139], [445, 445]], ['10.0.0.0/8', '192.168.0.0/16']]);
  });
});

describe('ansible: model', () => {
  test('loop items, vars and spans', () => {
    const text = `- hosts: all\n  vars:\n    net: 45.76.12.0/24\n  tasks:\n    - community.general.ufw:\n        rule: allow\n        port: "{{ item }}"\n        from_ip: "{{ net }}"\n      loop: ['139', '445']\n`;
    const m = ansible.extract(text, 'a.yml');
    const list = m.lists.find((l) => l.name === 'ufw incoming');
    assert.ok(list);
    assert.equal(list.rules.length, 2);
    assert.deepEqual(list.rules.map((r) => r.ports.ranges), [[[139, 139]], [[445, 445]]]);
    assert.equal(at(text, list.rules[1].ports.items[0].span), '445');
    assert.equal(list.rules[0].sources.items[0].value.kind, 'cidr');
  });
  test('the ufw policy is named once: "ufw incoming default deny", not "… default deny incoming"', () => {
    const text = play('    - community.general.ufw:\n        default: deny\n        direction: incoming\n    - community.general.ufw:\n        rule: allow\n        port: "445"\n');
    const list = ansible.extract(text, 'a.yml').lists.find((l) => l.name === 'ufw incoming');
    assert.equal(`${list?.name} ${list?.policyText}`, 'ufw incoming default deny');
    const implicit = ansible.extract(play('    - ufw:\n        rule: allow\n        port: "445"\n'), 'a.yml').lists[0];
    assert.equal(`${implicit.name} ${implicit.policyText}`, 'ufw incoming default deny');
  });
  test('unknown variables stay unknown; a deny under when: is conditional', () => {
    const text = play('    - ufw:\n        rule: deny\n        port: "445"\n      when: x\n    - ufw:\n        rule: allow\n        port: "{{ smb }}"\n');
    const list = ansible.extract(text, 'a.yml').lists[0];
    assert.equal(list.rules[0].conditional, true);
    assert.equal(list.rules[1].ports.ranges, 'unknown');
  });
  test('removals drop the rule an earlier task wrote (ufw delete, iptables state: absent)', () => {
    const ufw = (port: string, extra = '') => `    - community.general.ufw:\n        rule: allow\n        port: '${port}'\n        proto: tcp\n${extra}`;
    const ipt = (port: string, extra = '') => `    - ansible.builtin.iptables:\n        chain: INPUT\n        protocol: tcp\n        destination_port: '${port}'\n        jump: ACCEPT\n${extra}`;
    const text = play(
      ufw('445') + ufw('22') + ufw('139', '        insert: 1\n') + ufw('445', '        delete: true\n') + ufw('8080', '        delete: true\n') +
        ipt('445') + ipt('22') + ipt('139', '        action: insert\n        rule_num: 1\n') + ipt('22', '        state: absent\n') + ipt('9', '        state: absent\n'),
    );
    const lists = ansible.extract(text, 'a.yml').lists;
    const ports = (name: string) => lists.find((l) => l.name === name)?.rules.map((r) => r.ports.items.map((i) => at(text, i.span)).join(','));
    assert.deepEqual(ports('ufw incoming'), ['139', '22']);
    assert.deepEqual(ports('INPUT'), ['139', '445']);
  });
  test('azure and gcp rules are sorted by priority', () => {
    const text = play('    - azure_rm_securitygroup:\n        name: n\n        rules:\n          - {name: b, protocol: Tcp, destination_port_range: "445", access: Allow, priority: 300}\n          - {name: a, protocol: Tcp, destination_port_range: "445", access: Deny, priority: 100}\n');
    const list = ansible.extract(text, 'a.yml').lists[0];
    assert.deepEqual(list.rules.map((r) => r.action), ['deny', 'allow']);
  });
  test('tolerance: empty, garbage, truncated', () => {
    for (const t of ['', '- [', '::::\n\t- {', play('    - ufw: {rule: allow, port: [4')]) {
      const m = ansible.extract(t, 'a.yml');
      assert.ok(Array.isArray(m.lists));
    }
    assert.ok(ansible.extract('- [', 'a.yml').problems.length > 0);
  });
});

describe('ansible: fixes at the end of a file without a final line break', () => {
  test('a field added to the last rule of a task starts a line of its own', async () => {
    const { analyzeText, applyEdits } = await import('../../../src/core/index');
    const text = [
      '- hosts: localhost',
      '  tasks:',
      '    - name: File server NSG',
      '      azure.azcollection.azure_rm_securitygroup:',
      '        resource_group: rg',
      '        name: nsg-files',
      '        rules:',
      '          - name: AllowSmb',
      '            protocol: Tcp',
      "            destination_port_range: '445'",
      '            access: Allow',
      '            priority: 200',
    ].join('\n');
    const [finding] = analyzeText({ uri: 'site.yml', text, options: { trustedSources: ['10.1.2.0/24'] } }).findings;
    assert.equal(finding.ruleId, 'smb-internet-exposure');
    const restrict = finding.fixes.find((f) => f.kind === 'restrict-source');
    assert.ok(restrict);
    const fixed = applyEdits(text, restrict.edits);
    assert.equal(fixed, `${text}\n            source_address_prefix: 10.1.2.0/24`);
    assert.deepEqual(analyzeText({ uri: 'site.yml', text: fixed }).findings, []);
  });
});
