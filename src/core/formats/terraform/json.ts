/** Terraform JSON syntax (*.tf.json) read into the same document model as HCL, through the range-keeping YAML parser. */
import type { Budget } from '../../analysis/budget';
import { isMap, isScalar, isSeq, pairs, parseYaml, spanOf as yamlSpan, type YamlNode } from '../common/yaml';
import { spanOf, type HAttr, type HBlock, type HDoc, type HVal } from './doc';

const WHOLE_REF = /^\$\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*)\s*\}$/;

export function readTfJson(text: string, budget?: Budget): HDoc {
  const file = parseYaml(text, budget);
  const blocks: HBlock[] = [];
  const root = file.docs[0]?.contents;
  for (const p of pairs(root)) {
    const key = isScalar(p.key) ? String(p.key.value) : '';
    const keySpan = yamlSpan(p.key as YamlNode) ?? spanOf(0, 0);
    for (const value of objects(p.value)) {
      if (key === 'resource' || key === 'data') {
        for (const t of pairs(value)) for (const n of pairs(t.value)) for (const body of objects(n.value)) {
          blocks.push(block(key, [scalarText(t.key), scalarText(n.key)], yamlSpan(t.key as YamlNode) ?? keySpan, body));
        }
      } else if (key === 'variable' || key === 'module') {
        for (const n of pairs(value)) for (const body of objects(n.value)) blocks.push(block(key, [scalarText(n.key)], yamlSpan(n.key as YamlNode) ?? keySpan, body));
      } else if (key === 'locals') blocks.push(block(key, [], keySpan, value));
    }
  }
  return { blocks, problems: file.problems, json: true };
}

/** `terraform show -json` output (a plan's `planned_values`, or a state's `values`): every resource of the root
 *  module and its child modules (at most MAX_MODULE_DEPTH deep), fully resolved, as a resource block whose
 *  attributes are its `values`. Labels: the type and the resource's address (module path included). */
export function readTfPlanJson(text: string, budget?: Budget): HDoc {
  const file = parseYaml(text, budget);
  const root = file.docs[0]?.contents;
  const blocks: HBlock[] = [];
  const visit = (mod: unknown, depth: number) => {
    if (depth > MAX_MODULE_DEPTH) return;
    for (const r of seqItems(getNode(mod, 'resources'))) {
      if (scalarText(getNode(r, 'mode')) !== 'managed') continue;
      const type = scalarText(getNode(r, 'type'));
      const values = getNode(r, 'values');
      if (!type || !isMap(values)) continue;
      const typeSpan = yamlSpan(getNode(r, 'type') as YamlNode) ?? spanOf(0, 0);
      blocks.push(block('resource', [type, planName(scalarText(getNode(r, 'address')), type) || scalarText(getNode(r, 'name'))], typeSpan, values as YamlNode));
    }
    for (const child of seqItems(getNode(mod, 'child_modules'))) visit(child, depth + 1);
  };
  visit(getNode(getNode(root, 'planned_values') ?? getNode(root, 'values'), 'root_module'), 0);
  return { blocks, problems: file.problems, json: true };
}

const MAX_MODULE_DEPTH = 16;
/** "module.net.aws_security_group.web[0]" → "web[0] (module.net)": the name after the type, and the module. */
function planName(address: string, type: string): string {
  const at = address.lastIndexOf(`${type}.`);
  if (at < 0) return '';
  const name = address.slice(at + type.length + 1);
  return at > 0 ? `${name} (${address.slice(0, at - 1)})` : name;
}
const getNode = (node: unknown, key: string): unknown => pairs(node).find((p) => scalarText(p.key) === key)?.value ?? undefined;
const seqItems = (node: unknown): unknown[] => (isSeq(node) ? node.items : []);

/** A .tfvars.json file: variable name → value, where each is written. */
export function readTfVarsJson(text: string): { name: string; value: HVal; span: HVal['span'] }[] {
  const root = parseYaml(text).docs[0]?.contents;
  return pairs(root).flatMap((p) => {
    const span = yamlSpan(p.key as YamlNode);
    const value = readValue(p.value);
    return span ? [{ name: scalarText(p.key), value, span: spanOf(span.offset, Math.max(span.offset + span.length, value.span.offset + value.span.length)) }] : [];
  });
}

const scalarText = (n: unknown) => (isScalar(n) ? String(n.value) : '');

/** A map, or each map of a sequence (Terraform JSON allows either where blocks repeat). */
function objects(node: unknown): YamlNode[] {
  if (isMap(node)) return [node as YamlNode];
  if (isSeq(node)) return (node.items as YamlNode[]).filter((i) => isMap(i));
  return [];
}

/** JSON cannot tell attributes from blocks without the provider schema: maps are offered as both. */
function block(type: string, labels: string[], typeSpan: HVal['span'], body: YamlNode): HBlock {
  const span = yamlSpan(body) ?? typeSpan;
  const attrs = new Map<string, HAttr>();
  const out: HBlock = { type, typeSpan, labels, span, attrs, blocks: [], closeOffset: span.offset + Math.max(0, span.length - 1), json: true };
  for (const p of pairs(body)) {
    const name = scalarText(p.key);
    const nameSpan = yamlSpan(p.key as YamlNode);
    if (!nameSpan) continue;
    const value = readValue(p.value);
    const end = value.span.offset + value.span.length;
    const attr: HAttr = { name, span: spanOf(nameSpan.offset, Math.max(end, nameSpan.offset + nameSpan.length)), value };
    attrs.set(name, attr);
    if (name === 'dynamic') {
      for (const d of pairs(p.value)) for (const b of objects(d.value)) out.blocks.push(block('dynamic', [scalarText(d.key)], yamlSpan(d.key as YamlNode) ?? nameSpan, b));
    } else for (const b of objects(p.value)) out.blocks.push(block(name, [], nameSpan, b));
  }
  return out;
}

function readValue(node: unknown): HVal {
  const span = yamlSpan(node as YamlNode) ?? spanOf(0, 0);
  if (isMap(node)) return { kind: 'object', span, entries: pairs(node).map((p) => ({ key: scalarText(p.key), value: readValue(p.value) })) };
  if (isSeq(node)) return { kind: 'tuple', span, items: (node.items as unknown[]).map(readValue) };
  if (!isScalar(node)) return { kind: 'expr', span };
  const v = node.value;
  if (v === null || v === undefined) return { kind: 'null', span };
  if (typeof v === 'number') return { kind: 'number', span, value: v };
  if (typeof v === 'boolean') return { kind: 'bool', span, value: v };
  const s = String(v);
  const ref = WHOLE_REF.exec(s);
  if (ref) return { kind: 'ref', span, ref: ref[1].split(/\.|\[/).map((x) => x.replace(/^"|"?\]$/g, '').replace(/"$/, '')) };
  if (s.includes('${') || s.includes('%{')) return { kind: 'expr', span };
  return { kind: 'string', span, value: s };
}
