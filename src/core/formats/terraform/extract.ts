/** Terraform extraction: read the document (HCL through tree-sitter, or JSON), then map each resource. */
import type { Budget } from '../../analysis/budget';
import type { RuleModel } from '../../model/rule';
import { headOf } from '../format';
import { AWS_RESOURCES, mapAws } from './aws';
import { mapSgModule } from './aws-sg-module';
import { AZURE_RESOURCES, mapAzure } from './azure';
import { ListCollector } from './build';
import type { HDoc } from './doc';
import { GCP_RESOURCES, mapGcp } from './gcp';
import { readHcl } from './hcl';
import { readTfJson, readTfPlanJson } from './json';
import { parserReady } from './parser';
import { fileScope, type Scope } from './values';
import { moduleScopes } from './module';
import type { ProjectContext } from '../../project/project';
import { mergeInstances } from '../../project/instances';

/** The blocks whose attributes the model reads: variables (defaults), locals, modules (the security-group module's
 *  inputs) and the mapped resource types. */
export function wantedBlock(type: string, labels: string[]): boolean {
  if (type === 'variable' || type === 'locals' || type === 'module') return true;
  const t = labels[0];
  return type === 'resource' && t !== undefined && (AWS_RESOURCES.has(t) || AZURE_RESOURCES.has(t) || GCP_RESOURCES.has(t));
}

export const isTfJson = (uri: string) => /\.tf\.json$/i.test(uri);

/** `terraform show -json` output: a plan (`planned_values`) or a state (`values`), with `format_version`. */
export const isPlanJson = (uri: string, text: string) => /\.json$/i.test(uri) && !isTfJson(uri) && PLAN_HEAD.test(headOf(text)) && /"(?:planned_values|values)"\s*:/.test(headOf(text));
const PLAN_HEAD = /^\s*\{\s*"format_version"\s*:\s*"[\d.]+"\s*,\s*"terraform_version"\s*:/;

/** A plan's or state's rules: values Terraform resolved, with no edit offered (the file is Terraform's output;
 *  the change belongs in the configuration) and no comment syntax. */
function planModel(doc: HDoc, text: string): RuleModel {
  const model = modelOf(doc, text);
  for (const l of model.lists) for (const r of l.rules) (r.native as { direct: boolean }).direct = false;
  for (const l of model.lists) l.note ??= 'This is Terraform plan or state output: change the configuration that produced it.';
  return { ...model, lineComment: null };
}

export function extractTerraform(text: string, uri: string, budget?: Budget, project?: ProjectContext): RuleModel {
  try {
    let doc: HDoc | undefined;
    if (isPlanJson(uri, text)) return planModel(readTfPlanJson(text, budget), text);
    if (isTfJson(uri)) doc = readTfJson(text, budget);
    else if (parserReady()) doc = readHcl(text, wantedBlock, budget);
    if (!doc) return { lists: [], problems: [{ span: { offset: 0, length: 0 }, message: 'the Terraform parser is not loaded' }] };
    const model = project ? projectModelOf(doc, text, uri, project) : modelOf(doc, text);
    // JSON has no comments: no suppression comment is read or offered in .tf.json.
    if (isTfJson(uri)) model.lineComment = null;
    return model;
  } catch (e) {
    return { lists: [], problems: [{ span: { offset: 0, length: 0 }, message: `Terraform: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/** The rule lists of a read document. */
export function modelOf(doc: HDoc, text: string, scope: Scope = fileScope(doc)): RuleModel {
  const out = new ListCollector(text, scope.trail);
  for (const res of doc.blocks) {
    if (res.type === 'module') mapSgModule(res, scope, out);
    if (res.type !== 'resource' || res.labels.length < 2) continue;
    const type = res.labels[0];
    // What a resource's rules resolve is theirs: nothing carries over from the last resource.
    if (scope.trail) scope.trail.length = 0;
    if (type.startsWith('aws_')) mapAws(res, scope, text, out);
    else if (type.startsWith('azurerm_')) mapAzure(res, scope, text, out);
    else if (type.startsWith('google_')) mapGcp(res, scope, text, out);
  }
  const problems = out.problems.length ? [...doc.problems, ...out.problems].sort((a, b) => a.span.offset - b.span.offset) : doc.problems;
  return { lists: out.finish().filter((l) => l.rules.length > 0), problems };
}

/** The rule lists with the values of the whole module: one reading per instance of the module (a root module, or
 *  each caller), merged so that where callers differ each rule admits what any of them gives it (the worst one
 *  decides) and names where each value came from. */
function projectModelOf(doc: HDoc, text: string, uri: string, project: ProjectContext): RuleModel {
  const scopes = moduleScopes(uri, fileScope(doc), doc, project);
  return mergeInstances(scopes.map((s) => modelOf(doc, text, s)));
}
