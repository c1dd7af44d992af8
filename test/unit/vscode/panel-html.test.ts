/** The panel's HTML shell and webview script: strict CSP, fresh nonces, no HTML injection sinks, nothing remote. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeNonce, panelHtml } from '../../../src/vscode/panel-html';

test('nonces are 128-bit hex and differ each time', () => {
  const a = makeNonce();
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, makeNonce());
});

test('the CSP allows only our stylesheets, the packaged codicon font and the nonce-carrying script', () => {
  const html = panelHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/advisories.js', styleUri: 'https://x/advisories.css', codiconsUri: 'https://x/codicon.css', nonce: 'abc123' });
  const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; img-src https://x.vscode-cdn.net; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; script-src 'nonce-abc123';");
  assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/codicon.css">/);
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.match(html, /<script nonce="abc123" src="https:\/\/x\/advisories.js"><\/script>/);
  assert.doesNotMatch(html, /<style|\son\w+=/i, 'no inline styles or handlers');
});

test('the webview script renders without HTML sinks and loads nothing remote', () => {
  const js = readFileSync(join(process.cwd(), 'media', 'advisories.js'), 'utf8');
  const css = readFileSync(join(process.cwd(), 'media', 'advisories.css'), 'utf8');
  for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) assert.ok(!js.includes(sink), sink);
  assert.doesNotMatch(js, /fetch\(|XMLHttpRequest|import\(/);
  assert.doesNotMatch(css, /url\(|@import/);
  // Every colour comes from the theme.
  assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgb\(/i);
});
