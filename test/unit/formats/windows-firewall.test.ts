/** Windows Firewall scripts: detection, exact spans, block-wins order, built-in rules, SMBv1, fixes, tolerance. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { windowsFirewall } from '../../../src/core/formats/windows-firewall/index';
import type { AccessRule, RuleList } from '../../../src/core/model/rule';
import type { WriterResult } from '../../../src/core/formats/format';

const SERVICES = [
  { protocol: 'tcp' as const, port: 445, name: 'SMB' },
  { protocol: 'tcp' as const, port: 139, name: 'NetBIOS session' },
];

const model = (text: string, uri = 'setup.ps1') => windowsFirewall.extract(text, uri);
const inbound = (text: string, uri = 'setup.ps1') => model(text, uri).lists.find((l) => l.id === 'inbound') as RuleList;
const ids = (text: string, uri = 'setup.ps1') => analyzeText({ uri, text }).findings.map((f) => f.ruleId);
const at = (text: string, span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
const edits = (w: WriterResult) => (w === undefined ? undefined : Array.isArray(w) ? w : w.edits);

describe('detection', () => {
  const claims = (uri: string, text: string) => windowsFirewall.detect(uri, text);

  test('claims scripts that configure the firewall or SMBv1', () => {
    assert.ok(claims('fs.ps1', 'New-NetFirewallRule -DisplayName x -LocalPort 445\n'));
    assert.ok(claims('mod.psm1', 'function f { set-netfirewallprofile -Enabled False }\n'));
    assert.ok(claims('lab.bat', '@echo off\r\nnetsh advfirewall firewall add rule name=x dir=in action=allow\r\n'));
    assert.ok(claims('old.cmd', 'netsh firewall set opmode disable\n'));
    assert.ok(claims('smb1.ps1', 'Set-SmbServerConfiguration -EnableSMB1Protocol $true\n'));
    assert.ok(claims('rig.cmd', 'dism /online /enable-feature /featurename:SMB1Protocol\n'));
    assert.ok(claims('firewall-setup', 'netsh advfirewall set allprofiles state off\n'), 'a script without an extension');
  });

  test('leaves other PowerShell scripts, other formats and mere mentions alone', () => {
    assert.ok(!claims('deploy.ps1', 'Get-Service Spooler | Restart-Service\n'));
    assert.ok(!claims('notes.ps1', 'Write-Host "run Fix-NetFirewallish later"\n'));
    assert.ok(!claims('site.yml', '- win_shell: |\n    netsh advfirewall set allprofiles state off\n'));
    assert.ok(!claims('README.md', 'Run `netsh advfirewall reset` first.\n'));
    assert.ok(!claims('fw.sh', 'iptables -A INPUT -p tcp --dport 445 -j ACCEPT\n'));
    assert.ok(!claims('rules.v4', '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 445 -j ACCEPT\nCOMMIT\n'));
    assert.ok(!claims('firewall-notes', 'We should not use netsh advfirewall here.\n'), 'not at the start of a line');
  });

  test('the registry picks this format for these files', () => {
    assert.equal(analyzeText({ uri: 'a.ps1', text: 'Enable-NetFirewallRule -DisplayGroup "File and Printer Sharing"\n' }).format, 'windows-firewall');
    assert.equal(analyzeText({ uri: 'a.ps1', text: 'Get-ChildItem\n' }).format, undefined);
  });
});

describe('spans and values', () => {
  test('cmdlet list elements, quoted or bare, carry their own spans', () => {
    const text = 'New-NetFirewallRule -DisplayName "SMB" -Protocol TCP -LocalPort @("445", \'139\') -RemoteAddress 10.1.0.0/24, 45.76.12.0/24\n';
    const [rule] = inbound(text).rules;
    assert.deepEqual(rule.ports.items.map((i) => at(text, i.span)), ['445', '139']);
    assert.deepEqual(rule.ports.ranges, [[445, 445], [139, 139]]);
    assert.deepEqual(rule.sources.items.map((i) => at(text, i.span)), ['10.1.0.0/24', '45.76.12.0/24']);
    assert.equal(at(text, rule.sources.span!), '10.1.0.0/24, 45.76.12.0/24');
    assert.equal(at(text, rule.protocolSpan!), 'TCP');
    assert.equal(rule.action, 'allow', 'Allow is the default action');
  });

  test('netsh values: quoted lists, ranges and keywords', () => {
    const text = 'netsh advfirewall firewall add rule name="NB" dir=in action=allow protocol=UDP localport=137-138 remoteip="10.0.0.0/255.255.0.0,dns"\n';
    const [rule] = inbound(text, 'x.cmd').rules;
    assert.deepEqual(rule.ports.ranges, [[137, 138]]);
    assert.equal(at(text, rule.ports.items[0].span), '137-138');
    assert.deepEqual(rule.sources.items.map((i) => [at(text, i.span), i.value.kind]), [['10.0.0.0/255.255.0.0', 'cidr'], ['dns', 'unknown']]);
    assert.equal(at(text, rule.actionSpan), 'allow');
  });

  test('netsh tags with blanks around "=" read as one tag=value, the value span on the value alone', () => {
    const text = 'netsh advfirewall firewall add rule name= "a, b" dir =in action = allow protocol = UDP localport = 137-138 remoteip = "10.0.0.0/8, 172.16.0.0/12"\n';
    const m = model(text, 'x.cmd');
    const [rule] = (m.lists.find((l) => l.id === 'inbound') as RuleList).rules;
    assert.deepEqual(m.problems, []);
    assert.deepEqual(rule.ports.ranges, [[137, 138]]);
    assert.equal(at(text, rule.ports.items[0].span), '137-138');
    assert.deepEqual(rule.sources.items.map((i) => at(text, i.span)), ['10.0.0.0/8', '172.16.0.0/12']);
    assert.equal(at(text, rule.actionSpan), 'allow');
  });

  test('variables are resolved where literal and unknown otherwise', () => {
    const text = '$ports = 445,139\n$lan = "192.168.5.0/24"\nNew-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort $ports -RemoteAddress $lan\nNew-NetFirewallRule -DisplayName b -Protocol TCP -LocalPort 445 -RemoteAddress $env:TRUSTED\n';
    const [a, b] = inbound(text).rules;
    assert.deepEqual(a.ports.ranges, [[445, 445], [139, 139]]);
    assert.deepEqual(a.sources.items.map((i) => i.value), [{ kind: 'cidr', cidr: '192.168.5.0/24' }]);
    assert.deepEqual(b.sources.items.map((i) => i.value.kind), ['unknown']);
    assert.deepEqual(ids(text), []);
  });

  test('foreach and ForEach-Object over literal lists read the body once per element', () => {
    const text = "foreach ($p in 139, 445) {\n  New-NetFirewallRule -DisplayName \"Allow $p\" -Protocol TCP -LocalPort $p\n}\n@('10.0.0.0/8') | % { New-NetFirewallRule -DisplayName Lan -LocalPort 445 -RemoteAddress $_ }\nNew-NetFirewallRule -DisplayName after -LocalPort $p\n";
    const rules = inbound(text).rules;
    assert.deepEqual(rules.map((r) => [r.label, r.ports.ranges]), [['rule "Allow 139"', [[139, 139]]], ['rule "Allow 445"', [[445, 445]]], ['rule "Lan"', [[445, 445]]], ['rule "after"', 'unknown']]);
    assert.deepEqual(rules[2].sources.items.map((i) => i.value), [{ kind: 'cidr', cidr: '10.0.0.0/8' }]);
    assert.equal(at(text, rules[1].ports.items[0].span), '$p', 'an element points at the variable that carries it');
  });

  test('a splatted hashtable follows $t.Key = and $t[\'Key\'] = ; an unreadable splat is an unknown rule, no problem', () => {
    const text = "$a = @{ DisplayName = 'a'; LocalPort = 445 }\n$a['Enabled'] = 'False'\nNew-NetFirewallRule @a\n$b = @{ DisplayName = 'b'; LocalPort = 139 }\n$b.RemoteAddress = '10.1.0.0/16'\nNew-NetFirewallRule @b\nNew-NetFirewallRule @fromJson\nNew-NetFirewallRule -DisplayName c -LocalPort 445 @extra\n";
    const m = model(text);
    assert.deepEqual(m.problems, []);
    const rules = (m.lists.find((l) => l.id === 'inbound') as RuleList).rules;
    assert.deepEqual(rules.map((r) => r.label), ['rule "b"'], 'a is disabled; the splats we cannot read make no rule');
    assert.equal(at(text, rules[0].sources.items[0].span), '10.1.0.0/16');
    assert.deepEqual(ids(text), []);
  });

  test('a collection the script does not show reads the body once, the variable unknown', () => {
    const text = 'foreach ($g in (Get-Content g.txt)) { Enable-NetFirewallRule -DisplayGroup $g }\nforeach ($i in 1..3) { New-NetFirewallRule -DisplayName x -LocalPort $i }\n';
    assert.deepEqual(inbound(text).rules.map((r) => r.ports.ranges), ['unknown']);
    assert.deepEqual(model(text).problems, []);
  });

  test('nested loops over long lists stop at the expansion budget, with one problem', () => {
    const list = Array.from({ length: 400 }, (_, i) => `'g${i}'`).join(',');
    const text = `${Array.from({ length: 6 }, (_, d) => `foreach ($v${d} in ${list}) {`).join('\n')}\nEnable-NetFirewallRule -DisplayGroup $v5\n${'}\n'.repeat(6)}`;
    const m = model(text);
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0].message, /would exceed/);
  });

  test('backtick continuations, comments and block comments', () => {
    const text = '<# New-NetFirewallRule -DisplayName old -LocalPort 445 #>\n# netsh advfirewall set allprofiles state off\nNew-NetFirewallRule `\n  -DisplayName "x" `\r\n  -Protocol TCP -LocalPort 445 # trailing\n';
    const m = model(text);
    assert.equal(m.lists.length, 2, 'no firewall-off list from the comment');
    assert.equal(inbound(text).rules.length, 1);
    assert.deepEqual(m.problems, []);
  });

  test('batch: REM and :: comments, ^ continuations, %VAR% expansion', () => {
    const text = '@echo off\r\nREM netsh advfirewall set allprofiles state off\r\n:: also a comment\r\nset PORTS=445\r\nnetsh advfirewall firewall add rule name=x dir=in ^\r\n  action=allow protocol=TCP localport=%PORTS% remoteip=any\r\n';
    const m = model(text, 'lab.bat');
    assert.equal(m.lists.length, 2);
    const [rule] = inbound(text, 'lab.bat').rules;
    assert.deepEqual(rule.ports.ranges, [[445, 445]]);
    assert.deepEqual(ids(text, 'lab.bat'), ['smb-internet-exposure']);
  });
});

describe('semantics', () => {
  test('block rules win over allow rules whatever their order; bypass wins over blocks', () => {
    const allow = 'New-NetFirewallRule -DisplayName allow -Protocol TCP -LocalPort 445 -RemoteAddress Any\n';
    const block = 'New-NetFirewallRule -DisplayName block -Action Block -Protocol TCP -LocalPort 445\n';
    assert.deepEqual(ids(allow + block), []);
    assert.deepEqual(ids(block + allow), []);
    const bypass = 'netsh advfirewall firewall add rule name=ipsec dir=in action=bypass protocol=TCP localport=445 remoteip=any security=authenticate\n';
    const list = inbound(allow + block + bypass);
    assert.deepEqual(list.rules.map((r) => r.label), ['rule "ipsec"', 'rule "block"', 'rule "allow"']);
    assert.deepEqual(ids(allow + block + bypass), ['smb-internet-exposure']);
  });

  test('allow rules do not hide one another: each exposing rule is reported', () => {
    const text = 'New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 -RemoteAddress Any\nNew-NetFirewallRule -DisplayName b -Protocol TCP -LocalPort 445 -RemoteAddress Internet\n';
    assert.deepEqual(ids(text), ['smb-internet-exposure', 'smb-internet-exposure']);
  });

  test('a missing -RemoteAddress means any; LocalSubnet is narrow; -Enabled False is no rule until enabled', () => {
    assert.deepEqual(ids('New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445\n'), ['smb-internet-exposure']);
    assert.deepEqual(ids('New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 -RemoteAddress LocalSubnet\n'), []);
    const off = 'New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 -Enabled False\n';
    assert.deepEqual(ids(off), []);
    assert.deepEqual(ids(`${off}Set-NetFirewallRule -DisplayName a -Enabled True\n`), ['smb-internet-exposure']);
    assert.deepEqual(ids(`${off}Enable-NetFirewallRule -DisplayName a\nRemove-NetFirewallRule -DisplayName a\n`), []);
  });

  test('built-in File and Printer Sharing rules: the Domain copies take any address, the others LocalSubnet', () => {
    assert.deepEqual(ids('Enable-NetFirewallRule -Name FPS-SMB-In-TCP\n'), []);
    assert.deepEqual(ids('Enable-NetFirewallRule -Name FPS-SMB-In-TCP-NoScope\n'), ['smb-internet-exposure']);
    const group = 'Get-NetFirewallRule -DisplayGroup "File and Printer Sharing" | Enable-NetFirewallRule\n';
    const rules = inbound(group).rules;
    assert.deepEqual(rules.map((r) => r.sources.items.map((i) => i.value.kind)), [[], ['local-subnet']]);
    assert.deepEqual(rules[0].ports.ranges, [[137, 139], [445, 445]]);
    assert.deepEqual(ids('Set-NetFirewallRule -DisplayGroup "File and Printer Sharing" -Enabled True -RemoteAddress LocalSubnet\n'), []);
  });

  test('the File and Printer Sharing group by its localised display names and its resource name', () => {
    const names = ['Datei- und Druckerfreigabe', "Partage de fichiers et d'imprimantes", 'Compartir archivos e impresoras', 'Condivisione file e stampanti',
      'Compartilhamento de Arquivos e Impressoras', 'Partilha de Ficheiros e Impressoras', 'Bestands- en printerdeling', 'Udostępnianie plików i drukarek',
      'Общий доступ к файлам и принтерам', 'ファイルとプリンターの共有', '文件和打印机共享', '檔案及印表機共用', '파일 및 프린터 공유', 'Fil- och skrivardelning',
      'Sdílení souborů a tiskáren', 'Dosya ve Yazıcı Paylaşımı', '@FirewallAPI.dll,-28502'];
    for (const name of names) {
      assert.deepEqual(ids(`Enable-NetFirewallRule -DisplayGroup "${name}"\n`), ['smb-internet-exposure'], name);
      assert.deepEqual(ids(`netsh advfirewall firewall set rule group="${name}" new enable=Yes\r\n`, 'x.cmd'), ['smb-internet-exposure'], `netsh ${name}`);
    }
    assert.deepEqual(ids('Enable-NetFirewallRule -Group "@FirewallAPI.dll,-32752"\n'), [], 'Network Discovery');
    assert.deepEqual(ids('netsh advfirewall firewall set rule group="Netzwerkerkennung" new enable=Yes\r\n', 'x.cmd'), []);
  });

  test('firewall off and default inbound Allow are policies; switching back on clears them', () => {
    const off = model('netsh advfirewall set publicprofile state off\n', 'x.cmd');
    const list = off.lists.find((l) => l.id.startsWith('off@')) as RuleList;
    assert.equal(list.policy, 'allow');
    assert.equal(list.policyText, 'switched off for the Public profile');
    assert.equal(model('netsh advfirewall set allprofiles state off\nnetsh advfirewall set allprofiles state on\n', 'x.cmd').lists.length, 2);
    const allow = inbound('Set-NetFirewallProfile -All -DefaultInboundAction Allow\n');
    assert.equal(allow.policy, 'allow');
    assert.equal(allow.policyText, 'DefaultInboundAction Allow');
    assert.equal(inbound('netsh advfirewall set allprofiles firewallpolicy blockinbound,allowoutbound\n').policy, 'deny');
  });

  test('outbound rules use the remote port', () => {
    const text = 'New-NetFirewallRule -DisplayName o -Direction Outbound -Protocol TCP -RemotePort 445 -LocalPort 50000 -RemoteAddress 45.76.12.0/24\n';
    const out = model(text).lists.find((l) => l.id === 'outbound') as RuleList;
    assert.deepEqual(out.rules[0].ports.ranges, [[445, 445]]);
    assert.deepEqual(ids(text), ['smb-outbound-internet']);
  });
});

describe('SMBv1 settings', () => {
  test('the turning-on token, the command, and the edits that turn it off', () => {
    const text = 'Enable-WindowsOptionalFeature -Online -FeatureName "SMB1Protocol" -All -Source D:\\sxs -NoRestart\n';
    const [s] = model(text).settings ?? [];
    assert.equal(at(text, s.span), 'Enable-WindowsOptionalFeature');
    assert.equal(at(text, s.ruleSpan), text.trimEnd());
    assert.equal(applyEdits(text, s.turnOff ?? []), 'Disable-WindowsOptionalFeature -Online -FeatureName "SMB1Protocol" -NoRestart\n');
    const dism = 'DISM /Online /Enable-Feature /FeatureName:SMB1Protocol /All\r\n';
    const [d] = model(dism, 'x.cmd').settings ?? [];
    assert.equal(applyEdits(dism, d.turnOff ?? []), 'DISM /Online /Disable-Feature /FeatureName:SMB1Protocol\r\n');
  });

  test('switching off, or a list with other features, is handled with care', () => {
    assert.deepEqual(model('Set-SmbServerConfiguration -EnableSMB1Protocol:$false\n').settings, []);
    const [mixed] = model('Enable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol,NetFx3\n').settings ?? [];
    assert.equal(mixed.turnOff, undefined, 'turning the list off would remove NetFx3 too');
  });
});

describe('fixes', () => {
  const rule = (text: string, uri = 'setup.ps1') => ({ list: inbound(text, uri), rule: inbound(text, uri).rules[0] as AccessRule });

  test('removing the SMB ports keeps the list style', () => {
    const text = 'New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort @("445","3389") -RemoteAddress Any\n';
    const { list, rule: r } = rule(text);
    assert.equal(applyEdits(text, edits(windowsFirewall.fixes.removeServices!(text, r, list, SERVICES)) ?? []), 'New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort @("3389") -RemoteAddress Any\n');
    const netsh = 'netsh advfirewall firewall add rule name=a dir=in action=allow protocol=TCP localport=139,445,5985 remoteip=any\n';
    const n = rule(netsh, 'a.cmd');
    assert.equal(applyEdits(netsh, edits(windowsFirewall.fixes.removeServices!(netsh, n.rule, n.list, SERVICES)) ?? []), netsh.replace('139,445,5985', '5985'));
  });

  test('restricting the source inserts -RemoteAddress when it is missing, and edits a splatted hashtable', () => {
    const text = 'New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 # why\n';
    const { list, rule: r } = rule(text);
    assert.equal(applyEdits(text, edits(windowsFirewall.fixes.restrictSource!(text, r, list, ['10.1.0.0/24'])) ?? []), 'New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 -RemoteAddress 10.1.0.0/24 # why\n');
    const splat = "$p = @{\n  DisplayName = 'a'\n  LocalPort = 445\n  Protocol = 'TCP'\n  RemoteAddress = 'Any'\n}\nNew-NetFirewallRule @p\n";
    const s = rule(splat);
    assert.equal(applyEdits(splat, edits(windowsFirewall.fixes.restrictSource!(splat, s.rule, s.list, ['10.1.0.0/24'])) ?? []), splat.replace("'Any'", "'10.1.0.0/24'"));
  });

  test('deny and an inserted block rule follow the command style and the line breaks', () => {
    const text = '@echo off\r\n  netsh advfirewall firewall add rule name=a dir=in action=allow protocol=TCP localport=445 remoteip=any\r\n';
    const { list, rule: r } = rule(text, 'a.cmd');
    assert.deepEqual(edits(windowsFirewall.fixes.deny!(text, r, list))?.map((e) => [at(text, e.span), e.newText]), [['allow', 'block']]);
    const inserted = applyEdits(text, edits(windowsFirewall.fixes.insertDenyBefore!(text, r, list, SERVICES)) ?? []);
    assert.equal(inserted.split('\r\n')[1], '  netsh advfirewall firewall add rule name="Block SMB" dir=in action=block protocol=TCP localport=445,139');
    assert.ok(!/[^\r]\n/.test(inserted), 'CRLF kept');
  });

  test('an inserted block rule copies the interfaces of the rule it answers', () => {
    const block = (text: string, uri = 'setup.ps1') => {
      const { list, rule: r } = rule(text, uri);
      const out = applyEdits(text, edits(windowsFirewall.fixes.insertDenyBefore!(text, r, list, SERVICES.slice(0, 1))) ?? []);
      const fresh = inbound(out, uri).rules.find((x) => x.action === 'deny');
      return { line: out.split('\n')[0], scope: fresh?.scope };
    };
    const ps = block('New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 -Profile Public -InterfaceAlias "Ethernet 2","WAN*"\n');
    assert.equal(ps.line, 'New-NetFirewallRule -DisplayName "Block SMB" -Direction Inbound -Action Block -Protocol TCP -LocalPort 445 -InterfaceAlias "Ethernet 2","WAN*"');
    assert.deepEqual(ps.scope?.in?.items.map((i) => [i.name, i.prefix]), [['Ethernet 2', undefined], ['WAN', true]]);
    assert.equal(block('New-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445 -InterfaceType RemoteAccess -InterfaceAlias $vpn\n').line.endsWith(' -InterfaceAlias $vpn'), true);
    const netsh = block('netsh advfirewall firewall add rule name=a dir=in action=allow protocol=TCP localport=445 profile=private,public interfacetype=ras\n', 'a.cmd');
    assert.equal(netsh.line, 'netsh advfirewall firewall add rule name="Block SMB" dir=in action=block protocol=TCP localport=445 interfacetype=ras');
    assert.deepEqual(netsh.scope?.in?.items.map((i) => i.name), ['RemoteAccess']);
  });
});

describe('suppression', () => {
  test('"#" comments in PowerShell; REM or :: in batch files, and the fix writes REM there', () => {
    const ps = '# smb-guard-ignore smb-internet-exposure: lab\nNew-NetFirewallRule -DisplayName a -Protocol TCP -LocalPort 445\n';
    assert.deepEqual(ids(ps), []);
    const rule = 'netsh advfirewall firewall add rule name=a dir=in action=allow protocol=TCP localport=445 remoteip=any\r\n';
    assert.deepEqual(ids(`REM # smb-guard-ignore smb-internet-exposure: lab\r\n${rule}`, 'a.bat'), []);
    assert.deepEqual(ids(`:: # smb-guard-ignore smb-internet-exposure: lab\r\n${rule}`, 'a.bat'), []);
    assert.deepEqual(ids(`REM smb-guard-ignore smb-internet-exposure: lab\r\n${rule}`, 'a.bat'), []);
    assert.deepEqual(ids(`echo smb-guard-ignore smb-internet-exposure: not a comment\r\n${rule}`, 'a.bat'), ['smb-internet-exposure']);
    const [finding] = analyzeText({ uri: 'a.bat', text: rule }).findings;
    const suppress = finding.fixes.find((f) => f.kind === 'suppress');
    assert.match(suppress?.edits[0].newText ?? '', /^REM smb-guard-ignore smb-internet-exposure: REASON\r\n$/);
  });
});

describe('tolerance', () => {
  const inputs = [
    '',
    '\u0000\u0001garbage ((( {{{ @( "',
    'New-NetFirewallRule -DisplayName "unterminated -LocalPort 445\n',
    '<# never closed\nNew-NetFirewallRule -DisplayName a\n',
    '$p = @{ DisplayName = \nNew-NetFirewallRule @p',
    'netsh advfirewall firewall add rule name="x" dir=in',
    'Set-NetFirewallProfile -Enabled',
    'netsh advfirewall firewall add rule name=x dir=sideways action=allow\n',
    '$,',
    'Write-Host , = , @p\n',
  ];
  for (const text of inputs) {
    test(`no throw on ${JSON.stringify(text.slice(0, 30))}`, () => {
      for (const uri of ['a.ps1', 'a.bat']) assert.doesNotThrow(() => model(text, uri));
    });
  }

  test('broken input is reported and the rules before it still count', () => {
    const text = 'New-NetFirewallRule -DisplayName ok -Protocol TCP -LocalPort 445 -RemoteAddress Any\nNew-NetFirewallRule -DisplayName "broken -LocalPort 139\n<# open\n';
    const m = model(text);
    assert.equal(inbound(text).rules.length, 1);
    assert.ok(m.problems.length >= 2);
    assert.deepEqual(ids(text), ['smb-internet-exposure', 'smb-parse-error']);
    assert.equal(model('netsh advfirewall firewall add rule name=x dir=sideways action=allow\n', 'a.cmd').problems.length, 1);
  });
});

describe('where a rule applies: profiles, interfaces, program, service', () => {
  const scopeOf = (text: string, uri = 'setup.ps1') => {
    const r = inbound(text, uri).rules[0];
    const s = r.scope;
    return {
      conditional: r.conditional,
      conditions: r.conditions,
      profiles: s?.profiles?.names,
      in: s?.in && (s.in.unknown ? 'unknown' : s.in.items.map((i) => `${i.name}${i.prefix ? '*' : ''}=${at(text, i.span)}`)),
      program: s?.program && `${s.program.path}=${at(text, s.program.span)}`,
      service: s?.service && `${s.service.name}=${at(text, s.service.span)}`,
    };
  };

  test('cmdlet parameters become the scope, not conditions', () => {
    const text = 'New-NetFirewallRule -DisplayName "App" -LocalPort 445 -Protocol TCP -Profile Private,Public -InterfaceAlias "Ethernet*" -Program "C:\\apps\\sync.exe" -Service LanmanServer\n';
    assert.deepEqual(scopeOf(text), {
      conditional: false,
      conditions: undefined,
      profiles: ['private', 'public'],
      in: ['Ethernet*=Ethernet*'],
      program: 'C:\\apps\\sync.exe=C:\\apps\\sync.exe',
      service: 'LanmanServer=LanmanServer',
    });
  });

  test('"Any" clears a part; every profile is no profile scope; the alias wins over the type', () => {
    const text = 'New-NetFirewallRule -DisplayName "A" -LocalPort 445 -Protocol TCP -Profile Any -Program Any -InterfaceAlias Wi-Fi -InterfaceType Wireless\n';
    assert.deepEqual(scopeOf(text), { conditional: false, conditions: undefined, profiles: undefined, in: ['Wi-Fi=Wi-Fi'], program: undefined, service: undefined });
    assert.equal(inbound('New-NetFirewallRule -DisplayName "A" -LocalPort 445 -Protocol TCP -Profile Domain,Private,Public\n').rules[0].scope, undefined);
    assert.deepEqual(scopeOf('New-NetFirewallRule -DisplayName "V" -LocalPort 445 -Protocol TCP -InterfaceType RemoteAccess\n').in, ['RemoteAccess=RemoteAccess']);
  });

  test('a later Set-NetFirewallRule changes the scope', () => {
    const text = 'New-NetFirewallRule -DisplayName "S" -LocalPort 445 -Protocol TCP -Profile Domain\nSet-NetFirewallRule -DisplayName "S" -Profile Public -Program System\n';
    const s = scopeOf(text);
    assert.deepEqual([s.profiles, s.program], [['public'], 'System=System']);
  });

  test('a value the file does not let us know stays a condition, named as written', () => {
    const s = scopeOf('New-NetFirewallRule -DisplayName "X" -LocalPort 445 -Protocol TCP -Program $exe -Authentication Required\n');
    assert.equal(s.conditional, true);
    assert.deepEqual(s.conditions, ['-Program $exe', '-Authentication Required']);
    assert.equal(s.program, undefined);
    assert.equal(scopeOf('New-NetFirewallRule -DisplayName "X" -LocalPort 445 -Protocol TCP -InterfaceAlias $nic\n').in, 'unknown');
  });

  test('netsh keys: profile=, program=, service=, interfacetype=, and the legacy interface=', () => {
    const text = 'netsh advfirewall firewall add rule name="Sync" dir=in action=allow protocol=TCP localport=445 profile=public,private program="C:\\apps\\sync.exe" service=any interfacetype=ras\n';
    assert.deepEqual(scopeOf(text, 'setup.cmd'), {
      conditional: false,
      conditions: undefined,
      profiles: ['private', 'public'],
      in: ['RemoteAccess=ras'],
      program: 'C:\\apps\\sync.exe=C:\\apps\\sync.exe',
      service: undefined,
    });
    const legacy = 'netsh firewall add portopening TCP 445 SMB ENABLE ALL profile=DOMAIN interface="Local Area Connection"\n';
    const l = scopeOf(legacy, 'old.cmd');
    assert.deepEqual([l.profiles, l.in, l.conditional], [['domain'], ['Local Area Connection=Local Area Connection'], false]);
  });

  test('the built-in File and Printer Sharing rules carry their profiles', () => {
    const text = 'Enable-NetFirewallRule -DisplayGroup "File and Printer Sharing"\n';
    const rules = inbound(text).rules;
    assert.deepEqual(rules.map((r) => [r.scope?.profiles?.names, r.conditional]), [
      [['domain'], false],
      [['private', 'public'], false],
    ]);
  });
});
