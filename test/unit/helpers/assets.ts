/** Loads the core's packaged assets from node_modules, as the bundles load them from dist/. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initFormats } from '../../../src/core/index';

const LOCATIONS: Record<string, string> = {
  'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-terraform.wasm': 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
};

export async function loadAsset(name: string): Promise<Uint8Array> {
  const path = LOCATIONS[name];
  if (!path) throw new Error(`unknown asset ${name}`);
  return new Uint8Array(await readFile(join(process.cwd(), path)));
}

let ready: Promise<void> | undefined;

/** Initialises every format once per test process; throws when one fails. */
export function initAllFormats(): Promise<void> {
  ready ??= initFormats(loadAsset).then((failed) => {
    if (failed.length) throw new Error(`formats failed to load: ${failed.map((f) => `${f.id}: ${f.error}`).join('; ')}`);
  });
  return ready;
}
