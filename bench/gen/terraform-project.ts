/** Benchmark input for Terraform across files: a tree of modules, each with a variables.tf and .tf files whose
 *  rules read its variables, called from a root module. */
import { rng } from './shared';

export const ROOT = 'file:///bench/infra/';
export const MODULES = 200;
/** .tf files per module, variables.tf included. */
export const FILES_PER_MODULE = 10;

const PORTS = [22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9090, 3389];

export const moduleFolder = (m: number) => `${ROOT}modules/m${String(m).padStart(3, '0')}/`;

/** URI → text: `modules` module folders of FILES_PER_MODULE files each, and a root main.tf calling every tenth. */
export function generateTree(modules = MODULES): Record<string, string> {
  const r = rng(17);
  const files: Record<string, string> = {};
  const calls: string[] = [];
  for (let m = 0; m < modules; m++) {
    const folder = moduleFolder(m);
    const open = m % 7 === 0;
    files[`${folder}variables.tf`] =
      `variable "smb_sources" {\n  type    = list(string)\n  default = ["${open ? '0.0.0.0/0' : '10.0.0.0/24'}"]\n}\n\nvariable "app_port" {\n  type    = number\n  default = ${PORTS[m % PORTS.length]}\n}\n\nlocals {\n  office = "81.2.69.160/27"\n}\n`;
    for (let f = 1; f < FILES_PER_MODULE; f++) {
      const groups: string[] = [];
      for (let g = 0; g < 3; g++) {
        const rules: string[] = [];
        for (let k = 0; k < 6; k++) {
          const port = PORTS[Math.floor(r() * PORTS.length)];
          rules.push(`  ingress {\n    description = "rule ${k}"\n    from_port   = ${port}\n    to_port     = ${port}\n    protocol    = "tcp"\n    cidr_blocks = ["10.${m % 256}.${k}.0/24"]\n  }\n`);
        }
        // One rule per group reads the module's variables.
        rules.push(`  ingress {\n    from_port   = 445\n    to_port     = 445\n    protocol    = "tcp"\n    cidr_blocks = var.smb_sources\n  }\n`);
        rules.push(`  ingress {\n    from_port   = var.app_port\n    to_port     = var.app_port\n    protocol    = "tcp"\n    cidr_blocks = [local.office]\n  }\n`);
        groups.push(`resource "aws_security_group" "sg_${f}_${g}" {\n  name   = "sg-${m}-${f}-${g}"\n  vpc_id = "vpc-${m}"\n\n${rules.join('\n')}}\n`);
      }
      files[`${folder}sg${f}.tf`] = groups.join('\n');
    }
    if (m % 10 === 0) calls.push(`module "m${m}" {\n  source      = "./modules/m${String(m).padStart(3, '0')}"\n  smb_sources = ["10.${m % 256}.0.0/24"]\n}\n`);
  }
  files[`${ROOT}main.tf`] = calls.join('\n');
  return files;
}
