/**
 * Every expansion is bounded and every lexer loop moves on: the hostile reproducers of the December 2026 campaign
 * (../shared/reliability/repro: C1, C3, C5–C7, H2, H3), rebuilt here byte for byte, and deep or looping jump
 * chains (D19). Each must finish without throwing, report the one place where the expansion budget ran out,
 * never guess the value past it, and give the same result on every run.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, type AnalysisResult } from '../../../src/core/index';
import { ExpansionBudget } from '../../../src/core/formats/common/expansion';
import { lexBatch } from '../../../src/core/formats/windows-firewall/batch-lexer';

/** A hang guard, not a benchmark: the fixed code takes milliseconds; before, these ran for minutes or aborted. */
const CEILING_MS = 10_000;

/** Lines `fmt(k)` for k = 1..n after a first line. */
const chain = (first: string, n: number, fmt: (k: number) => string) => [first, ...Array.from({ length: n }, (_, i) => fmt(i + 1))].join('\n');

function analyse(uri: string, text: string, formatId?: string): AnalysisResult {
  const started = Date.now();
  const result = analyzeText({ uri, text, formatId, options: { timeBudgetMs: 60_000 } });
  const ms = Date.now() - started;
  assert.ok(ms < CEILING_MS, `${uri} took ${ms} ms`);
  return result;
}

/** Analyses twice: no exception, under the ceiling, the same findings and problems both times. */
function stable(uri: string, text: string, formatId?: string): AnalysisResult {
  const first = analyse(uri, text, formatId);
  const second = analyse(uri, text, formatId);
  assert.deepEqual(JSON.parse(JSON.stringify(second)), JSON.parse(JSON.stringify(first)), `${uri}: two runs differ`);
  return first;
}

const budgetProblems = (r: AnalysisResult) => r.problems.filter((p) => / would exceed /.test(p.message));

/** The budget ran out once, at `name`, and the value past it is unknown: no exposure is guessed from it. */
function budgetHit(r: AnalysisResult, text: string, name: RegExp): void {
  const hits = budgetProblems(r);
  assert.equal(hits.length, 1, JSON.stringify(r.problems));
  assert.match(hits[0].message, /^expanding \S+ would exceed \d+ (characters|items); the rest of the value is unknown$/);
  assert.match(text.slice(hits[0].span.offset, hits[0].span.offset + hits[0].span.length), name);
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
}

describe('D1: lexer loops always move on', () => {
  test('C1: a caret before a lone CR (2 bytes) ends, as a batch file', () => {
    const text = '^\r';
    assert.deepEqual(lexBatch(text), { stmts: [], problems: [] });
    const r = stable('setup.bat', text, 'windows-firewall');
    assert.deepEqual(r.findings, []);
  });

  test('C1: the CR-only line ending after a caret (52 bytes) reads the netsh command before it', () => {
    const text = 'netsh advfirewall set allprofiles state off\r\necho ^\r';
    const r = stable('lab-setup.cmd', text);
    assert.equal(r.format, 'windows-firewall');
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-default-policy-exposure']);
  });

  test('cmd.exe drops CRs before carets: "^" CR LF continues the line, "^" CR x escapes x', () => {
    const words = (text: string) => lexBatch(text).stmts.map((s) => [s.head.text, ...s.words.map((w) => w.text)]);
    assert.deepEqual(words('netsh advfirewall ^\r\r\nset allprofiles state off\n'), [['netsh', 'advfirewall', 'set', 'allprofiles', 'state', 'off']]);
    assert.deepEqual(words('netsh a^\rb c\n'), [['netsh', 'ab', 'c']]);
    // Carets and CRs in every arrangement, each followed by more text: every one ends.
    for (const tail of ['^', '^\r', '^\r\r', '^^\r', '^\r^', '^\r\n^', '\r^\r', '"^\r', '%^\r', '!x!^\r']) {
      for (const text of [tail, `netsh x ${tail}`, `netsh x ${tail} y\n`, `${tail}${tail}`]) assert.ok(Array.isArray(lexBatch(text).stmts));
    }
  });
});

