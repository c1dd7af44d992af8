// Entry point of `smb-guard` (bundled to dist/cli.js): runs the CLI on process.argv and sets the exit code.
import { run } from './run';

// esbuild inlines the JSON at build time, so the bundle carries its own version.
const { version } = require('../../package.json') as { version: string };

// A closed pipe (`smb-guard scan | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  version,
});
