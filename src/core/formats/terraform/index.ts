/** Terraform (.tf through the tree-sitter HCL grammar, .tf.json through the JSON reader): AWS, Azure and GCP rules. */
import type { FormatModule } from '../format';
import { extractTerraform } from './extract';
import { terraformFixes } from './fixes';
import { initTerraformParser } from './parser';

const NAME = /\.tf(?:\.json)?$/i;

export const terraform: FormatModule = {
  id: 'terraform',
  displayName: 'Terraform',
  lineComment: '#',
  detect: (uri) => NAME.test(uri),
  extract: extractTerraform,
  fixes: terraformFixes,
  init: (load) => initTerraformParser(load),
};
