/** Turns the tree-sitter syntax tree into the document model (hcl-walk.ts). ERROR subtrees are skipped, complete
 *  blocks kept. */
import type { Node, Tree } from 'web-tree-sitter';
import type { ParseProblem } from '../../types';
import { spanOf, type HBlock, type HDoc } from './doc';
import { kindsOf, OutOfStep, Walker, type WantedBlock } from './hcl-walk';
import { forgetWords } from './hcl-plain';
import { parseHclTree } from './parser';

export type { WantedBlock } from './hcl-walk';

const MAX_PROBLEMS = 20;

export function readHcl(text: string, wanted: WantedBlock = () => true): HDoc | undefined {
  const tree = parseHclTree(text);
  if (!tree) return undefined;
  try {
    return readHclTree(tree, text, wanted);
  } finally {
    tree.delete();
  }
}

/** The document model of a tree parsed from `text`. */
export function readHclTree(tree: Tree, text: string, wanted: WantedBlock = () => true): HDoc {
  const root = tree.rootNode;
  const problems: ParseProblem[] = [];
  const clean = !root.hasError;
  if (!clean) collectProblems(root, problems);
  let blocks = walk(tree, text, wanted, clean);
  // Should the text reader ever read a clean tree differently, the node-by-node walk decides.
  blocks ??= walk(tree, text, wanted, false) ?? [];
  return { blocks, problems, json: false };
}

function walk(tree: Tree, text: string, wanted: WantedBlock, clean: boolean): HBlock[] | undefined {
  const cursor = tree.walk();
  try {
    const top: HBlock[] = [];
    new Walker(text, cursor, kindsOf(tree.language), clean, wanted, top).readRoot();
    return top;
  } catch (e) {
    if (e instanceof OutOfStep) return undefined;
    throw e;
  } finally {
    cursor.delete();
    forgetWords();
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
