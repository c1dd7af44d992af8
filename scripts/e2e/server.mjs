// Starts and stops a throwaway code-server (its own process group, temp profile) for the VS Code tests.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Settings every test profile starts with: no walkthrough tab, no telemetry, no update checks. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

const live = new Set();
const tempDirs = new Set();
let hooksInstalled = false;

/** Removes `dir` when the process exits, however it exits (returns `dir`). */
export function removeOnExit(dir) {
  installExitHooks();
  tempDirs.add(dir);
  return dir;
}

function removeTempDirs() {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

/** Kills every live server's process group synchronously: safe inside 'exit' handlers. */
export function killAllServers(signal = 'SIGKILL', { removeProfiles = false } = {}) {
  for (const s of live) {
    try {
      process.kill(-s.pid, signal);
    } catch {
      /* already gone */
    }
    live.delete(s);
    if (removeProfiles) rmSync(s.dirs.base, { recursive: true, force: true });
    else console.error(`[e2e] left the code-server profile (logs) in ${s.dirs.base}`);
  }
}

export function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    killAllServers();
    removeTempDirs();
  });
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, async () => {
      console.error(`\n[e2e] ${sig}: stopping code-server`);
      await Promise.race([Promise.all([...live].map((s) => s.stop())), new Promise((r) => setTimeout(r, 3000))]);
      killAllServers('SIGKILL', { removeProfiles: true });
      process.exit(code);
    });
  }
  const crash = (label) => (err) => {
    console.error(`[e2e] ${label}:`, err);
    killAllServers();
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value; throws `message` after `timeout` ms. */
export async function waitUntil(check, { timeout = 30_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Files under `dir` (recursive) whose path relative to `dir` matches `re`. */
export function findFilesMatching(dir, re) {
  const out = [];
  const walk = (d) => {
    let entries = [];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(relative(dir, p))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Starts code-server on 127.0.0.1:<free port> with a throwaway profile.
 * @param {object} o
 * @param {string} o.entry code-server's out/node/entry.js
 * @param {string} [o.folder] folder to open by default
 * @param {string[]} [o.vsix] extensions to install first
 * @param {object} [o.settings] extra user settings
 * @param {object} [o.env] extra environment for the server and its extension hosts (tests read theirs here)
 * @param {number} [o.port] fixed port (default: a free one)
 * @param {(line: string) => void} [o.log]
 */
export async function startServer({ entry, folder, vsix = [], settings = {}, env = {}, port, log = console.log } = {}) {
  installExitHooks();
  const base = mkdtempSync(join(tmpdir(), 'smb-guard-code-server-'));
  const dirs = {
    base,
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
    xdgConfig: join(base, 'xdg-config'),
    xdgData: join(base, 'xdg-data'),
    xdgCache: join(base, 'xdg-cache'),
    serverLog: join(base, 'code-server.log'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache, join(dirs.userData, 'User')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2)}\n`);
  const config = join(base, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');

  const serverEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    ...env,
  };
  // A password in the environment would switch auth back on.
  delete serverEnv.PASSWORD;
  delete serverEnv.HASHED_PASSWORD;
  const common = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  for (const file of vsix) {
    const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', file], { env: serverEnv, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0 || /error|failed/i.test(r.stderr ?? '')) {
      rmSync(base, { recursive: true, force: true });
      throw new Error(`code-server --install-extension ${file} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    log(`[e2e] installed ${file}: ${r.stdout.trim().split('\n').pop()}`);
  }

  port ??= await freePort();
  const args = [
    entry,
    ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(folder ? [folder] : []),
  ];
  const out = openSync(dirs.serverLog, 'a');
  const child = spawn(process.execPath, args, { detached: true, env: serverEnv, stdio: ['ignore', out, out] });
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  const handle = {
    pid: child.pid,
    port,
    url,
    dirs,
    exited: exitedPromise,
    /** URL that opens `folder`, optionally with a workbench `payload` (e.g. extension test paths). */
    urlFor(openFolder, payload) {
      const q = new URLSearchParams();
      if (openFolder) q.set('folder', openFolder);
      if (payload) q.set('payload', JSON.stringify(payload));
      const qs = q.toString();
      return `${url}/${qs ? `?${qs}` : ''}`;
    },
    /** Copies the server log and the extension host logs into `dest`. */
    collectLogs(dest) {
      mkdirSync(dest, { recursive: true });
      const copied = [];
      if (existsSync(dirs.serverLog)) {
        cpSync(dirs.serverLog, join(dest, 'code-server.log'));
        copied.push('code-server.log');
      }
      for (const f of findFilesMatching(join(dirs.userData, 'logs'), /exthost[^/]*\.log$|remoteagent\.log$/)) {
        const name = relative(join(dirs.userData, 'logs'), f).replaceAll('/', '__');
        cpSync(f, join(dest, name));
        copied.push(name);
      }
      return copied;
    },
    /** Stops the whole process group (extension hosts included) and removes the profile. */
    stopRequested: false,
    async stop({ keep = false } = {}) {
      handle.stopRequested = true;
      if (live.has(handle)) {
        live.delete(handle);
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 5000);
        await exitedPromise;
        clearTimeout(timer);
        // Stragglers (extension hosts) that outlived the parent still hold the group id.
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* none left */
        }
      }
      if (!keep) rmSync(base, { recursive: true, force: true });
    },
  };
  live.add(handle);

  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${dirs.serverLog}`);
        try {
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
          return res.ok;
        } catch {
          return false;
        }
      },
      { timeout: 60_000, message: `${url}/healthz` },
    );
  } catch (err) {
    await handle.stop({ keep: true });
    throw err;
  }
  return handle;
}
