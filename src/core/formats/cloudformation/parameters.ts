/** Parameter files a template is deployed with, named in a setting: the AWS CLI's
 *  `[{"ParameterKey": …, "ParameterValue": …}]` (`--parameters file://…`) and a CodePipeline template
 *  configuration file's `{"Parameters": {…}}`. Each file is one deployment: where they differ, the worst decides. */
import type { Node } from 'yaml';
import type { RuleModel } from '../../model/rule';
import { mergeInstances } from '../../project/instances';
import type { ProjectContext } from '../../project/project';
import { folderOf, joinUri, nameOf } from '../../project/uri';
import type { RelatedLocation } from '../../types';
import { get, isMap, isScalar, items, pairs, parseYaml, spanOf, str } from '../common/yaml';

/** The values one parameter file gives, and where each is written. */
export interface ParameterFile {
  values: Map<string, Node>;
  origins: Map<string, RelatedLocation>;
}

/** The parameter files of a template: the setting's entries, relative to the template's folder (or absolute). */
export function parameterFileUris(uri: string, files: readonly string[] = []): string[] {
  const folder = folderOf(uri);
  return files.flatMap((f) => {
    const u = f ? joinUri(folder, f) : undefined;
    return u && u !== uri ? [u] : [];
  });
}

/** Reads either form; undefined when the file is neither (or does not parse). Values that are not scalars (a
 *  `UsePreviousValue` entry without a value) give nothing: the template's default stays. */
export function readParameterFile(uri: string, text: string): ParameterFile | undefined {
  const { docs, problems } = parseYaml(text);
  const root = docs[0]?.contents;
  if (problems.length || !root) return undefined;
  const out: ParameterFile = { values: new Map(), origins: new Map() };
  const add = (key: string | undefined, value: Node | null | undefined) => {
    const span = spanOf(value);
    if (!key || !isScalar(value) || !span) return;
    out.values.set(key, value);
    out.origins.set(key, { uri, span, message: `parameter ${key} = "${str(value) ?? ''}" in ${nameOf(uri)}` });
  };
  if (isMap(root)) for (const p of pairs(get(root, 'Parameters'))) add(str(p.key), p.value);
  else for (const item of items(root)) add(str(get(item, 'ParameterKey')), get(item, 'ParameterValue'));
  return out;
}

/** The template read once per parameter file that is there (once without, when none is), merged. */
export function extractWithParameters(extract: (given?: ParameterFile) => RuleModel, uri: string, project: ProjectContext | undefined): RuleModel {
  const given = project ? parameterFileUris(uri, project.settings.cloudformationParameterFiles).flatMap((u) => {
    const text = project.files.read(u);
    const file = typeof text === 'string' ? project.files.derive(`cfn-parameters:${u}`, () => readParameterFile(u, text)) : undefined;
    return file ? [file] : [];
  }) : [];
  return given.length ? mergeInstances(given.map((g) => extract(g))) : extract();
}
