/** The catalog as data: valid against its JSON Schema (ajv and the core's own checker agree), consistent, in threat order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import schema from '../../../src/core/advisories/data/schema.json';
import data from '../../../src/core/advisories/data/catalog.json';
import { ADVISORIES, advisoryById, BUILTIN_CATALOG } from '../../../src/core/advisories/catalog';
import { checkSchema, SCHEMA_PATTERNS } from '../../../src/core/advisories/schema-check';
import { compareThreat, threatTier } from '../../../src/core/advisories/threat';
import { advisoryCards } from '../../../src/core/advisories/view-model';
import { topAdvisories } from '../../../src/core/advisories/top';

const SCHEMA = schema as Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const ajvValidate = new Ajv({ allErrors: true }).compile(SCHEMA);

test('schema: catalog.json is valid (ajv, draft-07) and the core checker finds no problem either', () => {
  assert.ok(ajvValidate(data), JSON.stringify(ajvValidate.errors, null, 1));
  assert.deepEqual(checkSchema(SCHEMA, data), []);
});

test('schema: ajv and the core checker reject the same broken entries', () => {
  const breakers: [string, (a: Record<string, any>) => void][] = [
    ['missing kev', (a) => delete a.kev],
    ['bad date', (a) => (a.published.date = '2005-13-01')],
    ['port out of range', (a) => (a.exposures[0].port = 70000)],
    ['unknown direction', (a) => (a.exposures[0].direction = 'both')],
    ['unknown property', (a) => (a.ports = [445])],
    ['http reference', (a) => (a.references[0].url = 'http://www.us-cert.gov/x')],
    ['score above 10', (a) => (a.cvss[0].score = 11)],
    ['remediation category not from CSAF', (a) => (a.remediation[0].category = 'patch')],
    ['ransomware flag', (a) => (a.kev.entries = [{ cve: 'CVE-2005-1206', dateAdded: '2020-01-01', ransomware: 'Yes' }])],
    ['string for a boolean', (a) => (a.affects.endOfLife = 'yes')],
    ['empty summary', (a) => (a.summary = '')],
  ];
  for (const [name, breakIt] of breakers) {
    const doc = clone(data) as { advisories: Record<string, any>[] };
    breakIt(doc.advisories.find((a) => a.id === 'MS05-027')!);
    assert.equal(ajvValidate(doc), false, `ajv accepts: ${name}`);
    assert.ok(checkSchema(SCHEMA, doc).length > 0, `core checker accepts: ${name}`);
  }
});

test('ids, aliases, CVEs and KB numbers are unique across the catalog', () => {
  const keys = new Map<string, string>();
  for (const a of ADVISORIES) {
    for (const k of new Set([a.id, ...a.aliases, ...a.cves, ...a.kbs])) {
      const low = k.toLowerCase();
      assert.ok(!keys.has(low), `${k} used by ${keys.get(low)} and ${a.id}`);
      keys.set(low, a.id);
    }
  }
});

test('KEV entries name the advisory\'s own CVEs and no date lies in the future of the data', () => {
  for (const a of ADVISORIES) {
    for (const e of a.kev.entries) {
      assert.ok(a.cves.includes(e.cve), `${a.id}: KEV entry ${e.cve} is not one of its CVEs`);
      assert.ok(e.dateAdded <= a.kev.asOf, `${a.id}: added ${e.dateAdded} after the data date ${a.kev.asOf}`);
    }
  }
});

test('advisoryById finds ids, aliases, CVEs and KBs, ignoring case', () => {
  assert.equal(advisoryById('CVE-2017-0144')?.id, 'MS17-010');
  assert.equal(advisoryById('kb958644')?.id, 'MS08-067');
  assert.equal(advisoryById(' SMBGhost ')?.id, 'CVE-2020-0796');
  assert.equal(advisoryById('zerologon')?.id, 'CVE-2020-1472');
  assert.equal(advisoryById('PrintNightmare')?.id, 'CVE-2021-34527');
  assert.equal(advisoryById('badtunnel')?.id, 'CVE-2016-3213');
  assert.equal(advisoryById('MS99-999'), undefined);
  assert.equal(advisoryById(''), undefined);
});

test('the catalog is frozen, and cards are copies', () => {
  assert.ok(Object.isFrozen(ADVISORIES) && Object.isFrozen(ADVISORIES[0]) && Object.isFrozen(ADVISORIES[0].exposures));
  const cards = advisoryCards(ADVISORIES.map((a) => a.id));
  assert.equal(cards.length, ADVISORIES.length);
  assert.deepEqual(JSON.parse(JSON.stringify(cards)), cards);
  cards[0].unverified.push('x');
  assert.ok(!ADVISORIES[0].unverified.includes('x'));
});

test('threat order: KEV with ransomware first, then KEV, then named worms; MS05-027 is not forced first', () => {
  const tiers = ADVISORIES.map(threatTier);
  assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b));
  for (let i = 1; i < ADVISORIES.length; i++) assert.ok(compareThreat(ADVISORIES[i - 1], ADVISORIES[i]) < 0);
  assert.equal(ADVISORIES[0].id, 'MS17-010');
  assert.notEqual(advisoryCards(['MS05-027', 'MS17-010'])[0].id, 'MS05-027');
  // Within a tier, supported systems before end-of-life ones when scores tie.
  const a = { ...clone(advisoryById('MS06-040')!), id: 'A', affects: { products: [], endOfLife: false } };
  const b = { ...clone(advisoryById('MS06-040')!), id: 'B' };
  assert.ok(compareThreat(a, b) < 0);
});

test('every card says which KEV data it reflects', () => {
  for (const c of advisoryCards(ADVISORIES.map((a) => a.id))) assert.match(c.kevAsOf, /^KEV data as of \d{4}-\d{2}-\d{2}$/, c.id);
});

test('cards: texts for CVSS with scorer, KEV, ports, severity with scorer', () => {
  const [ms17, ghost, samba, reflect] = advisoryCards(['MS17-010', 'CVE-2020-0796', 'CVE-2017-7494', 'CVE-2025-33073']);
  assert.equal(ms17.kev, 'In CISA KEV since 2021-11-03; ransomware use: Known');
  assert.equal(ms17.kevDetails.length, 6);
  assert.equal(ms17.ports, 'Inbound TCP 139, 445 (server)');
  assert.equal(ms17.severity, 'Critical (Microsoft)');
  assert.equal(ghost.cvss, '10.0 CVSS 3.1 (NVD, primary)');
  assert.equal(ghost.ports, 'Inbound TCP 445 (server); outbound TCP 445 (client)');
  assert.equal(samba.severity, null, 'no vendor rating was verified for the Samba entry');
  assert.equal(reflect.kev, 'In CISA KEV since 2025-10-20; ransomware use: not verified');
  assert.equal(reflect.kevAsOf, 'KEV data as of 2025-10-20');
});

test('top advisories: three, most exploited first, and how many more', () => {
  const ids = ADVISORIES.map((a) => a.id);
  const top = topAdvisories([...ids].reverse());
  assert.deepEqual(top.shown.map((a) => a.id), ids.slice(0, 3));
  assert.equal(top.more, ids.length - 3);
  assert.equal(top.kevAsOf, `KEV data as of ${BUILTIN_CATALOG.kevCatalog.date}`);
  assert.deepEqual(topAdvisories(['nope']), { shown: [], more: 0, kevAsOf: `KEV data as of ${BUILTIN_CATALOG.kevCatalog.date}` });
});

// The fact sheet lives outside the repo; the cross-checks skip when it is absent (e.g. CI).
const FACT_SHEET = ['../shared', '../../shared'].map((d) => resolve(process.cwd(), d, 'advisories/advisories.yaml')).find(existsSync) ?? '../shared/advisories/advisories.yaml';
const FACTS = existsSync(FACT_SHEET)
  ? (parse(readFileSync(FACT_SHEET, 'utf8')) as { advisories: Record<string, any>[] }).advisories
  : undefined;

test('fact sheet: KEV dates and ransomware flags match for every entry it has', (t) => {
  if (!FACTS) return t.skip(`fact sheet not found at ${FACT_SHEET}`);
  for (const y of FACTS) {
    const a = advisoryById(y.id);
    assert.ok(a, `missing ${y.id}`);
    assert.equal(a.kev.entries.length > 0, y.kev.listed === true, `${y.id}: listed`);
    const yEntries: { dateAdded: string; rw: string }[] = y.kev.entries
      ? y.kev.entries.map((e: any) => ({ dateAdded: e.dateAdded, rw: e.knownRansomwareCampaignUse }))
      : y.kev.listed
        ? [{ dateAdded: y.kev.dateAdded, rw: y.kev.knownRansomwareCampaignUse }]
        : [];
    assert.deepEqual(
      a.kev.entries.map((e) => [e.dateAdded, e.ransomware ?? 'UNVERIFIED']),
      yEntries.map((e) => [e.dateAdded, e.rw === 'Known' || e.rw === 'Unknown' ? e.rw : 'UNVERIFIED']),
      `${y.id}: KEV`,
    );
  }
});

test('fact sheet: catalog prose is paraphrased, not copied', (t) => {
  if (!FACTS) return t.skip(`fact sheet not found at ${FACT_SHEET}`);
  const words = (s: string): string[] => s.toLowerCase().replace(/[^a-z0-9.\- ]+/g, ' ').split(/\s+/).filter(Boolean);
  const RUN = 8; // any shared run of 8 words counts as copying
  const runs = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') {
      const w = words(v);
      for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
    } else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'references' && collect(x));
  };
  collect(FACTS);
  const copied: string[] = [];
  for (const a of ADVISORIES) {
    for (const text of [a.shortTitle, a.summary, a.context ?? '', ...a.remediation.map((r) => r.text)]) {
      const w = words(text);
      for (let i = 0; i + RUN <= w.length; i++) if (runs.has(w.slice(i, i + RUN).join(' '))) copied.push(`${a.id}: "${w.slice(i, i + RUN).join(' ')}"`);
    }
  }
  assert.deepEqual(copied, []);
});

test('every string pattern in the schema has its literal in SCHEMA_PATTERNS (the ReDoS test checks those)', () => {
  const patterns = new Set<string>();
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) (k === 'pattern' && typeof v === 'string' ? patterns.add(v) : walk(v));
  };
  walk(schema);
  assert.deepEqual([...patterns].sort(), Object.keys(SCHEMA_PATTERNS).sort());
  for (const p of patterns) assert.equal(SCHEMA_PATTERNS[p].source, new RegExp(p, 'u').source, p);
});
