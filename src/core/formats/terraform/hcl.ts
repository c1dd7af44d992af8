/** Turns the tree-sitter syntax tree into the document model. ERROR subtrees are skipped, complete blocks kept. */
import type { Node } from 'web-tree-sitter';
import type { ParseProblem } from '../../types';
import { spanOf, TOP_LEVEL, type HAttr, type HBlock, type HDoc, type HVal } from './doc';
import { parseHclTree } from './parser';

const MAX_PROBLEMS = 20;

export function readHcl(text: string): HDoc | undefined {
  const tree = parseHclTree(text);
  if (!tree) return undefined;
  try {
    const problems: ParseProblem[] = [];
    const root = tree.rootNode;
    if (root.hasError) collectProblems(root, problems);
    const top: HBlock[] = [];
    const body = root.namedChildren.find((c) => c?.type === 'body');
    if (body) readBody(body, top, top);
    return { blocks: top, problems, json: false };
  } finally {
    tree.delete();
  }
}

function collectProblems(node: Node, out: ParseProblem[]): void {
  if (out.length >= MAX_PROBLEMS) return;
  if (node.type === 'ERROR') {
    out.push({ span: spanOf(node.startIndex, Math.max(node.endIndex, node.startIndex + 1)), message: `Terraform syntax error near "${firstLine(node.text)}"` });
    return;
  }
  if (node.isMissing) {
    out.push({ span: { offset: node.startIndex, length: 0 }, message: `Terraform syntax error: missing "${node.type}"` });
    return;
  }
  if (!node.hasError) return;
  for (const c of node.children) if (c) collectProblems(c, out);
}

const firstLine = (s: string) => (s.length > 30 || s.includes('\n') ? `${s.split('\n')[0].slice(0, 30)}…` : s);

/** Reads attributes and blocks of a body into `attrs`/`blocks`; top-level block types go to `top` (recovery). */
function readBody(body: Node, blocks: HBlock[], top: HBlock[], attrs?: Map<string, HAttr>): void {
  for (const c of body.namedChildren) {
    if (!c) continue;
    if (c.type === 'attribute' && attrs) {
      const a = readAttr(c);
      if (a) attrs.set(a.name, a);
    } else if (c.type === 'block') {
      const b = readBlock(c, top);
      if (b) (blocks !== top && TOP_LEVEL.has(b.type) ? top : blocks).push(b);
    } else if (c.type === 'ERROR') {
      // Complete blocks inside an error region still count.
      for (const e of c.namedChildren) if (e?.type === 'block') {
        const b = readBlock(e, top);
        if (b) (TOP_LEVEL.has(b.type) ? top : blocks).push(b);
      }
    }
  }
}

function readBlock(node: Node, top: HBlock[]): HBlock | undefined {
  let type: Node | undefined;
  const labels: string[] = [];
  const block: HBlock = { type: '', typeSpan: spanOf(0, 0), labels, span: spanOf(node.startIndex, node.endIndex), attrs: new Map(), blocks: [], closeOffset: node.endIndex, json: false };
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'identifier' && !type) type = c;
    else if (c.type === 'string_lit' || (c.type === 'identifier' && type)) labels.push(c.type === 'string_lit' ? stringContent(c) : c.text);
    else if (c.type === 'body') readBody(c, block.blocks, top, block.attrs);
    else if (c.type === 'block_end') block.closeOffset = c.isMissing || c.startIndex === c.endIndex ? node.endIndex : c.startIndex;
  }
  if (!type) return undefined;
  block.type = type.text;
  block.typeSpan = spanOf(type.startIndex, type.endIndex);
  // A nested top-level block means the braces went wrong: end this block where that one starts.
  const stray = block.blocks.find((b) => TOP_LEVEL.has(b.type));
  if (stray && TOP_LEVEL.has(block.type)) block.closeOffset = Math.min(block.closeOffset, stray.span.offset);
  return block;
}

