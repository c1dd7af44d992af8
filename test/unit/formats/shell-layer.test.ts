import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandHead, commandStart } from '../../../src/core/text/shell/command';
import { lexShell, type Command, type ShellVar } from '../../../src/core/text/shell/lexer';

function commands(text: string): Command[] {
  const out: Command[] = [];
  lexShell(text, new Map<string, ShellVar>(), (c) => out.push(c));
  return out;
}

const program = (line: string) => {
  const words = commands(line)[0].words;
  return words[commandStart(words)]?.text;
};

test('commandStart skips every command prefix with its options, and assignments', () => {
  assert.equal(program('docker run x'), 'docker');
  assert.equal(program('sudo docker run x'), 'docker');
  assert.equal(program('sudo -u root -E docker run x'), 'docker');
  assert.equal(program('doas -u root iptables -A INPUT'), 'iptables');
  assert.equal(program('time nice -n 10 ionice -c 3 nohup podman run x'), 'podman');
  assert.equal(program('env DOCKER_HOST=tcp://h:2376 docker run x'), 'docker');
  assert.equal(program('A=1 B=2 exec command nerdctl run x'), 'nerdctl');
  assert.equal(program('A=1'), undefined);
});

test('commandStart leaves a program that merely looks like an option alone', () => {
  // Without a prefix before it, "-p" is the program word (nothing to skip).
  assert.equal(program('-p 445'), '-p');
  assert.equal(program('docker -H tcp://x run'), 'docker');
});

test('lexShell collects the bodies of command substitutions, not arithmetic', () => {
  const text = 'ID="$(docker run -p 445:445 x)"; N=$((1 + 2)); T=`date`; U=$(unclosed';
  const subs: { offset: number; length: number }[] = [];
  lexShell(text, new Map<string, ShellVar>(), () => {}, { substitutions: subs });
  assert.deepEqual(subs.map((s) => text.slice(s.offset, s.offset + s.length)), ['docker run -p 445:445 x', 'date']);
});

const docs = (text: string) =>
  commands(text).flatMap((c) => (c.hereDocs ?? []).map((d) => ({ program: c.words[commandStart(c.words)]?.text, body: text.slice(d.body.offset, d.body.offset + d.body.length), quoted: d.quoted })));

test('here-documents: the body follows the line, ends at the delimiter line, and is not read as commands', () => {
  const text = "nft -f - <<EOF; echo after\ntable inet t {}\nEOF\niptables -A INPUT\n";
  const got = commands(text);
  assert.deepEqual(got.map((c) => c.words[0].text), ['nft', 'echo', 'iptables']);
  assert.deepEqual(docs(text), [{ program: 'nft', body: 'table inet t {}\n', quoted: false }]);
});

test('here-documents: <<- strips leading tabs from the delimiter line (bash(1), Here Documents), <<EOF does not', () => {
  assert.deepEqual(docs('cat <<-EOF\n\tx\n\tEOF\nls\n').map((d) => d.body), ['\tx\n']);
  // Without "-" a tab-indented EOF is body: the document runs to the end of the file.
  assert.deepEqual(docs('cat <<EOF\n\tx\n\tEOF\nls\n').map((d) => d.body), ['\tx\n\tEOF\nls\n']);
});

test("here-documents: any quoting of the word marks the body as not expanded; the delimiter is the word unquoted", () => {
  for (const op of ["<<'END'", '<<"END"', '<<\\END', "<< 'END'"]) assert.deepEqual(docs(`nft -f - ${op}\nx\nEND\n`), [{ program: 'nft', body: 'x\n', quoted: true }], op);
  assert.deepEqual(docs('iptables-restore <<END\r\n*filter\r\nEND\r\n').map((d) => d.body), ['*filter\r\n']);
});

test('here-documents: two on one line are read one after the other', () => {
  const text = 'paste <<A <<B\n1\nA\n2\nB\necho done\n';
  const got = commands(text);
  assert.deepEqual(got.map((c) => c.words[0].text), ['paste', 'echo']);
  assert.deepEqual(got[0].hereDocs?.map((d) => text.slice(d.body.offset, d.body.offset + d.body.length)), ['1\n', '2\n']);
});

