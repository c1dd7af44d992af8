// Installs code-server into the git-ignored cache .vscode-test/code-server/ (once per machine; idempotent).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE_DIR, CHROMIUM, CODE_SERVER_ENTRY, CODE_SERVER_VERSION, MARKER } from './config.mjs';

// @vscode/ripgrep (a code-server dependency) downloads rg from GitHub unless its cache holds the archive.
const RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

/** Debian packages the install and the UI suite need, with the files that prove them present. */
export function missingPrerequisites() {
  const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const missing = [];
  if (!existsSync('/usr/bin/rg')) missing.push({ pkg: 'ripgrep', why: '/usr/bin/rg stands in for a GitHub download' });
  if (!existsSync(CHROMIUM)) missing.push({ pkg: 'chromium', why: `${CHROMIUM} drives the workbench` });
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !onPath('krb5-config')) {
    missing.push({ pkg: 'libkrb5-dev', why: 'kerberos headers for code-server’s native module' });
  }
  return missing;
}

export function isInstalled() {
  return existsSync(CODE_SERVER_ENTRY) && existsSync(MARKER) && readFileSync(MARKER, 'utf8').trim() === CODE_SERVER_VERSION;
}

function seedRipgrepCache() {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) throw new Error(`No ripgrep cache seed for architecture ${process.arch}`);
  const archive = join(RIPGREP_CACHE, `ripgrep-v13.0.0-10-${target}.tar.gz`);
  if (existsSync(archive)) return;
  mkdirSync(RIPGREP_CACHE, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-seed-'));
  try {
    copyFileSync('/usr/bin/rg', join(staging, 'rg'));
    const tar = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { stdio: 'inherit' });
    if (tar.status !== 0) throw new Error('tar failed while seeding the ripgrep cache');
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Makes sure code-server is installed; returns the path of its Node entry point. */
export function ensureCodeServer({ force = false, log = console.log } = {}) {
  if (!force && isInstalled()) return CODE_SERVER_ENTRY;
  let missing = missingPrerequisites();
  if (missing.length && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    // As root on Debian, install them rather than stop: `npm test` must set up a new machine by itself.
    const pkgs = missing.map((m) => m.pkg);
    log(`[e2e] installing Debian package(s): ${pkgs.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
    missing = missingPrerequisites();
  }
  if (missing.length) {
    const lines = missing.map((m) => `  - ${m.pkg}: ${m.why}`).join('\n');
    throw new Error(
      `Missing Debian package(s) for the VS Code tests:\n${lines}\n` +
        `Install them with: apt-get install -y --no-install-recommends ${missing.map((m) => m.pkg).join(' ')}`,
    );
  }
  const started = Date.now();
  log(`[e2e] installing code-server ${CODE_SERVER_VERSION} into ${CACHE_DIR} (once; ~90 s)…`);
  seedRipgrepCache();
  mkdirSync(CACHE_DIR, { recursive: true });
  rmSync(MARKER, { force: true });
  const manifest = join(CACHE_DIR, 'package.json');
  if (!existsSync(manifest)) {
    const cache = {
      name: 'smb-guard-code-server-cache',
      private: true,
      description: 'Test-only cache; see scripts/e2e/install.mjs',
      // code-server's postinstall builds its VS Code; argon2 builds or fetches its addon.
      allowScripts: { 'code-server': true, argon2: true },
    };
    writeFileSync(manifest, `${JSON.stringify(cache, null, 2)}\n`);
  }
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CACHE_DIR,
    stdio: 'inherit',
    env: {
      ...process.env,
      npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
      npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root otherwise
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    },
  });
  if (npm.status !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${npm.status ?? npm.signal})`);
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server installed but ${CODE_SERVER_ENTRY} is missing`);
  writeFileSync(MARKER, `${CODE_SERVER_VERSION}\n`);
  log(`[e2e] code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return CODE_SERVER_ENTRY;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const entry = ensureCodeServer({ force: process.argv.includes('--force') });
    console.log(`[e2e] code-server ready: ${entry}`);
  } catch (err) {
    console.error(`[e2e] ${err.message}`);
    process.exit(1);
  }
}
