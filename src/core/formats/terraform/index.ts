/** Terraform (.tf through the tree-sitter HCL grammar, .tf.json through the JSON reader, `terraform show -json`
 *  plans and states): AWS, Azure and GCP rules. */
import type { FormatModule } from '../format';
import { extractTerraform, isPlanJson } from './extract';
import { terraformFixes } from './fixes';
import { initTerraformParser } from './parser';
import { moduleDependents, moduleNeeds } from './module';

const NAME = /\.tf(?:\.json)?$/i;

export const terraform: FormatModule = {
  id: 'terraform',
  displayName: 'Terraform',
  lineComment: '#',
  detect: (uri, text) => NAME.test(uri) || isPlanJson(uri, text),
  extract: extractTerraform,
  fixes: terraformFixes,
  init: (load) => initTerraformParser(load),
  project: {
    // .tf.json files take part in the module as .tf files do.
    needs: (uri, text, ctx) => (isPlanJson(uri, text) ? { list: [], read: [] } : moduleNeeds(uri, ctx)),
    dependents: moduleDependents,
  },
};
