// `npm run test:vscode`: the extension in a real VS Code (code-server) — the in-host mocha suite, then the UI suite.
//   node scripts/e2e/run.mjs [--suite=host|ui|all] [--skip-build] [--keep]
//   env: SMB_GUARD_E2E_GREP (mocha grep, UI name filter), SMB_GUARD_E2E_EXTENSION_DIR (test another built
//        extension folder), UPDATE_SCREENSHOTS=1 (refresh docs/images/diagnostic.png)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS, RESULTS_DIR, ROOT, VSIX } from './config.mjs';
import { buildAndPackage } from './build.mjs';
import { ensureCodeServer } from './install.mjs';
import { killAllServers, removeOnExit, startServer } from './server.mjs';

// Printed by test/integration/suite/index.ts around the mocha run.
const START_MARKER = 'SMB_GUARD_E2E_START';
const RESULT_MARKER = 'SMB_GUARD_E2E_RESULT';
const HOST_TIMEOUT = 240_000;
const UI_TIMEOUT = 120_000;
const WATCHDOG = 9 * 60_000;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const suite = argv.find((a) => a.startsWith('--suite='))?.split('=')[1] ?? 'all';
const grep = process.env.SMB_GUARD_E2E_GREP ?? '';
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * The workbench logs (extension-host output included) as `console.log('%c INFO', 'color: #33f', format, ...args)`:
 * drop the styling and apply the printf-style format, as a terminal would.
 */
async function formatConsole(msg) {
  let args;
  try {
    args = await Promise.all(msg.args().map((a) => a.jsonValue()));
  } catch {
    return msg.text();
  }
  if (!args.length) return msg.text();
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
    const styles = (args[0].match(/%c/g) ?? []).length;
    args = [args[0].replace(/%c/g, '').trim(), ...args.slice(1)];
    args.splice(1, styles); // the CSS strings
    const level = args.shift();
    return `${level === 'INFO' ? '' : `${level} `}${format(...args)}`;
  }
  return format(...args);
}

/** Collects the page console (formatted, in order) and page errors; `onLine(type, text)` sees each as it comes. */
function captureConsole(page, onLine = () => {}) {
  const lines = [];
  let chain = Promise.resolve();
  page.on('console', (msg) => {
    chain = chain.then(async () => {
      const text = await formatConsole(msg);
      lines.push(`[${msg.type()}] ${text}`);
      onLine(msg.type(), text);
    });
  });
  page.on('pageerror', (err) => {
    lines.push(`[pageerror] ${err.stack ?? err}`);
    onLine('pageerror', String(err));
  });
  return { drain: () => chain.then(() => lines) };
}

function copyWorkspace(parent, name) {
  const dest = join(parent, name);
  cpSync(join(ROOT, 'test', 'integration', 'workspace'), dest, { recursive: true });
  return dest;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${secs(ms)}`)), ms);
    }),
  ]);
}

/** The test-electron model inside code-server: extensionTestsPath runs in the Node extension host. */
async function runHostSuite({ browser, server, extensionDir, wsParent }) {
  console.log('\n[e2e] in-host suite (mocha in the extension host)');
  const started = Date.now();
  const workspace = copyWorkspace(wsParent, 'host');
  const testsPath = join(ROOT, 'dist', 'test', 'integration', 'suite', 'index.js');
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: the test bundle was not built`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Between the runner's start and result markers everything logged is test output: echo it live.
  let echo = false;
  const console_ = captureConsole(page, (type, text) => {
    if (text.includes(START_MARKER)) echo = true;
    else if (echo) console.log(`  ${text}`);
    else if (type === 'error' && !/Failed to load resource|Long running operations during shutdown/.test(text)) console.log(`  [page ${type}] ${text.slice(0, 500)}`);
    if (text.includes(RESULT_MARKER)) echo = false;
  });
  let exitWith;
  const exited = new Promise((resolve) => (exitWith = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => exitWith(Number(code)));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${extensionDir}`],
    ['extensionTestsPath', `vscode-remote://remote${testsPath}`],
  ];
  let code;
  let error;
  try {
    await page.goto(server.urlFor(workspace, payload));
    code = await withTimeout(exited, HOST_TIMEOUT, 'the in-host suite');
  } catch (err) {
    error = err;
  }
  const lines = await console_.drain();
  const marker = lines.map((l) => l.match(new RegExp(`${RESULT_MARKER} (\\{.*?\\})`))).find(Boolean);
  let passed = 0;
  let failed = 0;
  if (marker) ({ passed, failed } = JSON.parse(marker[1]));
  if (error || code !== 0 || !marker) failed = Math.max(failed, 1);
  if (error) console.log(`  ✗ ${error.message}`);
  else if (!marker) console.log(`  ✗ the suite exited with ${code} but printed no ${RESULT_MARKER} line`);
  else if (code !== 0 && !failed) console.log(`  ✗ the workbench reported exit code ${code} although no test failed`);
  if (failed) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'host-console.log'), `${lines.join('\n')}\n`);
    await page.screenshot({ path: join(RESULTS_DIR, 'host-failure.png') }).catch(() => {});
  }
  await context.close();
  console.log(`[e2e] in-host suite: ${passed} passed, ${failed} failed (${secs(Date.now() - started)})`);
  return { passed, failed };
}

