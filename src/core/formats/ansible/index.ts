/** Ansible playbooks and role task files: ufw, firewalld, iptables and cloud security-group tasks. */
import type { FormatModule } from '../format';
import { detectAnsible } from './detect';
import { extractAnsible } from './extract';
import { ansibleFixes } from './fixes';

export const ansible: FormatModule = {
  id: 'ansible',
  displayName: 'Ansible',
  lineComment: '#',
  detect: detectAnsible,
  extract: (text, _uri, budget) => extractAnsible(text, budget),
  fixes: ansibleFixes,
};
