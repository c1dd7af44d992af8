/** The advisory panel's view-model: plain JSON, advisories in threat order, the selection resolved, the list grouped and capped. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeText, LineIndex, type Finding } from '../../../src/core/index';
import { findingKey } from '../../../src/vscode/finding-key';
import { buildPanelModel, countFindings, MAX_LISTED, type PanelFileInput } from '../../../src/vscode/panel-model';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'iptables', name), 'utf8');

function fileInput(uri: string, text: string): PanelFileInput {
  const findings = analyzeText({ uri, text }).findings;
  const lines = new LineIndex(text);
  const ranges = findings.map((f) => ({ start: lines.positionAt(f.span.offset), end: lines.positionAt(f.span.offset + f.span.length) }));
  return { uri, label: uri.slice(uri.lastIndexOf('/') + 1), findings, ranges };
}

test('the selected finding carries why, fixes and advisory cards, most exploited first, MS05-027 with its 2005 context', () => {
  const file = fileInput('file:///w/fileserver-internet.rules', fixture('fileserver-internet.rules'));
  const f = file.findings[0];
  const model = buildPanelModel([file], { uri: file.uri, findingKey: findingKey(f) });
  const s = model.selected;
  assert.ok(s);
  assert.equal(s.ruleId, 'smb-internet-exposure');
  assert.equal(s.severity, 'error');
  assert.equal(s.docsUrl, 'https://github.com/smb-guard/smb-guard/blob/main/docs/rules/smb-internet-exposure.md');
  assert.deepEqual(
    s.why.map((w) => w.label),
    ['Rule', 'Source', 'Services', 'Policy', 'Rule text'],
  );
  assert.equal(s.why.find((w) => w.label === 'Source')?.value, 'anywhere');
  // The Ctrl+. menu's order: the preferred fix first, then the others as the core offers them.
  const preferred = f.fixes.findIndex((x) => x.isPreferred);
  assert.ok(preferred > 0, 'the fixture prefers a fix that is not the first offered');
  assert.deepEqual(
    s.fixes.map((x) => x.index),
    [preferred, ...f.fixes.map((_, i) => i).filter((i) => i !== preferred)],
  );
  assert.ok(s.fixes[0].isPreferred);
  // Titles as the Ctrl+. menu shows them: no placeholder, the editor asks for the network.
  const asks = s.fixes.find((x) => x.needsInput === 'trusted-sources');
  assert.equal(asks?.title, 'Restrict the source to a network you enter…');
  assert.equal(s.fixes.find((x) => x.isPreferred)?.needsInput, null);
  assert.equal(s.fixes.at(-1)?.needsInput, 'reason');
  assert.equal(s.advisories[0].id, 'MS17-010');
  assert.equal(s.advisories[0].threat, 'kev-ransomware');
  for (const card of s.advisories) assert.match(card.kevAsOf, /^KEV data as of \d{4}-\d{2}-\d{2}$/);
  const history = s.advisories.find((c) => c.id === 'MS05-027');
  assert.ok(history?.history);
  assert.match(history.published, /^2005-06/);
  assert.match(history.context ?? '', /June 2005/);
});

test('the model is plain JSON (it crosses into the webview)', () => {
  const file = fileInput('file:///w/fileserver-internet.rules', fixture('fileserver-internet.rules'));
  const model = buildPanelModel([file], { uri: file.uri, findingKey: findingKey(file.findings[0]) });
  assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
});

test('files are grouped and sorted by label, items carry 1-based lines and ranges', () => {
  const a = fileInput('file:///w/b-outbound.rules', fixture('outbound.rules'));
  const b = fileInput('file:///w/a-fileserver.rules', fixture('fileserver-internet.rules'));
  const model = buildPanelModel([a, b]);
  assert.equal(model.selected, null);
  assert.deepEqual(
    model.files.map((f) => f.label),
    ['a-fileserver.rules', 'b-outbound.rules'],
  );
  const item = model.files[0].findings[0];
  assert.equal(item.line, item.range.start.line + 1);
  assert.equal(item.line, 12);
});

test('an unknown selection resolves to nothing; files without findings are left out', () => {
  const file = fileInput('file:///w/fileserver-internet.rules', fixture('fileserver-internet.rules'));
  const empty: PanelFileInput = { uri: 'file:///w/hardened.rules', label: 'hardened.rules', findings: [], ranges: [] };
  const model = buildPanelModel([file, empty], { uri: file.uri, findingKey: 'smb-internet-exposure:1:1' });
  assert.equal(model.selected, null);
  assert.equal(model.files.length, 1);
});

test('the list is capped, but the selection is still found past the cap', () => {
  const file = fileInput('file:///w/fileserver-internet.rules', fixture('fileserver-internet.rules'));
  const f = file.findings[0];
  const many: Finding[] = Array.from({ length: MAX_LISTED + 5 }, (_, i) => ({ ...f, span: { offset: i, length: 1 } }));
  const input = { ...file, findings: many, ranges: many.map(() => file.ranges[0]) };
  const last = many[many.length - 1];
  const model = buildPanelModel([input], { uri: file.uri, findingKey: findingKey(last) });
  assert.equal(model.files[0].findings.length, MAX_LISTED);
  assert.equal(model.truncated, 5);
  assert.equal(model.selected?.findingKey, findingKey(last));
});

test('counts exposures by severity, not parse problems', () => {
  const file = fileInput('file:///w/fileserver-internet.rules', fixture('fileserver-internet.rules'));
  const parse: Finding = { ...file.findings[0], ruleId: 'smb-parse-error', severity: 'warning' };
  assert.deepEqual(countFindings([file.findings, [parse]]), { error: 1, warning: 0, info: 0, total: 1 });
});
