/** The tree-sitter Terraform grammar, loaded once from wasm bytes the host hands over (no fs, no fetch). */
// esbuild.mjs aliases this to the package's CommonJS build: its ESM build reads import.meta.url, which our
// CommonJS bundles leave undefined, and then fails in Node before any option is read.
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { AssetLoader } from '../format';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the runtime and the grammar; repeated calls share one load. A failed load can be retried. */
export function initTerraformParser(load: AssetLoader): Promise<void> {
  loading ??= (async () => {
    const [runtime, grammar] = await Promise.all([load('web-tree-sitter.wasm'), load('tree-sitter-terraform.wasm')]);
    // wasmBinary keeps Emscripten from locating the runtime on disk or over the network.
    await Parser.init({ wasmBinary: runtime, locateFile: (name: string) => name } as object);
    const language = await Language.load(grammar);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

export function parserReady(): boolean {
  return parser !== undefined;
}

/** Parses a JS string; node indexes are UTF-16 code units into it (web-tree-sitter parses strings as UTF-16). */
export function parseHclTree(text: string): Tree | undefined {
  return parser?.parse(text) ?? undefined;
}
