/** Benchmark input for Docker Compose: one large compose file with many services and published ports. */
import { bareParseYaml, rng } from './shared';

export const BENCH_URI = 'docker-compose.yml';

const PORTS = [80, 443, 3000, 5432, 6379, 8080, 8443, 9090];
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

/** About `rules` published mappings over services of one to four mappings; roughly 2 % SMB. */
export function generate(rules: number): string {
  const r = rng(139);
  const out = ['name: bench', 'services:'];
  let mappings = 0;
  for (let i = 0; mappings < rules; i++) {
    out.push(`  svc-${i}:`, `    image: registry.example.com/svc-${i}:${i % 7}`, '    restart: unless-stopped', '    environment:', `      SERVICE_ID: "${i}"`, '    ports:');
    const n = 1 + Math.floor(r() * 4);
    for (let j = 0; j < n; j++, mappings++) {
      const smb = r() < 0.02;
      const port = smb ? 445 : pick(r, PORTS) + j;
      const k = r();
      if (k < 0.5) out.push(`      - "${10000 + ((i * 4 + j) % 50000)}:${port}"`);
      else if (k < 0.8) out.push(`      - "127.0.0.1:${port}:${port}"`);
      else if (k < 0.95) out.push(`      - ${smb ? 445 : 20000 + ((i * 4 + j) % 40000)}:${port}`);
      else out.push('      - target: ' + port, `        published: "${smb ? 445 : 30000 + (i % 30000)}"`, '        protocol: tcp');
    }
  }
  out.push('');
  return out.join('\n');
}

export { bareParseYaml as bareParse };