test('a pass-through function runs its program at each call; other functions do not', () => {
  // The definition runs nothing: its body runs at each call, with the call's words.
  assert.equal(commands('ipt() { iptables -w "$@"; }\n').length, 0);
  const calls = (text: string) => commands(text).map((c) => c.words[commandStart(c.words)].text);
  assert.deepEqual(calls('ipt() { iptables -w "$@"; }\nsudo ipt -A INPUT\n'), ['iptables -w']);
  assert.deepEqual(calls('function nf {\n  nft "$@"\n}\nnf add rule\n'), ['nft']);
  assert.deepEqual(calls('two() { a; b "$@"; }\ntwo x\n'), ['a', 'b', 'two']);
});

test('commandHead: reserved words before the command are not its prefix', () => {
  const words = commands('if true; then sudo -u root iptables -A INPUT; fi')[1].words;
  assert.deepEqual(commandHead(words), { from: 1, program: 4 });
  assert.equal(program('time -p nice --adjustment=5 ionice -c 3 -n 7 iptables -L'), 'iptables');
  assert.equal(program('env -u HOME -C /tmp nft list ruleset'), 'nft');
  // `command -v` only looks the program up.
  assert.equal(program('command -v ufw'), undefined);
  assert.equal(program('command -p ufw allow 445'), 'ufw');
});

test('inside double quotes a backslash escapes only $ ` " \\ and newline (bash(1), QUOTING)', () => {
  const words = commands('echo "a\\b" "c\\$d" "e\\"f"')[0].words;
  assert.deepEqual(words.slice(1).map((w) => w.text), ['a\\b', 'c$d', 'e"f']);
});

test('maps give each character its source offset; keepVariables leaves $NAME for the reader', () => {
  const text = 'P=445\nnft add rule "tcp dport" $P accept';
  const out: Command[] = [];
  const vars = new Map<string, ShellVar>();
  lexShell(text, vars, (c) => out.push(c), { maps: true, keepVariables: true });
  const w = out[1].words[3];
  assert.equal(w.text, 'tcp dport');
  assert.deepEqual(w.map?.map((o) => text[o]).join(''), 'tcp dport');
  assert.equal(out[1].words[4].text, '$P');
  assert.deepEqual(vars.get('P')?.map?.map((o) => text[o]).join(''), '445');
});

test('redirections and their targets are not arguments (bash(1), REDIRECTION)', () => {
  const args = (line: string) => commands(line)[0].words.map((w) => w.text);
  assert.deepEqual(args('ufw allow 445/tcp 2>/dev/null || true'), ['ufw', 'allow', '445/tcp']);
  assert.deepEqual(args('iptables -A INPUT -j ACCEPT >>/var/log/fw 2>&1'), ['iptables', '-A', 'INPUT', '-j', 'ACCEPT']);
  assert.deepEqual(args('command -v ufw &> /dev/null'), ['command', '-v', 'ufw']);
  assert.deepEqual(args('nft -f rules.nft <<< "x" > out'), ['nft', '-f', 'rules.nft']);
  assert.deepEqual(args('echo 445 >&2'), ['echo', '445']);
});

test('a here-document fed to a shell on standard input is read as commands, in place', () => {
  const programs = (text: string) => commands(text).map((c) => c.words[commandStart(c.words)]?.text);
  assert.deepEqual(programs("ssh admin@h 'sudo bash -s' <<'EOF'\nufw allow 445\nEOF\nls\n"), ['ssh', 'ufw', 'ls']);
  assert.deepEqual(programs('sudo bash <<EOF\nnft add rule x\nEOF\n'), ['bash', 'nft']);
  assert.deepEqual(programs('ssh -i key h <<EOF\niptables -A INPUT\nEOF\n'), ['ssh', 'iptables']);
  // Not a script on standard input: bash -c runs its argument, cat copies, ssh runs a remote command.
  assert.deepEqual(programs('bash -c "ls" <<EOF\nufw allow 445\nEOF\n'), ['bash']);
  assert.deepEqual(programs('cat <<EOF\nufw allow 445\nEOF\n'), ['cat']);
  assert.deepEqual(programs("ssh h 'cat > /tmp/x' <<EOF\nufw allow 445\nEOF\n"), ['ssh']);
});
