/** The activation bundle (package.json `main` / `browser`) holds no reader, no wasm loader and no YAML library:
 *  those are the analysis bundle's, loaded on first use. Built here as esbuild.mjs builds it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

/** Small enough to evaluate in a few ms on a slow machine; today about 18 KB unminified. */
const MAX_BYTES = 40_000;

test('the activation bundle imports no reader, parser or YAML library, and stays small', async () => {
  const out = await esbuild.build({
    entryPoints: ['src/vscode/main.ts'],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(out.metafile.inputs);
  const heavy = inputs.filter((p) => /node_modules\/|src\/core\/(?:formats\/(?!format\.ts$)|analysis\/|rules\/|advisories\/|fixes\/|model\/)|src\/core\/index\.ts$|src\/vscode\/extension\.ts$/.test(p));
  assert.deepEqual(heavy, [], `the activation bundle pulls in ${heavy.join(', ')}`);
  const bytes = out.outputFiles[0].contents.length;
  console.log(`activation bundle: ${bytes} bytes from ${inputs.length} modules`);
  assert.ok(bytes <= MAX_BYTES, `${bytes} bytes, over the ${MAX_BYTES} budget`);
});
