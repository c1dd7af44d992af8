import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandStart } from '../../../src/core/text/shell/command';
import { lexShell, type Command, type ShellVar } from '../../../src/core/text/shell/lexer';

function commands(text: string): Command[] {
  const out: Command[] = [];
  lexShell(text, new Map<string, ShellVar>(), (c) => out.push(c));
  return out;
}

const program = (line: string) => {
  const words = commands(line)[0].words;
  return words[commandStart(words)]?.text;
};

test('commandStart skips every command prefix with its options, and assignments', () => {
  assert.equal(program('docker run x'), 'docker');
  assert.equal(program('sudo docker run x'), 'docker');
  assert.equal(program('sudo -u root -E docker run x'), 'docker');
  assert.equal(program('doas -u root iptables -A INPUT'), 'iptables');
  assert.equal(program('time nice -n 10 ionice -c 3 nohup podman run x'), 'podman');
  assert.equal(program('env DOCKER_HOST=tcp://h:2376 docker run x'), 'docker');
  assert.equal(program('A=1 B=2 exec command nerdctl run x'), 'nerdctl');
  assert.equal(program('A=1'), undefined);
});

test('commandStart leaves a program that merely looks like an option alone', () => {
  // Without a prefix before it, "-p" is the program word (nothing to skip).
  assert.equal(program('-p 445'), '-p');
  assert.equal(program('docker -H tcp://x run'), 'docker');
});

test('lexShell collects the bodies of command substitutions, not arithmetic', () => {
  const text = 'ID="$(docker run -p 445:445 x)"; N=$((1 + 2)); T=`date`; U=$(unclosed';
  const subs: { offset: number; length: number }[] = [];
  lexShell(text, new Map<string, ShellVar>(), () => {}, { substitutions: subs });
  assert.deepEqual(subs.map((s) => text.slice(s.offset, s.offset + s.length)), ['docker run -p 445:445 x', 'date']);
});
