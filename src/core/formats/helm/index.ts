/** Helm charts: templates rendered with the chart's values files, and `helm template` output. Both are read by
 *  the Kubernetes reader; detection claims a YAML file only by its path and content, never by language. */
import { headOf, type FormatModule } from '../format';
import { API_VERSION, KIND } from '../kubernetes/index';
import { extractRendered, extractTemplate } from './extract';
import { helmFixes } from './fixes';
import { chartRootOf, companionUris } from './values';
import type { ProjectContext } from '../../project/project';
import type { Companion } from '../../types';

const YAML_NAME = /\.ya?ml$/i;
/** `helm template` marks each manifest with the template it came from: `# Source: chart/templates/x.yaml`. */
function hasSourceComment(head: string): boolean {
  for (let at = head.indexOf('# Source: '); at >= 0; at = head.indexOf('# Source: ', at + 1)) {
    if (at > 0 && head[at - 1] !== '\n') continue;
    const eol = head.indexOf('\n', at);
    if (head.slice(at, eol < 0 ? head.length : eol).includes('/templates/')) return true;
  }
  return false;
}

/** Go template actions that only Helm writes (Jinja templates in an Ansible role's templates/ have none). */
const HELM_ACTION = /\.(?:Values|Release|Chart|Capabilities)\.|\{\{-?[ \t]*(?:include|template)[ \t]/;

const isTemplate = (uri: string, head: string) => chartRootOf(uri) !== undefined && head.includes('{{') && HELM_ACTION.test(head);

export const helm: FormatModule = {
  id: 'helm',
  displayName: 'Helm',
  lineComment: '#',
  detect(uri, text) {
    if (!YAML_NAME.test(uri)) return false;
    const head = headOf(text);
    return isTemplate(uri, head) || (hasSourceComment(head) && API_VERSION.test(head) && KIND.test(head) && !head.includes('{{'));
  },
  extract: (text, uri, budget, project) => (isTemplate(uri, headOf(text)) ? extractTemplate(text, budget, valuesOf(uri, project)) : extractRendered(text, budget)),
  fixes: helmFixes,
  project: {
    needs: (uri, text, ctx) => ({ list: [], read: isTemplate(uri, headOf(text)) ? companionUris(uri, ctx.settings.helmValuesFiles) : [] }),
  },
};

/** A template's values files as the project holds them, lowest precedence first; missing ones left out. */
function valuesOf(uri: string, project: ProjectContext | undefined): Companion[] {
  if (!project) return [];
  return companionUris(uri, project.settings.helmValuesFiles).flatMap((u) => {
    const text = project.files.read(u);
    return typeof text === 'string' ? [{ uri: u, text }] : [];
  });
}
