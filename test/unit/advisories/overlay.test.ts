/** Organisation overlays: overrides and new entries merge over the built-in catalog, findings use them, and every
 *  problem is reported at its place in the YAML text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import schema from '../../../src/core/advisories/data/schema.json';
import { analyzeText } from '../../../src/core/index';
import { BUILTIN_CATALOG } from '../../../src/core/advisories/catalog';
import { applyOverlay } from '../../../src/core/advisories/overlay';
import { advisoryCards } from '../../../src/core/advisories/view-model';

const ORG_ENTRY = `
  - id: ACME-2026-001
    kind: organisation
    shortTitle: Legacy scanner share must stay internal
    aliases: []
    cves: []
    kbs: []
    published: { date: "2026-11-02", source: organisation }
    affects: { products: [Scan station firmware 2.x], endOfLife: false }
    cvss: []
    cwe: []
    exposures:
      - { protocol: tcp, port: 3020, direction: inbound, role: server, source: ACME security team }
    kev: { asOf: "2026-11-02", source: not applicable, entries: [] }
    exploitation: []
    summary: The scan stations expose an unauthenticated CIFS share on TCP 3020.
    remediation:
      - { category: workaround, text: Allow TCP 3020 only from the scanning VLAN., source: ACME runbook 12 }
    references: []
    unverified: []
`;

const KEV_OVERRIDE = `
  - id: MS08-067
    kev:
      asOf: "2026-06-01"
      source: CISA KEV catalog 2026.06.01
      entries: [{ cve: CVE-2008-4250, dateAdded: "2026-05-20", ransomware: Unknown }]
`;

test('an override replaces the fields it gives; threat order follows the new KEV status', () => {
  const { catalog, problems, applied } = applyOverlay(`kevCatalog: { version: "2026.06.01", date: "2026-06-01" }\nadvisories:${KEV_OVERRIDE}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(applied, ['MS08-067']);
  const [card] = advisoryCards(['MS08-067'], catalog);
  assert.equal(card.kev, 'In CISA KEV since 2026-05-20; ransomware use: Unknown');
  assert.equal(card.kevAsOf, 'KEV data as of 2026-06-01');
  assert.equal(card.title, BUILTIN_CATALOG.byId('MS08-067')!.shortTitle, 'fields not given stay');
  const order = catalog.advisories.map((a) => a.id);
  assert.ok(order.indexOf('MS08-067') < order.indexOf('MS06-040'), 'KEV-listed now ranks above unlisted ones');
  assert.equal(catalog.kevCatalog.date, '2026-06-01');
  assert.equal(BUILTIN_CATALOG.byId('MS08-067')!.kev.entries.length, 0, 'the built-in catalog is untouched');
});

test('a new organisation entry reaches findings for the service its exposure names', () => {
  const { catalog, problems } = applyOverlay(`advisories:${ORG_ENTRY}`);
  assert.deepEqual(problems, []);
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 3020 -j ACCEPT\nCOMMIT\n';
  const services = [{ protocol: 'tcp' as const, port: 3020, name: 'CIFS' }];
  const [f] = analyzeText({ uri: 'rules.v4', text, options: { services, advisoryCatalog: catalog } }).findings;
  assert.deepEqual(f.advisories, ['ACME-2026-001']);
  const [without] = analyzeText({ uri: 'rules.v4', text, options: { services } }).findings;
  assert.deepEqual(without.advisories, []);
  // What the overlay produced is valid for ajv too.
  assert.ok(new Ajv().compile(schema as object)({ advisories: [...catalog.advisories] }));
});

test('problems point at the offending text; invalid entries are left out, valid ones still apply', () => {
  const text = `advisories:${KEV_OVERRIDE}  - id: MS17-010\n    kev: { asOf: "2026-13-01", source: x, entries: [] }\n  - id: MS06-040\n    colour: red\n  - kind: organisation\n`;
  const { catalog, problems, applied } = applyOverlay(text);
  assert.deepEqual(applied, ['MS08-067']);
  const at = (needle: string) => problems.find((p) => text.slice(p.offset, p.offset + p.length) === needle);
  assert.ok(at('"2026-13-01"'), `date problem not at the date: ${JSON.stringify(problems)}`);
  assert.match(at('"2026-13-01"')!.message, /Override of MS17-010: kev\.asOf must match/);
  assert.ok(at('colour'), 'unknown property not at its key');
  assert.ok(problems.some((p) => /needs an "id"/.test(p.message)));
  assert.equal(catalog.byId('MS17-010')!.kev.asOf, '2025-08-25', 'the invalid override did not apply');
});

test('broken YAML, a non-mapping and oversized files are reported, never thrown', () => {
  const syntax = applyOverlay('advisories: [\n  - id: x\n');
  assert.ok(syntax.problems.length && /^YAML:/.test(syntax.problems[0].message));
  assert.equal(syntax.catalog, BUILTIN_CATALOG);
  assert.match(applyOverlay('- just a list\n').problems[0].message, /mapping with an "advisories" list/);
  assert.match(applyOverlay('').problems[0].message, /mapping with an "advisories" list/);
  assert.match(applyOverlay(`advisories: []\n#${'x'.repeat(1_000_001)}`).problems[0].message, /larger than/);
  const dup = applyOverlay(`advisories:${KEV_OVERRIDE}${KEV_OVERRIDE}`);
  assert.ok(dup.problems.some((p) => /appears twice/.test(p.message)));
  // A billion-laughs alias bomb stays bounded.
  const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nadvisories: []\n';
  assert.match(applyOverlay(bomb).problems[0].message, /^YAML: .*alias/i);
});
