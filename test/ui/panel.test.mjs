// UI: a click on a finding in the Findings tree moves the cursor there; the detail panel shows it with its advisories
// (most exploited first) and renders rule text from the file (an HTML-injection attempt) as literal text.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { SHOT_VIEWPORT, openSmbGuard, openWorkbench, quickOpen, screenshot, sel, waitForCursorLine, webviewContentFrame } from './workbench.mjs';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

export const tests = [
  {
    name: 'side panel shows advisories and findings; a click moves the cursor; hostile text stays text',
    async run({ page, url, workspace, resultsDir, root }) {
      const text = readFileSync(join(workspace, 'office', 'rules.v4'), 'utf8').split('\n');
      const hostileLine = text.findIndex((l) => l.includes(HOSTILE)) + 1;
      const netbiosLine = text.findIndex((l) => l.includes('--dport 139 -j ACCEPT')) + 1;
      if (hostileLine < 1 || netbiosLine < 1) throw new Error('fixture office/rules.v4 changed: fix the test');

      const dialogs = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => {});
      });
      await page.setViewportSize(SHOT_VIEWPORT);
      await openWorkbench(page, url);
      await quickOpen(page, 'office/rules.v4', '--dport 139');
      await page.locator(sel.squiggleError).first().waitFor({ state: 'attached', timeout: 30_000 });
      await waitForCursorLine(page, 1);

      // Activity bar → SMB Guard: the Findings tree, and the detail panel below it.
      await openSmbGuard(page);
      const frame = page.frameLocator(sel.webviewFrame).frameLocator('#active-frame');
      const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Findings/i }) });
      const items = tree.locator('.monaco-list-row', { hasText: /\[Ln \d+, Col \d+\]/ });
      await items.nth(1).waitFor({ state: 'visible', timeout: 30_000 });
      const listed = await items.allInnerTexts();
      if (listed.length !== 2) throw new Error(`expected 2 findings in the tree, got ${listed.length}: ${listed.join(' | ')}`);

      // Click the hostile rule's finding: the editor cursor goes there and the detail shows the advisories.
      await items.filter({ hasText: new RegExp(`\\[Ln ${hostileLine},`) }).first().click();
      await waitForCursorLine(page, hostileLine);
      const cards = frame.locator('details.card');
      await frame.locator('details[aria-label="Advisory MS17-010"]').waitFor({ state: 'visible', timeout: 30_000 });
      const first = await cards.first().getAttribute('aria-label');
      if (first !== 'Advisory MS17-010') throw new Error(`first advisory card is "${first}"`);
      await frame.locator('details.card', { hasText: 'KEV data as of' }).first().waitFor({ state: 'attached' });
      await frame.locator('details.card p.context', { hasText: 'June 2005' }).first().waitFor({ state: 'attached' });

      // The comment is shown verbatim as text, and the webview's DOM gained no element from it.
      await frame.locator('dd.code', { hasText: HOSTILE }).first().waitFor({ state: 'visible' });
      const content = await webviewContentFrame(page);
      const dom = await content.evaluate(() => ({
        imgs: document.querySelectorAll('img').length,
        injectedScripts: [...document.scripts].filter((s) => (s.textContent ?? '').includes('alert(')).length,
        onerror: [...document.querySelectorAll('*')].filter((e) => e.hasAttribute('onerror')).length,
      }));
      if (dom.imgs || dom.injectedScripts || dom.onerror) throw new Error(`hostile markup became DOM in the webview: ${JSON.stringify(dom)}`);
      if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`);

      // Another finding: the cursor follows, and the panel (with its cards) is what docs/images/panel.png shows.
      await items.filter({ hasText: new RegExp(`\\[Ln ${netbiosLine},`) }).first().click();
      await waitForCursorLine(page, netbiosLine);
      await frame.locator('dd.code', { hasText: '--dport 139' }).first().waitFor({ state: 'visible' });
      await frame.locator('details[aria-label="Advisory MS17-010"]').waitFor({ state: 'visible' });
      await frame.locator('details[aria-label="Advisory MS17-010"] > summary').click();

      // For the picture: a wider side bar, and the panel scrolled back to the selected finding and its first card.
      const bar = await page.locator('.part.sidebar').boundingBox();
      if (!bar) throw new Error('no side bar');
      const y = bar.y + bar.height / 2;
      await page.mouse.move(bar.x + bar.width - 1, y);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 200, y, { steps: 5 });
      await page.mouse.up();
      await page.mouse.move(bar.x + bar.width + 600, bar.y + bar.height - 40); // off the sash, onto empty editor space
      await page.waitForFunction((w) => (document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) > w + 100, bar.width);
      await content.evaluate(() => document.querySelector('details[aria-label="Advisory MS17-010"]')?.scrollIntoView({ block: 'start' }));
      await content.waitForFunction(() => {
        const card = document.querySelector('details[aria-label="Advisory MS17-010"]');
        const r = card?.getBoundingClientRect();
        return r && r.top >= 0 && r.top < window.innerHeight;
      });
      await screenshot(page, { resultsDir, root }, 'panel.png');
      if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`);
    },
  },
];
