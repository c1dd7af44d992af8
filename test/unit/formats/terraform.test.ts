import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeText, applyEdits } from '../../../src/core/index';
import { FORMAT_ASSETS } from '../../../src/core/assets';
import { detectFormat } from '../../../src/core/formats/registry';
import { terraform } from '../../../src/core/formats/terraform/index';
import { readHcl } from '../../../src/core/formats/terraform/hcl';
import { readAttrNode } from '../../../src/core/formats/terraform/hcl-node';
import { readPlainAttr } from '../../../src/core/formats/terraform/hcl-plain';
import { parseHclTree } from '../../../src/core/formats/terraform/parser';
import { TreeCursor } from 'web-tree-sitter';
import type { AccessRule, RuleList } from '../../../src/core/model/rule';
import { initAllFormats, loadAsset } from '../helpers/assets';
import { at, edits, SMB } from '../helpers/format-test';

const lists = (text: string, uri = 'main.tf') => terraform.extract(text, uri).lists;
const list = (text: string, id: string, uri = 'main.tf'): RuleList => {
  const l = lists(text, uri).find((x) => x.id === id);
  assert.ok(l, `list ${id} in ${lists(text, uri).map((x) => x.id).join(', ')}`);
  return l;
};
const findings = (text: string, uri = 'main.tf') => analyzeText({ uri, text }).findings.map((f) => `${f.ruleId}@${at(text, f.span)}`);

const sg = (body: string) => `resource "aws_security_group" "fs" {\n  name = "fs"\n${body}}\n`;
const ingress = (from: number, to: number, proto: string, cidrs: string) =>
  `  ingress {\n    from_port   = ${from}\n    to_port     = ${to}\n    protocol    = "${proto}"\n    cidr_blocks = ${cidrs}\n  }\n`;

describe('terraform before init', () => {
  test('reports one problem and no lists until the parser is loaded; JSON needs no parser', () => {
    const m = terraform.extract(sg(ingress(445, 445, 'tcp', '["0.0.0.0/0"]')), 'main.tf');
    assert.deepEqual(m.lists, []);
    assert.deepEqual(m.problems.map((p) => p.message), ['the Terraform parser is not loaded']);
    const json = terraform.extract('{"resource": {"aws_security_group": {"a": {"ingress": [{"from_port": 445, "to_port": 445, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}}', 'a.tf.json');
    assert.equal(json.lists.length, 1);
  });

  test('init loads through the asset loader and can be awaited twice', async () => {
    const names: string[] = [];
    await terraform.init?.(async (n) => (names.push(n), loadAsset(n)));
    await terraform.init?.(loadAsset);
    await initAllFormats();
    assert.deepEqual(names.sort(), ['tree-sitter-terraform.wasm', 'web-tree-sitter.wasm']);
    // The editor reads these while it loads the readers (src/vscode/main.ts): every asset a format asks for.
    assert.deepEqual([...FORMAT_ASSETS].sort(), names);
  });
});

describe('terraform spans', () => {
  test('offsets are UTF-16 code units into the string, after non-ASCII text and astral characters', () => {
    const text = `# Équipe — 😀\n${sg(`  description = "accès — SMB 😀"\n${ingress(445, 445, 'tcp', '["45.76.12.0/24"]')}`)}`;
    const rule = list(text, 'aws_security_group.fs/ingress').rules[0];
    assert.equal(at(text, rule.sources.items[0].span), '45.76.12.0/24');
    assert.equal(at(text, rule.span).split('\n')[0], '  ingress {'.trim());
    assert.equal(at(text, rule.protocolSpan!), 'tcp');
    assert.equal(at(text, rule.ports.span!), 'from_port   = 445\n    to_port     = 445');
  });

  test('a variable-resolved value points at the reference in the rule', () => {
    const text = `variable "open" {\n  default = ["0.0.0.0/0"]\n}\n${sg(ingress(445, 445, 'tcp', 'var.open'))}`;
    assert.deepEqual(findings(text), ['smb-internet-exposure@var.open']);
  });
});

