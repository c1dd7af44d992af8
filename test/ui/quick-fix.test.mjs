// UI: a person opens an exposed iptables file, sees the squiggle, applies the preferred quick fix and saves.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOT_VIEWPORT, applyQuickFix, core, goTo, openWorkbench, problemsLabel, quickOpen, sel, waitForErrorCount, waitForFile } from './workbench.mjs';

export const tests = [
  {
    name: 'quick fix removes SMB internet exposure from server/rules.v4',
    async run({ page, url, workspace, resultsDir, root }) {
      const file = join(workspace, 'server', 'rules.v4');
      const original = readFileSync(file, 'utf8');
      const { analyzeText, applyEdits, LineIndex } = core();
      const finding = analyzeText({ uri: `file://${file}`, text: original }).findings.find((f) => f.ruleId === 'smb-internet-exposure');
      if (!finding) throw new Error('the core finds no smb-internet-exposure in the fixture: fix the fixture or the test');
      const fix = finding.fixes.find((f) => f.isPreferred);
      if (!fix) throw new Error('the core offers no preferred fix for the fixture');
      const expected = applyEdits(original, fix.edits);
      const at = new LineIndex(original).positionAt(finding.span.offset + Math.floor(finding.span.length / 2));

      await page.setViewportSize(SHOT_VIEWPORT); // docs/images/diagnostic.png is taken at this size
      await openWorkbench(page, url);
      await quickOpen(page, 'server/rules.v4', '--dport 445');

      // The diagnostic: one error squiggle and "Errors: 1" in the status bar.
      await page.locator(sel.squiggleError).first().waitFor({ state: 'attached', timeout: 30_000 });
      await waitForErrorCount(page, 1);
      // The Problems panel lists the finding with its source and rule id.
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'TCP 445 (SMB) is accepted from anywhere' }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      const rowText = await row.innerText();
      if (!rowText.includes('smb-internet-exposure') || !rowText.includes('SMB Guard')) throw new Error(`Problems row lacks source or code: ${rowText}`);
      await page.keyboard.press('Control+Shift+M');
      const squiggles = await page.locator(sel.squiggleError).count();
      if (squiggles < 1) throw new Error('no error squiggle');

      // Show the message under the squiggle (Control+K Control+I) and take the picture of it.
      await goTo(page, at.line + 1, at.character + 1);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator(sel.hover, { hasText: '445' }).first().waitFor({ state: 'visible' });
      mkdirSync(resultsDir, { recursive: true });
      const shot = join(resultsDir, 'diagnostic.png');
      await page.screenshot({ path: shot });
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(join(root, 'docs', 'images'), { recursive: true });
        copyFileSync(shot, join(root, 'docs', 'images', 'diagnostic.png'));
      }
      await page.keyboard.press('Escape');
      await page.locator(sel.hover).first().waitFor({ state: 'hidden' });

      // Control+. on the flagged line → the preferred fix.
      await applyQuickFix(page, fix.title);
      await page.locator(sel.editorLines, { hasText: expected.split('\n')[at.line] }).first().waitFor();

      await page.keyboard.press('Control+S');
      await waitForFile(file, expected);
      await page.locator(sel.squiggleError).first().waitFor({ state: 'detached', timeout: 30_000 });
      await waitForErrorCount(page, 0).catch(async (err) => {
        throw new Error(`status bar still reports errors (${await problemsLabel(page)}): ${err.message}`);
      });
      if (expected === original) throw new Error('the preferred fix changed nothing');
    },
  },
];
