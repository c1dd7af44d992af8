/**
 * `npm run bench`: time to findings, MB/s and heap growth per format on generated files, each against a
 * baseline measured in the same run on the same text, so machine speed cancels out:
 * - host firewall formats against a bare line split (the least any line parser must do);
 * - IaC formats against the bare parse their extraction starts from (YAML documents, the HCL tree):
 *   the target is that our analysis adds at most 20 % to it.
 */
import { analyzeText, analyzeWithFiles, dependentsOf, initFormats, memorySource, Project } from '../src/core/index';
import { loadAsset } from '../test/unit/helpers/assets';
import { iacCases, lineCases, type BenchCase } from './gen/index';
import { FILES_PER_MODULE, generateTree, MODULES, moduleFolder, ROOT } from './gen/terraform-project';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** IaC ratios need more pairs: a YAML or HCL parse of a few MB swings by a third between runs on a shared machine. */
const IAC_RUNS = Number(process.env.BENCH_IAC_RUNS ?? 11);
/** Runs before the timed ones: the engine compiles hot code over the first few, and the heap grows to size. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const RULES = Number(process.env.BENCH_RULES ?? 50000);
/** IaC files are resources, each several lines: fewer of them make a file of similar size. */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10000);
const ONLY = process.env.BENCH_ONLY?.split(',');
/** Prints every timed pair, to see how much the machine moves. */
const TRACE = process.env.BENCH_TRACE !== undefined;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The line-format baseline: split into lines and touch each one. */
function lineSplit(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) n += line.length > 0 ? 1 : 0;
  return n;
}

/**
 * Empties the young generation before a timing, so every run starts alike; full collections are left to V8, as
 * in an editor. A forced full collection (a bare `gc()`) also throws away the optimised code of everything that
 * ran (--trace-deopt: some 300 "weak objects" deoptimisations a run), so each timed run would start half cold,
 * which no editor does between two analyses.
 */
function gc(): void {
  (globalThis as { gc?: (o: object) => void }).gc?.({ type: 'minor' });
}

interface Measured {
  mb: number;
  ms: number;
  baseMs: number;
  /** Median of each run's time over the baseline's next to it: a pair shares the machine's mood of the
   *  moment, so drifting load cancels out better than in a ratio of two medians. */
  ratio: number;
  /** The lowest and highest of the per-run ratios. */
  ratioRange: [number, number];
  /** The first run of this case, before its warm-up: close to what opening such a file first costs (cases before
   *  it have warmed the code they share). */
  coldMs: number;
  heapMb: number;
  findings: number;
  format: string | undefined;
}

function measure(c: BenchCase, text: string, baseline: (t: string) => unknown, runs: number): Measured {
  const mb = Buffer.byteLength(text) / 1e6;
  let findings = 0;
  let format: string | undefined;
  const base: number[] = [];
  const full: number[] = [];
  const ratios: number[] = [];
  gc();
  const coldMs = time(() => analyzeText({ uri: c.uri, text }));
  for (let i = 1; i < WARMUP; i++) analyzeText({ uri: c.uri, text });
  for (let i = 0; i < WARMUP; i++) baseline(text);
  let peak = 0;
  const runBase = () => {
    gc();
    base.push(time(() => baseline(text)));
  };
  const runFull = () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    full.push(
      time(() => {
        const r = analyzeText({ uri: c.uri, text });
        findings = r.findings.length;
        format = r.format;
      }),
    );
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  };
  for (let i = 0; i < runs; i++) {
    // Both timings start from an empty young generation: a run right after a collection meets a small heap limit
    // and pays for it, which on one side only skews the ratio by 20 to 40 %. The side that runs first alternates:
    // a full collection of the garbage the other side left (a YAML parse leaves some 200 MB) falls on each alike.
    if (i % 2 === 0) {
      runBase();
      runFull();
    } else {
      runFull();
      runBase();
    }
    ratios.push(full[i] / base[i]);
    if (TRACE) console.log(`  run ${i + 1}: baseline ${base[i].toFixed(0)} ms, analysis ${full[i].toFixed(0)} ms`);
  }
  return { mb, ms: median(full), baseMs: median(base), ratio: median(ratios), ratioRange: [Math.min(...ratios), Math.max(...ratios)], coldMs, heapMb: peak / 1e6, findings, format };
}

function row(name: string, m: Measured, ratio: string): string {
  return [
    name.padEnd(30),
    `${m.mb.toFixed(2).padStart(6)} MB`,
    `${m.ms.toFixed(1).padStart(8)} ms`,
    `${(m.mb / (m.ms / 1000)).toFixed(1).padStart(6)} MB/s`,
    ratio,
    `cold ${m.coldMs.toFixed(0).padStart(5)} ms`,
    `heap +${m.heapMb.toFixed(0).padStart(4)} MB`,
    `${m.findings} findings`,
  ].join('  ');
}

