// UI: the Findings tree, the one-finding detail panel and the hover in Dark Modern, Light+ and High Contrast.
// The tree follows the cursor; the panel names the preferred fix in words, keeps advisories to one line each and
// never scrolls sideways in the default side bar; the hover shows its link. Screenshots go to docs/images.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { SHOT_VIEWPORT, openSmbGuard, goTo, openWorkbench, quickOpen, screenshot, sel, webviewContentFrame } from './workbench.mjs';

const THEMES = [
  { name: 'Dark Modern', slug: 'dark', body: 'vscode-dark' },
  { name: 'Light+', slug: 'light', body: 'vscode-light' },
  { name: 'Dark High Contrast', slug: 'high-contrast', body: 'vscode-high-contrast' },
];

/** Ctrl+K Ctrl+T, then the theme by name (the picker replaces the command list: wait for its rows first). */
async function setTheme(page, name) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator(sel.quickInput);
  await page.locator(sel.quickInputRow, { hasText: 'Light Modern' }).first().waitFor({ state: 'visible' });
  await input.fill(name);
  const row = page.locator(sel.quickInputRow).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[+]/g, '\\+')}`) }) });
  await row.first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

export const tests = [
  {
    name: 'findings tree, detail panel and hover in three themes',
    timeout: 240_000,
    async run({ page, url, workspace, resultsDir, root }) {
      const text = readFileSync(join(workspace, 'office', 'rules.v4'), 'utf8').split('\n');
      const netbiosLine = text.findIndex((l) => l.includes('--dport 139 -j ACCEPT')) + 1;
      if (netbiosLine < 1) throw new Error('fixture office/rules.v4 changed: fix the test');
      // Inside the flagged range (the port), where the hover and the quick fixes are.
      const portColumn = text[netbiosLine - 1].indexOf('--dport 139') + 10;

      await page.setViewportSize(SHOT_VIEWPORT);
      await openWorkbench(page, url);
      await quickOpen(page, 'office/rules.v4', '--dport 139');
      await page.locator(sel.squiggleError).first().waitFor({ state: 'attached', timeout: 30_000 });
      await openSmbGuard(page);

      // The tree: the file, then its findings with their rule and line as Problems shows them.
      const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Findings/i }) });
      const rows = tree.locator('.monaco-list-row');
      await rows.filter({ hasText: 'rules.v4' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      const finding = rows.filter({ hasText: new RegExp(`\\[Ln ${netbiosLine}, Col \\d+\\]`) }).first();
      await finding.waitFor({ state: 'visible' });
      const badge = await page.locator(`${sel.activity('SMB Guard')} ~ .badge, .activitybar .action-item:has(a[aria-label^="SMB Guard"]) .badge`).first().innerText();
      if (!/^\d+$/.test(badge.trim())) throw new Error(`the activity bar badge reads "${badge}"`);

      // The cursor on the NetBIOS rule: the tree selects it and the detail panel shows it.
      await goTo(page, netbiosLine, portColumn);
      await page.waitForFunction(
        (line) => [...document.querySelectorAll('.monaco-list-row.selected')].some((r) => r.textContent?.includes(`[Ln ${line},`)),
        netbiosLine,
      );
      const frame = page.frameLocator(sel.webviewFrame).frameLocator('#active-frame');
      await frame.locator('section[aria-label="Selected finding"]').waitFor({ state: 'visible', timeout: 30_000 });
      await frame.locator('dd.code', { hasText: '--dport 139' }).first().waitFor({ state: 'visible' });
      const fixes = await frame.locator('ul.fixes button').allInnerTexts();
      if (!/Preferred/.test(fixes[0] ?? '') || fixes.slice(1).some((f) => /Preferred/.test(f))) throw new Error(`the preferred fix is not first and labelled: ${fixes.join(' | ')}`);
      const content = await webviewContentFrame(page);
      const layout = await content.evaluate(() => ({
        width: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
        cards: [...document.querySelectorAll('details.card')].map((d) => ({ open: d.open, height: d.querySelector('summary').getBoundingClientRect().height })),
        codicons: [...document.styleSheets].some((s) => (s.href ?? '').includes('codicon.css')),
      }));
      if (layout.scroll > layout.width) throw new Error(`the panel scrolls sideways: ${layout.scroll} px content in ${layout.width} px`);
      if (!layout.cards.length || layout.cards.some((c) => c.open)) throw new Error(`advisories should start as closed one-liners: ${JSON.stringify(layout.cards)}`);
      if (!layout.codicons) throw new Error('the packaged codicon stylesheet did not load');
      // One click opens one advisory (keyboard: the summary is focusable and Enter toggles it).
      await frame.locator('details.card > summary').first().focus();
      await page.keyboard.press('Enter');
      await frame.locator('details.card[open]').first().waitFor({ state: 'attached' });

      for (const theme of THEMES) {
        await setTheme(page, theme.name);
        await content.waitForFunction((cls) => document.body.classList.contains(cls), theme.body, { timeout: 15_000 });
        // Back to the editor at the rule, for the window picture and then the hover.
        await goTo(page, netbiosLine, portColumn);
        await page.mouse.move(SHOT_VIEWPORT.width - 10, SHOT_VIEWPORT.height - 60); // off every widget
        await screenshot(page, { resultsDir, root }, `views-${theme.slug}.png`);

        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator(sel.hover, { hasText: 'Top advisory' }).first();
        await hover.waitFor({ state: 'visible', timeout: 15_000 });
        // Fits: the link to the panel is inside the hover's visible box.
        const fits = await hover.evaluate((h) => {
          const box = h.getBoundingClientRect();
          const link = [...h.querySelectorAll('a')].find((a) => a.textContent?.includes('Show details'));
          const r = link?.getBoundingClientRect();
          const scroller = h.querySelector('.monaco-scrollable-element');
          return { link: !!r && r.bottom <= box.bottom + 1 && r.top >= box.top, scrolls: scroller ? scroller.scrollHeight > scroller.clientHeight + 1 : false };
        });
        if (!fits.link || fits.scrolls) throw new Error(`the hover does not fit (${theme.name}): ${JSON.stringify(fits)}`);
        const box = await hover.boundingBox();
        await screenshot(page, { resultsDir, root }, `hover-${theme.slug}.png`, {
          clip: { x: Math.max(0, box.x - 200), y: Math.max(0, box.y - 40), width: Math.min(SHOT_VIEWPORT.width - Math.max(0, box.x - 200), box.width + 400), height: Math.min(SHOT_VIEWPORT.height - Math.max(0, box.y - 40), box.height + 120) },
        });
        await page.keyboard.press('Escape');
        await hover.waitFor({ state: 'hidden' });
      }
    },
  },
];