describe('the PowerShell reader nests by recursion, to a bounded depth', () => {
  test('50,000 nested foreach loops end with one budget problem, not a stack overflow; the rules in them still count', () => {
    const text = `${"foreach ($g in 'a', 'b') {\n".repeat(50_000)}New-NetFirewallRule -DisplayName x -Protocol TCP -LocalPort 445\n${'}\n'.repeat(50_000)}`;
    const r = stable('fw.ps1', text, 'windows-firewall');
    assert.equal(budgetProblems(r).length, 1);
    assert.match(budgetProblems(r)[0].message, /^expanding \$g would exceed/);
    assert.ok(r.findings.some((f) => f.ruleId === 'smb-internet-exposure'));
  });

  test('50,000 casts, arrays or "$(" strings in one value end with one nesting problem, not a stack overflow', () => {
    const values = ['[a]'.repeat(50_000) + '445', '@('.repeat(50_000) + '445' + ')'.repeat(50_000), '"' + '$("'.repeat(20_000)];
    for (const value of values) {
      const r = stable('fw.ps1', `New-NetFirewallRule -DisplayName x -Direction Inbound -Protocol TCP -LocalPort ${value} -Action Allow\n`);
      assert.equal(r.problems.filter((p) => /nest more than 200 deep/.test(p.message)).length, 1);
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
    }
    // A few levels, as real scripts write them, are read as before.
    const real = stable('fw.ps1', 'New-NetFirewallRule -DisplayName x -Direction Inbound -Protocol TCP -LocalPort @(@([string]445)) -Action Allow\n');
    assert.deepEqual(real.findings.map((f) => f.ruleId), ['smb-internet-exposure']);
  });
});

