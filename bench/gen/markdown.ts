/** Benchmark input for runbooks: a long Markdown document of prose and fenced blocks (shell, console, YAML). */
import { rng } from './shared';

export const BENCH_URI = 'RUNBOOK.md';

const PORTS = [80, 443, 3000, 5432, 8080];

/** About `rules` published ports or firewall rules over sections of prose and one block each; roughly 2 % SMB. */
export function generate(rules: number): string {
  const r = rng(137);
  const out = ['# Operations runbook', '', 'Every service of the platform, how to start it and what it opens.', ''];
  for (let i = 0, n = 0; n < rules; i++, n++) {
    const smb = r() < 0.02;
    const port = smb ? 445 : PORTS[i % PORTS.length] + (i % 100);
    out.push(`## Service ${i}`, '', `Service ${i} listens on port ${port}. Start it on the host, then open the firewall for the office network.`, '');
    const k = r();
    if (k < 0.4) out.push('```sh', `docker run -d --name svc-${i} -p ${smb ? '' : '127.0.0.1:'}${port}:${port} registry.example.com/svc-${i}`, '```');
    else if (k < 0.7) out.push('```console', `$ sudo ufw allow from 10.${i % 250}.0.0/16 to any port ${port} proto tcp`, 'Rule added', '```');
    else if (k < 0.85) out.push('```yaml', 'services:', `  svc-${i}:`, `    image: registry.example.com/svc-${i}`, '    ports:', `      - "${port}:${port}"`, '```');
    else out.push('```', `iptables -A INPUT -p tcp --dport ${port} -s 10.0.0.0/8 -j ACCEPT`, '```');
    out.push('');
  }
  return out.join('\n');
}
