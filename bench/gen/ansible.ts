/** Benchmark input for Ansible: one large playbook with many ufw, firewalld and iptables tasks. */
import { bareParseYaml } from './shared';

export const BENCH_URI = 'site.yml';

const PORTS = [22, 80, 443, 3306, 5432, 8080, 9090];

/** About `rules` firewall tasks in one play; every 50th opens SMB. */
export function generate(rules: number): string {
  const out = ['- name: Bench hosts', '  hosts: all', '  become: true', '  vars:', '    office: 45.76.12.0/24', '  tasks:'];
  for (let i = 0; i < rules; i++) {
    const port = i % 50 === 49 ? 445 : PORTS[i % PORTS.length] + (i % 100);
    const k = i % 3;
    if (k === 0) out.push(`    - name: ufw rule ${i}`, '      community.general.ufw:', '        rule: allow', `        port: '${port}'`, '        proto: tcp', `        from_ip: ${i % 2 ? '"{{ office }}"' : `10.${i % 250}.0.0/24`}`);
    else if (k === 1) out.push(`    - name: firewalld port ${i}`, '      ansible.posix.firewalld:', `        port: ${port}/tcp`, '        zone: internal', '        state: enabled');
    else out.push(`    - name: iptables rule ${i}`, '      ansible.builtin.iptables:', '        chain: INPUT', '        protocol: tcp', `        destination_port: '${port}'`, `        source: 10.${i % 250}.1.0/24`, '        jump: ACCEPT');
  }
  out.push('');
  return out.join('\n');
}

export { bareParseYaml as bareParse };
