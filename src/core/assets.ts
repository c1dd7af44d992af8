/** The packaged assets the formats load at init (esbuild.mjs copies them to dist/wasm). Named here, apart from the
 *  readers, so that a host can start reading them while it loads the readers (the editor's activation bundle). */
export const TREE_SITTER_RUNTIME = 'web-tree-sitter.wasm';
export const TERRAFORM_GRAMMAR = 'tree-sitter-terraform.wasm';
export const FORMAT_ASSETS: readonly string[] = [TREE_SITTER_RUNTIME, TERRAFORM_GRAMMAR];
