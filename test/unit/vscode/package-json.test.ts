/** package.json contributions agree with the code: ids, settings, defaults, formats, media. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SMB_SERVICES, formats, ruleMetas } from '../../../src/core/index';
import { ADVISORY_VIEW_ID, Commands, EDITOR_HAS_FINDINGS, FINDINGS_VIEW_ID, VIEW_CONTAINER_ID } from '../../../src/vscode/ids';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_EXCLUDE, DEFAULT_MAX_FILE_SIZE_KB, toGuardSettings } from '../../../src/vscode/settings-map';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const props: Record<string, { default: unknown; markdownDescription?: string; items?: { enum?: string[] }; properties?: object }> = pkg.contributes.configuration.properties;
const setting = (k: string) => props[`smbGuard.${k}`];

test('every public command is contributed once, with the SMB Guard category', () => {
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command);
  const publicIds = Object.values(Commands).filter((id) => id !== Commands.applyFixWithInput && id !== Commands.classifyInterface);
  assert.deepEqual([...contributed].sort(), [...publicIds].sort());
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'SMB Guard');
});

test('command titles are in Title Case; editor-only and view-only commands are hidden where they do not apply', () => {
  const small = new Set(['a', 'an', 'the', 'for', 'in', 'at', 'of', 'to', 'with', 'by', 'on']);
  for (const c of pkg.contributes.commands as { title: string }[]) {
    for (const word of c.title.split(/\s+/)) assert.ok(small.has(word) || /^[A-Z0-9]/.test(word), `"${c.title}": "${word}"`);
  }
  const palette = new Map((pkg.contributes.menus.commandPalette as { command: string; when: string }[]).map((m) => [m.command, m.when]));
  for (const id of [Commands.fixAll, Commands.showAdvisory]) assert.equal(palette.get(id), EDITOR_HAS_FINDINGS, id);
  for (const id of [Commands.applyPreferredFix, Commands.suppressFinding, Commands.revealFinding, Commands.filterSeverity]) assert.equal(palette.get(id), 'false', id);
});

test('settings come in a deliberate order, each with its own place', () => {
  const orders = Object.values(props).map((v) => (v as { order?: number }).order);
  assert.ok(orders.every((o) => Number.isInteger(o)), 'every setting has an order');
  assert.equal(new Set(orders).size, orders.length, 'no two settings share a place');
  assert.equal((setting('trustedSources') as { order?: number }).order, 1, 'what the fixes write comes first');
  assert.equal(pkg.contributes.configuration.title, 'SMB Guard');
});

test('every setting has a markdownDescription, and its default maps to the adapter default', () => {
  const keys = Object.keys(props).map((k) => k.replace(/^smbGuard\./, '')).sort();
  assert.deepEqual(keys, ['advisories.overlay', 'broadPrivatePrefix', 'broadPrivatePrefixV6', 'cloudformation.parameterFiles', 'compose.files', 'debounceMs', 'documentation', 'enable', 'enabledFormats', 'exclude', 'helm.valuesFiles', 'interfaces', 'maxFileSizeKB', 'publicHostPrefix', 'publicHostPrefixV6', 'run', 'services', 'severity', 'terraform.varFiles', 'timeBudgetMs', 'trustedSources']);
  for (const [k, v] of Object.entries(props)) assert.ok(v.markdownDescription, k);
  const raw = Object.fromEntries(keys.map((k) => [k, setting(k).default]));
  const s = toGuardSettings(raw);
  assert.deepEqual(s.warnings, []);
  assert.equal(s.maxFileSizeKB, DEFAULT_MAX_FILE_SIZE_KB);
  assert.equal(s.debounceMs, DEFAULT_DEBOUNCE_MS);
  assert.deepEqual(s.exclude, DEFAULT_EXCLUDE);
  assert.deepEqual(s.helmValuesFiles, []);
  assert.deepEqual(s.terraformVarFiles, []);
  assert.deepEqual(s.composeFiles, []);
  assert.deepEqual(s.cloudformationParameterFiles, []);
  assert.deepEqual(setting('services').default, DEFAULT_SMB_SERVICES);
});

test('enabledFormats lists every core format by default; severity names every rule', () => {
  const ids = formats.map((f) => f.id);
  assert.deepEqual(setting('enabledFormats').default, ids);
  assert.deepEqual(setting('enabledFormats').items?.enum, ids);
  assert.deepEqual(Object.keys(setting('severity').properties ?? {}).sort(), Object.keys(ruleMetas).sort());
});

test('activation stays narrow', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  assert.ok(pkg.activationEvents.includes('onLanguage:iptables'));
  // VS Code's own settings files and every tsconfig.json are jsonc: opening them must not activate SMB Guard.
  assert.ok(!pkg.activationEvents.includes('onLanguage:jsonc'));
});

test('main and browser are the small activation bundles; the walkthrough media exist', () => {
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.browser, './dist/web/extension.js');
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.deepEqual(
    walkthrough.steps.map((s: { id: string }) => s.id),
    ['whatItChecks', 'trustedSources', 'interfaces', 'scanWorkspace'],
  );
  for (const step of walkthrough.steps) {
    const media = step.media.markdown ?? step.media.image;
    assert.ok(media?.startsWith('media/walkthrough/') && existsSync(join(root, media)), `${step.id}: ${media}`);
  }
});

test('the view, its container and the media it names exist', () => {
  const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === VIEW_CONTAINER_ID);
  assert.ok(container);
  assert.ok(existsSync(join(root, container.icon)));
  // The findings tree first (as Problems lists), the one-finding detail webview below it.
  assert.deepEqual(
    pkg.contributes.views[VIEW_CONTAINER_ID].map((v: { id: string; type?: string }) => [v.id, v.type ?? 'tree']),
    [
      [FINDINGS_VIEW_ID, 'tree'],
      [ADVISORY_VIEW_ID, 'webview'],
    ],
  );
  assert.ok(pkg.contributes.viewsWelcome.some((w: { view: string; contents: string }) => w.view === FINDINGS_VIEW_ID && w.contents.includes(`command:${Commands.scanWorkspace}`)));
  for (const f of ['media/advisories.js', 'media/advisories.css', pkg.icon]) assert.ok(existsSync(join(root, f)), f);
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});

test('the iptables language points at files that exist', (t) => {
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'iptables');
  assert.ok(existsSync(join(root, lang.configuration)));
  assert.ok(new RegExp(lang.firstLine).test('# Generated by ip6tables-save v1.8.9 on Tue Nov 10 2026'));
  const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'iptables');
  assert.equal(grammar.scopeName, 'source.iptables');
  if (!existsSync(join(root, grammar.path))) t.skip('grammar not written yet');
});
