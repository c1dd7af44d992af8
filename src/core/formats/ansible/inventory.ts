/** An Ansible inventory (INI or YAML) as far as variable precedence needs it: which hosts are in which groups, and
 *  each group's depth (children of a group come after it). Ranges (`web[01:03]`) and inline `:vars` are not read. */
import { get, isMap, pairs, parseYaml, str } from '../common/yaml';

export interface Inventory {
  /** Host → the groups it is directly in. */
  hosts: Map<string, Set<string>>;
  /** Group → its child groups. */
  children: Map<string, Set<string>>;
  /** Derived once all sources are read (groupsOf). */
  tree?: { parents: Map<string, string[]>; depth: Map<string, number> };
}

const MAX_DEPTH = 8;

export function emptyInventory(): Inventory {
  return { hosts: new Map(), children: new Map() };
}

function addHost(inv: Inventory, host: string, group: string): void {
  let gs = inv.hosts.get(host);
  if (!gs) inv.hosts.set(host, (gs = new Set()));
  if (group !== 'all' && group !== 'ungrouped') gs.add(group);
}

function addChild(inv: Inventory, parent: string, child: string): void {
  let cs = inv.children.get(parent);
  if (!cs) inv.children.set(parent, (cs = new Set()));
  cs.add(child);
}

/** Reads one inventory source into `inv`: YAML when it looks like it (`all:` or a `hosts:` key), INI otherwise. */
export function readInventory(inv: Inventory, name: string, text: string): void {
  if (/\.ya?ml$/i.test(name) || /^(?:all|[\w.-]+):[ \t]*(?:#.*)?\r?$/m.test(text.slice(0, 4096)) && !/^\[/m.test(text)) {
    const doc = parseYaml(text).docs[0];
    for (const p of pairs(doc?.contents)) yamlGroup(inv, str(p.key) ?? '', p.value, 0);
    return;
  }
  let group = 'ungrouped';
  let kind: 'hosts' | 'children' | 'vars' = 'hosts';
  for (const raw of text.split('\n')) {
    const cut = raw.search(/[;#]/);
    const line = (cut < 0 ? raw : raw.slice(0, cut)).trim();
    if (!line) continue;
    const sec = /^\[([^\]:]+)(?::(\w+))?\]$/.exec(line);
    if (sec) {
      group = sec[1];
      kind = sec[2] === 'children' ? 'children' : sec[2] === 'vars' ? 'vars' : 'hosts';
      continue;
    }
    const first = line.split(/\s+/)[0];
    if (kind === 'hosts') addHost(inv, first, group);
    else if (kind === 'children') addChild(inv, group, first);
  }
}

function yamlGroup(inv: Inventory, group: string, node: unknown, depth: number): void {
  if (!group || depth > MAX_DEPTH) return;
  for (const h of pairs(get(node, 'hosts'))) {
    const host = str(h.key);
    if (host) addHost(inv, host, group);
  }
  for (const c of pairs(get(node, 'children'))) {
    const child = str(c.key);
    if (!child) continue;
    if (group !== 'all') addChild(inv, group, child);
    if (isMap(c.value) || c.value === null) yamlGroup(inv, child, c.value, depth + 1);
  }
}

/** The groups a host is in, directly or through parents, in Ansible's order of precedence, lowest first: `all`,
 *  then by depth (parents before children), then by name. */
export function groupsOf(inv: Inventory, host: string): string[] {
  const { parents, depth } = (inv.tree ??= treeOf(inv));
  const out = new Set<string>();
  const todo = [...(inv.hosts.get(host) ?? [])];
  while (todo.length) {
    const g = todo.pop()!;
    if (out.has(g)) continue;
    out.add(g);
    for (const p of parents.get(g) ?? []) todo.push(p); // no spread: a long list overflows the stack
  }
  out.delete('all');
  return ['all', ...[...out].sort((a, b) => (depth.get(a) ?? 1) - (depth.get(b) ?? 1) || (a < b ? -1 : a > b ? 1 : 0))];
}

/** Each group's parents, and its depth: the longest chain of parents, found in MAX_DEPTH passes over the edges
 *  (no walk of every path). */
function treeOf(inv: Inventory): NonNullable<Inventory['tree']> {
  const parents = new Map<string, string[]>();
  for (const [p, cs] of inv.children) {
    for (const c of cs) {
      // Appended in place: a copy per edge is quadratic in a group's parents.
      const list = parents.get(c);
      if (list) list.push(p);
      else parents.set(c, [p]);
    }
  }
  const depth = new Map<string, number>();
  for (let pass = 0; pass < MAX_DEPTH; pass++) {
    for (const [p, cs] of inv.children) for (const c of cs) depth.set(c, Math.max(depth.get(c) ?? 1, Math.min(MAX_DEPTH, (depth.get(p) ?? 1) + 1)));
  }
  return { parents, depth };
}

/** The hosts a play's `hosts:` pattern names: `all`/`*`, groups (with their children) and hosts, joined by `:` or
 *  `,`; `!x` excludes; `&x` and other wildcards are read as naming every host (the worst case). */
export function hostsOf(inv: Inventory, pattern: string): string[] {
  const all = [...inv.hosts.keys()];
  // A group's hosts and its descendants', each group visited once.
  const members = (g: string): string[] => {
    const seen = new Set<string>();
    const todo = [g];
    while (todo.length) {
      const x = todo.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const c of inv.children.get(x) ?? []) todo.push(c);
    }
    return all.filter((h) => [...(inv.hosts.get(h) ?? [])].some((x) => seen.has(x)));
  };
  const out = new Set<string>();
  const drop = new Set<string>();
  for (const raw of pattern.split(/[:,]/)) {
    const term = raw.trim();
    if (!term) continue;
    const neg = term.startsWith('!');
    const name = term.replace(/^[!&]/, '');
    const hit = name === 'all' || /[*?[{~]/.test(name) || term.startsWith('&') ? all : inv.hosts.has(name) ? [name] : members(name);
    for (const h of hit) (neg ? drop : out).add(h);
  }
  return [...out].filter((h) => !drop.has(h));
}
