/** The variables a playbook's plays see from other files, in Ansible's precedence order
 *  (https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_variables.html#understanding-variable-precedence):
 *  role defaults < group_vars/all < group_vars/<group> (parents before children) < host_vars/<host> (each: the
 *  inventory's folder, then the playbook's) < play vars < vars_files < role vars < include_vars. One reading per
 *  host a play targets (the inventory beside the playbook, or one per group_vars group without one), merged: where
 *  hosts differ, the worst decides and each value is named. */
import type { Document, Node, YAMLMap } from 'yaml';
import type { FileRequest, ProjectContext } from '../../project/project';
import { folderOf, joinUri, nameOf } from '../../project/uri';
import type { ParseProblem, RelatedLocation } from '../../types';
import { get, isMap, isSeq, pairs, parseYaml, spanOf, str } from '../common/yaml';
import { emptyInventory, groupsOf, hostsOf, readInventory, type Inventory } from './inventory';
import type { VarLayers } from './tasks';
import { pushAll } from '../../text/arrays';

const INVENTORY = /^(?:inventory|hosts)(?:\.(?:ini|ya?ml))?$/;
const VARS_FILE = /^[^.]+$|\.(?:ya?ml|json)$/;
/** Hosts read per document: each is one more reading of the playbook. */
const MAX_HOSTS = 16;

interface VarsFile {
  uri: string;
  vars: Map<string, Node>;
}

/** What the playbook names: per play, its roles, literal vars_files and include_vars. */
interface PlayRefs {
  node: YAMLMap | undefined;
  pattern: string;
  roles: string[];
  varsFiles: string[];
  includes: string[];
}

function playRefs(text: string): PlayRefs[] {
  const out: PlayRefs[] = [];
  for (const doc of parseYaml(text).docs) {
    for (const top of isSeq(doc.contents) ? (doc.contents.items as Node[]) : []) {
      if (!isMap(top) || get(top, 'hosts') === undefined) continue;
      const roles = (isSeq(get(top, 'roles')) ? (get(top, 'roles') as { items: Node[] }).items : []).flatMap((r) => {
        const name = isMap(r) ? str(get(r, 'role') ?? get(r, 'name')) : str(r);
        return name && /^[\w.-]+$/.test(name) ? [name] : [];
      });
      const vf = get(top, 'vars_files');
      const varsFiles = (isSeq(vf) ? (vf.items as Node[]) : vf ? [vf] : []).flatMap((n) => literal(str(n)));
      const includes: string[] = [];
      for (const section of ['pre_tasks', 'tasks', 'post_tasks']) collectIncludes(get(top, section), includes, 0);
      out.push({ node: top, pattern: str(get(top, 'hosts')) ?? 'all', roles, varsFiles, includes });
    }
  }
  return out;
}

const literal = (s: string | undefined) => (s && !s.includes('{{') ? [s] : []);

function collectIncludes(tasks: Node | undefined, into: string[], depth: number): void {
  if (!isSeq(tasks) || depth > 4) return;
  for (const t of tasks.items as Node[]) {
    if (!isMap(t)) continue;
    for (const key of ['block', 'rescue', 'always']) collectIncludes(get(t, key), into, depth + 1);
    const inc = get(t, 'include_vars') ?? get(t, 'ansible.builtin.include_vars');
    if (inc) into.push(...literal(isMap(inc) ? str(get(inc, 'file')) : str(inc)?.trim()));
  }
}

/** A vars file's folder listing entry → the files it stands for: `name`, `name.yml`… or `name/`'s files sorted. */
function entriesOf(dir: string, ctx: ProjectContext, need: FileRequest | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const names = ctx.files.list(dir);
  if (names === undefined) need?.list.push(dir);
  for (const n of names ?? []) {
    if (n.endsWith('/')) {
      const sub = ctx.files.list(dir + n);
      if (sub === undefined) need?.list.push(dir + n);
      const files = (sub ?? []).filter((f) => !f.endsWith('/') && VARS_FILE.test(f)).sort().map((f) => dir + n + f);
      out.set(n.slice(0, -1), [...(out.get(n.slice(0, -1)) ?? []), ...files]);
    } else if (VARS_FILE.test(n)) {
      const key = n.replace(/\.(?:ya?ml|json)$/, '');
      out.set(key, [...(out.get(key) ?? []), dir + n]);
    }
  }
  return out;
}

/** The folders whose group_vars/ and host_vars/ count, lowest precedence first (inventory's, then the playbook's),
 *  and the inventory sources. */
