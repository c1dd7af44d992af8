/**
 * The long fuzz pass (`npm run fuzz`): for each format, FUZZ_INPUTS mutated fixtures, then the hostile classes at
 * 100 KB (no time limit, as the CLI runs) and near the editor's 2 MB limit (with the editor's 1000 ms budget).
 * Each format runs in a worker thread with a heap cap, so a crash or a hang is recorded (and the input saved
 * under .fuzz/) instead of ending the run.
 *
 *   FUZZ_INPUTS=8000 FUZZ_SEED=20261207 FUZZ_ONLY=pf,cisco FUZZ_HANG_MS=60000 npm run fuzz
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { initFormats } from '../../src/core/index';
import { loadAsset } from '../unit/helpers/assets';
import { checkInput, msPer100KB } from './check';
import { formatsWithFixtures, seedsOf } from './corpus';
import { hostileCases } from './hostile';
import { inputOf } from './inputs';

/** The editor's defaults: files up to 2,048 KB are analysed, each within 1000 ms. */
const EDITOR_SIZE = 2000 * 1024;
const EDITOR_BUDGET_MS = 1000;
const OUT = join(process.cwd(), '.fuzz');

interface Job {
  format: string;
  from: number;
  count: number;
  base: number;
}

type Message =
  | { kind: 'start'; i: number }
  | { kind: 'input'; i: number; ms: number; length: number; heapMB: number; failures: string[] }
  | { kind: 'hostile'; name: string; size: number; budget: boolean; ms: number; failures: string[] }
  | { kind: 'done' };

/** The hostile cases of a format, each at 100 KB without a budget (the CLI) and near 2 MB with the editor's. */
function hostileRuns(format: string) {
  return hostileCases()
    .filter((h) => h.format === format)
    .flatMap((c) => [{ c, size: 100 * 1024, budget: false }, { c, size: EDITOR_SIZE, budget: true }]);
}

/** Worker: runs items [from, count + hostile runs): first the mutated inputs, then the hostile runs. */
async function work(job: Job): Promise<void> {
  const port = parentPort!;
  await initFormats(loadAsset);
  const seeds = seedsOf(job.format);
  const hostile = hostileRuns(job.format);
  for (let i = job.from; i < job.count + hostile.length; i++) {
    port.postMessage({ kind: 'start', i } satisfies Message);
    if (i < job.count) {
      const input = inputOf(job.format, seeds, job.base, i);
      const r = checkInput(job.format, input.uri, input.text, { fixLimit: 20, determinism: i % 4 === 0 });
      port.postMessage({ kind: 'input', i, ms: r.ms, length: input.text.length, heapMB: r.heapMB, failures: r.failures.map((f) => `${input.seed}: ${f}`) } satisfies Message);
    } else {
      const { c, size, budget } = hostile[i - job.count];
      const r = checkInput(job.format, c.uri, c.build(size), { fixLimit: 5, determinism: false, timeBudgetMs: budget ? EDITOR_BUDGET_MS : undefined });
      port.postMessage({ kind: 'hostile', name: c.name, size, budget, ms: r.ms, failures: r.failures } satisfies Message);
    }
  }
  port.postMessage({ kind: 'done' } satisfies Message);
}

interface Tally {
  format: string;
  inputs: number;
  failures: string[];
  crashes: string[];
  hangs: string[];
  worstMsPer100KB: number;
  worstHeapMB: number;
  /** Worst time of one analysis with the editor's budget, near the editor's size limit. */
  editorBlockMs: number;
  editorBlockCase: string;
  /** Worst time per 100 KB of a hostile class without a budget (the CLI). */
  hostileMsPer100KB: number;
  hostileCase: string;
}

