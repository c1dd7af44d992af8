/** Kubernetes manifests: Services that publish ports, NetworkPolicy ipBlocks, and pods bound to node ports. */
import { headOf, type FormatModule } from '../format';
import { extractKubernetes } from './extract';
import { kubernetesFixes } from './fixes';

const YAML_NAME = /\.ya?ml$/i;
/** Top-level keys of a manifest (a List's items are indented; Ansible and Compose have neither at column 0). */
export const API_VERSION = /^apiVersion:[ \t]*["']?[\w.-]+(?:\/[\w.-]+)?["']?[ \t]*(?:#.*)?\r?$/m;
export const KIND = /^kind:[ \t]*["']?[A-Z]\w*["']?[ \t]*(?:#.*)?\r?$/m;
/** Helm chart templates (out of scope): control lines or chart values. */
const HELM = /^[ \t]*\{\{-?[ \t]*(?:if|range|with|define|include|template|end|else|\/\*)|\{\{-?[ \t]*\.(?:Values|Release|Chart)\b|\{\{-?[ \t]*(?:include|template)[ \t]/m;

export const kubernetes: FormatModule = {
  id: 'kubernetes',
  displayName: 'Kubernetes',
  lineComment: '#',
  detect(uri, text) {
    if (!YAML_NAME.test(uri)) return false;
    const head = headOf(text);
    return API_VERSION.test(head) && KIND.test(head) && !HELM.test(head);
  },
  extract: (text, _uri, budget) => extractKubernetes(text, budget),
  fixes: kubernetesFixes,
};