/** test/ui/*.test.mjs export `tests = [{ name, run(ctx) }]`; each gets a fresh browser context and workspace. */
async function runUiSuite({ browser, server, wsParent }) {
  console.log('\n[e2e] UI suite (Playwright + Chromium)');
  const dir = join(ROOT, 'test', 'ui');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort();
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const { tests = [] } = await import(pathToFileURL(join(dir, file)).href);
    for (const t of tests) {
      if (grep && !t.name.includes(grep)) continue;
      const started = Date.now();
      const name = slug(t.name);
      const workspace = copyWorkspace(wsParent, `ui-${name}`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const console_ = captureConsole(page);
      page.setDefaultTimeout(30_000);
      try {
        await withTimeout(
          t.run({ page, url: server.urlFor(workspace), workspace, server, resultsDir: RESULTS_DIR, root: ROOT }),
          t.timeout ?? UI_TIMEOUT,
          t.name,
        );
        passed++;
        console.log(`  ✓ ${file}: ${t.name} (${secs(Date.now() - started)})`);
      } catch (err) {
        failed++;
        const detail = String(err?.stack ?? err).replace(/\x1b\[[0-9;]*m/g, '');
        console.log(`  ✗ ${file}: ${t.name} (${secs(Date.now() - started)})\n    ${detail.split('\n').join('\n    ')}`);
        mkdirSync(RESULTS_DIR, { recursive: true });
        await page.screenshot({ path: join(RESULTS_DIR, `ui-${name}.png`) }).catch(() => {});
        writeFileSync(join(RESULTS_DIR, `ui-${name}.console.log`), `${(await console_.drain()).join('\n')}\n`);
      } finally {
        await context.close();
      }
    }
  }
  console.log(`[e2e] UI suite: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

async function main() {
  const t0 = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`[e2e] watchdog: the run took over ${secs(WATCHDOG)}; stopping`);
    killAllServers();
    console.log('0 passed, 1 failed');
    process.exit(1);
  }, WATCHDOG);
  watchdog.unref();

  const entry = ensureCodeServer();
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  }
  let extensionDir = ROOT;
  let vsix = VSIX;
  if (!flag('skip-build')) ({ extensionDir, vsix } = await buildAndPackage());
  else if (process.env.SMB_GUARD_E2E_EXTENSION_DIR) throw new Error('--skip-build cannot be combined with SMB_GUARD_E2E_EXTENSION_DIR');

  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const wsParent = mkdtempSync(join(tmpdir(), 'smb-guard-ws-'));
  if (!flag('keep')) removeOnExit(wsParent);
  const tServer = Date.now();
  const server = await startServer({ entry, vsix: [vsix], env: { SMB_GUARD_E2E_GREP: grep } });
  console.log(`[e2e] code-server ${server.url} up in ${secs(Date.now() - tServer)} (pid group ${server.pid})`);

  const { chromium } = await import('playwright-core');
  const chromiumEnv = {
    ...process.env,
    XDG_CONFIG_HOME: server.dirs.xdgConfig,
    XDG_DATA_HOME: server.dirs.xdgData,
    XDG_CACHE_HOME: server.dirs.xdgCache,
  };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: chromiumEnv });
  const totals = { passed: 0, failed: 0 };
  const add = (r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
  };
  try {
    if (suite === 'all' || suite === 'host') add(await runHostSuite({ browser, server, extensionDir, wsParent }));
    if (suite === 'all' || suite === 'ui') add(await runUiSuite({ browser, server, wsParent }));
  } catch (err) {
    console.error(`[e2e] harness error: ${err?.stack ?? err}`);
    totals.failed++;
  } finally {
    await browser.close().catch(() => {});
    if (totals.failed) {
      const copied = server.collectLogs(join(RESULTS_DIR, 'logs'));
      console.log(`[e2e] failure artefacts in ${RESULTS_DIR} (logs: ${copied.join(', ') || 'none found'})`);
    }
    await server.stop({ keep: flag('keep') });
    if (flag('keep')) console.log(`[e2e] kept profile ${server.dirs.base} and workspaces ${wsParent}`);
    else rmSync(wsParent, { recursive: true, force: true });
  }
  console.log(`\n[e2e] total ${secs(Date.now() - t0)}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[e2e] ${process.env.SMB_GUARD_E2E_DEBUG ? (err?.stack ?? err) : (err?.message ?? err)}`);
    killAllServers();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
