// --fix cannot lose data: atomic writes, modes, encodings, byte-order marks, symlinks, read-only files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runCliLimited, tempDir } from './helpers';

const REPRO = '/work/shared/reliability/repro';
const EXPOSED = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n';
const FIXED = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j DROP\nCOMMIT\n';

/** The F1/F2 reproducers as bytes; written inline so the tests do not depend on the shared folder. */
const F1_PF_BOM = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('pass in proto tcp to port 445\n')]);
const F2_LATIN1 = Buffer.concat([
  Buffer.from('# Pare-feu du serveur de fichiers '),
  Buffer.from([0xe9, 0x74, 0xe9]), // "été" in Latin-1: not UTF-8
  Buffer.from(' (Latin-1)\n*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m tcp --dport 445 -j ACCEPT\nCOMMIT\n'),
]);

function folderWith(name: string, bytes: Buffer | string, mode = 0o644): { dir: string; file: string } {
  const dir = tempDir('safety');
  const file = join(dir, name);
  writeFileSync(file, bytes);
  chmodSync(file, mode);
  return { dir, file };
}

describe('--fix writes atomically', () => {
  it('leaves the original byte-identical when the write fails midway (file-size limit), and reports the file', () => {
    // 20 KB of rules and a 4-8 KB write limit: the old in-place write left a truncated file.
    const rules = Array.from({ length: 500 }, (_, i) => `-A INPUT -p tcp --dport ${1000 + i} -j ACCEPT`);
    const text = ['*filter', ':INPUT DROP [0:0]', ...rules, '-A INPUT -p tcp --dport 445 -j ACCEPT', 'COMMIT', ''].join('\n');
    const { dir, file } = folderWith('big.rules', text);
    const r = runCliLimited(['scan', '--fix', '--format', 'json'], dir, 8);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), text, 'original intact');
    assert.deepEqual(readdirSync(dir), ['big.rules'], 'no temporary file left behind');
    assert.match(r.stderr, /^smb-guard: cannot write big\.rules: .*EFBIG.*; the file is unchanged$/m);
    // D13: the file whose write failed stays in the report, with its findings.
    const json = JSON.parse(r.stdout);
    assert.equal(json.summary.fixesApplied, 0);
    assert.deepEqual(json.files.map((f: { path: string; findings: unknown[] }) => [f.path, f.findings.length]), [['big.rules', 1]]);
  });

  it('keeps the mode of the file it replaces', () => {
    for (const mode of [0o600, 0o640, 0o755]) {
      const { dir, file } = folderWith('fw.rules', EXPOSED, mode);
      const inode = statSync(file).ino;
      assert.equal(runCli(['scan', '--fix'], dir).status, 0);
      assert.equal(readFileSync(file, 'utf8'), FIXED);
      assert.equal(statSync(file).mode & 0o7777, mode, mode.toString(8));
      assert.notEqual(statSync(file).ino, inode, 'replaced by rename, not rewritten in place');
    }
  });
});