describe('terraform detection', () => {
  test('claims .tf and .tf.json files, whatever their content', () => {
    for (const uri of ['main.tf', 'modules/net/SG.TF', 'x/main.tf.json', 'empty.tf']) assert.ok(terraform.detect(uri, ''), uri);
    assert.equal(detectFormat('infra/main.tf', sg(ingress(445, 445, 'tcp', '["0.0.0.0/0"]')))?.id, 'terraform');
    assert.equal(detectFormat('infra/main.tf.json', '{"resource": {}}')?.id, 'terraform');
  });

  test('leaves other files alone', () => {
    for (const uri of ['package.json', 'terraform.tfvars', 'main.tf.bak', 'rules.v4', 'template.json', 'main.tfstate', 'tf.yaml']) assert.ok(!terraform.detect(uri, 'resource "aws_security_group" "a" {}'), uri);
  });
});

describe('terraform tolerance', () => {
  test('empty, garbage and truncated input: no throw, problems where the text is broken', () => {
    assert.deepEqual(terraform.extract('', 'main.tf'), { lists: [], problems: [] });
    const garbage = terraform.extract('}}} = = "\u0000 ]] resource {', 'main.tf');
    assert.ok(garbage.problems.length > 0);
    const full = sg(ingress(445, 445, 'tcp', '["0.0.0.0/0"]'));
    for (let cut = 0; cut < full.length; cut += 7) assert.doesNotThrow(() => terraform.extract(full.slice(0, cut), 'main.tf'));
    assert.ok(terraform.extract('{"resource": [', 'a.tf.json').problems.length > 0);
  });

  test('a resource after an unclosed block is still read', () => {
    const text = `resource "aws_security_group" "open" {\n  ingress {\n    from_port = 1\n\n${sg(ingress(139, 139, 'tcp', '["0.0.0.0/0"]'))}`;
    assert.deepEqual(findings(text), ['smb-internet-exposure@0.0.0.0/0', 'smb-parse-error@']);
  });

  test('an attribute with a syntax error is unknown, not guessed', () => {
    const text = sg(`  ingress {\n    from_port   = \n    to_port     = 445\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n`);
    const ids = analyzeText({ uri: 'main.tf', text }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('smb-parse-error'));
  });
});

