/** Benchmark input for Vagrantfiles: one large multi-machine Vagrantfile with many forwarded ports. */
import { rng } from './shared';

export const BENCH_URI = 'Vagrantfile';

/** About `rules` forwarded ports over machines of one to four; roughly 2 % SMB, in every option style. */
export function generate(rules: number): string {
  const r = rng(139);
  const out = ['# -*- mode: ruby -*-', 'Vagrant.configure("2") do |config|', '  config.vm.box = "generic/debian12"'];
  let ports = 0;
  for (let m = 0; ports < rules; m++) {
    out.push(`  config.vm.define "vm${m}" do |vm${m}|`, `    vm${m}.vm.hostname = "vm${m}"`);
    const n = 1 + Math.floor(r() * 4);
    for (let j = 0; j < n; j++, ports++) {
      const guest = r() < 0.02 ? 445 : 8000 + j;
      const host = 10000 + (ports % 50000);
      const k = r();
      if (k < 0.5) out.push(`    vm${m}.vm.network "forwarded_port", guest: ${guest}, host: ${host}`);
      else if (k < 0.8) out.push(`    vm${m}.vm.network :forwarded_port, :guest => ${guest}, :host => ${host}, :auto_correct => true`);
      else out.push(`    vm${m}.vm.network "forwarded_port",`, `      guest: ${guest},`, `      host: ${host}, host_ip: "127.0.0.1"`);
    }
    out.push('  end');
  }
  out.push('end', '');
  return out.join('\n');
}
