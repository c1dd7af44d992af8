/** Benchmark input for Terraform: a large module of AWS security groups, NACLs, Azure NSGs and GCP firewalls. */
import { parseHclTree } from '../../src/core/formats/terraform/parser';
import { rng } from './shared';

export const BENCH_URI = 'network.tf';

/** The parse the Terraform extraction starts with, alone. */
export function bareParse(text: string): unknown {
  const tree = parseHclTree(text);
  const n = tree?.rootNode.childCount;
  tree?.delete();
  return n;
}

const PORTS = [22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9090, 3389];
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const cidr = (r: () => number) => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.0/24`;

function sgIngress(r: () => number, i: number): string {
  const smb = r() < 0.02;
  const port = smb ? 445 : pick(r, PORTS);
  const src = smb && r() < 0.5 ? '0.0.0.0/0' : r() < 0.5 ? cidr(r) : `10.${i % 256}.0.0/24`;
  return `  ingress {\n    description = "rule ${i}"\n    from_port   = ${port}\n    to_port     = ${port}\n    protocol    = "tcp"\n    cidr_blocks = ["${src}"]\n  }\n`;
}

function azureRule(r: () => number, prio: number): string {
  const port = r() < 0.02 ? '445' : String(pick(r, PORTS));
  return `  security_rule {\n    name                       = "rule-${prio}"\n    priority                   = ${prio}\n    direction                  = "Inbound"\n    access                     = "${r() < 0.3 ? 'Deny' : 'Allow'}"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "${port}"\n    source_address_prefix      = "${r() < 0.2 ? 'Internet' : cidr(r)}"\n    destination_address_prefix = "*"\n  }\n`;
}

function gcpFirewall(r: () => number, i: number): string {
  const ports = r() < 0.02 ? '"139", "445"' : `"${pick(r, PORTS)}"`;
  return `resource "google_compute_firewall" "fw_${i}" {\n  name          = "fw-${i}"\n  network       = google_compute_network.main.name\n  priority      = ${100 + (i % 900)}\n  source_ranges = ["${cidr(r)}"]\n\n  allow {\n    protocol = "tcp"\n    ports    = [${ports}]\n  }\n}\n\n`;
}

/** About `rules` rules: security groups of 20 rules, NSGs of 20 rules, and single-rule GCP firewalls. */
export function generate(rules: number): string {
  const r = rng(445);
  const out: string[] = ['variable "vpc_id" {\n  type = string\n}\n\nlocals {\n  office = "81.2.69.160/27"\n}\n\n'];
  let n = 0;
  for (let g = 0; n < rules; g++) {
    const kind = g % 3;
    if (kind === 0) {
      const body: string[] = [];
      for (let k = 0; k < 20 && n < rules; k++, n++) body.push(sgIngress(r, n));
      out.push(`resource "aws_security_group" "sg_${g}" {\n  name   = "sg-${g}"\n  vpc_id = var.vpc_id\n\n${body.join('\n')}}\n\n`);
    } else if (kind === 1) {
      const body: string[] = [];
      for (let k = 0; k < 20 && n < rules; k++, n++) body.push(azureRule(r, 100 + k * 10));
      out.push(`resource "azurerm_network_security_group" "nsg_${g}" {\n  name                = "nsg-${g}"\n  location            = "westeurope"\n  resource_group_name = "rg-${g}"\n\n${body.join('\n')}}\n\n`);
    } else {
      for (let k = 0; k < 5 && n < rules; k++, n++) out.push(gcpFirewall(r, n));
    }
  }
  return out.join('');
}