describe('D6: one expansion budget per document', () => {
  test('the budget refuses past its limits once, and everything after', () => {
    const b = new ExpansionBudget(10, { minChars: 100, charsPerChar: 1, minItems: 5, itemsPerChar: 0, depth: 3 });
    const at = { offset: 2, length: 3 };
    assert.equal(b.take('$a', at, 60), true);
    assert.equal(b.take('$b', at, 60), false);
    assert.equal(b.take('$c', at, 1), false, 'spent: small expansions are refused too');
    assert.deepEqual(b.problems, [{ span: at, message: 'expanding $b would exceed 100 characters; the rest of the value is unknown' }]);
    const items = new ExpansionBudget(0, { minChars: 100, charsPerChar: 1, minItems: 5, itemsPerChar: 0, depth: 3 });
    assert.equal(items.take('G', at, 0, 5), true);
    assert.equal(items.take('G', at, 0, 1), false);
    assert.match(items.problems[0].message, /exceed 5 items/);
    const deep = new ExpansionBudget(0, { minChars: 100, charsPerChar: 1, minItems: 5, itemsPerChar: 0, depth: 3 });
    assert.equal(deep.enter('{{ a }}', at, 3), true);
    assert.equal(deep.enter('{{ a }}', at, 4), false);
    assert.match(deep.problems[0].message, /exceed 3 nested references/);
  });

  test('the limits scale with the document: ten characters and one item per character, at least 1 MiB and 100,000', () => {
    assert.equal(new ExpansionBudget(100).maxChars, 1 << 20);
    assert.equal(new ExpansionBudget(1_000_000).maxChars, 10_000_000);
    assert.equal(new ExpansionBudget(100).maxItems, 100_000);
    assert.equal(new ExpansionBudget(1_000_000).maxItems, 1_000_000);
  });

  test('C3: pf macros doubling 24 times', () => {
    const text = `${chain('m0 = "445"', 24, (k) => `m${k} = "$m${k - 1} $m${k - 1}"`)}\nblock in all\npass in proto tcp to port { $m24 }\n`;
    budgetHit(stable('pf.conf', text), text, /^\$m\d+$/);
  });

  test('C5: shell variables doubling 40 times', () => {
    const text = `${chain('#!/bin/sh\nV0="445"', 40, (k) => `V${k}="$V${k - 1},$V${k - 1}"`)}\niptables -A INPUT -p tcp -m multiport --dports $V40 -j ACCEPT\n`;
    const r = stable('fw.sh', text);
    assert.equal(r.format, 'iptables');
    budgetHit(r, text, /^\$V\d+$/);
  });

  test('C6: PowerShell variables doubling 30 times', () => {
    const text = `${chain('$v0 = "445"', 30, (k) => `$v${k} = "$v${k - 1},$v${k - 1}"`)}\nNew-NetFirewallRule -DisplayName x -Direction Inbound -Protocol TCP -LocalPort $v30 -Action Allow\n`;
    budgetHit(stable('fw.ps1', text), text, /^\$v\d+$/);
  });

  test('PowerShell lists doubling without quotes', () => {
    const lists = `${chain('$v0 = 445', 30, (k) => `$v${k} = $v${k - 1},$v${k - 1}`)}\nNew-NetFirewallRule -DisplayName x -Direction Inbound -Protocol TCP -LocalPort $v30 -Action Allow\n`;
    budgetHit(stable('fw.ps1', lists), lists, /^\$v\d+$/);
  });

  test('C7: batch variables doubling 30 times', () => {
    const text = `${chain('@echo off\nset v0=445', 30, (k) => `set v${k}=%v${k - 1}%,%v${k - 1}%`)}\nnetsh advfirewall firewall add rule name=x dir=in action=allow protocol=TCP localport=%v30%\n`;
    budgetHit(stable('fw.cmd', text), text, /^%v\d+%$/);
  });

  const cisco = (fanout: number) => {
    const lines = ['ASA Version 9.8'];
    for (let g = 0; g < 13; g++) lines.push(`object-group network G${g}`, ...Array.from({ length: fanout }, () => ` group-object G${g + 1}`));
    lines.push('object-group network G13', ' network-object host 1.2.3.4', 'access-list out extended permit tcp object-group G0 any eq 445', 'access-group out in interface outside', '');
    return lines.join('\n');
  };

  test('H2: Cisco object groups fanning out 4 and 10 ways, 13 deep', () => {
    for (const fanout of [4, 10]) {
      const text = cisco(fanout);
      budgetHit(stable('asa.conf', text, 'cisco'), text, /^G0$/);
    }
  });

  test('Cisco object groups that nest past the depth limit or loop stay unknown, never "any"', () => {
    const lines = ['ASA Version 9.8'];
    for (let g = 0; g < 70; g++) lines.push(`object-group network D${g}`, ` group-object D${g + 1}`);
    lines.push('object-group network D70', ' network-object host 1.2.3.4', 'access-list out extended permit tcp object-group D0 any eq 445', 'access-group out in interface outside', '');
    const deep = lines.join('\n');
    const r = stable('asa.conf', deep, 'cisco');
    assert.deepEqual(budgetProblems(r).map((p) => p.message), ['expanding D65 would exceed 64 nested references; the rest of the value is unknown']);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
    // A shared group resolved once serves every ACE; a loop is no exposure and no problem.
    const loop = 'ASA Version 9.8\nobject-group network A\n group-object B\nobject-group network B\n group-object A\n network-object host 1.2.3.4\naccess-list out extended permit tcp object-group A any eq 445\naccess-group out in interface outside\n';
    assert.deepEqual(stable('asa.conf', loop, 'cisco').problems, []);
  });

  test('H3: Ansible Jinja references fanning out 50 ways, 6 deep', () => {
    const refs = (k: number) => `{{ v${k} }}`.repeat(50);
    const text = `- hosts: all\n  vars:\n    v0: "445"\n${Array.from({ length: 6 }, (_, i) => `    v${i + 1}: "${refs(i)}"\n`).join('')}  tasks:\n    - community.general.ufw:\n        rule: allow\n        port: "{{ v6 }}"\n        proto: tcp\n`;
    const r = stable('site.yml', text, 'ansible');
    const hits = budgetProblems(r);
    assert.equal(hits.length, 1);
    assert.match(hits[0].message, /^expanding \{\{ v\d \}\} would exceed \d+ (characters|items); the rest of the value is unknown$/);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
  });

  test('nftables defines of defines fanning out 50 ways, 6 deep', () => {
    const defines = Array.from({ length: 6 }, (_, i) => `define v${i + 1} = { ${Array.from({ length: 50 }, () => `$v${i}`).join(', ')} }`);
    const text = `define v0 = 445\n${defines.join('\n')}\ntable inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n    tcp dport $v6 accept\n  }\n}\n`;
    budgetHit(stable('fw.nft', text), text, /^\$v\d$/);
    // A big define named by many rules is copied once a rule (120,000 elements in all): no fan-out, no budget.
    const big = `define many = { ${Array.from({ length: 2000 }, (_, i) => `10.${i >> 8}.${i & 255}.1`).join(', ')} }\ntable inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n${'    ip saddr $many tcp dport 22 accept\n'.repeat(60)}  }\n}\n`;
    assert.deepEqual(stable('fw.nft', big).problems, []);
  });

  test('ARM variables concatenating variables 1,000 ways, twice', () => {
    const refs = (name: string) => `[concat(${Array.from({ length: 1000 }, () => `variables('${name}')`).join(',')})]`;
    const rule = { name: 'r', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: "[variables('a')]" } };
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      variables: { c: '4', b: refs('c'), a: refs('b') },
      resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name: 'n', location: 'x', properties: { securityRules: [rule] } }],
    };
    const text = JSON.stringify(template, null, 1);
    budgetHit(stable('azuredeploy.json', text, 'arm'), text, /variables\('a'\)/);
  });

  test('ordinary expansions are untouched by the budget', () => {
    const pf = 'smb = "{ 139 445 }"\nblock in all\npass in proto tcp to port $smb\n';
    assert.deepEqual(stable('pf.conf', pf).findings.map((f) => f.ruleId), ['smb-internet-exposure']);
    const sh = '#!/bin/sh\nIPT=iptables\nP=445\n$IPT -P INPUT DROP\n$IPT -A INPUT -p tcp --dport $P -j ACCEPT\n';
    assert.deepEqual(stable('fw.sh', sh).findings.map((f) => f.ruleId), ['smb-internet-exposure']);
    const cmd = '@echo off\nset P=445\nnetsh advfirewall firewall add rule name=x dir=in action=allow protocol=TCP localport=%P%\n';
    assert.deepEqual(stable('fw.cmd', cmd).problems, []);
  });
});

