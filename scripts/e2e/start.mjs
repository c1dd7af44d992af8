// `npm start`: build, package and install the extension into a throwaway code-server on a temporary copy of
// examples/ (so edits, fixes and auto-save never touch the repository), with the first example open. The URL is
// the last line printed; Ctrl+C stops the server and removes the copy.
//   node scripts/e2e/start.mjs [--port=8080] [--skip-build]
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, VSIX } from './config.mjs';
import { buildAndPackage } from './build.mjs';
import { ensureCodeServer } from './install.mjs';
import { removeOnExit, startServer } from './server.mjs';

/** The examples' files in a stable order (folders first by name, then their files). */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A temporary copy of examples/ (removed on exit) and the first example in it. */
export function copyExamples() {
  const source = join(ROOT, 'examples');
  if (!existsSync(source)) throw new Error(`${source} is missing`);
  const folder = join(removeOnExit(mkdtempSync(join(tmpdir(), 'smb-guard-examples-'))), 'examples');
  cpSync(source, folder, { recursive: true });
  const [first] = files(folder);
  return { folder, first };
}

async function main() {
  const argv = process.argv.slice(2);
  const port = Number(argv.find((a) => a.startsWith('--port='))?.split('=')[1] ?? process.env.PORT ?? 0) || undefined;
  const entry = ensureCodeServer();
  const { vsix } = argv.includes('--skip-build') ? { vsix: VSIX } : await buildAndPackage({ tests: false });
  const { folder, first } = copyExamples();
  const server = await startServer({ entry, folder, vsix: [vsix], port });
  // The workbench opens `openFile` once the folder is loaded; code-server's remote authority is the page's host.
  const url = server.urlFor(folder, [['openFile', `vscode-remote://127.0.0.1:${server.port}${first}`]]);
  console.log(`\nSMB Guard in code-server on a copy of examples/ (${folder}), opening ${relative(folder, first)}.`);
  console.log('Edits stay in the copy, which is removed when you stop the server with Ctrl+C.');
  console.log(url);
  // Ctrl+C is handled in server.mjs: it stops the process group, removes the profile and exits.
  const { code, signal } = await server.exited;
  if (server.stopRequested) return;
  console.error(`[start] code-server exited on its own (code ${code}, signal ${signal}); log: ${server.dirs.serverLog}`);
  process.exit(1);
}

main().catch((err) => {
  console.error(`[start] ${err?.message ?? err}`);
  process.exit(1);
});
