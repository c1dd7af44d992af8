// UI: `npm start` serves a temporary copy of examples/ with the first example open and its URL as the last line;
// an edit saved there leaves the repository's `git status` as it was, and Ctrl+C removes the copy.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, sel, waitForFile } from './workbench.mjs';

const EDIT = '# edited through npm start\n';

/** Resolves with everything printed once a line is a URL (the last line `npm start` prints). */
function waitForUrl(child, timeout = 120_000) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within ${timeout} ms:\n${out}`)), timeout);
    const onData = (chunk) => {
      out += chunk;
      const lines = out.split('\n').filter(Boolean);
      if (/^http:\/\/\S+$/.test(lines.at(-1) ?? '') && out.endsWith('\n')) {
        clearTimeout(timer);
        resolve({ out, url: lines.at(-1) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${out}`)));
  });
}

export const tests = [
  {
    name: 'npm start opens the first example in a copy and leaves git status clean',
    timeout: 180_000,
    async run({ page, root }) {
      const status = () => spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout;
      const before = status();
      // --skip-build: the harness has just built and packaged dist/smb-guard.vsix.
      const child = spawn(process.execPath, ['scripts/e2e/start.mjs', '--skip-build'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise((r) => child.on('exit', r));
      try {
        const { out, url } = await waitForUrl(child);
        const folder = out.match(/on a copy of examples\/ \((.+?)\)/)?.[1];
        if (!folder || folder.startsWith(root)) throw new Error(`npm start does not serve a copy outside the repository:\n${out}`);
        const first = join(folder, 'ansible', 'samba-playbook.yml');
        await openWorkbench(page, url);
        await page.locator('.tabs-container .tab', { hasText: 'samba-playbook.yml' }).first().waitFor({ timeout: 60_000 });
        const original = readFileSync(first, 'utf8');
        await page.locator(sel.editorLines, { hasText: original.split('\n').find((l) => l.trim()) }).first().click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type(EDIT);
        await page.keyboard.press('Control+S');
        await waitForFile(first, EDIT + original);
        const after = status();
        if (after !== before) throw new Error(`git status changed:\n--- before\n${before}\n--- after\n${after}`);
        child.kill('SIGINT');
        await exited;
        if (existsSync(folder)) throw new Error(`${folder} is still there after Ctrl+C`);
      } finally {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already stopped */
        }
      }
    },
  },
];
