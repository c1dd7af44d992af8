/** Terraform (.tf through the tree-sitter HCL grammar, .tf.json through the JSON reader): AWS, Azure and GCP rules. */
import type { FormatModule } from '../format';
import { extractTerraform } from './extract';
import { terraformFixes } from './fixes';
import { initTerraformParser } from './parser';
import { moduleDependents, moduleNeeds } from './module';

const NAME = /\.tf(?:\.json)?$/i;

export const terraform: FormatModule = {
  id: 'terraform',
  displayName: 'Terraform',
  lineComment: '#',
  detect: (uri) => NAME.test(uri),
  extract: extractTerraform,
  fixes: terraformFixes,
  init: (load) => initTerraformParser(load),
  project: {
    // .tf.json files take part in the module as .tf files do.
    needs: (uri, _text, ctx) => moduleNeeds(uri, ctx),
    dependents: moduleDependents,
  },
};
