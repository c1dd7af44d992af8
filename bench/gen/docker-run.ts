/** Benchmark input for container runs: one long deploy script of `docker run` commands with publish options. */
import { rng } from './shared';

export const BENCH_URI = 'deploy.sh';

const PORTS = [80, 443, 3000, 5432, 6379, 8080, 8443, 9090];
const IMAGES = ['nginx:1.27', 'redis:7', 'postgres:16', 'registry.example.com/app', 'dperson/samba'];
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

/** About `rules` publish options over runs of one to four, some continued over lines; roughly 2 % SMB. */
export function generate(rules: number): string {
  const r = rng(445);
  const out = ['#!/bin/bash', 'set -euo pipefail', 'BIND=127.0.0.1', ''];
  for (let i = 0, published = 0; published < rules; i++) {
    const n = 1 + Math.floor(r() * 4);
    const opts: string[] = [];
    for (let j = 0; j < n; j++, published++) {
      const smb = r() < 0.02;
      const port = smb ? 445 : pick(r, PORTS) + j;
      const k = r();
      if (k < 0.5) opts.push(`-p ${10000 + ((i * 4 + j) % 50000)}:${port}`);
      else if (k < 0.8) opts.push(`--publish 127.0.0.1:${port}:${port}/tcp`);
      else if (k < 0.95) opts.push(`-p "$BIND:${20000 + ((i * 4 + j) % 40000)}:${port}"`);
      else opts.push(`-p ${smb ? 445 : 30000 + (i % 30000)}:${port}`);
    }
    const head = `${i % 5 === 0 ? 'sudo ' : ''}docker run -d --name svc-${i} --restart unless-stopped -e SERVICE_ID=${i}`;
    const image = pick(r, IMAGES);
    out.push(i % 2 ? `${head} ${opts.join(' ')} ${image}` : [`${head} \\`, ...opts.map((o) => `  ${o} \\`), `  ${image}`].join('\n'));
  }
  out.push('');
  return out.join('\n');
}
