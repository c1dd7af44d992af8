/** The files `docker compose` loads together, and what the other ones say about a document's services: Compose's
 *  own discovery (compose-go `DefaultFileNames`, then the first of `DefaultOverrideFileNames` beside it), the files
 *  a setting adds after them (`-f`), and the folder's `.env`. */
import type { Document, Node } from 'yaml';
import type { ProjectContext } from '../../project/project';
import { folderOf, joinUri, nameOf } from '../../project/uri';
import type { FileRequest } from '../../project/project';
import { get, isMap, pairOf, parseYaml } from '../common/yaml';
import { parseEnv, type Env } from './env';

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** A document's place among the files Compose merges, and the folder's `.env`. */
export interface ComposeStack {
  env: Env;
  /** The files merged after the document, in order (their services override its). */
  later: { uri: string; docs: Document.Parsed[] }[];
  /** The files merged before it. */
  earlier: { uri: string; docs: Document.Parsed[] }[];
}

/** The files merged with `uri`, in order (just `uri` when Compose would not load it with others); the `.env`. */
function filesOf(uri: string, names: readonly string[], extra: readonly string[] = []): { stack: string[]; env?: string } {
  const folder = folderOf(uri);
  const base = BASE_NAMES.find((n) => names.includes(n));
  const override = base && OVERRIDE_NAMES.find((n) => names.includes(n));
  const stack = [...new Set([base, override].flatMap((n) => (n ? [folder + n] : [])).concat(extra.flatMap((f) => (f ? (joinUri(folder, f) ?? []) : []))))];
  return { stack: stack.includes(uri) ? stack : [uri], env: names.includes('.env') ? `${folder}.env` : undefined };
}

export function composeNeeds(uri: string, ctx: ProjectContext): FileRequest {
  const folder = folderOf(uri);
  const names = ctx.files.list(folder);
  if (!names) return { list: [folder], read: [] };
  const { stack, env } = filesOf(uri, names, ctx.settings.composeFiles);
  return { list: [folder], read: [...stack.filter((u) => u !== uri), ...(env ? [env] : [])] };
}

/** The document's stack as the project holds it; undefined without a project (the text alone: nothing merged,
 *  nothing interpolated). */
export function stackOf(uri: string, ctx: ProjectContext | undefined): ComposeStack | undefined {
  const names = ctx?.files.list(folderOf(uri));
  if (!ctx || !names) return undefined;
  const { stack, env } = filesOf(uri, names, ctx.settings.composeFiles);
  const envText = env ? ctx.files.read(env) : undefined;
  const parsed = (u: string) => {
    const text = ctx.files.read(u);
    return typeof text === 'string' ? [{ uri: u, docs: ctx.files.derive(`compose-file:${u}`, () => parseYaml(text).docs) }] : [];
  };
  const at = stack.indexOf(uri);
  return {
    env: typeof envText === 'string' ? ctx.files.derive(`compose-env:${env}`, () => parseEnv(env!, envText)) : new Map(),
    earlier: stack.slice(0, at).flatMap(parsed),
    later: stack.slice(at + 1).flatMap(parsed),
  };
}

/** Compose files (and `.env`) whose change may change `uri`'s analysis: a changed `.env`, override or listed file
 *  touches every compose file merged with it. */
export function composeDependents(uri: string, ctx: ProjectContext): string[] {
  const folder = folderOf(uri);
  const names = ctx.files.list(folder);
  if (!names) return [];
  const name = nameOf(uri);
  const { stack } = filesOf(`${folder}${BASE_NAMES.find((n) => names.includes(n)) ?? ''}`, names, ctx.settings.composeFiles);
  return name === '.env' || stack.includes(uri) ? stack.filter((u) => u !== uri && u !== folder) : [];
}

/** The service's node in a file's documents (the last document that has it). */
export function serviceIn(docs: readonly Document.Parsed[], name: string): Node | undefined {
  let found: Node | undefined;
  for (const d of docs) {
    const s = get(get(d.contents, 'services'), name);
    if (isMap(s)) found = s;
  }
  return found;
}

/** True when a later file replaces the service's ports rather than appending to them (`!reset`, `!override`). */
export function portsReplacedLater(stack: ComposeStack | undefined, name: string): string | undefined {
  let by: string | undefined;
  for (const f of stack?.later ?? []) {
    const ports = pairOf(serviceIn(f.docs, name), 'ports')?.value as Node | undefined;
    if (ports && (ports.tag === '!reset' || ports.tag === '!override')) by = f.uri;
  }
  return by;
}
