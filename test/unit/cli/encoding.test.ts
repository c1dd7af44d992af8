// Decoding for --fix: a file is written back only when its bytes survive decode → encode unchanged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codecFor, decode, encode, type Codec } from '../../../src/cli/encoding';
import { replaceFile } from '../../../src/cli/write';
import { tempDir } from './helpers';

const codec = (label: string) => codecFor(label) as Codec;

describe('encodings', () => {
  it('reads WHATWG labels as Node does: latin1 is windows-1252', () => {
    assert.equal(codec('latin1').name, 'windows-1252');
    assert.equal(codec('UTF8').name, 'utf-8');
    assert.equal(codec('koi8-r').name, 'koi8-r');
    assert.match(codecFor('gbk') as string, /not supported/);
    assert.match(codecFor('nope') as string, /unknown encoding/);
  });

  it('round-trips every byte of a single-byte encoding', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const d = decode(all, codec('windows-1252'));
    assert.ok(d.exact);
    assert.deepEqual([...encode(d.text, d)!], [...all]);
  });

  it('marks bytes that are not valid in the encoding as not writable', () => {
    assert.equal(decode(Buffer.from([0x41, 0xe9, 0x42])).exact, false);
    assert.equal(decode(Buffer.from([0xff, 0xfe, 0x41])).exact, false, 'odd UTF-16 length');
    assert.equal(decode(Buffer.from([0xff, 0xfe, 0x00, 0xd8])).exact, false, 'lone surrogate');
  });

  it('lets a byte-order mark decide, and keeps it out of the text', () => {
    const d = decode(Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), codec('windows-1252'));
    assert.equal(d.codec.name, 'utf-8');
    assert.equal(d.text, 'é');
    assert.deepEqual([...encode(`x${d.text}`, d)!], [0xef, 0xbb, 0xbf, 0x78, 0xc3, 0xa9]);
  });

  it('cannot write a character the encoding lacks', () => {
    const d = decode(Buffer.from('abc'), codec('windows-1252'));
    assert.equal(encode('a→b', d), undefined);
  });
});

describe('replaceFile', () => {
  it('keeps the owner of a file it may chown (as root)', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
    const file = join(tempDir('owner'), 'fw.rules');
    writeFileSync(file, 'old');
    chownSync(file, 65534, 65534);
    replaceFile(file, Buffer.from('new'));
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.deepEqual([statSync(file).uid, statSync(file).gid], [65534, 65534]);
  });
});
