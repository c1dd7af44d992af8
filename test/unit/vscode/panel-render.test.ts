/** The webview script run against a minimal DOM stand-in: the advisory cards render, in threat order, with the
 *  KEV data date, the threat badge and typed remediation (the texts the panel screenshot shows). */
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

test('the panel renders cards most exploited first, each with its KEV data date', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
  const findings = analyzeText({ uri: 'file:///w/rules.v4', text }).findings;
  const lines = new LineIndex(text);
  const ranges = findings.map((f) => ({ start: lines.positionAt(f.span.offset), end: lines.positionAt(f.span.offset + f.span.length) }));
  const model = buildPanelModel([{ uri: 'file:///w/rules.v4', label: 'rules.v4', findings, ranges }], { uri: 'file:///w/rules.v4', findingKey: findingKey(findings[0]) });

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
  onMessage({ data: { type: 'update', model } });

  const cards = app.all('article');
  assert.deepEqual(
    cards.map((c) => c.attrs['aria-label']),
    model.selected!.advisories.map((a) => `Advisory ${a.id}`),
  );
  assert.equal(cards[0].attrs['aria-label'], 'Advisory MS17-010');
  for (const c of cards) assert.match(c.text(), /KEV data as of \d{4}-\d{2}-\d{2}/);
  assert.match(cards[0].text(), /Exploited, ransomware/);
  assert.match(cards[0].text(), /Vendor fix: Install the MS17-010 update/);
  const history = cards.find((c) => c.attrs['aria-label'] === 'Advisory MS05-027')!;
  assert.match(history.text(), /History/);
  assert.match(history.text(), /out of vendor support/);
  assert.match(app.text(), /Advisories, most exploited first/);
});
