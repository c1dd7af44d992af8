/** Terraform extraction: read the document (HCL through tree-sitter, or JSON), then map each resource. */
import type { Budget } from '../../analysis/budget';
import type { RuleModel } from '../../model/rule';
import { AWS_RESOURCES, mapAws } from './aws';
import { mapSgModule } from './aws-sg-module';
import { AZURE_RESOURCES, mapAzure } from './azure';
import { ListCollector } from './build';
import type { HDoc } from './doc';
import { GCP_RESOURCES, mapGcp } from './gcp';
import { readHcl } from './hcl';
import { readTfJson } from './json';
import { parserReady } from './parser';
import { fileScope } from './values';

/** The blocks whose attributes the model reads: variables (defaults), locals, modules (the security-group module's
 *  inputs) and the mapped resource types. */
export function wantedBlock(type: string, labels: string[]): boolean {
  if (type === 'variable' || type === 'locals' || type === 'module') return true;
  const t = labels[0];
  return type === 'resource' && t !== undefined && (AWS_RESOURCES.has(t) || AZURE_RESOURCES.has(t) || GCP_RESOURCES.has(t));
}

export const isTfJson = (uri: string) => /\.tf\.json$/i.test(uri);

export function extractTerraform(text: string, uri: string, budget?: Budget): RuleModel {
  try {
    let doc: HDoc | undefined;
    if (isTfJson(uri)) doc = readTfJson(text, budget);
    else if (parserReady()) doc = readHcl(text, wantedBlock, budget);
    if (!doc) return { lists: [], problems: [{ span: { offset: 0, length: 0 }, message: 'the Terraform parser is not loaded' }] };
    const model = modelOf(doc, text);
    // JSON has no comments: no suppression comment is read or offered in .tf.json.
    if (isTfJson(uri)) model.lineComment = null;
    return model;
  } catch (e) {
    return { lists: [], problems: [{ span: { offset: 0, length: 0 }, message: `Terraform: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/** The rule lists of a read document. */
export function modelOf(doc: HDoc, text: string): RuleModel {
  const scope = fileScope(doc);
  const out = new ListCollector(text);
  for (const res of doc.blocks) {
    if (res.type === 'module') mapSgModule(res, scope, out);
    if (res.type !== 'resource' || res.labels.length < 2) continue;
    const type = res.labels[0];
    if (type.startsWith('aws_')) mapAws(res, scope, text, out);
    else if (type.startsWith('azurerm_')) mapAzure(res, scope, text, out);
    else if (type.startsWith('google_')) mapGcp(res, scope, text, out);
  }
  const problems = out.problems.length ? [...doc.problems, ...out.problems].sort((a, b) => a.span.offset - b.span.offset) : doc.problems;
  return { lists: out.finish().filter((l) => l.rules.length > 0), problems };
}
