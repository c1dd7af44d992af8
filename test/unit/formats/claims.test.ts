/** A format claims a file only when it reads it: another language's file that mentions a command is not that
 *  command's script (issue 14, "Claims only what it reads"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../../../src/core/formats/registry';
import { lineRuns } from '../../../src/core/text/shell/detect';

const IPT = 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT';

test('a .nix file that only runs iptables outside the firewall options is claimed by no format', () => {
  assert.equal(detectFormat('configuration.nix', `{ ... }:\n{\n  systemd.services.fw.script = "${IPT}";\n}\n`), undefined);
  assert.equal(detectFormat('/etc/nixos/fw.nix', `${IPT}\n`), undefined);
  // The NixOS format reads its firewall options, extraCommands included.
  assert.equal(detectFormat('configuration.nix', `{\n  networking.firewall.extraCommands = ''\n    ${IPT}\n  '';\n}\n`)?.id, 'nixos');
});

test('documentation is read through its code blocks, or not at all', () => {
  assert.equal(detectFormat('README.md', `# Notes\n\n${IPT}\n`), undefined);
  assert.equal(detectFormat('docs/setup.rst', `Setup\n=====\n\n${IPT}\n`), undefined);
  assert.equal(detectFormat('docs/setup.rst', `Setup\n=====\n\nRun::\n\n    ${IPT}\n`)?.id, 'markdown');
  assert.equal(detectFormat('README.md', `# Notes\n\n\`\`\`sh\n${IPT}\n\`\`\`\n`)?.id, 'markdown');
  // Only the owner counts, even when it is switched off.
  assert.equal(detectFormat('README.md', `# Notes\n\n\`\`\`sh\n${IPT}\n\`\`\`\n`, ['iptables']), undefined);
  assert.equal(detectFormat('setup.sh', `${IPT}\n`)?.id, 'iptables');
});

test('ufw is detected behind any command prefix, not when only mentioned', () => {
  assert.equal(detectFormat('fw.sh', '#!/bin/sh\ndoas ufw allow 445\n')?.id, 'ufw');
  assert.equal(detectFormat('fw.sh', '#!/bin/sh\ntime nice -n 5 /usr/sbin/ufw allow 445\n')?.id, 'ufw');
  assert.equal(detectFormat('fw.sh', '#!/bin/sh\necho ufw allow 445\n# ufw allow 445\n'), undefined);
  assert.equal(lineRuns('  sudo -u root ufw --force allow 445', /^ufw$/), true);
  assert.equal(lineRuns('echo "ufw allow 445"', /^ufw$/), false);
});

test('a script that calls iptables only through a pass-through function is iptables', () => {
  assert.equal(detectFormat('fw.sh', 'ipt() { iptables "$@"; }\nipt -A INPUT -p tcp --dport 445 -j ACCEPT\n')?.id, 'iptables');
  assert.equal(detectFormat('fw.sh', 'ipt() {\n  /sbin/ip6tables -w "$@"\n}\n')?.id, 'iptables');
  assert.equal(detectFormat('fw.sh', 'echo iptables is not used here "$@"\n'), undefined);
  assert.equal(detectFormat('fw', 'nf() { nft "$@"; }\nnf add rule inet filter input tcp dport 445 accept\n')?.id, 'nftables');
});