function readAttr(node: Node): HAttr | undefined {
  const name = node.namedChildren.find((c) => c?.type === 'identifier');
  const expr = node.namedChildren.find((c) => c?.type === 'expression');
  if (!name || !expr) return undefined;
  const broken = node.hasError;
  const value: HVal = broken ? { kind: 'expr', span: spanOf(expr.startIndex, expr.endIndex) } : readExpr(expr);
  return { name: name.text, span: spanOf(node.startIndex, node.endIndex), value };
}

function stringContent(n: Node): string {
  const lit = n.namedChildren.find((c) => c?.type === 'template_literal');
  return lit ? lit.text : '';
}

function readExpr(node: Node): HVal {
  const span = spanOf(node.startIndex, node.endIndex);
  const kids = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const head = kids[0];
  if (!head) return { kind: 'expr', span };
  if (node.type === 'expression' && kids.length === 1 && head.type !== 'variable_expr') return readExpr(head);
  switch (head.type) {
    case 'variable_expr':
      return traversal(head, kids.slice(1), span);
    case 'literal_value':
      return readExpr(head);
    case 'numeric_lit':
      return { kind: 'number', span, value: Number(head.text) };
    case 'bool_lit':
      return { kind: 'bool', span, value: head.text === 'true' };
    case 'null_lit':
      return { kind: 'null', span };
    case 'string_lit':
      return { kind: 'string', span, value: stringContent(head) };
    case 'tuple':
      return { kind: 'tuple', span, items: head.namedChildren.filter((c): c is Node => c?.type === 'expression').map(readExpr) };
    case 'object':
      return { kind: 'object', span, entries: objectEntries(head) };
    case 'quoted_template':
      return template(head, span);
    default:
      return head.type === 'collection_value' || head.type === 'template_expr' ? readExpr(head) : { kind: 'expr', span };
  }
}

/** var.x.y, local.x["k"], ingress.value.port: the steps, or an opaque expression. */
function traversal(variable: Node, rest: Node[], span: HVal['span']): HVal {
  const ref = [variable.text];
  for (const step of rest) {
    if (step.type === 'get_attr') {
      const id = step.namedChildren.find((c) => c?.type === 'identifier');
      if (!id) return { kind: 'expr', span };
      ref.push(id.text);
    } else if (step.type === 'index') {
      const inner = step.namedChildren[0]?.namedChildren.find((c) => c?.type === 'expression');
      const key = inner ? readExpr(inner) : undefined;
      if (!key || (key.kind !== 'string' && key.kind !== 'number')) return { kind: 'expr', span };
      ref.push(String(key.value));
    } else return { kind: 'expr', span };
  }
  return { kind: 'ref', span, ref };
}

function objectEntries(obj: Node): { key: string; value: HVal }[] {
  const out: { key: string; value: HVal }[] = [];
  for (const el of obj.namedChildren) {
    if (el?.type !== 'object_elem') continue;
    const k = el.childForFieldName('key');
    const v = el.childForFieldName('val');
    if (!k || !v) continue;
    const key = readExpr(k);
    const name = key.kind === 'ref' && key.ref?.length === 1 ? key.ref[0] : key.kind === 'string' ? String(key.value) : undefined;
    if (name !== undefined) out.push({ key: name, value: readExpr(v) });
  }
  return out;
}

/** "${var.x}" is var.x; a template with literal parts only is a string; anything else is opaque. */
function template(node: Node, span: HVal['span']): HVal {
  const parts = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  if (parts.length === 1 && parts[0].type === 'template_interpolation') {
    const inner = parts[0].namedChildren.find((c) => c?.type === 'expression');
    if (inner) return { ...readExpr(inner), span };
  }
  if (parts.every((p) => p.type === 'template_literal')) return { kind: 'string', span, value: parts.map((p) => p.text).join('') };
  return { kind: 'expr', span };
}
