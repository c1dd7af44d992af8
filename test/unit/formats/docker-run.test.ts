import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { dockerRun } from '../../../src/core/formats/docker-run/index';

const findings = (text: string, uri = 'start.sh') => analyzeText({ uri, text }).findings;
const ports = (text: string) =>
  dockerRun.extract(text, 'start.sh').lists.flatMap((l) => l.rules.map((r) => `${r.protocol} ${JSON.stringify(r.ports.ranges)} ${r.sources.items.map((i) => i.value.kind).join(',') || 'any'}`));

describe('docker-run: detection', () => {
  test('claims scripts, Makefiles, workflows and units with an SMB publish or a Samba image', () => {
    assert.ok(dockerRun.detect('start.sh', 'docker run -p 445:445 x\n'));
    assert.ok(dockerRun.detect('Makefile', 'up:\n\tdocker run -d dperson/samba\n'));
    assert.ok(dockerRun.detect('.github/workflows/ci.yml', 'jobs:\n  a:\n    steps:\n      - run: podman run -p 139:139 x\n'));
    assert.ok(dockerRun.detect('smb.service', '[Service]\nExecStart=/usr/bin/docker run -p 445:445 x\n'));
    assert.ok(dockerRun.detect('start', '#!/bin/bash\ndocker run -p 445:445 x\n'));
  });
  test('does not claim other runs, other files, or SMB words outside a run', () => {
    assert.ok(!dockerRun.detect('start.sh', 'docker run -p 8080:80 nginx\n# port 445 is closed\n'));
    assert.ok(!dockerRun.detect('notes.txt', 'docker run -p 445:445 x\n'));
    assert.ok(!dockerRun.detect('start.sh', 'echo "docker run -p 445:445 x"\n'));
    assert.ok(!dockerRun.detect('README.md', 'docker run -p 445:445 x\n'));
  });
});

describe('docker-run: publish forms', () => {
  test('short forms keep host address, port range and protocol', () => {
    assert.deepEqual(ports('docker run -p 445:445 x'), ['tcp [[445,445]] any']);
    assert.deepEqual(ports('docker run --publish=0.0.0.0:139:139/tcp x'), ['tcp [[139,139]] any']);
    assert.deepEqual(ports('docker run -p [::]:445:445 x'), ['tcp [[445,445]] any']);
    assert.deepEqual(ports('docker run -p 127.0.0.1:445:445 x'), ['tcp [[445,445]] loopback']);
    assert.deepEqual(ports('docker run -p 137-138:137-138/udp x'), ['udp [[137,138]] any']);
    assert.deepEqual(ports('docker run -p445:445 x'), ['tcp [[445,445]] any']);
  });
  test('a random host port is the container port, still reachable', () => {
    assert.deepEqual(ports('docker run -p 445 x'), ['tcp [[445,445]] any']);
  });
  test('service create long syntax, with protocol', () => {
    assert.deepEqual(ports('docker service create --publish published=137,target=137,protocol=udp,mode=host x'), ['udp [[137,137]] any']);
    assert.deepEqual(ports('docker service create --publish target=445 x'), ['tcp [[445,445]] any']);
  });
  test('-P and host networking count only for a Samba image; host networking ignores -p', () => {
    assert.deepEqual(ports('docker run -P dperson/samba'), ['any [[137,139],[445,445]] any']);
    assert.equal(ports('docker run -P nginx').length, 0);
    assert.equal(ports('docker run --net=host -p 445:445 dperson/samba').length, 1);
    assert.equal(ports('docker run --network host -p 445:445 nginx').length, 0);
  });
  test('options with values do not hide the image; variables are not guessed', () => {
    assert.equal(ports('docker run -e A=1 -v /a:/b --name s -P dperson/samba').length, 1);
    assert.deepEqual(ports('docker run -p "$PORT:445" x'), []);
    assert.deepEqual(ports('docker run -p $(PORT):445 x'), []);
  });
  test('the host-network message does not claim Docker bypasses the firewall', () => {
    const [f] = findings('docker run --network host dperson/samba\n');
    assert.ok(!/bypass/.test(f.message), f.message);
    assert.match(f.message, /UDP 137 .*UDP 138/);
    assert.ok(/bypass ufw/.test(findings('docker run -p 445:445 dperson/samba\n')[0].message));
  });
});

describe('docker-run: fixes', () => {
  const fix = (text: string, title: RegExp) => {
    const f = findings(text)[0];
    const chosen = f.fixes.find((x) => title.test(x.title));
    return chosen && applyEdits(text, chosen.edits);
  };
  test('bind to loopback rewrites the spec in place', () => {
    assert.equal(fix('docker run -p 0.0.0.0:445:445 x\n', /127/), 'docker run -p 127.0.0.1:445:445 x\n');
    assert.equal(fix("docker run -p '445:445' x\n", /127/), "docker run -p '127.0.0.1:445:445' x\n");
    assert.equal(fix('docker run -p 445 x\n', /127/), 'docker run -p 127.0.0.1::445 x\n');
  });
  test('dropping the option takes its continuation line with it', () => {
    assert.equal(fix('docker run -d \\\n  -p 445:445 \\\n  x\n', /Stop/), 'docker run -d \\\n  x\n');
  });
  test('no loopback fix for swarm services, no drop for a flag cluster', () => {
    assert.equal(fix('docker service create -p 445:445 x\n', /127/), undefined);
    assert.equal(fix('docker run -dp 445:445 x\n', /Stop/), undefined);
  });
});
