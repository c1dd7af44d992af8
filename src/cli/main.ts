// Entry point of `smb-guard` (bundled to dist/cli.js): runs the CLI on process.argv and sets the exit code.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initFormats } from '../core/index';
import { run } from './run';

// esbuild inlines the JSON at build time, so the bundle carries its own version.
const { version } = require('../../package.json') as { version: string };

// A closed pipe (`smb-guard scan | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

async function main(): Promise<void> {
  // The Terraform parser is wasm, shipped next to this bundle in dist/wasm.
  const failed = await initFormats(async (name) => new Uint8Array(await readFile(join(__dirname, 'wasm', name))));
  for (const f of failed) process.stderr.write(`smb-guard: warning: the ${f.id} parser did not load (${f.error}); ${f.id} files are reported as unreadable.\n`);
  process.exitCode = run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    version,
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`smb-guard: internal error: ${e instanceof Error ? e.message.split('\n', 1)[0] : String(e)}\n`);
  process.exitCode = 2;
});
