import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { nixos } from '../../../src/core/formats/nixos/index';
import { parseNix, MAX_DEPTH } from '../../../src/core/formats/nixos/parse';
import { definitions } from '../../../src/core/formats/nixos/options';

const model = (text: string) => nixos.extract(text, 'configuration.nix');
const analyze = (text: string) => analyzeText({ uri: 'configuration.nix', text });
const slice = (text: string, s: { offset: number; length: number }) => text.slice(s.offset, s.offset + s.length);

describe('nixos: detection', () => {
  test('claims .nix files that configure the firewall or Samba, nothing else', () => {
    assert.ok(nixos.detect('hosts/nas.nix', '{ networking.firewall.allowedTCPPorts = [ 445 ]; }'));
    assert.ok(nixos.detect('smb.nix', '{ services.samba = { enable = true; }; }'));
    assert.ok(nixos.detect('net.nix', '{ networking = { firewall = { enable = false; }; }; }'));
    assert.ok(!nixos.detect('default.nix', '{ stdenv }: stdenv.mkDerivation { pname = "samba-tools"; }'));
    assert.ok(!nixos.detect('jellyfin.nix', '{ services.jellyfin.openFirewall = true; }'));
    assert.ok(!nixos.detect('configuration.txt', '{ networking.firewall.allowedTCPPorts = [ 445 ]; }'));
  });
});

describe('nixos: the Nix reader', () => {
  test('paths, nested sets, let, with, rec, strings and lambdas give the same option', () => {
    const forms = [
      '{ networking.firewall.allowedTCPPorts = [ 445 ]; }',
      '{ config, ... }: { networking = { firewall = { allowedTCPPorts = [ 445 ]; }; }; }',
      'let p = [ 445 ]; in { networking.firewall."allowedTCPPorts" = p; }',
      'args@{ pkgs, ... }: with pkgs.lib; rec { networking.firewall = { allowedTCPPorts = [ 445 ]; }; }',
      '{ config = { networking.firewall.allowedTCPPorts = [ /* smb */ 445 ]; }; x = "a ${"b"} c"; y = \'\'\n  \'\'${x} \'\'; }',
    ];
    for (const text of forms) {
      const file = parseNix(text);
      assert.deepEqual(file.problems, [], text);
      const def = definitions(text, file.root).find((d) => d.path.join('.') === 'networking.firewall.allowedTCPPorts');
      assert.ok(def, text);
      assert.equal(def.value.kind === 'list' && def.value.items.map((i) => slice(text, i.span)).join(), '445', text);
    }
  });

  test('anything else is unknown, never guessed', () => {
    for (const v of ['if x then [ 445 ] else [ ]', 'a // { }', 'map toString [ 445 ]', 'builtins.genList (x: x) 445']) {
      const text = `{ networking.firewall.allowedTCPPorts = ${v}; }`;
      assert.equal(model(text).lists.length, 0, v);
    }
  });

  test('nesting deeper than the bound is reported, not followed; huge inputs stay linear', () => {
    const deep = `{ a = ${'['.repeat(MAX_DEPTH * 50)}${']'.repeat(MAX_DEPTH * 50)}; networking.firewall.allowedTCPPorts = [ 445 ]; }`;
    const m = model(deep);
    assert.ok(m.problems.some((p) => /nested deeper/.test(p.message)));
    const strings = `{ x = ${'"${'.repeat(20000)}${'}"'.repeat(20000)}; }`;
    const start = Date.now();
    parseNix(strings);
    parseNix('{ a = x.y or z.w or '.repeat(20000) + '1; }');
    assert.ok(Date.now() - start < 2000);
  });

  test('an unterminated string or set is a problem, not a crash', () => {
    assert.ok(parseNix('{ a = "x; }').problems.length > 0);
    assert.ok(parseNix("{ a = ''x; }").problems.length > 0);
    assert.ok(parseNix('{ a = [ 1 2 ; }').problems.length > 0);
  });
});

