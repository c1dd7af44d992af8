/** Checks the advisory catalog against itself, against the verified fact sheet, and the webview cards built from it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ADVISORIES, advisoryById, type Advisory } from '../../../src/core/advisories/catalog';
import { advisoryCards } from '../../../src/core/advisories/view-model';

// The fact sheet lives outside the repo; the cross-checks skip when it is absent (e.g. CI).
const FACT_SHEET = resolve(process.cwd(), '../shared/advisories/advisories.yaml');

interface YamlCvss {
  cve?: string;
  version: string;
  score: number;
  v2?: string;
}
interface YamlKevEntry {
  cve: string;
  dateAdded: string;
  knownRansomwareCampaignUse: string;
}
interface YamlEntry {
  id: string;
  aliases: string[];
  published: { date: string };
  ports: { tcp?: unknown; udp?: unknown; note?: string };
  products?: { note?: string };
  cvss: YamlCvss[];
  kev: { listed: boolean; dateAdded?: string; knownRansomwareCampaignUse?: string; entries?: YamlKevEntry[]; note?: string };
  malware: unknown;
  workarounds: { text: string; source: string }[];
  references: string[];
  unverified_fields?: string[];
  smb_relevance?: string;
}

function loadFactSheet(): YamlEntry[] | undefined {
  if (!existsSync(FACT_SHEET)) return undefined;
  return (parse(readFileSync(FACT_SHEET, 'utf8')) as { advisories: YamlEntry[] }).advisories;
}
const FACTS = loadFactSheet();
const SKIP_REASON = `fact sheet not found at ${FACT_SHEET}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

function must(id: string): Advisory {
  const a = advisoryById(id);
  assert.ok(a, `missing advisory ${id}`);
  return a;
}

test('every advisory has a real ISO date, a title, a summary and http(s) references', () => {
  assert.ok(ADVISORIES.length >= 20);
  for (const a of ADVISORIES) {
    assert.ok(isIsoDate(a.published), `${a.id}: bad date ${a.published}`);
    assert.ok(a.title.length > 0 && a.title.length <= 80, `${a.id}: title`);
    assert.ok(a.summary.length > 40, `${a.id}: summary`);
    for (const r of a.references) assert.match(r, /^https?:\/\//, `${a.id}: ${r}`);
    if (a.kev.dateAdded !== undefined) assert.ok(isIsoDate(a.kev.dateAdded), `${a.id}: KEV date`);
    if (a.kev.dateAdded !== undefined) assert.equal(a.kev.listed, true, `${a.id}: KEV date without listing`);
    for (const c of a.cvss) assert.ok(c.score >= 0 && c.score <= 10, `${a.id}: score ${c.score}`);
  }
});

test('ids and aliases are unique across the catalog', () => {
  const keys = new Map<string, string>();
  for (const a of ADVISORIES) {
    for (const k of [a.id, ...a.aliases]) {
      const low = k.toLowerCase();
      assert.ok(!keys.has(low), `${k} used by ${keys.get(low)} and ${a.id}`);
      keys.set(low, a.id);
    }
  }
});

test('MS05-027 leads, dated 14 June 2005, with the TCP 445 story in its context', () => {
  const first = ADVISORIES[0];
  assert.equal(first.id, 'MS05-027');
  assert.equal(first.published, '2005-06-14');
  assert.ok(first.context?.includes('445'));
  assert.match(first.context ?? '', /14 June 2005/);
  assert.match(first.context ?? '', /personal firewalls/);
  assert.deepEqual(first.ports.tcp, [445]);
  assert.equal(first.severity, 'Critical');
});

test('featured advisories come first, then the rest by date', () => {
  assert.deepEqual(
    ADVISORIES.slice(0, 5).map((a) => a.id),
    ['MS05-027', 'MS08-067', 'MS17-010', 'CVE-2020-0796', 'CVE-2017-7494'],
  );
  const rest = ADVISORIES.slice(5).map((a) => a.published);
  assert.deepEqual(rest, [...rest].sort());
});

test('advisoryById matches ids and aliases, ignoring case', () => {
  assert.equal(advisoryById('CVE-2017-0144')?.id, 'MS17-010');
  assert.equal(advisoryById('cve-2017-0144')?.id, 'MS17-010');
  assert.equal(advisoryById('kb958644')?.id, 'MS08-067');
  assert.equal(advisoryById(' SMBGhost ')?.id, 'CVE-2020-0796');
  assert.equal(advisoryById('zerologon')?.id, 'CVE-2020-1472');
  assert.equal(advisoryById('ms05-027')?.id, 'MS05-027');
  assert.equal(advisoryById('CAN-2005-1206')?.id, 'MS05-027');
  assert.equal(advisoryById('MS99-999'), undefined);
  assert.equal(advisoryById(''), undefined);
});

test('the catalog is frozen', () => {
  assert.ok(Object.isFrozen(ADVISORIES));
});

test('core advisory sources import nothing but their own files (browser-safe)', (t) => {
  const dir = resolve(process.cwd(), 'src/core/advisories');
  const files = ['catalog.ts', 'data-2005-2011.ts', 'data-2012-later.ts', 'view-model.ts'];
  if (!files.every((f) => existsSync(resolve(dir, f)))) {
    t.skip('sources not found relative to cwd');
    return;
  }
  for (const f of files) {
    const src = readFileSync(resolve(dir, f), 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)) assert.ok(m[1].startsWith('./'), `${f} imports ${m[1]}`);
    assert.doesNotMatch(src, /\brequire\(|\bimport\(/, `${f} loads modules dynamically`);
  }
});

test('fact sheet: same set of advisories', (t) => {
  if (!FACTS) return t.skip(SKIP_REASON);
  assert.deepEqual(FACTS.map((y) => y.id).sort(), ADVISORIES.map((a) => a.id).sort());
});

test('fact sheet: id, published date, KEV and CVSS scores match for every entry', (t) => {
  if (!FACTS) return t.skip(SKIP_REASON);
  for (const y of FACTS) {
    const a = must(y.id);
    assert.equal(a.id, y.id);

    // A date the fact sheet could not confirm may only appear flagged as unverified.
    if (isIsoDate(y.published.date)) {
      assert.equal(a.published, y.published.date, `${y.id}: published`);
      assert.notEqual(a.publishedUnverified, true, `${y.id}: verified date flagged`);
    } else {
      assert.equal(a.publishedUnverified, true, `${y.id}: unverified date not flagged`);
    }

    assert.equal(a.kev.listed, y.kev.listed, `${y.id}: kev.listed`);
    if (y.kev.entries) {
      const dates = y.kev.entries.map((e) => e.dateAdded).sort();
      assert.equal(a.kev.dateAdded, dates[0], `${y.id}: earliest KEV date`);
      assert.deepEqual(
        (a.kev.entries ?? []).map((e) => [e.cve, e.dateAdded, e.ransomware]),
        y.kev.entries.map((e) => [e.cve, e.dateAdded, e.knownRansomwareCampaignUse]),
        `${y.id}: KEV entries`,
      );
    } else {
      assert.equal(a.kev.dateAdded, y.kev.dateAdded, `${y.id}: kev.dateAdded`);
    }
    const rw = y.kev.knownRansomwareCampaignUse ?? y.kev.entries?.[0]?.knownRansomwareCampaignUse;
    if (rw === 'Known' || rw === 'Unknown') assert.equal(a.kev.ransomware, rw, `${y.id}: ransomware`);
    else assert.equal(a.kev.ransomware, undefined, `${y.id}: unverified ransomware flag shown`);

    const yamlScores: string[] = [];
    for (const c of y.cvss) {
      yamlScores.push(`${c.cve ?? ''} ${c.version} ${c.score.toFixed(1)}`);
      if (c.v2) yamlScores.push(`${c.cve ?? ''} 2.0 ${Number.parseFloat(c.v2).toFixed(1)}`);
    }
    const ours = a.cvss.map((c) => `${c.cve ?? ''} ${c.version} ${c.score.toFixed(1)}`);
    assert.deepEqual(ours.sort(), yamlScores.sort(), `${y.id}: CVSS`);
  }
});

test('KEV spot checks (values copied from the fact sheet)', () => {
  assert.deepEqual(must('CVE-2020-0796').kev, { listed: true, dateAdded: '2022-02-10', ransomware: 'Known', checkedAgainst: 'catalog 2025.08.25' });
  assert.equal(must('CVE-2017-7494').kev.dateAdded, '2023-03-30');
  assert.equal(must('CVE-2019-0703').kev.ransomware, 'Unknown');
  assert.equal(must('MS08-067').kev.listed, false);
  assert.equal(must('CVE-2025-33073').kev.ransomware, undefined);
});

test('fact sheet: only verified ports, malware, aliases and references', (t) => {
  if (!FACTS) return t.skip(SKIP_REASON);
  const asPorts = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]).slice().sort((x, y) => x - y) : []);
  for (const y of FACTS) {
    const a = must(y.id);
    assert.deepEqual(a.ports.tcp.slice().sort((p, q) => p - q), asPorts(y.ports.tcp), `${y.id}: tcp`);
    assert.deepEqual(a.ports.udp.slice().sort((p, q) => p - q), asPorts(y.ports.udp), `${y.id}: udp`);

    const malwareText = JSON.stringify(y.malware).toLowerCase();
    for (const m of a.malware) assert.ok(malwareText.includes(m.toLowerCase()), `${y.id}: malware ${m} not in fact sheet`);

    for (const alias of a.aliases) assert.ok(y.aliases.includes(alias), `${y.id}: alias ${alias} not in fact sheet`);
    for (const alias of y.aliases.filter((s) => /^(CVE|CAN|KB|ADV|ZDI)-?\d/i.test(s))) {
      assert.equal(advisoryById(alias)?.id, y.id, `${y.id}: alias ${alias}`);
    }

    for (const r of a.references) assert.ok(y.references.includes(r), `${y.id}: reference ${r} not in fact sheet`);
    if (y.unverified_fields?.length) assert.ok(a.unverified.length > 0, `${y.id}: unverified list empty`);
  }
});

test('fact sheet: catalog prose is paraphrased, not copied', (t) => {
  if (!FACTS) return t.skip(SKIP_REASON);
  const words = (s: string): string[] => s.toLowerCase().replace(/[^a-z0-9.\- ]+/g, ' ').split(/\s+/).filter(Boolean);
  const RUN = 8; // any shared run of 8 words counts as copying
  const copied: string[] = [];
  for (const y of FACTS) {
    const a = must(y.id);
    // Every string in the entry (titles, notes, workaround texts, products, sources), URLs aside.
    const { references: _urls, ...rest } = y;
    const source: string[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'string') source.push(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(rest);
    const runs = new Set<string>();
    for (const s of source) {
      const w = words(s);
      for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
    }
    for (const text of [a.title, a.summary, a.context ?? '', ...a.workarounds, ...a.unverified]) {
      const w = words(text);
      for (let i = 0; i + RUN <= w.length; i++) {
        const run = w.slice(i, i + RUN).join(' ');
        if (runs.has(run)) copied.push(`${y.id}: "${run}"`);
      }
    }
  }
  assert.deepEqual(copied, []);
});

test('advisoryCards: MS05-027 first, order kept, unknown ids and repeats dropped', () => {
  const cards = advisoryCards(['CVE-2020-0796', 'nope', 'MS05-027', 'MS08-067', 'smbghost', 'KB958644']);
  assert.deepEqual(
    cards.map((c) => c.id),
    ['MS05-027', 'CVE-2020-0796', 'MS08-067'],
  );
  assert.deepEqual(advisoryCards([]), []);
  assert.deepEqual(advisoryCards(['unknown-1', 'unknown-2']), []);
  assert.deepEqual(
    advisoryCards(['MS17-010', 'CVE-2017-7494']).map((c) => c.id),
    ['MS17-010', 'CVE-2017-7494'],
  );
});

test('advisoryCards: CVSS, KEV, ports and date texts', () => {
  const cards = new Map(
    advisoryCards(['CVE-2020-0796', 'CVE-2017-7494', 'MS05-027', 'MS17-010', 'CVE-2020-1472', 'CVE-2019-0703', 'CVE-2025-33073', 'MS10-012']).map(
      (c) => [c.id, c],
    ),
  );
  const card = (id: string) => {
    const c = cards.get(id);
    assert.ok(c, `no card for ${id}`);
    return c;
  };
  const [ghost, samba, ms05, ms17, zero, info, reflect, ms10] = [
    'CVE-2020-0796',
    'CVE-2017-7494',
    'MS05-027',
    'MS17-010',
    'CVE-2020-1472',
    'CVE-2019-0703',
    'CVE-2025-33073',
    'MS10-012',
  ].map(card);

  assert.equal(ghost.cvss, '10.0 (CVSS 3.1)');
  assert.equal(ghost.kev, 'In CISA KEV since 2022-02-10 (ransomware use: Known)');
  assert.equal(ghost.ports, 'TCP 445');

  assert.equal(samba.cvss, '9.8 (CVSS 3.1)');
  assert.equal(samba.ports, 'TCP 139, 445');
  assert.deepEqual(samba.malware, ['EternalMiner']);

  assert.equal(ms05.cvss, '7.5 (CVSS 2.0)');
  assert.equal(ms05.kev, 'Not in CISA KEV (checked against catalog 2025.08.25)');
  assert.equal(ms05.publishedUnverified, false);
  assert.ok(ms05.context?.includes('445'));

  assert.equal(ms17.cvss, '8.8 (CVSS 3.1)');
  assert.equal(ms17.kev, 'In CISA KEV since 2021-11-03 (ransomware use: Known)');
  assert.equal(ms17.kevDetails.length, 6);
  assert.ok(ms17.malware.includes('WannaCry') && ms17.malware.includes('NotPetya'));

  // Highest of the two CVSS 3.1 scores (NVD 10.0 vs Microsoft 5.5).
  assert.equal(zero.cvss, '10.0 (CVSS 3.1)');

  assert.equal(info.publishedUnverified, true);
  assert.equal(info.cvss, 'No verified CVSS score');
  assert.equal(info.ports, 'Not verified');

  assert.equal(reflect.kev, 'In CISA KEV since 2025-10-20 (ransomware use: not verified)');
  assert.equal(ms10.severity, 'Important');
});

test('advisoryCards: output survives a JSON round trip unchanged', () => {
  const cards = advisoryCards(ADVISORIES.map((a) => a.id));
  assert.equal(cards.length, ADVISORIES.length);
  assert.deepEqual(JSON.parse(JSON.stringify(cards)), cards);
  // Cards are copies: editing one must not touch the catalog.
  cards[0].workarounds.push('x');
  assert.ok(!must('MS05-027').workarounds.includes('x'));
});
