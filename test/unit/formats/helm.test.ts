import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, analyzeWithFiles, companionUris, memorySource } from '../../../src/core/index';
import { helm } from '../../../src/core/formats/helm/index';
import { renderTemplate, UNKNOWN_SCALAR } from '../../../src/core/formats/helm/render';
import { Values } from '../../../src/core/formats/helm/values';
import { at } from '../helpers/format-test';

const URI = 'file:///repo/charts/samba/templates/service.yaml';
const VALUES = 'file:///repo/charts/samba/values.yaml';

/** A template and its values files, as a host passes them (an in-memory map instead of the disk). */
function analyze(template: string, files: Record<string, string>, valuesFiles: string[] = []) {
  return analyzeWithFiles({ uri: URI, text: template, projectSettings: { helmValuesFiles: valuesFiles } }, memorySource(files));
}

const render = (template: string, values: string) => renderTemplate(template, new Values([{ uri: VALUES, text: values }])).text;

const service = (type: string, port = '445') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  type: ${type}\n  ports:\n    - port: ${port}\n`;

describe('helm: detection', () => {
  test('claims chart templates by path and Helm actions, and helm template output by its Source comments', () => {
    assert.ok(helm.detect(URI, service('{{ .Values.service.type }}')));
    assert.ok(helm.detect('c\\templates\\svc.yml', service('NodePort').replace('{{ .Release.Name }}', '{{ include "x.name" . }}')));
    assert.ok(helm.detect('out.yaml', `---\n# Source: samba/templates/service.yaml\n${service('NodePort').replace('{{ .Release.Name }}', 'x')}`));
  });
  test('leaves Jinja templates, plain manifests and files outside templates/ alone', () => {
    assert.ok(!helm.detect('roles/smb/templates/svc.yaml', service('{{ smb_type }}').replace('{{ .Release.Name }}', 'x')));
    assert.ok(!helm.detect('k8s/svc.yaml', service('{{ .Values.type }}')));
    assert.ok(!helm.detect('charts/a/templates/svc.yaml', service('NodePort').replace('{{ .Release.Name }}', 'x')));
    assert.ok(!helm.detect(URI.replace('.yaml', '.tpl'), service('{{ .Values.type }}')));
  });
});

describe('helm: companion files', () => {
  test('values.yaml of the chart folder, then the override files in order', () => {
    assert.deepEqual(companionUris(URI, ['values-prod.yaml']), [VALUES, 'file:///repo/charts/samba/values-prod.yaml']);
    assert.deepEqual(companionUris('C:\\c\\templates\\a.yaml'), ['C:\\c\\values.yaml']);
    assert.deepEqual(companionUris('k8s/svc.yaml'), []);
    assert.deepEqual(companionUris(URI, ['../other/values.yaml']), [VALUES]);
  });
});

describe('helm: rendering', () => {
  test('values, default, quote, toYaml | nindent, if/else, with and trim markers', () => {
    const values = 'a:\n  b: 445\n  list:\n    - 10.0.0.0/8\non: true\nname: smb\n';
    assert.equal(render('p: {{ .Values.a.b }}', values), 'p: 445');
    assert.equal(render('p: {{ .Values.missing | default 139 }}', values), 'p: 139');
    assert.equal(render('p: {{ default 139 .Values.a.b }}', values), 'p: 445');
    assert.equal(render('n: {{ .Values.name | quote }}', values), 'n: "smb"');
    assert.equal(render('r:\n  {{- toYaml .Values.a.list | nindent 2 }}\n', values), 'r:\n  - 10.0.0.0/8\n');
    assert.equal(render('{{- if .Values.on }}\nx: 1\n{{- else }}\nx: 2\n{{- end }}\n', values), '\nx: 1\n');
    assert.equal(render('{{- if not .Values.on }}\nx: 1\n{{- else if eq .Values.name "smb" }}\nx: 3\n{{- end }}\n', values), '\nx: 3\n');
    assert.equal(render('{{- with .Values.a }}\np: {{ .b }}\n{{- end }}', values), '\np: 445');
    assert.equal(render('{{/* a comment */}}x', values), 'x');
    assert.equal(render('{{- range .Values.a.list }}\n- {{ . }}\n{{- end }}', values), '\n- 10.0.0.0/8');
  });
  test('what it cannot evaluate is an unknown scalar, or nothing where lines would go', () => {
    assert.equal(render('p: {{ include "x.port" . }}', ''), `p: ${UNKNOWN_SCALAR}`);
    assert.equal(render('p: {{ tpl .Values.a . }}', 'a: 445'), `p: ${UNKNOWN_SCALAR}`);
    assert.equal(render('p: {{ .Release.Name }}', ''), `p: ${UNKNOWN_SCALAR}`);
    assert.equal(render('labels:\n  {{- include "x.labels" . | nindent 4 }}\n', ''), 'labels:\n');
    assert.equal(render('{{ $x := 1 }}p: {{ $x }}', ''), `p: ${UNKNOWN_SCALAR}`);
  });
  test('without a values file every value is unknown', () => {
    assert.equal(renderTemplate('p: {{ .Values.a }}', new Values([])).text, `p: ${UNKNOWN_SCALAR}`);
  });
  test('bad templates become problems, and nesting is bounded', () => {
    assert.match(renderTemplate('p: {{ .Values.a', new Values([])).problems[0].message, /never closed/);
    assert.match(renderTemplate('{{ end }}', new Values([])).problems[0].message, /closes nothing/);
    const deep = '{{ if .Values.a }}'.repeat(5000) + 'x' + '{{ end }}'.repeat(5000);
    const r = renderTemplate(deep, new Values([{ uri: VALUES, text: 'a: true' }]));
    assert.match(r.problems[0].message, /nested more than/);
    const loop = '{{ range .Values.l }}{{ range $.Values.l }}{{ range $.Values.l }}x{{ end }}{{ end }}{{ end }}';
    const big = renderTemplate(loop, new Values([{ uri: VALUES, text: `l: [${Array(200).fill(1).join(',')}]` }]));
    assert.ok(big.problems.some((p) => /too often|too large/.test(p.message)));
  });
});

