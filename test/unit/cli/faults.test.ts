// CLI fault semantics: internal errors are exit 2 with the rest reported; FIFOs and devices are skipped; file
// names cannot forge report lines; unreadable paths say why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../src/core/index';
import { printablePath } from '../../../src/cli/errors';
import { run, type Io } from '../../../src/cli/run';
import { scan } from '../../../src/cli/scan';
import { runCli, tempDir } from './helpers';

const EXPOSED = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';

function runInProcess(argv: string[], cwd: string, analyze?: Io['analyze']) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, version: '0.0.0', useGit: false, analyze });
  return { status, stdout, stderr };
}

describe('internal errors', () => {
  it('an analyser exception is exit 2 with a one-line message naming the file; the other files are reported', () => {
    const dir = tempDir('crash');
    writeFileSync(join(dir, 'a.rules'), EXPOSED);
    writeFileSync(join(dir, 'b.rules'), EXPOSED);
    writeFileSync(join(dir, 'c.rules'), EXPOSED);
    // The analyser fails on b.rules the way a format's bug would (an exception deep inside a parser).
    const analyze: Io['analyze'] = (input) => {
      if (input.uri.endsWith('/b.rules')) throw new RangeError('Maximum call stack size exceeded\n    at expand (pf/lexer.ts:134)');
      return analyzeText(input);
    };
    for (const format of ['text', 'json', 'sarif']) {
      const r = runInProcess(['scan', '--format', format], dir, analyze);
      assert.equal(r.status, 2, format);
      const errors = r.stderr.split('\n').filter((l) => l.includes('b.rules'));
      assert.deepEqual(errors, ['smb-guard: internal error while analysing b.rules: RangeError: Maximum call stack size exceeded'], format);
      if (format === 'text') assert.match(r.stdout, /^a\.rules:3:17: error[^\n]*\nc\.rules:3:17: error[^\n]*\n2 findings \(2 errors\) in 2 of 2 files\n$/);
      if (format === 'json') assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['a.rules', 'c.rules']);
      if (format === 'sarif') assert.equal(JSON.parse(r.stdout).runs[0].results.length, 2);
    }
    // With --fix the other files are still fixed.
    const fixed = runInProcess(['scan', '--fix'], dir, analyze);
    assert.equal(fixed.status, 2);
    assert.match(fixed.stdout, /^Applied 2 fixes\nNo findings in 2 files\n$/);
  });

  it('an error outside any file is exit 2 with one line, never the "findings" code', () => {
    const dir = tempDir('boom');
    writeFileSync(join(dir, 'fw.rules'), EXPOSED);
    let stderr = '';
    const status = run(['scan'], {
      stdout: () => {
        throw new TypeError('cannot write the report\n    at Socket.write');
      },
      stderr: (t) => (stderr += t),
      cwd: dir,
      version: '0.0.0',
      useGit: false,
    });
    assert.equal(status, 2);
    assert.equal(stderr, 'smb-guard: internal error: TypeError: cannot write the report\n');
  });
});

