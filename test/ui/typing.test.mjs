// UI: typing an exposing rule into an open file adds a squiggle on that line once the debounce has run; Ctrl+. lists its fixes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOT_VIEWPORT, goTo, openWorkbench, quickOpen, screenshot, sel, squiggleLineTops, waitForErrorCount } from './workbench.mjs';

const RULE = '-A INPUT -p tcp --dport 139 -j ACCEPT';

export const tests = [
  {
    name: 'typing an exposing rule makes a new squiggle appear',
    async run({ page, url, workspace, resultsDir, root }) {
      const file = join(workspace, 'server', 'rules.v4');
      const lines = readFileSync(file, 'utf8').split('\n');
      const commit = lines.indexOf('COMMIT') + 1;
      if (commit < 1) throw new Error('fixture server/rules.v4 has no COMMIT line');

      await page.setViewportSize(SHOT_VIEWPORT);
      await openWorkbench(page, url);
      await quickOpen(page, 'server/rules.v4', '--dport 445');
      await page.locator(sel.squiggleError).first().waitFor({ state: 'attached', timeout: 30_000 });
      await waitForErrorCount(page, 1);
      const before = await squiggleLineTops(page, RULE);
      if (before.line !== null) throw new Error('the fixture already holds the rule this test types');

      // A fresh empty line above COMMIT, then the rule typed into it (no Enter after it: a suggestion could swallow it).
      await goTo(page, commit, 1);
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.type(RULE);
      await page.keyboard.press('Escape');
      await page.locator(sel.editorLines, { hasText: RULE }).first().waitFor();

      // The new line gets its own error squiggle, and the status bar counts two errors.
      let now;
      const deadline = Date.now() + 15_000;
      for (;;) {
        now = await squiggleLineTops(page, RULE);
        if (now.line !== null && now.squiggles.includes(now.line)) break;
        if (Date.now() > deadline) throw new Error(`no squiggle on the typed line: ${JSON.stringify({ before, now })}`);
        await page.waitForTimeout(100); // poll interval
      }
      await waitForErrorCount(page, 2);
      const count = await page.locator(sel.squiggleError).count();
      if (count < 2) throw new Error(`expected 2 error squiggles, found ${count}`);

      // Ctrl+. on the new rule: its quick fixes, for docs/images/quick-fix.png.
      await goTo(page, commit, RULE.indexOf('--dport') + 1);
      await page.keyboard.press('Control+.');
      const rows = page.locator(`${sel.actionRow}.action`);
      await rows.filter({ hasText: 'Show advisory: MS17-010' }).first().waitFor({ state: 'visible' });
      await rows.filter({ hasText: 'Change this rule to deny the traffic' }).first().waitFor({ state: 'visible' });
      await screenshot(page, { resultsDir, root }, 'quick-fix.png');
      await page.keyboard.press('Escape');
      await rows.first().waitFor({ state: 'hidden' });
    },
  },
];