describe('--fix and read-only files', () => {
  it('does not rewrite a 0444 file, even as root, and keeps it in the report (JSON and SARIF)', () => {
    const { dir, file } = folderWith('fw.rules', EXPOSED, 0o444);
    for (const format of ['json', 'sarif']) {
      const r = runCli(['scan', '--fix', '--format', format], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(readFileSync(file, 'utf8'), EXPOSED);
      assert.equal(statSync(file).mode & 0o777, 0o444);
      assert.match(r.stderr, /^smb-guard: cannot write fw\.rules: the file is read-only; the file is unchanged$/m);
      const out = JSON.parse(r.stdout);
      const results = format === 'json' ? out.files[0].findings : out.runs[0].results;
      assert.equal(results.length, 1, format);
    }
  });

  it('does not overwrite a read-only --output file', () => {
    const { dir } = folderWith('fw.rules', EXPOSED);
    const report = join(dir, 'report.json');
    writeFileSync(report, 'keep me');
    chmodSync(report, 0o444);
    const r = runCli(['scan', '--format', 'json', '--output', 'report.json'], dir);
    assert.equal(r.status, 2);
    assert.equal(readFileSync(report, 'utf8'), 'keep me');
    assert.match(r.stderr, /cannot write report\.json: the file is read-only/);
  });
});

describe('--fix and encodings', () => {
  it('refuses a Latin-1 file (reproducer F2): exit 2, file untouched, still reported', () => {
    const { dir, file } = folderWith('fw.rules', F2_LATIN1);
    const r = runCli(['scan', '--fix', '--format', 'json'], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(readFileSync(file).equals(F2_LATIN1), 'no byte changed');
    assert.match(r.stderr, /^smb-guard: cannot write fw\.rules: not valid UTF-8 \(name its encoding with --encoding\); the file is unchanged$/m);
    assert.equal(JSON.parse(r.stdout).files[0].findings.length, 1);
    // Without --fix the file is analysed as usual.
    assert.equal(runCli(['scan'], dir).status, 1);
  });

  it('fixes it with --encoding latin1, keeping every other byte', () => {
    const { dir, file } = folderWith('fw.rules', F2_LATIN1);
    const r = runCli(['scan', '--fix', '--encoding', 'latin1'], dir);
    assert.equal(r.status, 0, r.stderr);
    const expected = Buffer.from(F2_LATIN1.toString('latin1').replace('-j ACCEPT', '-j DROP'), 'latin1');
    assert.ok(readFileSync(file).equals(expected), readFileSync(file).toString('latin1'));
  });

  it('rejects an unknown or unwritable --encoding as a usage error', () => {
    const dir = tempDir('enc');
    assert.match(runCli(['scan', '--encoding', 'klingon'], dir).stderr, /^smb-guard: invalid --encoding: unknown encoding 'klingon'/);
    const sjis = runCli(['scan', '--encoding', 'shift_jis'], dir);
    assert.equal(sjis.status, 2);
    assert.match(sjis.stderr, /only UTF-8, UTF-16 and single-byte encodings/);
  });

  it('round-trips UTF-16LE and UTF-16BE files with a byte-order mark', () => {
    const cases: [string, Buffer, (s: string) => Buffer][] = [
      ['le.rules', Buffer.from([0xff, 0xfe]), (s) => Buffer.from(s, 'utf16le')],
      ['be.rules', Buffer.from([0xfe, 0xff]), (s) => Buffer.from(s, 'utf16le').swap16()],
    ];
    for (const [name, bom, encode] of cases) {
      const { dir, file } = folderWith(name, Buffer.concat([bom, encode(EXPOSED.replace('*filter', '# Pare-feu été\n*filter'))]));
      const r = runCli(['scan', '--fix'], dir);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^Applied 1 fix\n/);
      assert.ok(readFileSync(file).equals(Buffer.concat([bom, encode(FIXED.replace('*filter', '# Pare-feu été\n*filter'))])), name);
    }
  });

  it('keeps the BOM first when a fix inserts at offset 0 (reproducer F1)', () => {
    const { dir, file } = folderWith('pf.conf', F1_PF_BOM);
    const r = runCli(['scan', '--fix', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const after = readFileSync(file);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = after.subarray(3).toString('utf8');
    assert.ok(!text.includes('\uFEFF'), 'the BOM appears once');
    assert.match(text, /^block /, 'the inserted rule starts the first line, not indented by a copied BOM');
    assert.ok(text.split('\n').every((l) => !l.startsWith(' ')), text);
    // The fixed file parses and has nothing left.
    const again = runCli(['scan', '--format', 'json', '--fail-on', 'note'], dir);
    assert.equal(again.status, 0, again.stdout);
  });

  it('reports columns without the BOM, as an editor shows them', () => {
    const { dir } = folderWith('pf.conf', F1_PF_BOM);
    const plain = folderWith('pf.conf', F1_PF_BOM.subarray(3));
    const withBom = runCli(['scan', '--format', 'json'], dir).stdout;
    assert.match(withBom, /"line": 1,\s+"column": 27,/, 'port 445 is at column 27 of line 1');
    assert.equal(withBom, runCli(['scan', '--format', 'json'], plain.dir).stdout);
  });

  it('the shared reproducers, when present, behave the same', { skip: !safeExists(REPRO) }, () => {
    assert.ok(readFileSync(join(REPRO, 'F1-pf-bom-fix-breaks-file.pf')).equals(F1_PF_BOM));
    assert.ok(readFileSync(join(REPRO, 'F2-cli-fix-latin1-corruption.rules')).equals(F2_LATIN1));
  });
});

describe('--fix and symbolic links', () => {
  it('never follows a link out of the scanned folder: skipped with a note, target and link untouched', () => {
    const outside = folderWith('host.rules', EXPOSED);
    const dir = tempDir('links');
    symlinkSync(outside.file, join(dir, 'rules.v4'));
    const r = runCli(['scan', '--fix', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(outside.file, 'utf8'), EXPOSED);
    assert.ok(lstatSync(join(dir, 'rules.v4')).isSymbolicLink());
    assert.match(r.stderr, /^smb-guard: skipped rules\.v4: symbolic link to a file outside the scanned folders$/m);
    assert.deepEqual(JSON.parse(r.stdout).files, [], 'the target is not read into the report');
    // Named on the command line, the link is still not followed out of its folder.
    const named = runCli(['scan', 'rules.v4', '--fix'], dir);
    assert.match(named.stderr, /skipped rules\.v4: symbolic link/);
    assert.equal(readFileSync(outside.file, 'utf8'), EXPOSED);
  });

  it('fixes the target of a link inside the folder and keeps the link a link', () => {
    const { dir, file } = folderWith('real.rules', EXPOSED);
    symlinkSync('real.rules', join(dir, 'alias.rules'));
    const r = runCli(['scan', 'alias.rules', '--fix'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.ok(lstatSync(join(dir, 'alias.rules')).isSymbolicLink());
  });
});

function safeExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

