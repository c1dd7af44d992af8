import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { vagrant } from '../../../src/core/formats/vagrant/index';

const wrap = (line: string) => `Vagrant.configure("2") do |config|\n  ${line}\nend\n`;
const rules = (text: string) => vagrant.extract(text, 'Vagrantfile').lists[0]?.rules ?? [];
const findings = (text: string) => analyzeText({ uri: 'file:///p/Vagrantfile', text }).findings;

describe('vagrant: detection', () => {
  test('claims a Vagrantfile that configures networks, nothing else', () => {
    assert.ok(vagrant.detect('file:///p/Vagrantfile', wrap('config.vm.network "forwarded_port", guest: 445, host: 445')));
    assert.ok(!vagrant.detect('file:///p/Vagrantfile', wrap('config.vm.box = "x"')));
    assert.ok(!vagrant.detect('file:///p/Gemfile', wrap('config.vm.network "forwarded_port", guest: 445, host: 445')));
  });
});

describe('vagrant: forwarded ports', () => {
  test('every spelling of the call and its options', () => {
    for (const line of [
      'config.vm.network "forwarded_port", guest: 445, host: 4445',
      "config.vm.network 'forwarded_port', host: 4445, guest: 445",
      'config.vm.network :forwarded_port, :guest => 445, :host => 4445',
      'config.vm.network(:forwarded_port, "guest" => 445, "host" => 4445)',
    ]) {
      const [r] = rules(wrap(line));
      assert.deepEqual([r?.protocol, r?.ports.ranges, r?.sources.items.length], ['tcp', [[445, 445]], 0], line);
    }
    assert.equal(rules(wrap('config.vm.network "forwarded_port", guest: 137, host: 137, protocol: "udp"'))[0].protocol, 'udp');
  });

  test('host_ip decides: loopback is not exposed, another address is', () => {
    assert.equal(findings(wrap('config.vm.network "forwarded_port", guest: 445, host: 445, host_ip: "127.0.0.1"')).length, 0);
    assert.equal(findings(wrap('config.vm.network "forwarded_port", guest: 445, host: 445, host_ip: "0.0.0.0"')).length, 1);
    assert.equal(findings(wrap('config.vm.network "forwarded_port", guest: 80, host: 8080')).length, 0);
    assert.equal(findings(wrap('# config.vm.network "forwarded_port", guest: 445, host: 445')).length, 0);
  });

  test('the fix adds host_ip in the call\'s own style', () => {
    const fix = (line: string) => {
      const text = wrap(line);
      const f = findings(text)[0].fixes.find((x) => x.isPreferred)!;
      return applyEdits(text, f.edits).split('\n')[1].trim();
    };
    assert.equal(fix('config.vm.network "forwarded_port", guest: 445, host: 445'), 'config.vm.network "forwarded_port", guest: 445, host: 445, host_ip: "127.0.0.1"');
    assert.equal(fix('config.vm.network :forwarded_port, :guest => 445, :host => 445'), 'config.vm.network :forwarded_port, :guest => 445, :host => 445, :host_ip => "127.0.0.1"');
    assert.equal(fix('config.vm.network "forwarded_port", guest: 445, host: 445, host_ip: "0.0.0.0" # lan'), 'config.vm.network "forwarded_port", guest: 445, host: 445, host_ip: "127.0.0.1" # lan');
  });
});
