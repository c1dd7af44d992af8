/** The core must run in the browser build and the CLI alike: no editor API, no Node-only modules. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));

test('src/core imports only yaml, ip-cidr, web-tree-sitter and itself', () => {
  const allowed = /^(\.|yaml$|ip-cidr$|web-tree-sitter$)/;
  for (const file of files(join(process.cwd(), 'src', 'core')).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]/gm)) {
      const spec = m[1] ?? m[2] ?? m[3];
      assert.match(spec, allowed, `${file} imports ${spec}`);
    }
  }
});

test('src/vscode and src/cli never import each other', () => {
  for (const [dir, other] of [['vscode', 'cli'], ['cli', 'vscode']]) {
    for (const file of files(join(process.cwd(), 'src', dir)).filter((f) => f.endsWith('.ts'))) {
      assert.doesNotMatch(readFileSync(file, 'utf8'), new RegExp(`from ['"]\\.\\./${other}/`), file);
    }
  }
});