/** Issue 17: a tree of modules scanned as a project (each file with its module's values, one shared view) against
 *  the same files analysed one by one (target: at most 1.5x); then a change to one variables file, which must
 *  re-analyse only its module's files. */
function projectBench(name: string): void {
  const files = generateTree();
  const uris = Object.keys(files).sort();
  const source = memorySource(files);
  const settings = { roots: [ROOT] };
  const oneByOne = () => uris.reduce((n, uri) => n + analyzeText({ uri, text: files[uri] }).findings.length, 0);
  let last = new Project();
  let scanned = 0;
  const scanTree = () => {
    last = new Project();
    scanned = uris.reduce((n, uri) => {
      // As the CLI does: the file's own text goes into the view, for the files of its module that read it.
      last.putText(uri, files[uri]);
      return n + analyzeWithFiles({ uri, text: files[uri], projectSettings: settings }, source, last).findings.length;
    }, 0);
  };
  const alone: number[] = [];
  const tree: number[] = [];
  const ratios: number[] = [];
  oneByOne();
  scanTree();
  for (let i = 0; i < RUNS; i++) {
    gc();
    const a = time(oneByOne);
    gc();
    const t = time(scanTree);
    alone.push(a);
    tree.push(t);
    ratios.push(t / a);
    if (TRACE) console.log(`  run ${i + 1}: one by one ${a.toFixed(0)} ms, as a project ${t.toFixed(0)} ms`);
  }
  const ratio = median(ratios);
  console.log(`\n${name}: ${uris.length} .tf files in ${MODULES} modules (${FILES_PER_MODULE} each, variables.tf included), medians of ${RUNS} runs:`);
  console.log(`  one by one ${median(alone).toFixed(0)} ms (${oneByOne()} findings); as a project ${median(tree).toFixed(0)} ms (${scanned} findings): ${ratio.toFixed(2)}x (target at most 1.5x)`);
  // One variables file changes: the project names its dependents, and only those are analysed again.
  const changed = `${moduleFolder(7)}variables.tf`;
  const text = files[changed].replace('10.0.0.0/24', '0.0.0.0/0');
  const known = last.changed(changed);
  last.putText(changed, text);
  const again = dependentsOf(changed, last, known, settings);
  const outside = again.filter((u) => !u.startsWith(moduleFolder(7)));
  const ms = time(() => again.forEach((uri) => analyzeWithFiles({ uri, text: files[uri], projectSettings: settings }, source, last)));
  console.log(`  changing ${changed.slice(ROOT.length)} re-analyses ${again.length} files (${outside.length} outside its module) in ${ms.toFixed(0)} ms`);
  if (outside.length || ratio > 1.5) process.exitCode = 1;
}

async function main(): Promise<void> {
  const failed = await initFormats(loadAsset);
  if (failed.length) throw new Error(`formats failed to load: ${JSON.stringify(failed)}`);
  const pick = (cs: BenchCase[]) => cs.filter((c) => !ONLY || ONLY.some((o) => c.name.includes(o)));

  console.log(`SMB Guard benchmark: medians of ${RUNS} runs (IaC: ${IAC_RUNS}) after ${WARMUP} warm-up runs, Node ${process.version}`);
  console.log('Ratios are medians of per-run ratios (each run against the baseline run next to it); "cold" is the first run.');
  console.log(`\nHost firewall formats (${RULES} rules per file), against a bare line split of the same text:`);
  for (const c of pick(lineCases)) {
    const m = measure(c, c.generate(RULES), lineSplit, RUNS);
    if (m.format !== c.format) throw new Error(`${c.name}: detected as ${m.format}`);
    console.log(row(c.name, m, `${m.ratio.toFixed(1).padStart(6)}x line split`));
  }
  console.log(`\nIaC formats (${RESOURCES} resources per file), against the bare parse of the same text (target: at most +20 %):`);
  for (const c of pick(iacCases)) {
    const parse = c.bareParse as (t: string) => unknown;
    const m = measure(c, c.generate(RESOURCES), parse, IAC_RUNS);
    if (m.format !== c.format) throw new Error(`${c.name}: detected as ${m.format}`);
    const pct = (r: number) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(0)}`;
    const spread = `(runs ${pct(m.ratioRange[0])}..${pct(m.ratioRange[1])})`.padEnd(16);
    console.log(row(c.name, m, `parse ${m.baseMs.toFixed(1).padStart(7)} ms, analysis ${pct(m.ratio).padStart(3)} % ${spread}`));
  }
  const project = 'Terraform project tree';
  if (!ONLY || ONLY.some((o) => project.includes(o))) projectBench(project);
  console.log(`\nrss peak ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}

void main();