describe('D19: jump chains are followed as deep as the firewall follows them, and a cut is reported', () => {
  const iptables = (depth: number, extra = '') =>
    [
      '*filter',
      ':INPUT DROP [0:0]',
      ...Array.from({ length: depth }, (_, i) => `:C${i + 1} - [0:0]`),
      '-A INPUT -j C1',
      ...Array.from({ length: depth - 1 }, (_, i) => `-A C${i + 1} -j C${i + 2}`),
      `-A C${depth} -p tcp --dport 445 -j ACCEPT`,
      extra,
      'COMMIT',
      '',
    ].join('\n');

  test('iptables sets no depth: an ACCEPT of 445 behind 17 chained user chains is found', () => {
    const text = iptables(17);
    const r = stable('rules.v4', text);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-internet-exposure']);
    assert.deepEqual(r.problems, []);
  });

  test('a 10,000-deep iptables chain ends with a problem at the jump the engine stops at', () => {
    const text = iptables(10_000);
    const r = stable('rules.v4', text);
    assert.deepEqual(r.problems.map((p) => [text.slice(p.span.offset, p.span.offset + p.span.length), p.message]), [
      ['-A C1000 -j C1001', 'the jump to C1001 nests deeper than the 1000 jumps SMB Guard follows; what lies behind it is not checked'],
    ]);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
  });

  test('a jump cycle ends, is reported, and what the chains admit before it is found', () => {
    const text = iptables(3, '-A C3 -j C1');
    const r = stable('rules.v4', text);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-internet-exposure', 'smb-parse-error']);
    assert.deepEqual(r.problems.map((p) => p.message), ['the jump to C1 loops back to a chain already on the jump path; it is not followed']);
  });

  test('nftables follows 16 nested jumps, as the kernel does, and reports the 17th', () => {
    const nft = (depth: number) =>
      [
        'table inet filter {',
        '  chain input {\n    type filter hook input priority 0; policy drop;\n    jump c1\n  }',
        ...Array.from({ length: depth - 1 }, (_, i) => `  chain c${i + 1} {\n    jump c${i + 2}\n  }`),
        `  chain c${depth} {\n    tcp dport 445 accept\n  }`,
        '}',
        '',
      ].join('\n');
    assert.deepEqual(stable('fw.nft', nft(16)).findings.map((f) => f.ruleId), ['smb-internet-exposure']);
    const text = nft(17);
    const r = stable('fw.nft', text);
    assert.deepEqual(r.problems.map((p) => [text.slice(p.span.offset, p.span.offset + p.span.length), p.message]), [['jump c17', 'the jump to c17 nests deeper than the 16 jumps the firewall allows; it is not followed']]);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['smb-parse-error']);
  });
});
