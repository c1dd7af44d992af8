import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText } from '../../../src/core/index';
import { codeBlocks } from '../../../src/core/formats/markdown/blocks';

const analyze = (text: string, uri = 'README.md') => analyzeText({ uri, text });

describe('markdown: code blocks', () => {
  test('fences with tags, tildes, longer closing fences; inline code is not a fence', () => {
    const text = '```sh\na\n```\n~~~yaml\nb\n~~~~\n```` {.bash}\nc\n````\n``` x ` y\n';
    assert.deepEqual(codeBlocks(text, false).map((b) => [b.lang, text.slice(b.from, b.to)]), [['sh', 'a'], ['yaml', 'b'], ['bash', 'c']]);
  });
  test('rst directives with options, up to the first line indented no deeper', () => {
    const text = 'x\n\n.. code-block:: bash\n   :caption: c\n\n   one\n\n   two\nafter\n';
    assert.deepEqual(codeBlocks(text, true).map((b) => [b.lang, text.slice(b.from, b.to)]), [['bash', '   one\n\n   two']]);
  });
});

describe('markdown: analysis', () => {
  test('a finding lands on the exact place inside the fence', () => {
    const text = '# Setup\n\n```bash\ndocker run -p 445:445 dperson/samba\n```\n';
    const r = analyze(text);
    assert.equal(r.format, 'markdown');
    assert.equal(text.slice(r.findings[0].span.offset).split('\n')[0].includes('445:445'), true);
  });
  test('console sessions: prompts and output blanked, commands read', () => {
    const text = '```console\n$ sudo docker run -p 445:445 x\n0.0.0.0:445->445/tcp\n```\n';
    assert.equal(analyze(text).findings.length, 1);
    assert.equal(analyze('```console\nCONTAINER  docker run -p 445:445 x\n```\n').format, undefined);
  });
  test('a prose mention or a non-SMB block is not claimed', () => {
    assert.equal(analyze('Run `docker run -p 445:445 x` to start.\n').format, undefined);
    assert.equal(analyze('```sh\ndocker run -p 8080:80 nginx\n```\n').format, undefined);
  });
  test('suppression above the fence covers the block; another rule id does not', () => {
    const block = '```sh\ndocker run -p 445:445 x\n```\n';
    assert.equal(analyze(`<!-- smb-guard-ignore smb-internet-exposure: lab -->\n${block}`).findings.length, 0);
    assert.equal(analyze(`<!-- smb-guard-ignore smb-outbound-internet: lab -->\n${block}`).findings.length, 1);
  });
  test('fixes never edit outside the block', () => {
    const text = 'x\n```\niptables -A INPUT -p tcp --dport 445 -j ACCEPT\n```\ny\n';
    const [block] = codeBlocks(text, false);
    for (const fix of analyze(text).findings[0].fixes) for (const e of fix.edits) assert.ok(e.span.offset >= block.from && e.span.offset + e.span.length <= block.to, fix.title);
  });
});

test('markdown: an rST comment just above the directive suppresses its block', () => {
  const block = '.. code-block:: bash\n\n   docker run -p 445:445 dperson/samba\n';
  assert.equal(analyze(block, 'install.rst').findings.length, 1);
  assert.equal(analyze(`.. smb-guard-ignore smb-internet-exposure: lab only\n${block}`, 'install.rst').findings.length, 0);
});

test('markdown: a fence indented inside a list item is a block', () => {
  const text = '1. Start it:\n\n    ```sh\n    docker run -p 445:445 dperson/samba\n    ```\n';
  assert.deepEqual(codeBlocks(text, false).map((b) => b.lang), ['sh']);
  assert.equal(analyze(text).findings.length, 1);
});

test('markdown: an indented code block after a blank line is read by content; a continued paragraph is not', () => {
  const text = '## Hosting\n\n    sudo docker run -it -p 139:139 -p 445:445 -d dperson/samba\n\nOr:\n\n\tdocker run -p 445:445 dperson/samba\n';
  assert.deepEqual(codeBlocks(text, false).map((b) => text.slice(b.from, b.to).trim()), ['sudo docker run -it -p 139:139 -p 445:445 -d dperson/samba', 'docker run -p 445:445 dperson/samba']);
  assert.equal(analyze(text).findings.length, 3);
  assert.deepEqual(codeBlocks('para\n    docker run -p 445:445 x\n', false), []);
});