function places(uri: string, ctx: ProjectContext, need?: FileRequest): { dirs: string[]; inventories: string[] } {
  const folder = folderOf(uri);
  const names = ctx.files.list(folder);
  if (names === undefined) need?.list.push(folder);
  const inventories = (names ?? []).filter((n) => INVENTORY.test(n)).map((n) => folder + n);
  const dirs = [folder];
  if (names?.includes('inventory/')) {
    const inv = `${folder}inventory/`;
    const sub = ctx.files.list(inv);
    if (sub === undefined) need?.list.push(inv);
    pushAll(inventories, (sub ?? []).filter((n) => !n.endsWith('/')).map((n) => inv + n));
    dirs.unshift(inv);
  }
  return { dirs, inventories };
}

function varsDirs(dirs: string[], kind: 'group_vars' | 'host_vars', ctx: ProjectContext, need?: FileRequest): Map<string, string[]>[] {
  return dirs.flatMap((d) => (ctx.files.list(d)?.includes(`${kind}/`) ? [entriesOf(`${d}${kind}/`, ctx, need)] : []));
}

/** vars_files and include_vars: relative to the playbook (include_vars tries its vars/ folder first). */
const refUris = (folder: string, ref: string, include: boolean) => [...(include ? [joinUri(`${folder}vars/`, ref)] : []), joinUri(folder, ref)].flatMap((u) => (u ? [u] : []));
const roleUris = (folder: string, role: string, kind: 'defaults' | 'vars') => ['main.yml', 'main.yaml'].map((f) => `${folder}roles/${role}/${kind}/${f}`);

export function ansibleNeeds(uri: string, text: string, ctx: ProjectContext): FileRequest {
  const need: FileRequest = { list: [], read: [] };
  const folder = folderOf(uri);
  const { dirs, inventories } = places(uri, ctx, need);
  need.read.push(...inventories);
  for (const m of [...varsDirs(dirs, 'group_vars', ctx, need), ...varsDirs(dirs, 'host_vars', ctx, need)]) for (const files of m.values()) need.read.push(...files);
  for (const p of playRefs(text)) {
    for (const r of p.roles) need.read.push(...roleUris(folder, r, 'defaults'), ...roleUris(folder, r, 'vars'));
    for (const f of p.varsFiles) need.read.push(...refUris(folder, f, false));
    for (const f of p.includes) need.read.push(...refUris(folder, f, true));
  }
  const role = roleOf(uri);
  if (role) need.read.push(...role.defaults, ...role.vars);
  return need;
}

/** A role's task file (roles/<r>/tasks/x.yml): its role's defaults and vars. */
function roleOf(uri: string): { defaults: string[]; vars: string[] } | undefined {
  const m = /^(.*[\\/]roles[\\/][^\\/]+[\\/])tasks[\\/][^\\/]+$/.exec(uri);
  if (!m) return undefined;
  const root = m[1];
  return { defaults: ['main.yml', 'main.yaml'].map((f) => `${root}defaults/${f}`), vars: ['main.yml', 'main.yaml'].map((f) => `${root}vars/${f}`) };
}

/** The variables each reading sees, and a problem per play whose hosts are more kinds than are read; undefined
 *  without a project. */
