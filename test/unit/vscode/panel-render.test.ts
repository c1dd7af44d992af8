/** The webview script run against a minimal DOM stand-in: one finding; its fixes in the Ctrl+. menu's order with the
 *  preferred one labelled in words; advisories one line each, in threat order, with KEV badges, expanding to the
 *  KEV data date and typed remediation. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { test } from 'node:test';
import { analyzeText, LineIndex } from '../../../src/core/index';
import { findingKey } from '../../../src/vscode/finding-key';
import { buildPanelModel } from '../../../src/vscode/panel-model';

class FakeNode {
  children: FakeNode[] = [];
  attrs: Record<string, string> = {};
  textContent = '';
  className = '';
  constructor(readonly tagName: string) {}
  appendChild(c: FakeNode) {
    this.children.push(c);
    return c;
  }
  replaceChildren(...c: FakeNode[]) {
    this.children = c;
  }
  setAttribute(k: string, v: string) {
    this.attrs[k] = v;
  }
  getAttribute(k: string) {
    return this.attrs[k] ?? null;
  }
  addEventListener() {}
  querySelectorAll() {
    return [];
  }
  /** All text below this node, in document order. */
  text(): string {
    return [this.textContent, ...this.children.map((c) => c.text())].join(' ');
  }
  all(tag: string): FakeNode[] {
    return [...(this.tagName === tag ? [this] : []), ...this.children.flatMap((c) => c.all(tag))];
  }
}

/** Runs media/advisories.js on a fake DOM and posts one update, as the extension does. */
function render(detail: unknown, hint = ''): FakeNode {
  const app = new FakeNode('main');
  let onMessage: ((e: { data: unknown }) => void) | undefined;
  const document = {
    getElementById: () => app,
    createElement: (tag: string) => new FakeNode(tag),
    createTextNode: (t: string) => Object.assign(new FakeNode('#text'), { textContent: t }),
    activeElement: null,
  };
  const window = { addEventListener: (_: string, h: (e: { data: unknown }) => void) => (onMessage = h) };
  const vscodeApi = { getState: () => undefined, setState: () => {}, postMessage: () => {} };
  runInNewContext(readFileSync(join(process.cwd(), 'media', 'advisories.js'), 'utf8'), { acquireVsCodeApi: () => vscodeApi, document, window });
  assert.ok(onMessage, 'the script listens for messages');
  onMessage({ data: { type: 'update', detail, hint } });
  return app;
}

function exposedDetail() {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const findings = analyzeText({ uri: 'file:///w/rules.v4', text }).findings;
  const lines = new LineIndex(text);
  const ranges = findings.map((f) => ({ start: lines.positionAt(f.span.offset), end: lines.positionAt(f.span.offset + f.span.length) }));
  return buildPanelModel([{ uri: 'file:///w/rules.v4', label: 'rules.v4', findings, ranges }], { uri: 'file:///w/rules.v4', findingKey: findingKey(findings[0]) }).selected!;
}

test('advisories are one line each, most exploited first, with KEV and ransomware badges; the body holds the rest', () => {
  const detail = exposedDetail();
  const app = render(detail);
  const cards = app.all('details').filter((d) => d.className.split(' ').includes('card'));
  assert.deepEqual(
    cards.map((c) => c.attrs['aria-label']),
    detail.advisories.map((a) => `Advisory ${a.id}`),
  );
  assert.equal(cards[0].attrs['aria-label'], 'Advisory MS17-010');
  const line = cards[0].all('summary')[0];
  assert.match(line.text(), /MS17-010/);
  assert.match(line.text(), /\bKEV\b/);
  assert.match(line.text(), /\bRansomware\b/);
  assert.doesNotMatch(line.text(), /Vendor fix/, 'the line is only the summary');
  for (const c of cards) assert.match(c.text(), /KEV data as of \d{4}-\d{2}-\d{2}/);
  assert.match(cards[0].text(), /Vendor fix: Install the MS17-010 update/);
  const history = cards.find((c) => c.attrs['aria-label'] === 'Advisory MS05-027')!;
  assert.match(history.all('summary')[0].text(), /History/);
  assert.match(history.text(), /out of vendor support/);
  assert.match(app.text(), /Advisories \(\d+\), most exploited first/);
  assert.equal(cards.filter((c) => c.attrs.open !== undefined).length, 0, 'every card starts closed');
});

test('fixes come in the Ctrl+. order, the preferred one first and labelled in words (not only by colour)', () => {
  const detail = exposedDetail();
  const buttons = render(detail).all('button');
  assert.equal(buttons.length, detail.fixes.length);
  assert.ok(detail.fixes[0].isPreferred, 'the model puts the preferred fix first');
  assert.match(buttons[0].text(), /Preferred/);
  assert.match(buttons[0].attrs['aria-label'], /\(preferred\)/);
  for (const b of buttons.slice(1)) assert.doesNotMatch(b.text(), /Preferred/);
  assert.match(buttons.at(-1)!.text(), /for this file/);
});

test('without a finding the panel says why, in the words it was given', () => {
  const app = render(null, 'No finding at the cursor in k8s/svc.yaml (2 findings in this file).');
  assert.match(app.text(), /No finding at the cursor in k8s\/svc.yaml/);
  assert.equal(app.all('button').length, 0);
});