describe('nixos: the firewall', () => {
  test('per-interface ports are scoped to that interface; trustedInterfaces are internal evidence', () => {
    const text = '{ networking.firewall = { interfaces."br0".allowedTCPPorts = [ 445 ]; interfaces."wg+".allowedUDPPorts = [ 137 ]; trustedInterfaces = [ "lan0" ]; }; }';
    const m = model(text);
    const [tcp, udp] = m.lists[0].rules;
    assert.equal(tcp.scope?.in?.items[0].name, 'br0');
    assert.equal(slice(text, tcp.scope!.in!.span!), '"br0"');
    assert.deepEqual([udp.scope?.in?.items[0].name, udp.scope?.in?.items[0].prefix], ['wg', true]);
    assert.deepEqual(m.interfaces?.map((e) => [e.name, e.class]), [['lan0', 'internal']]);
  });

  test('openFirewall opens TCP 139/445 and UDP 137/138 only while Samba is enabled', () => {
    const ports = (text: string) => model(text).lists[0]?.rules.map((r) => `${r.protocol}:${JSON.stringify(r.ports.ranges)}:${r.conditional}`);
    assert.deepEqual(ports('{ services.samba.enable = true; services.samba.openFirewall = true; }'), ['tcp:[[139,139],[445,445]]:false', 'udp:[[137,138]]:false']);
    assert.deepEqual(ports('{ services.samba.openFirewall = true; }'), ['tcp:[[139,139],[445,445]]:true', 'udp:[[137,138]]:true']);
    assert.equal(ports('{ services.samba = { enable = false; openFirewall = true; }; }'), undefined);
    assert.equal(ports('{ lib, ... }: lib.mkIf cond { services.samba = { enable = false; openFirewall = true; }; }'), undefined);
    assert.equal(ports('{ services.samba-wsdd.openFirewall = true; services.samba.enable = true; }'), undefined);
  });

  test('a disabled firewall opens everything only where the file serves SMB', () => {
    assert.equal(model('{ networking.firewall.enable = false; }').lists.length, 0);
    const off = model('{ networking.firewall.enable = false; networking.firewall.allowedTCPPorts = [ 445 ]; }').lists[0];
    assert.deepEqual([off.policy, off.rules.length], ['allow', 0]);
  });

  test('extraCommands rules keep their place in the document', () => {
    const text = "{ networking.firewall.extraCommands = ''\n  ip46tables -A nixos-fw -p tcp --dport 445 -j nixos-fw-accept\n''; }";
    const [rule] = model(text).lists[0].rules;
    assert.equal(rule.text, 'ip46tables -A nixos-fw -p tcp --dport 445 -j nixos-fw-accept');
    assert.equal(rule.action, 'allow');
    const f = analyze(text).findings[0];
    assert.equal(slice(text, f.ruleSpan), rule.text);
  });
});

describe('nixos: fixes', () => {
  test('removing ports keeps the list layout; one-line lists stay on one line', () => {
    const text = '{\n  networking.firewall.allowedTCPPorts = [ 22 139 445 8080 ];\n}\n';
    const fix = analyze(text).findings[0].fixes.find((f) => f.kind === 'remove-ports')!;
    assert.equal(applyEdits(text, fix.edits), '{\n  networking.firewall.allowedTCPPorts = [ 22 8080 ];\n}\n');
  });

  test('SMB ports move under an internal interface the file configures, into its list if it has one', () => {
    const text = '{\n  networking.firewall.allowedTCPPorts = [ 22 445 ];\n  networking.firewall.interfaces.br0.allowedUDPPorts = [ 53 ];\n}\n';
    const move = analyze(text).findings[0].fixes.find((f) => f.kind === 'restrict-source')!;
    assert.match(move.title, /only on br0/);
    const after = applyEdits(text, move.edits);
    assert.equal(after, '{\n  networking.firewall.allowedTCPPorts = [ 22 ];\n  networking.firewall.interfaces.br0.allowedTCPPorts = [ 445 ];\n  networking.firewall.interfaces.br0.allowedUDPPorts = [ 53 ];\n}\n');
    assert.equal(model(after).lists[0].rules.find((r) => r.ports.ranges?.toString() === '445,445')?.scope?.in?.items[0].name, 'br0');
    const into = '{\n  networking.firewall.allowedTCPPorts = [ 445 ];\n  networking.firewall.interfaces.br0.allowedTCPPorts = [ 80 ];\n}\n';
    const fix = analyze(into).findings[0].fixes.find((f) => f.kind === 'restrict-source')!;
    assert.equal(applyEdits(into, fix.edits), '{\n  networking.firewall.allowedTCPPorts = [ ];\n  networking.firewall.interfaces.br0.allowedTCPPorts = [ 80 445 ];\n}\n');
  });

  test('no move is offered without an internal interface', () => {
    const text = '{ networking.firewall.allowedTCPPorts = [ 445 ]; networking.firewall.interfaces.eth0.allowedTCPPorts = [ 80 ]; }';
    assert.ok(!analyze(text).findings[0].fixes.some((f) => f.kind === 'restrict-source'));
  });
});
