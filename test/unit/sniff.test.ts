/** The activation bundle's first look (`mayClaim`) never turns down a document a format's detection claims, and
 *  turns down the files of an unrelated project, so opening them loads no reader. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectFormat } from '../../src/core/index';
import { mayClaim } from '../../src/core/sniff';

const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));

test('every fixture and workspace file some format claims is claimed by the sniff too', () => {
  let claimed = 0;
  for (const dir of ['test/fixtures', 'test/integration/workspace', 'examples']) {
    let files: string[] = [];
    try {
      files = walk(join(process.cwd(), dir));
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const uri = `file://${file}`;
      const format = detectFormat(uri, text);
      if (!format) continue;
      claimed++;
      assert.ok(mayClaim(uri, text), `${format.id} claims ${file} but the sniff does not`);
    }
  }
  assert.ok(claimed > 100, `only ${claimed} claimed files: the walk found too few`);
});

/** Files of an ordinary Node project: none is ours. */
const UNRELATED: Record<string, string> = {
  'package.json': '{\n  "name": "web-app",\n  "version": "1.0.0",\n  "scripts": { "build": "tsc -p .", "test": "node --test" },\n  "dependencies": { "express": "^4.19.0" }\n}\n',
  'tsconfig.json': '{\n  // strict everywhere\n  "compilerOptions": { "target": "ES2022", "module": "node16", "strict": true }\n}\n',
  '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n',
  '.eslintrc.yaml': 'root: true\nextends:\n  - eslint:recommended\nrules:\n  no-console: warn\n',
  'scripts/build.sh': '#!/bin/sh\nset -eu\nrm -rf dist\nnpm ci\nnpm run build\necho "built $(date)"\n',
  'src/index.ts': 'import express from "express";\nexpress().listen(445);\n',
  'README.md':
    '# web-app\n\nRun it with Docker, or with `npm start`. Behind a firewall, open port 8080 (iptables or ufw);\n' +
    'pass the port in `PORT`. Samba shares are not needed.\n\n```sh\ndocker build -t web-app .\nnpm ci\n```\n',
};

test('the files of an unrelated Node project are not claimed', () => {
  for (const [path, text] of Object.entries(UNRELATED)) {
    assert.equal(detectFormat(`file:///app/${path}`, text), undefined, `${path} is claimed by a format: not a fair example`);
    assert.ok(!mayClaim(`file:///app/${path}`, text), path);
  }
});

test('a name alone claims (an empty rules.v4, a Terraform file), and the head decides for the rest', () => {
  assert.ok(mayClaim('file:///etc/iptables/rules.v4', ''));
  assert.ok(mayClaim('file:///infra/main.tf?x#y', ''));
  assert.ok(mayClaim('file:///srv/fw.sh', '#!/bin/sh\n$IPT -A INPUT -p tcp --dport 445 -j ACCEPT\n'));
  const late = `${'# filler\n'.repeat(10_000)}iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n`;
  assert.ok(!mayClaim('file:///srv/fw.sh', late), 'only the head is read, as detection reads it');
});