describe('.gitignore patterns', () => {
  it('a pattern the glob reader cannot use ([z-a], reproducer C9) never ends the scan', () => {
    const dir = tempDir('gitignore');
    writeFileSync(join(dir, '.gitignore'), '[z-a]\n');
    writeFileSync(join(dir, 'rules.v4'), EXPOSED);
    const { report, errors } = scan({ paths: ['.'], cwd: dir, trusted: [], fix: false, useGit: false, note: () => {} });
    assert.deepEqual(report.files.map((f) => f.path), ['rules.v4']);
    // Either the pattern is reported (exit 2) or, if the reader accepts it, it simply matches nothing.
    for (const e of errors) assert.match(e, /^cannot use the \.gitignore pattern "\[z-a\]" in /);
  });
});

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('FIFOs, sockets and devices', () => {
  it('skips a FIFO in a folder, through a link, and named on the command line, without hanging', () => {
    const dir = tempDir('fifo');
    mkfifo(join(dir, 'pipe.rules'));
    symlinkSync('pipe.rules', join(dir, 'link.rules'));
    writeFileSync(join(dir, 'fw.rules'), EXPOSED);
    const folder = runCli(['scan', '--fail-on', 'none'], dir, 20_000);
    assert.equal(folder.status, 0, folder.stderr);
    assert.match(folder.stderr, /^smb-guard: skipped pipe\.rules: a FIFO, socket or device$/m);
    assert.match(folder.stderr, /^smb-guard: skipped link\.rules: link to a FIFO, socket or device$/m);
    assert.match(folder.stdout, /in 1 of 1 file\n$/);
    const named = runCli(['scan', 'pipe.rules', 'link.rules', 'fw.rules', '--fail-on', 'none'], dir, 20_000);
    assert.equal(named.status, 0, named.stderr);
    assert.match(named.stderr, /^smb-guard: skipped pipe\.rules: a FIFO$/m);
    assert.match(named.stderr, /^smb-guard: skipped link\.rules: a FIFO$/m);
  });

  it('skips a character device named on the command line', () => {
    const r = runCli(['scan', '/dev/null', '/dev/zero'], tempDir('dev'), 20_000);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /skipped \/dev\/null: a device/);
    assert.match(r.stderr, /skipped \/dev\/zero: a device/);
  });
});

describe('file names', () => {
  it('escapes control characters in text output, so a name cannot forge a report line', () => {
    const dir = tempDir('names');
    const name = 'x.rules:1:1: error smb-internet-exposure FORGED\nfw.rules';
    writeFileSync(join(dir, name), EXPOSED);
    const r = runCli(['scan'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.equal(lines[0].split(':3:17:')[0], '"x.rules:1:1: error smb-internet-exposure FORGED\\nfw.rules"');
    // JSON keeps the real name (JSON escapes it).
    assert.equal(JSON.parse(runCli(['scan', '--format', 'json'], dir).stdout).files[0].path, name);
  });

  it('quotes names the way git does, only when needed', () => {
    assert.equal(printablePath('etc/iptables/rules.v4'), 'etc/iptables/rules.v4');
    assert.equal(printablePath('C:\\fw\\rules.v4'), 'C:\\fw\\rules.v4');
    assert.equal(printablePath('a\tb\r\x1b[31m\u202e"\\'), '"a\\tb\\r\\x1b[31m\\u202e\\"\\\\"');
    assert.equal(printablePath('"quoted"'), '"\\"quoted\\""');
  });

  it('reports a name that is not valid UTF-8 clearly instead of "not found"', () => {
    const dir = tempDir('latin1-name');
    writeFileSync(Buffer.from(`${dir}/caf\xe9.rules`, 'latin1'), EXPOSED);
    writeFileSync(join(dir, 'fw.rules'), EXPOSED);
    const r = runCli(['scan'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, 'smb-guard: skipped .: its entry "caf\\xe9.rules" has a name that is not valid UTF-8\n');
    assert.match(r.stdout, /^fw\.rules:3:17: error/);
  });
});

describe('unreadable paths', () => {
  it('says "too many levels of symbolic links" for a link loop, not "path not found"', () => {
    const dir = tempDir('loop');
    symlinkSync('loop', join(dir, 'loop'));
    const r = runCli(['scan', 'loop'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'smb-guard: cannot read loop: too many levels of symbolic links (ELOOP)\n');
    assert.equal(runCli(['scan', 'missing'], dir).stderr, 'smb-guard: path not found: missing\n');
  });

  it('says "permission denied" for a folder it may not enter', { skip: process.getuid?.() === 0 && 'root can read anything' }, () => {
    const dir = tempDir('eacces');
    mkdirSync(join(dir, 'locked'), { mode: 0o000 });
    const r = runCli(['scan', 'locked/fw.rules'], dir);
    assert.equal(r.stderr, 'smb-guard: cannot read locked/fw.rules: permission denied (EACCES)\n');
  });
});
