/** Benchmark input for Helm: a large chart template (the Kubernetes generator's objects with Helm actions in
 *  names, labels and values). Without a values file the `.Values` actions are unknown, as in any host that has
 *  not read one; the rest is rendered and read as Kubernetes. */
import { renderTemplate } from '../../src/core/formats/helm/render';
import { Values } from '../../src/core/formats/helm/values';
import { bareParseYaml } from './shared';
import { generate as manifests } from './kubernetes';

export const BENCH_URI = 'charts/platform/templates/all.yaml';

/** About `rules` objects, as the Kubernetes generator writes them, templated. */
export function generate(rules: number): string {
  return manifests(rules)
    .replace(/^  name: (app-\d+)$/gm, '  name: {{ .Release.Name }}-$1')
    .replace(/^      labels:$/gm, '      labels:\n        {{- include "platform.labels" . | nindent 8 }}')
    .replace(/^  replicas: 2$/gm, '  replicas: {{ .Values.replicas | default 2 }}')
    .replace(/^(\s+)image: (\S+)$/gm, '$1image: {{ .Values.registry | default "registry.example.com" | quote }}{{/* $2 */}}');
}

/** The parse extraction starts from: the render, then the YAML parse of its output. */
export function bareParse(text: string): unknown {
  return bareParseYaml(renderTemplate(text, new Values([])).text);
}
