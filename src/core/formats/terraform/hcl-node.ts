/** Reads an attribute from tree-sitter nodes: the exact path for values the plain-text reader (hcl-plain.ts) declines. */
import type { Node } from 'web-tree-sitter';
import { spanOf, type HAttr, type HVal } from './doc';

export function readAttrNode(node: Node): HAttr | undefined {
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

/** Values nested deeper than this (tuples in objects in …) are opaque: real ones nest a few levels, and each is
 *  a recursive call. */
const MAX_VALUE_DEPTH = 64;
const NEGATIVE = /^-\d{1,15}$/;

function readExpr(node: Node, depth = 0): HVal {
  const span = spanOf(node.startIndex, node.endIndex);
  if (depth > MAX_VALUE_DEPTH) return { kind: 'expr', span };
  const inner = (n: Node) => readExpr(n, depth + 1);
  const kids = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const head = kids[0];
  if (!head) return { kind: 'expr', span };
  if (node.type === 'expression' && kids.length === 1 && head.type !== 'variable_expr') return inner(head);
  switch (head.type) {
    case 'variable_expr':
      return traversal(head, kids.slice(1), span, depth);
    case 'literal_value':
      return inner(head);
    case 'numeric_lit':
      return { kind: 'number', span, value: Number(head.text) };
    case 'bool_lit':
      return { kind: 'bool', span, value: head.text === 'true' };
    case 'null_lit':
      return { kind: 'null', span };
    case 'string_lit':
      return { kind: 'string', span, value: stringContent(head) };
    case 'tuple':
      return { kind: 'tuple', span, items: head.namedChildren.filter((c): c is Node => c?.type === 'expression').map(inner) };
    case 'object':
      return { kind: 'object', span, entries: objectEntries(head, depth) };
    case 'quoted_template':
      return template(head, span, depth);
    default:
      // A negative number ("from_port = -1") is a unary operation over a literal: its value is plain.
      if (head.type === 'unary_operation' && NEGATIVE.test(head.text)) return { kind: 'number', span, value: Number(head.text) };
      return head.type === 'collection_value' || head.type === 'template_expr' ? inner(head) : { kind: 'expr', span };
  }
}

/** var.x.y, local.x["k"], ingress.value.port: the steps, or an opaque expression. */
function traversal(variable: Node, rest: Node[], span: HVal['span'], depth: number): HVal {
  const ref = [variable.text];
  for (const step of rest) {
    if (step.type === 'get_attr') {
      const id = step.namedChildren.find((c) => c?.type === 'identifier');
      if (!id) return { kind: 'expr', span };
      ref.push(id.text);
    } else if (step.type === 'index') {
      const inner = step.namedChildren[0]?.namedChildren.find((c) => c?.type === 'expression');
      const key = inner ? readExpr(inner, depth + 1) : undefined;
      if (!key || (key.kind !== 'string' && key.kind !== 'number')) return { kind: 'expr', span };
      ref.push(String(key.value));
    } else return { kind: 'expr', span };
  }
  return { kind: 'ref', span, ref };
}

function objectEntries(obj: Node, depth: number): { key: string; value: HVal }[] {
  const out: { key: string; value: HVal }[] = [];
  for (const el of obj.namedChildren) {
    if (el?.type !== 'object_elem') continue;
    const k = el.childForFieldName('key');
    const v = el.childForFieldName('val');
    if (!k || !v) continue;
    const key = readExpr(k, depth + 1);
    const name = key.kind === 'ref' && key.ref?.length === 1 ? key.ref[0] : key.kind === 'string' ? String(key.value) : undefined;
    if (name !== undefined) out.push({ key: name, value: readExpr(v, depth + 1) });
  }
  return out;
}

/** "${var.x}" is var.x; a template with literal parts only is a string; anything else is opaque. */
function template(node: Node, span: HVal['span'], depth: number): HVal {
  const parts = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  if (parts.length === 1 && parts[0].type === 'template_interpolation') {
    const inner = parts[0].namedChildren.find((c) => c?.type === 'expression');
    if (inner) return { ...readExpr(inner, depth + 1), span };
  }
  if (parts.every((p) => p.type === 'template_literal')) return { kind: 'string', span, value: parts.map((p) => p.text).join('') };
  return { kind: 'expr', span };
}
