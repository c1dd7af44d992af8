/** Which YAML files are Ansible: playbooks (plays with hosts and tasks) and task files using a firewall module. */
import { headOf } from '../format';

const YAML_NAME = /\.ya?ml$/i;
const MODULE = /^[ \t]*(?:-[ \t]+)?(?:(?:community\.general\.(?:system\.)?|ansible\.posix\.|ansible\.builtin\.|amazon\.aws\.|azure\.azcollection\.|google\.cloud\.|community\.windows\.)?(?:ufw|firewalld|iptables|ec2_security_group|ec2_group|azure_rm_securitygroup|gcp_compute_firewall|win_firewall_rule)|(?:local_)?action)[ \t]*:/m;
const HOSTS = /^(?:-[ \t]+|[ \t]+)hosts[ \t]*:/m;
const TASKS = /^[ \t]*(?:-[ \t]+)?(?:tasks|pre_tasks|post_tasks|handlers|roles)[ \t]*:/m;
const LIST_TOP = /^-[ \t]/m;
/** Other YAML formats that must keep their files. */
const OTHERS = /^(?:apiVersion[ \t]*:|kind[ \t]*:|AWSTemplateFormatVersion|Resources[ \t]*:|services[ \t]*:|on[ \t]*:|jobs[ \t]*:)/m;
const WORKFLOW = /[\\/]\.github[\\/]workflows[\\/]/;

export function detectAnsible(uri: string, text: string): boolean {
  if (!YAML_NAME.test(uri) || WORKFLOW.test(uri)) return false;
  const head = headOf(text);
  // A playbook or task file is a list at the top level; plain mappings (manifests, compose, templates) are not.
  if (!LIST_TOP.test(head) || OTHERS.test(head)) return false;
  if (MODULE.test(head)) return true;
  return HOSTS.test(head) && TASKS.test(head);
}
