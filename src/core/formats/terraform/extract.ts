/** Terraform extraction: read the document (HCL through tree-sitter, or JSON), then map each resource. */
import type { RuleModel } from '../../model/rule';
import { mapAws } from './aws';
import { mapAzure } from './azure';
import { ListCollector } from './build';
import type { HDoc } from './doc';
import { mapGcp } from './gcp';
import { readHcl } from './hcl';
import { readTfJson } from './json';
import { parserReady } from './parser';
import { fileScope } from './values';

export const isTfJson = (uri: string) => /\.tf\.json$/i.test(uri);

export function extractTerraform(text: string, uri: string): RuleModel {
  try {
    let doc: HDoc | undefined;
    if (isTfJson(uri)) doc = readTfJson(text);
    else if (parserReady()) doc = readHcl(text);
    if (!doc) return { lists: [], problems: [{ span: { offset: 0, length: 0 }, message: 'the Terraform parser is not loaded' }] };
    const scope = fileScope(doc);
    const out = new ListCollector(text);
    for (const res of doc.blocks) {
      if (res.type !== 'resource' || res.labels.length < 2) continue;
      const type = res.labels[0];
      if (type.startsWith('aws_')) mapAws(res, scope, text, out);
      else if (type.startsWith('azurerm_')) mapAzure(res, scope, text, out);
      else if (type.startsWith('google_')) mapGcp(res, scope, text, out);
    }
    const model: RuleModel = { lists: out.finish().filter((l) => l.rules.length > 0), problems: doc.problems };
    // JSON has no comments: no suppression comment is read or offered in .tf.json.
    if (isTfJson(uri)) model.lineComment = null;
    return model;
  } catch (e) {
    return { lists: [], problems: [{ span: { offset: 0, length: 0 }, message: `Terraform: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}
