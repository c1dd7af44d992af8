/** Turns the tree-sitter syntax tree into the document model (hcl-walk.ts). ERROR subtrees are skipped, complete
 *  blocks kept. */
import type { Node, Tree } from 'web-tree-sitter';
import type { Budget } from '../../analysis/budget';
import type { ParseProblem } from '../../types';
import { spanOf, type HAttrs, type HBlock, type HDoc } from './doc';
import { kindsOf, MAX_BLOCK_DEPTH, OutOfStep, Walker, type WantedBlock } from './hcl-walk';
import { forgetWords } from './hcl-plain';
import { parseHclTree, parserReady } from './parser';

export type { WantedBlock } from './hcl-walk';

const MAX_PROBLEMS = 20;

/** `rootAttrs`: read the top-level attributes too (a .tfvars file is only those). */
export function readHcl(text: string, wanted: WantedBlock = () => true, budget?: Budget, rootAttrs = false): HDoc | undefined {
  if (!parserReady()) return undefined;
  const tree = parseHclTree(text, budget);
  if (!tree) return { blocks: [], problems: [{ span: spanOf(0, Math.min(1, text.length)), message: 'the Terraform parser ran out of time on this file; nothing in it was checked' }], json: false };
  try {
    return readHclTree(tree, text, wanted, rootAttrs);
  } finally {
    tree.delete();
  }
}

/** The document model of a tree parsed from `text`. */
export function readHclTree(tree: Tree, text: string, wanted: WantedBlock = () => true, rootAttrs = false): HDoc {
  const root = tree.rootNode;
  const problems: ParseProblem[] = [];
  const clean = !root.hasError;
  if (!clean) collectProblems(root, problems);
  // Should the text reader ever read a clean tree differently, the node-by-node walk decides.
  const read = walk(tree, text, wanted, clean, rootAttrs) ?? walk(tree, text, wanted, false, rootAttrs) ?? { blocks: [], deepAt: -1 };
  if (read.deepAt >= 0) problems.push({ span: spanOf(read.deepAt, read.deepAt + 1), message: `blocks nested more than ${MAX_BLOCK_DEPTH} deep; the deeper ones were not read` });
  return { blocks: read.blocks, problems, json: false, ...(read.attrs ? { attrs: read.attrs } : {}) };
}

function walk(tree: Tree, text: string, wanted: WantedBlock, clean: boolean, rootAttrs: boolean): { blocks: HBlock[]; deepAt: number; attrs?: HAttrs } | undefined {
  const cursor = tree.walk();
  try {
    const top: HBlock[] = [];
    const walker = new Walker(text, cursor, kindsOf(tree.language), clean, wanted, top);
    const attrs = walker.readRoot(rootAttrs);
    return { blocks: top, deepAt: walker.deepAt, attrs };
  } catch (e) {
    if (e instanceof OutOfStep) return undefined;
    throw e;
  } finally {
    cursor.delete();
    forgetWords();
  }
}

/** The first MAX_PROBLEMS error and missing nodes, in document order. A stack, not recursion: a chain of 100,000
 *  operators is a tree 100,000 deep. */
function collectProblems(root: Node, out: ParseProblem[]): void {
  const stack: Node[] = [root];
  while (stack.length && out.length < MAX_PROBLEMS) {
    const node = stack.pop() as Node;
    if (node.type === 'ERROR') {
      out.push({ span: spanOf(node.startIndex, Math.max(node.endIndex, node.startIndex + 1)), message: `Terraform syntax error near "${firstLine(node.text)}"` });
    } else if (node.isMissing) {
      out.push({ span: { offset: node.startIndex, length: 0 }, message: `Terraform syntax error: missing "${node.type}"` });
    } else if (node.hasError) {
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) {
        const c = kids[i];
        if (c) stack.push(c);
      }
    }
  }
}

const firstLine = (s: string) => (s.length > 30 || s.includes('\n') ? `${s.split('\n')[0].slice(0, 30)}…` : s);