describe('helm: findings', () => {
  test('a value from values.yaml: the finding on the template, a related place in values.yaml', () => {
    const template = service('{{ .Values.service.type }}', '{{ .Values.service.port }}');
    const values = 'service:\n  type: LoadBalancer\n  port: 445\n';
    const [f] = analyze(template, { [VALUES]: values }).findings;
    assert.equal(f.ruleId, 'smb-internet-exposure');
    assert.equal(at(template, f.span), '{{ .Values.service.port }}');
    const related = f.related.filter((r) => r.uri === VALUES).map((r) => at(values, r.span));
    assert.deepEqual(related.sort(), ['port: 445', 'type: LoadBalancer']);
    assert.match(f.message, /values\.yaml/);
    // No ClusterIP fix: the type is changed in values.yaml. Source ranges can still be added to the template.
    assert.deepEqual(f.fixes.map((x) => x.kind + (x.scope ? ` (${x.scope})` : '')), ['restrict-source', 'remove-rule', 'suppress', 'suppress (file)']);
    assert.equal(f.fixes[0].edits[0].span.offset, template.indexOf('  ports:'));
  });
  test('the condition that lets the deciding text render is a related place too', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nmbd\nspec:\n  {{- if .Values.host }}\n  hostNetwork: true\n  {{- end }}\n  containers:\n    - name: nmbd\n      ports:\n        - containerPort: 445\n';
    const values = 'host: true\n';
    const [f] = analyze(pod, { [VALUES]: values }).findings;
    assert.equal(at(pod, f.span), '445');
    assert.deepEqual(f.related.filter((r) => r.uri === VALUES).map((r) => at(values, r.span)), ['host: true']);
    assert.deepEqual(analyze(pod, { [VALUES]: 'host: false\n' }).findings, []);
  });
  test('values files named in the setting override values.yaml', () => {
    const template = service('{{ .Values.service.type }}');
    const files = { [VALUES]: 'service:\n  type: LoadBalancer\n', 'file:///repo/charts/samba/values-dev.yaml': 'service:\n  type: ClusterIP\n' };
    assert.equal(analyze(template, files).findings.length, 1);
    assert.equal(analyze(template, files, ['values-dev.yaml']).findings.length, 0);
  });
  test('an unknown value is never guessed: no values file, no finding from it', () => {
    assert.deepEqual(analyze(service('{{ .Values.service.type }}'), {}).findings, []);
  });
  test('a condition it cannot evaluate around ports is a parse problem, not a guess', () => {
    const template = `{{- if .Capabilities.APIVersions.Has "v1" }}\n${service('NodePort')}{{- end }}\n`;
    const r = analyze(template, { [VALUES]: '' });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
  });
  test('a value written in the template keeps the Kubernetes fixes, applied to the template', () => {
    const template = service('NodePort');
    const [f] = analyze(template, { [VALUES]: '' }).findings;
    const deny = f.fixes.find((x) => x.kind === 'deny');
    assert.ok(deny, 'the ClusterIP fix');
    assert.equal(at(template, deny.edits[0].span), 'NodePort');
  });
  test('helm template output names the source template', () => {
    const text = `# Source: samba/templates/svc.yaml\n${service('NodePort').replace('{{ .Release.Name }}', 'x')}`;
    const r = analyzeText({ uri: 'out.yaml', text });
    assert.equal(r.format, 'helm');
    assert.match(r.findings[0].message, /samba\/templates\/svc\.yaml/);
  });
});