describe('terraform semantics', () => {
  test('security group rules from inline blocks and rule resources form one allow-only list', () => {
    const text = `${sg(ingress(22, 22, 'tcp', '["10.0.0.0/24"]'))}resource "aws_security_group_rule" "smb" {\n  type              = "ingress"\n  from_port         = 445\n  to_port           = 445\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n  security_group_id = aws_security_group.fs.id\n}\n`;
    const l = list(text, 'aws_security_group.fs/ingress');
    assert.deepEqual(l.rules.map((r) => r.label), ['ingress block 1', 'aws_security_group_rule.smb']);
    assert.equal(l.policy, 'deny');
  });

  test('protocol -1 means every port; 0/0 with tcp too; peers by security group are unknown', () => {
    const text = sg(ingress(0, 0, '-1', '["10.0.0.0/24"]') + `  ingress {\n    from_port       = 445\n    to_port         = 445\n    protocol        = "tcp"\n    security_groups = [aws_security_group.b.id]\n  }\n`);
    const [all, peer] = list(text, 'aws_security_group.fs/ingress').rules;
    assert.equal(all.protocol, 'any');
    assert.equal(all.ports.ranges, undefined);
    assert.equal(peer.sources.items[0].value.kind, 'unknown');
  });

  test('NACL rules run in rule_no order, whatever the file order', () => {
    const rule = (no: number, action: string, port: number) => `  ingress {\n    rule_no    = ${no}\n    action     = "${action}"\n    protocol   = "tcp"\n    cidr_block = "0.0.0.0/0"\n    from_port  = ${port}\n    to_port    = ${port}\n  }\n`;
    const text = `resource "aws_network_acl" "n" {\n${rule(200, 'allow', 445)}${rule(100, 'deny', 445)}}\n`;
    assert.deepEqual(list(text, 'aws_network_acl.n/ingress').rules.map((r) => `${r.label} ${r.action}`), ['rule_no 100 deny', 'rule_no 200 allow']);
    assert.deepEqual(findings(text), []);
  });

  test('Azure: priority order; GCP: deny before allow at the same priority, disabled rules skipped', () => {
    const az = (p: number, access: string) => `  security_rule {\n    name = "r${p}"\n    priority = ${p}\n    direction = "Inbound"\n    access = "${access}"\n    protocol = "Tcp"\n    source_port_range = "*"\n    destination_port_range = "445"\n    source_address_prefix = "*"\n    destination_address_prefix = "*"\n  }\n`;
    const nsg = `resource "azurerm_network_security_group" "n" {\n${az(200, 'Allow')}${az(100, 'Deny')}}\n`;
    assert.deepEqual(list(nsg, 'azurerm_network_security_group.n/inbound').rules.map((r) => r.label), ['priority 100', 'priority 200']);
    assert.deepEqual(findings(nsg), []);
    const fw = (name: string, block: string, extra = '') => `resource "google_compute_firewall" "${name}" {\n  network = "default"\n  source_ranges = ["0.0.0.0/0"]\n${extra}  ${block} {\n    protocol = "tcp"\n    ports = ["445"]\n  }\n}\n`;
    assert.deepEqual(findings(fw('a', 'allow') + fw('d', 'deny')), []);
    assert.deepEqual(findings(fw('a', 'allow', '  disabled = true\n')), []);
    assert.deepEqual(findings(fw('a', 'allow') + fw('d', 'deny', '  target_tags = ["x"]\n')), ['smb-internet-exposure@0.0.0.0/0']);
  });

  const INTERPOLATED = '["${var.x}/32"]';
  test('locals, dynamic blocks with for_each, and unknowns', () => {
    const text = `locals {\n  ports = [139, 22]\n}\n${sg(`  dynamic "ingress" {\n    for_each = local.ports\n    iterator = p\n    content {\n      from_port   = p.value\n      to_port     = p.value\n      protocol    = "tcp"\n      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n${ingress(445, 445, 'tcp', '[aws_vpc.main.cidr_block]')}${ingress(445, 445, 'tcp', INTERPOLATED)}`)}`;
    const rules = list(text, 'aws_security_group.fs/ingress').rules;
    assert.deepEqual(rules.map((r) => JSON.stringify(r.ports.ranges)), ['[[139,139]]', '[[22,22]]', '[[445,445]]', '[[445,445]]']);
    assert.deepEqual(findings(text), ['smb-internet-exposure@0.0.0.0/0']);
  });

  test('.tf.json: blocks as arrays, ${var.x} references resolved', () => {
    const text = '{\n  "variable": {"src": {"default": "0.0.0.0/0"}},\n  "resource": {"aws_security_group": {"a": {"ingress": {"from_port": 445, "to_port": 445, "protocol": "tcp", "cidr_blocks": ["${var.src}"]}}}}\n}\n';
    assert.deepEqual(findings(text, 'a.tf.json'), ['smb-internet-exposure@"${var.src}"']);
  });
});

describe('terraform joins and directions', () => {
  const azRule = (name: string, p: number, access: string) => `resource "azurerm_network_security_rule" "${name}" {\n  priority = ${p}\n  direction = "Inbound"\n  access = "${access}"\n  protocol = "Tcp"\n  destination_port_range = "445"\n  source_address_prefix = "Internet"\n  destination_address_prefix = "*"\n  network_security_group_name = azurerm_network_security_group.n.name\n}\n`;

  test('Azure rule resources join their NSG and sort by priority with the inline rules', () => {
    const text = `resource "azurerm_network_security_group" "n" {\n  security_rule {\n    priority = 200\n    direction = "Inbound"\n    access = "Allow"\n    protocol = "Tcp"\n    destination_port_range = "445"\n    source_address_prefix = "Internet"\n    destination_address_prefix = "*"\n  }\n}\n${azRule('deny', 150, 'Deny')}`;
    const l = list(text, 'azurerm_network_security_group.n/inbound');
    assert.deepEqual(l.rules.map((r) => `${r.label} ${r.action}`), ['priority 150 deny', 'priority 200 allow']);
    assert.deepEqual(findings(text), []);
  });

  test('NACL rule resources sort with the inline rules by number', () => {
    const text = `resource "aws_network_acl" "n" {\n  ingress {\n    rule_no = 200\n    action = "allow"\n    protocol = "tcp"\n    cidr_block = "0.0.0.0/0"\n    from_port = 445\n    to_port = 445\n  }\n}\nresource "aws_network_acl_rule" "d" {\n  network_acl_id = aws_network_acl.n.id\n  rule_number = 100\n  protocol = "6"\n  rule_action = "deny"\n  cidr_block = "0.0.0.0/0"\n  from_port = 445\n  to_port = 445\n}\n`;
    assert.deepEqual(list(text, 'aws_network_acl.n/ingress').rules.map((r) => r.label), ['rule_number 100', 'rule_no 200']);
    assert.deepEqual(findings(text), []);
  });

  test('GCP egress naming SMB ports to the internet is noted; egress defaults to 0.0.0.0/0', () => {
    const text = 'resource "google_compute_firewall" "out" {\n  network = "default"\n  direction = "EGRESS"\n  allow {\n    protocol = "tcp"\n    ports = ["445"]\n  }\n}\n';
    const l = list(text, 'default/egress');
    assert.equal(l.policy, 'allow');
    assert.deepEqual(findings(text), ['smb-outbound-internet@allow']);
  });

  test('.tf.json items span the text inside the quotes', () => {
    const text = '{"resource": {"aws_security_group": {"a": {"ingress": [{"from_port": 139, "to_port": 139, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}}';
    const rule = list(text, 'aws_security_group.a/ingress', 'a.tf.json').rules[0];
    assert.equal(at(text, rule.sources.items[0].span), '0.0.0.0/0');
    assert.equal(at(text, rule.protocolSpan!), 'tcp');
  });
});

describe('terraform fixes', () => {
  const ruleOf = (text: string, id: string, i = 0): [AccessRule, RuleList] => {
    const l = list(text, id);
    return [l.rules[i], l];
  };

  test('security groups cannot deny; a port range is split into one block per remaining range', () => {
    const text = sg(ingress(0, 65535, 'tcp', '["0.0.0.0/0"]'));
    const [rule, l] = ruleOf(text, 'aws_security_group.fs/ingress');
    assert.equal(terraform.fixes.deny?.(text, rule, l), undefined);
    assert.equal(terraform.fixes.insertDenyBefore?.(text, rule, l, SMB), undefined);
    const fixed = applyEdits(text, edits(terraform.fixes.removeServices?.(text, rule, l, SMB.slice(0, 2))));
    assert.deepEqual([...fixed.matchAll(/from_port   = (\d+)\n    to_port     = (\d+)/g)].map((m) => `${m[1]}-${m[2]}`), ['0-138', '140-444', '446-65535']);
    assert.deepEqual(findings(fixed), []);
  });

  test('Azure: deny flips access; insert-deny takes a free priority below the rule', () => {
    const text = `resource "azurerm_network_security_group" "n" {\n  security_rule {\n    name                       = "smb"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "445"\n    source_address_prefix      = "*"\n    destination_address_prefix = "*"\n  }\n}\n`;
    const [rule, l] = ruleOf(text, 'azurerm_network_security_group.n/inbound');
    assert.deepEqual(edits(terraform.fixes.deny?.(text, rule, l)).map((e) => [at(text, e.span), e.newText]), [['"Allow"', '"Deny"']]);
    assert.equal(terraform.fixes.insertDenyBefore?.(text, rule, l, SMB.slice(0, 1)), undefined, 'no free priority below 100');
    const later = text.replace('= 100', '= 300');
    const [r2, l2] = ruleOf(later, 'azurerm_network_security_group.n/inbound');
    const fixed = applyEdits(later, edits(terraform.fixes.insertDenyBefore?.(later, r2, l2, SMB.slice(0, 1))));
    assert.match(fixed, /priority\s+= 299\n\s+direction\s+= "Inbound"\n\s+access\s+= "Deny"/);
    assert.deepEqual(findings(fixed), []);
  });

  test('Azure: removing SMB from "*" writes the remaining ranges, keeping the = column', () => {
    const text = 'resource "azurerm_network_security_group" "n" {\n  security_rule {\n    priority               = 100\n    direction              = "Inbound"\n    access                 = "Allow"\n    protocol               = "Tcp"\n    destination_port_range = "*"\n    source_address_prefix  = "*"\n  }\n}\n';
    const [rule, l] = ruleOf(text, 'azurerm_network_security_group.n/inbound');
    const fixed = applyEdits(text, edits(terraform.fixes.removeServices?.(text, rule, l, SMB.slice(0, 2))));
    assert.match(fixed, /\n {4}destination_port_ranges = \["0-138", "140-444", "446-65535"\]\n/);
  });

  test('GCP: deny turns allow blocks into deny blocks; restrict adds source_ranges when none is written', () => {
    const text = 'resource "google_compute_firewall" "smb" {\n  name    = "smb"\n  network = "default"\n\n  allow {\n    protocol = "tcp"\n    ports    = ["445"]\n  }\n}\n';
    const [rule, l] = ruleOf(text, 'default/ingress');
    assert.equal(at(text, rule.sources.items[0].span), 'allow');
    assert.match(applyEdits(text, edits(terraform.fixes.deny?.(text, rule, l))), /\n {2}deny \{\n/);
    const restricted = applyEdits(text, edits(terraform.fixes.restrictSource?.(text, rule, l, ['192.168.10.0/24'])));
    assert.match(restricted, /network = "default"\n {2}source_ranges = \["192.168.10.0\/24"\]\n/);
    assert.deepEqual(findings(restricted), []);
  });

  test('NACL: deny rules go in below the rule number, one per protocol and range', () => {
    const text = 'resource "aws_network_acl" "n" {\n  ingress {\n    rule_no    = 100\n    action     = "allow"\n    protocol   = "-1"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 0\n    to_port    = 0\n  }\n}\n';
    const [rule, l] = ruleOf(text, 'aws_network_acl.n/ingress');
    const fixed = applyEdits(text, edits(terraform.fixes.insertDenyBefore?.(text, rule, l, SMB)));
    assert.deepEqual(list(fixed, 'aws_network_acl.n/ingress').rules.map((r) => `${r.label} ${r.action} ${r.protocol}`), ['rule_no 97 deny tcp', 'rule_no 98 deny tcp', 'rule_no 99 deny udp', 'rule_no 100 allow any']);
    assert.deepEqual(findings(fixed), []);
  });
});

describe('terraform reader paths', () => {
  // A clean tree is read mostly from the text; a tree with an error anywhere is read node by node. Both must agree.
  const doc = (text: string) => {
    const d = readHcl(text);
    assert.ok(d);
    return JSON.parse(JSON.stringify(d.blocks, (_k, v) => (v instanceof Map ? [...v.entries()] : v)));
  };
  const broken = (text: string) => `${text}resource "x" "y" {\n  a = = \n`;
  const cases: Record<string, string> = {
    plain: sg(ingress(445, 445, 'tcp', '["0.0.0.0/0", var.office, local.nets["lan"], each.value[0]]')),
    declined: 'locals {\n  a = " lead"\n  b = "x" # comment after the value\n  c = {k = "v", "q" = [1, 2]}\n  d = "${var.x}"\n  e = <<EOT\nhi\nEOT\n  f = a . b\n  g = [\n    "a", // note\n    "b",\n  ]\n  h = -1\n  i = "esc\\"aped"\n}\n',
    labels: 'resource "azurerm_network_security_group" "n\\"x" {\n  security_rule {\n    priority = 100\n  }\n}\nmodule m {\n  source = "./m"\n}\n',
    // \f is white space to tree-sitter but not to the text reader: it falls back to the node walk.
    'odd white space': 'locals {\n  a = 1\n\f  b = "x"\n}\nvariable "v" {\n\v  default = ["10.0.0.0/8"]\n}\n',
    // Headers with comments or escapes, comments next to the braces, empty bodies: read by the cursor, block by block.
    'block headers': 'resource "aws_security_group" "a" { # note\n  name = "a"\n}\nresource "aws_security_group" /* c */ "b" {\n  name = "b"\n  # tail\n}\nlocals {}\nlocals { }\nlocals {\n}\nmodule m {\n  source = "./m"\n}\nresource "aws_security_group" "é" {\n  name = "c"\n  ingress {}\n  egress { from_port = 1 }\n}\n',
    // Nested blocks read from the text alone; the comment sends its block (and only it) to the cursor.
    nested: 'resource "google_compute_firewall" "f" {\n  allow {\n    protocol = "tcp"\n    ports = ["445"]\n  }\n  deny { protocol = "udp"}\n  log_config {\n    inner {\n      a = 1\n      deeper { b = [1, 2] }\n    }\n    # note\n  }\n  x {\n    y = "}"\n  }\n  z "l1" l2 {\n    w = var.q\n  }\n}\n',
    dynamic: sg('  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port = ingress.value.port\n      cidr_blocks = [ingress.value.cidr]\n    }\n  }\n'),
  };
  for (const [name, text] of Object.entries(cases)) {
    test(`${name}: the clean read equals the node-by-node read`, () => {
      assert.equal(readHcl(text)?.problems.length, 0, 'the case itself is clean');
      assert.ok((readHcl(broken(text))?.problems.length ?? 0) > 0, 'the broken variant has an error');
      const clean = doc(text);
      assert.deepEqual(doc(broken(text)).slice(0, clean.length), clean);
    });
  }

  test('where the text reader takes an attribute, it reads what the node reader reads', () => {
    const text = `${Object.values(cases).join('')}locals {\n  s = ["a", " b", "c ", "", "d e", "$x", "%y", "é"]\n  n = [0, 1.50, 007, 1.5e3, true, false, null, nulls, true-x]\n  r = [a.b-c, a["k"].c[0], a[01], a[1.50], a[""], x.for_each]\n  o = [a.0, a.*.b, a[*].b, f(x), (1)]\n}\n`;
    const tree = parseHclTree(text);
    assert.ok(tree && !tree.rootNode.hasError);
    let taken = 0;
    for (const node of tree.rootNode.descendantsOfType('attribute')) {
      const plain = node && readPlainAttr(text, node.startIndex, node.endIndex);
      if (!plain || !node) continue;
      taken++;
      assert.deepEqual(plain, readAttrNode(node), text.slice(node.startIndex, node.endIndex));
    }
    tree.delete();
    assert.ok(taken >= 15, `${taken} attributes read from the text`);
  });

  test('plain blocks are read from the text: the cursor steps only to top-level blocks and items the text declines', () => {
    const proto = TreeCursor.prototype as unknown as Record<'gotoFirstChild' | 'gotoLastChild' | 'gotoNextSibling', () => boolean>;
    const moves = ['gotoFirstChild', 'gotoLastChild', 'gotoNextSibling'] as const;
    const originals = moves.map((m) => proto[m]);
    let steps = 0;
    moves.forEach((m, i) => {
      proto[m] = function (this: TreeCursor) {
        steps++;
        return originals[i].call(this);
      };
    });
    const stepsOf = (text: string) => {
      steps = 0;
      assert.equal(readHcl(text)?.problems.length, 0);
      return steps;
    };
    try {
      const one = sg(ingress(445, 445, 'tcp', '["0.0.0.0/0"]'));
      const dyn = '  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port = ingress.value\n    }\n  }\n';
      const many = sg(`${ingress(445, 445, 'tcp', '["0.0.0.0/0"]').repeat(20)}${dyn}  egress {}\n`);
      assert.equal(readHcl(many)?.blocks[0].blocks.length, 22);
      assert.equal(stepsOf(many), stepsOf(one), 'nested plain blocks cost no cursor step');
      const commented = sg(`${ingress(445, 445, 'tcp', '["0.0.0.0/0"]').repeat(19)}  ingress {\n    # why\n    from_port = 445\n  }\n`);
      assert.ok(stepsOf(commented) > stepsOf(one) + 19, 'a comment in a nested block: the cursor walks to it');
      assert.ok(stepsOf(`${one}resource "a" /* c */ "b" {\n  x = 1\n}\n`) > stepsOf(`${one}resource "a" "b" {\n  x = 1\n}\n`) + 1, 'a header with a comment goes to the cursor reader');
    } finally {
      moves.forEach((m, i) => (proto[m] = originals[i]));
    }
  });

  test('a mapped resource nested in an unmapped one is still read (its parent is skipped)', () => {
    const text = `resource "aws_instance" "i" {\n  ami = "x"\n${sg(ingress(445, 445, 'tcp', '["0.0.0.0/0"]'))}}\n`;
    assert.deepEqual(findings(text), ['smb-internet-exposure@0.0.0.0/0']);
  });
});

describe('terraform: the security-group module', () => {
  const mod = (body: string, source = 'terraform-aws-modules/security-group/aws') => `module "sg" {\n  source = "${source}"\n${body}}\n`;
  test('named rules: the catch-alls reach SMB, other names do not; a rules override is read instead', () => {
    const cidrs = '  ingress_cidr_blocks = ["0.0.0.0/0"]\n';
    assert.deepEqual(list(mod(`${cidrs}  ingress_rules = ["all-all", "ssh-tcp"]\n`), 'module.sg/ingress').rules.map((r) => [r.protocol, r.ports.ranges]), [['any', undefined]]);
    assert.deepEqual(lists(mod(`${cidrs}  ingress_rules = ["ssh-tcp"]\n`)).length, 0);
    const own = '  rules = { smb = [445, 445, "tcp", "SMB"] }\n';
    assert.deepEqual(list(mod(`${cidrs}${own}  ingress_rules = ["smb"]\n`), 'module.sg/ingress').rules[0].ports.ranges, [[445, 445]]);
  });
  test('named rules without any source are refused by AWS: nothing is opened', () => {
    assert.equal(lists(mod('  ingress_rules = ["all-all"]\n')).length, 0);
  });
  test('an unknown count of computed rules makes them unknown, not absent', () => {
    const text = mod('  number_of_computed_ingress_with_cidr_blocks = var.n\n  computed_ingress_with_cidr_blocks = [{ rule = "all-all", cidr_blocks = "0.0.0.0/0" }]\n');
    assert.equal(list(text, 'module.sg/ingress').rules[0].ports.ranges, 'unknown');
  });
  test('other sources are not this module; JSON modules are read too', () => {
    assert.equal(lists(mod('  ingress_with_cidr_blocks = [{ from_port = 445, to_port = 445, protocol = "tcp", cidr_blocks = "0.0.0.0/0" }]\n', './local')).length, 0);
    const json = '{"module": {"sg": {"source": "terraform-aws-modules/security-group/aws", "ingress_cidr_blocks": ["0.0.0.0/0"], "ingress_rules": ["all-tcp"]}}}';
    assert.deepEqual(list(json, 'module.sg/ingress', 'main.tf.json').rules.map((r) => r.ports.ranges), [[[0, 65535]]]);
  });
});