function runFormat(format: string, count: number, base: number, hangMs: number): Promise<Tally> {
  const tally: Tally = { format, inputs: 0, failures: [], crashes: [], hangs: [], worstMsPer100KB: 0, worstHeapMB: 0, editorBlockMs: 0, editorBlockCase: '', hostileMsPer100KB: 0, hostileCase: '' };
  return new Promise((resolve) => {
    const total = count + hostileRuns(format).length;
    const start = (from: number) => {
      if (from >= total) return resolve(tally);
      const worker = new Worker(__filename, { workerData: { format, from, count, base } satisfies Job, resourceLimits: { maxOldGenerationSizeMb: 3072 } });
      let current = from;
      let timer: NodeJS.Timeout | undefined;
      let finished = false;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          tally.hangs.push(`${itemName(format, count, current)}: no answer in ${hangMs} ms`);
          save(format, count, current, base);
          finished = true;
          void worker.terminate().then(() => start(current + 1));
        }, hangMs);
      };
      arm();
      worker.on('message', (m: Message) => {
        arm();
        if (m.kind === 'start') current = m.i;
        else if (m.kind === 'input') {
          tally.inputs++;
          tally.failures.push(...new Set(m.failures.map((f) => `input ${m.i}: ${f}`)));
          if (m.failures.length) save(format, count, m.i, base);
          tally.worstMsPer100KB = Math.max(tally.worstMsPer100KB, msPer100KB(m.ms, m.length));
          tally.worstHeapMB = Math.max(tally.worstHeapMB, m.heapMB);
        } else if (m.kind === 'hostile') {
          const label = `${m.name} (${Math.round(m.size / 1024)} KB)`;
          tally.failures.push(...new Set(m.failures.map((f) => `hostile ${label}: ${f}`)));
          if (m.budget && m.ms > tally.editorBlockMs) [tally.editorBlockMs, tally.editorBlockCase] = [m.ms, label];
          if (!m.budget && msPer100KB(m.ms, m.size) > tally.hostileMsPer100KB) [tally.hostileMsPer100KB, tally.hostileCase] = [msPer100KB(m.ms, m.size), label];
        } else {
          finished = true;
          clearTimeout(timer);
          void worker.terminate().then(() => resolve(tally));
        }
      });
      worker.on('error', (e) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        tally.crashes.push(`${itemName(format, count, current)}: ${e.message.slice(0, 160)}`);
        save(format, count, current, base);
        start(current + 1);
      });
      worker.on('exit', (code) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        tally.crashes.push(`${itemName(format, count, current)}: worker exited with ${code}`);
        save(format, count, current, base);
        start(current + 1);
      });
    };
    start(0);
  });
}

/** "input 12", or the hostile run's name and size. */
function itemName(format: string, count: number, i: number): string {
  if (i < count) return `input ${i}`;
  const run = hostileRuns(format)[i - count];
  return run ? `hostile ${run.c.name} (${Math.round(run.size / 1024)} KB${run.budget ? `, ${EDITOR_BUDGET_MS} ms budget` : ''})` : `item ${i}`;
}

/** Writes input `i` of the format's stream to .fuzz/ for reproduction (hostile runs are rebuilt by name). */
function save(format: string, count: number, i: number, base: number): void {
  if (i >= count) return;
  mkdirSync(OUT, { recursive: true });
  const input = inputOf(format, seedsOf(format), base, i);
  writeFileSync(join(OUT, `${format}-${i}.txt`), input.text);
}

async function main(): Promise<void> {
  const count = Number(process.env.FUZZ_INPUTS ?? 8000);
  const base = Number(process.env.FUZZ_SEED ?? 20261207);
  const hangMs = Number(process.env.FUZZ_HANG_MS ?? 60000);
  const only = process.env.FUZZ_ONLY?.split(',');
  const formats = formatsWithFixtures().filter((f) => !only || only.includes(f));
  const started = Date.now();
  const tallies: Tally[] = [];
  console.log(`fuzz: ${count} inputs per format, seed ${base}, ${formats.length} formats`);
  for (const format of formats) {
    const t = await runFormat(format, count, base, hangMs);
    tallies.push(t);
    console.log(
      `${format.padEnd(17)} ${String(t.inputs).padStart(6)} inputs  ${String(t.failures.length).padStart(4)} failures  ${t.crashes.length} crashes  ${t.hangs.length} hangs  ` +
        `worst ${t.worstMsPer100KB.toFixed(0)} ms/100 KB, ${t.worstHeapMB.toFixed(0)} MB heap; hostile ${t.hostileMsPer100KB.toFixed(0)} ms/100 KB (${t.hostileCase}); ` +
        `editor block ${t.editorBlockMs.toFixed(0)} ms (${t.editorBlockCase})`,
    );
    for (const f of [...t.crashes, ...t.hangs, ...t.failures].slice(0, 8)) console.log(`    ${f}`);
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'report.json'), JSON.stringify({ count, seed: base, seconds: (Date.now() - started) / 1000, tallies }, null, 2));
  const bad = tallies.reduce((n, t) => n + t.failures.length + t.crashes.length + t.hangs.length, 0);
  console.log(`fuzz: ${bad} problems in ${((Date.now() - started) / 1000).toFixed(0)} s; report in .fuzz/report.json`);
  process.exitCode = bad ? 1 : 0;
}

if (isMainThread) void main();
else void work(workerData as Job);
