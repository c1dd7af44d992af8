/** Ansible playbooks and role task files: ufw, firewalld, iptables and cloud security-group tasks. */
import type { FormatModule } from '../format';
import { detectAnsible } from './detect';
import { extractAnsibleProject } from './extract';
import { ansibleDependents, ansibleNeeds } from './project';
import { ansibleFixes } from './fixes';

export const ansible: FormatModule = {
  id: 'ansible',
  displayName: 'Ansible',
  lineComment: '#',
  detect: detectAnsible,
  extract: extractAnsibleProject,
  fixes: ansibleFixes,
  project: {
    needs: ansibleNeeds,
    dependents: ansibleDependents,
  },
};
