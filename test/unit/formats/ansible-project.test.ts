/** Ansible variables from other files: inventory groups and hosts, role defaults and vars, vars_files, include_vars. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, analyzeWithFiles, dependentsOf, memorySource, Project, type AnalysisResult } from '../../../src/core/index';
import { emptyInventory, groupsOf, readInventory } from '../../../src/core/formats/ansible/inventory';

const ROOT = 'file:///repo/';
const PB = `${ROOT}site.yml`;

const play = (hosts: string, extra = '') =>
  `- hosts: ${hosts}\n${extra}  tasks:\n    - name: smb\n      community.general.ufw:\n        rule: allow\n        port: "445"\n        proto: tcp\n        from_ip: "{{ smb_from }}"\n`;

function analyze(files: Record<string, string>, project = new Project()): AnalysisResult {
  return analyzeWithFiles({ uri: PB, text: files[PB], projectSettings: { roots: [ROOT] } }, memorySource(files), project);
}
const findings = (r: AnalysisResult) => r.findings.map((f) => `${f.ruleId}: ${f.details.source}`);
const related = (r: AnalysisResult) => r.findings.flatMap((f) => f.related.filter((x) => x.uri).map((x) => `${x.uri!.slice(ROOT.length)}: ${x.message}`));
const OPEN = 'smb_from: 0.0.0.0/0\n';
const CLOSED = 'smb_from: 10.0.0.0/24\n';

describe('ansible: group_vars and host_vars', () => {
  test('group_vars/all.yml decides a play, and the finding names it', () => {
    const files = { [PB]: play('all'), [`${ROOT}group_vars/all.yml`]: OPEN };
    assert.deepEqual(findings(analyzeText({ uri: PB, text: files[PB] })), [], 'alone: unknown');
    const r = analyze(files);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4']);
    assert.deepEqual(related(r), ['group_vars/all.yml: smb_from is set in group_vars/all.yml']);
  });

  test('the directory form group_vars/<group>/*.yml, over all; a child group over its parent; host_vars over groups', () => {
    const inv = '[smb]\nf1\n\n[smb_dmz]\nf2\n\n[smb:children]\nsmb_dmz\n';
    const base = { [PB]: play('smb'), [`${ROOT}inventory`]: inv, [`${ROOT}group_vars/all.yml`]: OPEN, [`${ROOT}group_vars/smb/net.yml`]: CLOSED };
    assert.deepEqual(findings(analyze(base)), [], 'the group over all');
    const child = { ...base, [`${ROOT}group_vars/smb_dmz.yml`]: OPEN };
    const r = analyze(child);
    assert.deepEqual(findings(r), ['smb-internet-exposure: anywhere over IPv4'], 'f2 is in smb_dmz, a child of smb');
    assert.deepEqual(related(r), ['group_vars/smb/net.yml: smb_from is set in group_vars/smb/net.yml', 'group_vars/smb_dmz.yml: smb_from is set in group_vars/smb_dmz.yml'], 'each host\'s value is named');
    assert.deepEqual(findings(analyze({ ...child, [`${ROOT}host_vars/f2.yml`]: CLOSED })), [], 'host_vars over the group');
  });

  test('without an inventory, each group_vars group the play names is a host of its own; other groups do not count', () => {
    const files = { [PB]: play('smb'), [`${ROOT}group_vars/smb.yml`]: CLOSED, [`${ROOT}group_vars/web.yml`]: OPEN };
    assert.deepEqual(findings(analyze(files)), []);
    assert.equal(findings(analyze({ ...files, [PB]: play('smb:web') })).length, 1);
  });
});

describe('ansible: many kinds of host', () => {
  test('past 16 kinds of host, the play says how many it did not read (no silent cut)', () => {
    const groups = (n: number) => Array.from({ length: n }, (_, i) => `[g${i}]\nh${i}\n`).join('\n');
    const at = (r: AnalysisResult) => r.problems.filter((p) => /kinds/.test(p.message)).map((p) => `${PB_TEXT.slice(p.span.offset, p.span.offset + p.span.length)}: ${p.message}`);
    const PB_TEXT = play('all');
    assert.deepEqual(at(analyze({ [PB]: PB_TEXT, [`${ROOT}inventory`]: groups(16) })), [], '16 kinds are all read');
    assert.deepEqual(at(analyze({ [PB]: PB_TEXT, [`${ROOT}inventory`]: groups(17) })), [
      'all: these hosts fall into 17 kinds (by their groups and host_vars); SMB Guard reads the variables of the first 16 only, so a value set just for the others is not checked',
    ]);
  });
});

describe('ansible: roles, vars_files, include_vars', () => {
  test("a role default is the lowest: group_vars/all narrows it; the play's vars_files are over group_vars", () => {
    const files = { [PB]: play('all', '  roles:\n    - samba\n'), [`${ROOT}roles/samba/defaults/main.yml`]: OPEN };
    assert.equal(findings(analyze(files)).length, 1, 'the role default');
    assert.deepEqual(findings(analyze({ ...files, [`${ROOT}group_vars/all.yml`]: CLOSED })), []);
    const vf = { [PB]: play('all', '  vars_files:\n    - vars/smb.yml\n'), [`${ROOT}group_vars/all.yml`]: CLOSED, [`${ROOT}vars/smb.yml`]: OPEN };
    assert.deepEqual(related(analyze(vf)), ['vars/smb.yml: smb_from is set in vars/smb.yml']);
    const rv = { ...vf, [PB]: play('all', '  roles:\n    - samba\n  vars_files:\n    - vars/smb.yml\n'), [`${ROOT}roles/samba/vars/main.yml`]: CLOSED };
    assert.deepEqual(findings(analyze(rv)), [], 'role vars over vars_files');
  });

  test('include_vars with a literal path, from the vars/ folder', () => {
    const pb = `- hosts: all\n  tasks:\n    - include_vars: smb.yml\n    - community.general.ufw:\n        rule: allow\n        port: "445"\n        from_ip: "{{ smb_from }}"\n`;
    const files = { [PB]: pb, [`${ROOT}vars/smb.yml`]: OPEN, [`${ROOT}group_vars/all.yml`]: CLOSED };
    assert.deepEqual(related(analyze(files)), ['vars/smb.yml: smb_from is set in vars/smb.yml']);
  });

  test('a loop over a list in group_vars: items take the loop\'s place in the playbook', () => {
    const pb = `- hosts: all\n  tasks:\n    - community.general.ufw:\n        rule: allow\n        port: "445"\n        from_ip: "{{ item }}"\n      loop: "{{ smb_sources }}"\n`;
    const r = analyze({ [PB]: pb, [`${ROOT}group_vars/all.yml`]: 'smb_sources:\n  - 10.0.0.0/24\n  - 0.0.0.0/0\n' });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-internet-exposure']);
    assert.deepEqual([...new Set(related(r))], ['group_vars/all.yml: smb_sources is set in group_vars/all.yml']);
    const at = r.findings[0].span;
    assert.equal(pb.slice(at.offset, at.offset + at.length), '{{ smb_sources }}', 'the finding points at the loop');
  });
});

describe('ansible: dependents', () => {
  test('a change to group_vars/x.yml re-analyses the playbooks beside group_vars/', () => {
    const files = { [PB]: play('all'), [`${ROOT}other.yml`]: play('all'), [`${ROOT}group_vars/all.yml`]: OPEN };
    const project = new Project();
    analyze(files, project);
    const gv = `${ROOT}group_vars/all.yml`;
    assert.deepEqual(dependentsOf(gv, project, project.changed(gv)).sort(), [`${ROOT}other.yml`, PB]);
    assert.deepEqual(dependentsOf(`${ROOT}other.yml`, project), []);
  });
});

describe('ansible: bounded', () => {
  test('an inventory where every group is a child of every earlier one, with many hosts, reads in bounded time', () => {
    const groups = Array.from({ length: 40 }, (_, i) => `g${i}`);
    let inv = groups.map((g, i) => `[${g}]\n${Array.from({ length: 50 }, (_, h) => `h${i}-${h}`).join('\n')}\n`).join('\n');
    inv += groups.map((g, i) => `[${g}:children]\n${groups.slice(i + 1).join('\n')}\n`).join('\n');
    const files = { [PB]: play('g0'), [`${ROOT}inventory`]: inv, [`${ROOT}group_vars/g39.yml`]: OPEN, [`${ROOT}group_vars/all.yml`]: CLOSED };
    const start = Date.now();
    const r = analyze(files);
    assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
    // One host per kind (its groups), and only 16 kinds: g0 … g15, none of them in g39; the play says so.
    assert.deepEqual(r.findings.filter((f) => f.ruleId !== 'smb-parse-error').map((f) => f.ruleId), []);
    assert.match(r.problems.map((p) => p.message).join('\n'), /fall into 40 kinds .* the first 16 only/);
  });
});

test('a group with 200,000 parent groups: its host is in all of them, with no stack overflow', () => {
  const inv = emptyInventory();
  const parents = Array.from({ length: 200_000 }, (_, i) => `[p${i}:children]\nshared\n`).join('');
  readInventory(inv, 'hosts', `${parents}[shared]\nnas1\n`);
  const groups = groupsOf(inv, 'nas1');
  assert.equal(groups.length, 200_002); // all, shared, and every parent
  assert.equal(groups[0], 'all');
});