export function ansibleLayers(uri: string, text: string, ctx: ProjectContext | undefined): { layers: VarLayers[]; problems: ParseProblem[] } | undefined {
  if (!ctx) return undefined;
  const folder = folderOf(uri);
  const foreign = new Map<Node, RelatedLocation>();
  const load = (u: string): VarsFile | undefined => {
    const t = ctx.files.read(u);
    if (typeof t !== 'string') return undefined;
    const doc = ctx.files.derive(`ansible-vars:${u}`, () => parseYaml(t).docs[0] as Document.Parsed | undefined);
    const vars = new Map<string, Node>();
    const shown = u.startsWith(folder) ? u.slice(folder.length) : nameOf(u);
    for (const p of pairs(doc?.contents)) {
      const key = str(p.key);
      const span = spanOf(p);
      if (!key || !p.value || !span) continue;
      vars.set(key, p.value);
      foreign.set(p.value, { uri: u, span, message: `${key} is set in ${shown}` });
    }
    return { uri: u, vars };
  };
  const first = (us: string[]) => us.map(load).find((f) => f);
  const { dirs, inventories } = places(uri, ctx);
  const inv: Inventory = emptyInventory();
  for (const i of inventories) {
    const t = ctx.files.read(i);
    if (typeof t === 'string') readInventory(inv, nameOf(i), t);
  }
  const groupDirs = varsDirs(dirs, 'group_vars', ctx);
  const hostDirs = varsDirs(dirs, 'host_vars', ctx);
  // Without an inventory, each group_vars group and host_vars host stands for a host of its own.
  if (!inv.hosts.size) {
    for (const m of groupDirs) for (const g of m.keys()) if (g !== 'all') readInventory(inv, 'groups', `[${g}]\n${g}-host\n`);
    for (const m of hostDirs) for (const h of m.keys()) if (!inv.hosts.has(h)) inv.hosts.set(h, new Set());
  }
  const varsOf = (files: (string[] | undefined)[]) => files.flatMap((fs) => (fs ?? []).flatMap((f) => load(f) ?? []));
  const hostVars = (host: string | undefined): VarsFile[] => {
    const groups = host ? groupsOf(inv, host) : ['all'];
    return [...groups.flatMap((g) => varsOf(groupDirs.map((m) => m.get(g)))), ...(host ? varsOf(hostDirs.map((m) => m.get(host))) : [])];
  };
  const plays = playRefs(text);
  const role = roleOf(uri);
  // Hosts in the same groups without host_vars of their own read alike: one of each kind is read.
  const kind = (h: string) => `${groupsOf(inv, h).join(',')}|${hostDirs.some((m) => m.has(h)) ? h : ''}`;
  const distinct = (hosts: string[]) => [...new Map(hosts.map((h) => [kind(h), h])).values()];
  const problems: ParseProblem[] = [];
  const hostsPerPlay = plays.map((p) => {
    const all = distinct(hostsOf(inv, p.pattern));
    const span = spanOf(p.node && get(p.node, 'hosts'));
    // Cut, not silently: values set only for the hosts past the cut are not read.
    if (all.length > MAX_HOSTS && span) problems.push({ span, message: `these hosts fall into ${all.length} kinds (by their groups and host_vars); SMB Guard reads the variables of the first ${MAX_HOSTS} only, so a value set just for the others is not checked` });
    return all.slice(0, MAX_HOSTS);
  });
  const readings = Math.max(1, ...hostsPerPlay.map((h) => h.length));
  const merged = (files: VarsFile[]) => {
    const out = new Map<string, Node>();
    for (const f of files) f.vars.forEach((v, k) => out.set(k, v));
    return out;
  };
  // The walk parses the text again: its plays are known by where they start.
  const playOf = (node: YAMLMap | undefined) => (node ? plays.findIndex((p) => p.node?.range?.[0] === node.range?.[0]) : -1);
  const layers: VarLayers[] = [];
  for (let k = 0; k < readings; k++) {
    layers.push({
      foreign,
      below(node) {
        const i = playOf(node);
        if (i < 0) return merged([...(role ? [first(role.defaults)] : []), ...hostVars(undefined)].flatMap((f) => f ?? []));
        const hosts = hostsPerPlay[i];
        const host = hosts.length ? hosts[Math.min(k, hosts.length - 1)] : undefined;
        return merged([...plays[i].roles.flatMap((r) => first(roleUris(folder, r, 'defaults')) ?? []), ...hostVars(host)]);
      },
      above(node) {
        const i = playOf(node);
        if (i < 0) return merged(role ? [first(role.vars)].flatMap((f) => f ?? []) : []);
        const p = plays[i];
        return merged([...p.varsFiles.flatMap((f) => load(joinUri(folder, f) ?? '') ?? []), ...p.roles.flatMap((r) => first(roleUris(folder, r, 'vars')) ?? []), ...p.includes.flatMap((f) => first(refUris(folder, f, true)) ?? [])]);
      },
    });
  }
  return { layers, problems };
}

/** Playbooks that may read a changed vars or inventory file: those in the folder that holds its group_vars/,
 *  host_vars/, inventory or roles/ (as far as the project has listed it). */
export function ansibleDependents(uri: string, ctx: ProjectContext): string[] {
  // The folder above group_vars/, host_vars/ or roles/<r>/(defaults|vars)/, or an inventory's; one `inventory/` up.
  const vars = uri.search(/[\\/](?:group_vars|host_vars)[\\/]/);
  const role = uri.search(/[\\/]roles[\\/][^\\/]+[\\/](?:defaults|vars)[\\/][^\\/]+$/);
  const at = vars >= 0 ? vars : role;
  let folder = at >= 0 ? uri.slice(0, at + 1) : INVENTORY.test(nameOf(uri)) ? folderOf(uri) : undefined;
  if (folder === undefined) return [];
  if (role < 0 && nameOf(folder) === 'inventory') folder = folderOf(folder.slice(0, -1));
  const names = ctx.files.list(folder) ?? [];
  return names.filter((n) => /\.ya?ml$/i.test(n)).map((n) => folder + n).filter((u) => u !== uri);
}
