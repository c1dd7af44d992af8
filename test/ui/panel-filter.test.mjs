// UI: the panel's severity filter narrows the list and says how many rows each choice shows; the list is
// reachable by keyboard; under a high-contrast theme the panel takes the theme's contrast border.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openWorkbench, quickOpen, screenshot, sel, waitForCursorLine, webviewContentFrame } from './workbench.mjs';

/** Severity labels of the rows the panel lists now. */
async function rowSeverities(frame) {
  return frame.locator('ul.findings a .badge').allInnerTexts();
}

export const tests = [
  {
    name: 'panel: severity filter, keyboard navigation, high-contrast theme',
    async run({ page, url, workspace, resultsDir, root }) {
      const text = readFileSync(join(workspace, 'fileserver', 'rules.v4'), 'utf8').split('\n');
      const udpLine = text.findIndex((l) => l.includes('--dports 137,138')) + 1;
      if (udpLine < 1) throw new Error('fixture fileserver/rules.v4 changed: fix the test');

      await openWorkbench(page, url);
      await quickOpen(page, 'fileserver/rules.v4', '--dports 137,138');
      await page.locator(sel.squiggleError).first().waitFor({ state: 'attached', timeout: 30_000 });
      await page.locator(sel.activity('SMB Guard')).first().click();
      const frame = page.frameLocator(sel.webviewFrame).frameLocator('#active-frame');
      const rows = frame.locator('ul.findings a');
      await rows.first().waitFor({ state: 'visible', timeout: 30_000 });

      const all = await rowSeverities(frame);
      const warnings = all.filter((s) => s === 'Warning').length;
      if (!all.includes('Error') || warnings === 0 || warnings === all.length) throw new Error(`fixture should give mixed severities, got ${all.join(', ')}`);

      const filter = frame.locator('select[aria-label="Show findings of severity"]');
      const label = await filter.locator('option[value="warning"]').innerText();
      if (label !== `Warnings (${warnings})`) throw new Error(`the warning option reads "${label}", expected "Warnings (${warnings})"`);
      await filter.selectOption('warning');
      await frame.locator('ul.findings a .badge.error').waitFor({ state: 'detached' });
      const shown = await rowSeverities(frame);
      if (shown.length !== warnings || shown.some((s) => s !== 'Warning')) throw new Error(`filter "warning" shows ${shown.join(', ')}`);
      await filter.selectOption('all');
      await frame.locator('ul.findings a .badge.error').first().waitFor({ state: 'visible' });
      if ((await rowSeverities(frame)).length !== all.length) throw new Error('filter "all" does not bring every row back');

      // Keyboard: focus the error row and press Enter; the editor cursor goes to its line.
      const errorRow = rows.filter({ hasText: new RegExp(`Ln ${udpLine}\\b`) }).first();
      await errorRow.focus();
      await page.keyboard.press('Enter');
      await waitForCursorLine(page, udpLine);

      // High contrast: VS Code marks the webview body, and cards take the contrast border colour.
      // Ctrl+K Ctrl+T opens the colour-theme picker (the palette would also offer the marketplace browser).
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      const input = page.locator(sel.quickInput);
      // The theme picker replaces the command list: wait for its rows before typing.
      await page.locator(sel.quickInputRow, { hasText: 'Light Modern' }).first().waitFor({ state: 'visible' });
      await input.fill('Dark High Contrast');
      await page.locator(sel.quickInputRow, { hasText: 'Dark High Contrast' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await page.locator('.monaco-workbench.hc-black').waitFor({ state: 'attached', timeout: 15_000 });
      await errorRow.click();
      const content = await webviewContentFrame(page);
      await content.waitForFunction(() => document.body.classList.contains('vscode-high-contrast') && document.querySelector('article.card'), undefined, { timeout: 15_000 });
      const look = await content.evaluate(() => {
        const card = document.querySelector('article.card');
        const css = getComputedStyle(document.documentElement);
        return { border: getComputedStyle(card).borderTopColor, contrast: css.getPropertyValue('--vscode-contrastBorder').trim() };
      });
      if (!look.contrast) throw new Error('no --vscode-contrastBorder in the high-contrast webview');
      if (look.border === 'rgba(0, 0, 0, 0)' || look.border === 'transparent') throw new Error(`cards have no visible border in high contrast: ${JSON.stringify(look)}`);
      await screenshot(page, { resultsDir, root }, 'panel-high-contrast.png');
    },
  },
];
