// Shared paths and versions for the end-to-end harness (code-server + Playwright).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_VERSION = '4.99.4';
export const CACHE_DIR = join(ROOT, '.vscode-test', 'code-server');
export const MARKER = join(CACHE_DIR, '.installed');
export const CODE_SERVER_ENTRY = join(CACHE_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const VSIX = join(ROOT, 'dist', 'smb-guard.vsix');

/** Chromium on this closed network: without the background-networking flags it hammers refused hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Nothing in this harness may fetch a Playwright browser.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
