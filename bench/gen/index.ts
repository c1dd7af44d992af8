/** The benchmark's cases: one generator per format (each in its own file), grouped by baseline. */
import { iptablesSave, iptablesScript } from '../generate';
import * as ansible from './ansible';
import * as arm from './arm';
import * as bicep from './bicep';
import * as cisco from './cisco';
import * as cloudformation from './cloudformation';
import * as compose from './compose';
import * as dockerRun from './docker-run';
import * as firewalld from './firewalld';
import * as helm from './helm';
import * as kubernetes from './kubernetes';
import * as markdown from './markdown';
import * as nftables from './nftables';
import * as nixos from './nixos';
import * as pf from './pf';
import * as terraform from './terraform';
import * as ufw from './ufw';
import * as vagrant from './vagrant';
import * as windowsFirewall from './windows-firewall';

export interface BenchCase {
  name: string;
  /** The format the file must be detected as. */
  format: string;
  uri: string;
  generate(count: number): string;
  /** The parse the format's extraction starts from (structured formats only). */
  bareParse?(text: string): unknown;
}

/** Host firewall formats (zone XML included): measured against a bare line split of the same text. */
export const lineCases: BenchCase[] = [
  { name: 'iptables-save (rules.v4)', format: 'iptables', uri: 'rules.v4', generate: iptablesSave },
  { name: 'iptables shell script', format: 'iptables', uri: 'firewall.sh', generate: iptablesScript },
  { name: 'nftables', format: 'nftables', uri: nftables.BENCH_URI, generate: nftables.generate },
  { name: 'ufw script', format: 'ufw', uri: ufw.BENCH_URI, generate: ufw.generate },
  { name: 'firewalld zone XML', format: 'firewalld', uri: firewalld.BENCH_URI, generate: firewalld.generate },
  { name: 'pf.conf', format: 'pf', uri: pf.BENCH_URI, generate: pf.generate },
  { name: 'Windows Firewall (PowerShell)', format: 'windows-firewall', uri: windowsFirewall.BENCH_URI, generate: windowsFirewall.generate },
  { name: 'Cisco running-config', format: 'cisco', uri: cisco.BENCH_URI, generate: cisco.generate },
  { name: 'Vagrantfile', format: 'vagrant', uri: vagrant.BENCH_URI, generate: vagrant.generate },
  { name: 'Container runs (docker run script)', format: 'docker-run', uri: dockerRun.BENCH_URI, generate: dockerRun.generate },
  { name: 'Runbook (Markdown code blocks)', format: 'markdown', uri: markdown.BENCH_URI, generate: markdown.generate },
];

/** Structured formats: measured against the bare parse their extraction starts from. */
export const iacCases: BenchCase[] = [
  { name: 'Terraform (tree-sitter HCL)', format: 'terraform', uri: terraform.BENCH_URI, generate: terraform.generate, bareParse: terraform.bareParse },
  { name: 'CloudFormation YAML', format: 'cloudformation', uri: cloudformation.BENCH_URI, generate: cloudformation.generate, bareParse: cloudformation.bareParse },
  { name: 'ARM JSON', format: 'arm', uri: arm.BENCH_URI, generate: arm.generate, bareParse: arm.bareParse },
  { name: 'Bicep', format: 'bicep', uri: bicep.BENCH_URI, generate: bicep.generate, bareParse: bicep.bareParse },
  { name: 'Kubernetes manifests', format: 'kubernetes', uri: kubernetes.BENCH_URI, generate: kubernetes.generate, bareParse: kubernetes.bareParse },
  { name: 'Helm chart template', format: 'helm', uri: helm.BENCH_URI, generate: helm.generate, bareParse: helm.bareParse },
  { name: 'Docker Compose', format: 'compose', uri: compose.BENCH_URI, generate: compose.generate, bareParse: compose.bareParse },
  { name: 'Ansible playbook', format: 'ansible', uri: ansible.BENCH_URI, generate: ansible.generate, bareParse: ansible.bareParse },
  { name: 'NixOS module (Nix reader)', format: 'nixos', uri: nixos.BENCH_URI, generate: nixos.generate, bareParse: nixos.bareParse },
];
