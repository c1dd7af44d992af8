/**
 * `npm run bench`: time to findings, MB/s and peak memory per format on generated files, each against a
 * baseline measured in the same run on the same text (a bare line split), so machine speed cancels out.
 */
import { analyzeText } from '../src/core/index';
import { iptablesSave, iptablesScript } from './generate';

interface Case {
  name: string;
  uri: string;
  text: string;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The baseline: split into lines and touch each one, the least any line format's parser must do. */
function lineSplit(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) n += line.length > 0 ? 1 : 0;
  return n;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(c: Case): void {
  const mb = Buffer.byteLength(c.text) / 1e6;
  let findings = 0;
  const base: number[] = [];
  const full: number[] = [];
  analyzeText({ uri: c.uri, text: c.text }); // warm-up: JIT, caches
  let peak = 0;
  for (let i = 0; i < RUNS; i++) {
    base.push(time(() => lineSplit(c.text)));
    gc();
    const before = process.memoryUsage().heapUsed;
    const timer = setInterval(() => undefined, 1000);
    full.push(time(() => (findings = analyzeText({ uri: c.uri, text: c.text }).findings.length)));
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  const ms = median(full);
  const baseMs = median(base);
  console.log(
    [
      c.name.padEnd(28),
      `${mb.toFixed(2).padStart(6)} MB`,
      `${ms.toFixed(1).padStart(8)} ms`,
      `${(mb / (ms / 1000)).toFixed(1).padStart(7)} MB/s`,
      `${(ms / baseMs).toFixed(1).padStart(6)}x line split`,
      `heap +${(peak / 1e6).toFixed(0).padStart(4)} MB`,
      `${findings} findings`,
    ].join('  '),
  );
}

const RULES = Number(process.env.BENCH_RULES ?? 50000);
console.log(`SMB Guard benchmark: ${RULES} rules per file, median of ${RUNS} runs, Node ${process.version}`);
console.log('format                        size        time        speed   vs baseline     memory');
const cases: Case[] = [
  { name: 'iptables-save (rules.v4)', uri: 'rules.v4', text: iptablesSave(RULES) },
  { name: 'iptables shell script', uri: 'firewall.sh', text: iptablesScript(RULES) },
];
for (const c of cases) measure(c);
console.log(`rss peak ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
