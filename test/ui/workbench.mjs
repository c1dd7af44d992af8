// Drives the code-server workbench as a person would. Every step waits for what it needs; no fixed sleeps.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** The core (bundled by `esbuild.mjs --tests`): the reference for what a diagnostic and a fix must be. */
export function core() {
  return require(join(ROOT, 'dist', 'test', 'integration', 'support', 'core.js'));
}

export const sel = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget input.input[type="text"]',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  editorLines: '.monaco-editor .view-lines',
  squiggleError: '.monaco-editor .squiggly-error',
  problems: '[id="status.problems"]',
  actionRow: '.action-widget .monaco-list-row',
  hover: '.monaco-hover:not(.hidden)',
  cursor: '[id="status.editor.selection"]',
  activity: (title) => `.activitybar .action-item a[aria-label^="${title}"]`,
  webviewFrame: 'iframe.webview.ready',
};

/** Docs screenshots are taken at this size (set before the workbench loads). */
export const SHOT_VIEWPORT = { width: 1400, height: 900 };

/** Screenshot into the results folder and, with UPDATE_SCREENSHOTS=1, into docs/images/<name>; `options` go to
 *  Playwright (a `clip` for one widget). */
export async function screenshot(page, { resultsDir, root }, name, options = {}) {
  const { copyFileSync, mkdirSync } = await import('node:fs');
  mkdirSync(resultsDir, { recursive: true });
  const shot = join(resultsDir, name);
  await page.screenshot({ ...options, path: shot });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    copyFileSync(shot, join(root, 'docs', 'images', name));
  }
}

/** Waits until the status bar's cursor item reads "Ln <line>," (1-based). */
export async function waitForCursorLine(page, line, timeout = 15_000) {
  await page.waitForFunction(
    ({ selector, n }) => new RegExp(`\\bLn ${n},`).test(document.querySelector(selector)?.textContent ?? ''),
    { selector: sel.cursor, n: line },
    { timeout },
  ).catch(async (err) => {
    const now = await page.locator(sel.cursor).textContent().catch(() => '?');
    throw new Error(`cursor never reached line ${line} (status bar: "${now}"): ${err.message}`);
  });
}

/** Pixel tops of the editor lines that carry an error squiggle, and of the line whose text includes `text`. */
export async function squiggleLineTops(page, text) {
  return page.evaluate(
    ({ squiggle, text }) => {
      const topOf = (el) => Math.round(parseFloat(el?.style.top ?? 'NaN'));
      const squiggles = [...document.querySelectorAll(squiggle)].map((el) => topOf(el.parentElement));
      const line = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(text));
      return { squiggles, line: line ? topOf(line) : null };
    },
    { squiggle: sel.squiggleError, text },
  );
}

/** The Playwright Frame of the webview's content document (the one holding `marker`). */
export async function webviewContentFrame(page, marker = '#app', timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      if (await f.locator(marker).count().catch(() => 0)) return f;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame holding ${marker}`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval for frames to attach
  }
}

/** Opens the SMB Guard side bar: a click on its activity-bar icon. Its count badge lies over the icon and takes the
 *  click (which reaches the same activity-bar item), so the actionability check is skipped. */
export async function openSmbGuard(page) {
  await page.locator(sel.activity('SMB Guard')).first().click({ force: true });
}

/** Opens the workbench on `url` and waits until the status bar (and so the window) is up. */
export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.locator(sel.workbench).waitFor({ timeout: 60_000 });
  await page.locator(sel.problems).waitFor({ timeout: 60_000 });
}

/** Quick Open (Control+P) → type → Enter; waits until the editor shows `expectText`. */
export async function quickOpen(page, query, expectText) {
  await page.keyboard.press('Control+P');
  const input = page.locator(sel.quickInput);
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  // The first row must be the file asked for: until the search answers, the list shows recently opened files (another
  // folder's main.tf would match by name alone).
  const name = query.split('/').pop();
  const folder = query.split('/').slice(0, -1).join('/');
  await page.locator(sel.quickInputRow).first().filter({ hasText: name }).filter({ hasText: folder }).waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator(sel.editorLines, { hasText: expectText }).first().waitFor({ state: 'visible' });
}

/** Go to line/column (1-based) with Control+G. */
export async function goTo(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator(sel.quickInput);
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Control+. at the cursor, then moves the keyboard focus to the action titled `title` and presses Enter.
 * (Clicking is unreliable: the widget lays a pointer block over the page until the mouse moves.)
 */
export async function applyQuickFix(page, title) {
  await page.keyboard.press('Control+.');
  const rows = page.locator(`${sel.actionRow}.action`);
  await rows.first().waitFor({ state: 'visible' });
  const target = rows.filter({ hasText: title });
  await target.first().waitFor({ state: 'visible' }).catch(async () => {
    throw new Error(`no quick fix titled "${title}"; offered: ${(await rows.allInnerTexts()).join(' | ')}`);
  });
  const count = await rows.count();
  for (let i = 0; i <= count; i++) {
    const focused = (await target.first().getAttribute('class'))?.split(/\s+/).includes('focused');
    if (focused) break;
    if (i === count) throw new Error(`could not move the focus to "${title}"`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await rows.first().waitFor({ state: 'hidden' });
}

/** Waits until the Problems status bar item reads `errors` errors (its aria-label starts "Errors: N"). */
export async function waitForErrorCount(page, errors, timeout = 30_000) {
  await page.waitForFunction(
    ({ selector, n }) => {
      const el = document.querySelector(selector);
      const label = el?.getAttribute('aria-label') ?? el?.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '';
      return new RegExp(`Errors?: ${n}(\\D|$)`).test(label) || (n === 0 && /No Problems/i.test(label));
    },
    { selector: sel.problems, n: errors },
    { timeout },
  );
}

export async function problemsLabel(page) {
  const el = page.locator(sel.problems);
  return (await el.getAttribute('aria-label')) ?? (await el.locator('[aria-label]').first().getAttribute('aria-label'));
}

/** Polls the file on disk until it equals `expected` (the editor saves asynchronously). */
export async function waitForFile(file, expected, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let actual = '';
  for (;;) {
    actual = readFileSync(file, 'utf8');
    if (actual === expected) return;
    if (Date.now() > deadline) {
      throw new Error(`${file} never became the expected text.\n--- expected\n${expected}\n--- actual\n${actual}`);
    }
    await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for time to pass
  }
}
