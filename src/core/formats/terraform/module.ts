/** Terraform values across files: the variables and locals of every .tf file of a module folder, the values
 *  Terraform gives a root module's variables (terraform.tfvars, *.auto.tfvars, -var-file), and the inputs of the
 *  local module calls that call a module. Each value from another file records where it is written.
 *  Precedence: https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence */
import type { ProjectContext, ProjectFiles } from '../../project/project';
import { folderOf, joinUri, nameOf } from '../../project/uri';
import type { RelatedLocation, Span } from '../../types';
import type { HDoc, HVal } from './doc';
import { readHcl } from './hcl';
import { readTfJson, readTfVarsJson } from './json';
import type { Foreign, Scope } from './values';

const TF_FILE = /\.tf(?:\.json)?$/i;
const VARS_FILE = /\.tfvars(?:\.json)?$/i;
const AUTO_VARS = /\.auto\.tfvars(?:\.json)?$/i;
/** Caller instances a module's values are read for (callers, and their callers, multiply). */
const MAX_INSTANCES = 8;
/** Folders below each ancestor searched for callers (envs/prod/ calling ../../modules/sg). */
const DESCEND = 2;

interface Named {
  name: string;
  value: HVal;
  /** The whole `name = value`, in the file at `uri`. */
  span: Span;
}

interface Call {
  name: string;
  /** The called module's folder. */
  target: string;
  inputs: Named[];
  span: Span;
}

/** What one file contributes to its module: variable defaults, locals, local module calls. */
interface Facts {
  uri: string;
  defaults: Named[];
  declared: string[];
  locals: Named[];
  calls: Call[];
}

const isTfJson = (uri: string) => /\.tf\.json$/i.test(uri);
const wantedFacts = (type: string) => type === 'variable' || type === 'locals' || type === 'module';

/** The facts of a document already read. */
export function factsOfDoc(doc: HDoc, uri: string): Facts {
  const facts: Facts = { uri, defaults: [], declared: [], locals: [], calls: [] };
  for (const b of doc.blocks) {
    const name = b.labels[0];
    if (b.type === 'variable' && name) {
      facts.declared.push(name);
      const d = b.attrs.get('default');
      if (d) facts.defaults.push({ name, value: d.value, span: d.span });
    } else if (b.type === 'locals') for (const [k, a] of b.attrs) facts.locals.push({ name: k, value: a.value, span: a.span });
    else if (b.type === 'module' && name) {
      const source = b.attrs.get('source')?.value;
      // Only local paths: a registry or git module's files are not in the project.
      if (source?.kind !== 'string' || !/^\.\.?[\\/]/.test(String(source.value))) continue;
      const target = joinUri(folderOf(uri), String(source.value), true);
      if (!target) continue;
      const inputs: Named[] = [];
      for (const [k, a] of b.attrs) if (!META.has(k)) inputs.push({ name: k, value: a.value, span: a.span });
      facts.calls.push({ name, target, inputs, span: b.typeSpan });
    }
  }
  return facts;
}

/** A module block's arguments that are not inputs. */
const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** A file's facts, read once per text; undefined when the project has not fetched it. */
function factsOf(uri: string, files: ProjectFiles): Facts | undefined {
  return files.derive(`terraform-facts:${uri}`, () => {
    const text = files.read(uri);
    if (typeof text !== 'string') return undefined;
    // Most files declare none of these: no parse for them.
    if (!/\b(?:variable|locals|module)\b/.test(text)) return { uri, defaults: [], declared: [], locals: [], calls: [] };
    const doc = isTfJson(uri) ? readTfJson(text) : readHcl(text, wantedFacts);
    return doc ? factsOfDoc(doc, uri) : undefined;
  });
}

/** A variables file's values (.tfvars: attributes only; .tfvars.json: one object). */
function varValuesOf(uri: string, files: ProjectFiles): Named[] | undefined {
  return files.derive(`terraform-vars:${uri}`, () => {
    const text = files.read(uri);
    if (typeof text !== 'string') return undefined;
    if (/\.json$/i.test(uri)) return readTfVarsJson(text);
    const doc = readHcl(text, () => false, undefined, true);
    return doc?.attrs ? [...doc.attrs].map(([name, a]) => ({ name, value: a.value, span: a.span })) : undefined;
  });
}

const moduleFiles = (folder: string, names: readonly string[]) => names.filter((n) => TF_FILE.test(n)).map((n) => folder + n);

/** The variable files Terraform reads for a root module, lowest precedence first: terraform.tfvars, then
 *  terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order, then the -var-file files in order. */
function rootVarFiles(folder: string, names: readonly string[], ctx: ProjectContext): string[] {
  const has = (n: string) => names.includes(n);
  const auto = names.filter((n) => AUTO_VARS.test(n)).sort();
  const chosen = (ctx.settings.terraformVarFiles ?? []).flatMap((f) => joinUri(folder, f) ?? []);
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter(has).map((n) => folder + n), ...auto.map((n) => folder + n), ...chosen];
}

/** The ancestors of `folder` searched for its callers: up to `moduleDepth` levels, not above the widest root
 *  that holds it (none without one). */
function ancestorsOf(folder: string, ctx: ProjectContext): string[] {
  const root = [...(ctx.settings.roots ?? [])].filter((r) => folder.startsWith(r)).sort((a, b) => a.length - b.length)[0];
  const out: string[] = [];
  if (root === undefined) return out;
  for (let up = folder, i = 0; i < ctx.limits.moduleDepth && up.length > root.length; i++) {
    up = folderOf(up.slice(0, -1));
    if (!up.startsWith(root)) break;
    out.push(up);
  }
  return out;
}

/** `ancestor` and the folders up to DESCEND levels below it (envs/prod/ calling ../../modules/sg), hidden
 *  folders and node_modules left out; at most `folders` of them. */
function foldersUnder(ancestor: string, ctx: ProjectContext): string[] {
  const out: string[] = [];
  let level = [ancestor];
  for (let depth = 0; depth <= DESCEND && level.length; depth++) {
    const next: string[] = [];
    for (const f of level) {
      out.push(f);
      if (out.length >= ctx.limits.folders) return out;
      if (depth < DESCEND) for (const n of ctx.files.list(f) ?? []) if (n.endsWith('/') && !n.startsWith('.') && n !== 'node_modules/') next.push(f + n);
    }
    level = next;
  }
  return out;
}

interface Caller {
  call: Call;
  /** The file with the module block. */
  uri: string;
}

/** Every local module call in the folders under `ancestor`: worked out once for all the modules below it. */
function callsUnder(ancestor: string, ctx: ProjectContext): Caller[] {
  return ctx.files.derive(`terraform-calls:${ancestor}`, () =>
    foldersUnder(ancestor, ctx).flatMap((f) => moduleFiles(f, ctx.files.list(f) ?? []).flatMap((uri) => (factsOf(uri, ctx.files)?.calls ?? []).map((call) => ({ call, uri })))),
  );
}

/** The local module calls that call `folder`, found without making the files searched dependencies. */
function callersOf(folder: string, ctx: ProjectContext): Caller[] {
  return ctx.files.untracked(() => {
    const out: Caller[] = [];
    for (const a of ancestorsOf(folder, ctx)) {
      for (const c of callsUnder(a, ctx)) if (c.call.target === folder && !out.some((o) => o.uri === c.uri && o.call.name === c.call.name)) out.push(c);
    }
    return out;
  });
}

/** What the analysis of `uri` would read, given what is known: its folder, the module's other files and variable
 *  files, the folders searched for callers and their .tf files, and the callers' variable files (the document
 *  itself among them: the rounds skip it). Worked out once per folder (every file of a module asks the same). */
export function moduleNeeds(uri: string, ctx: ProjectContext): { list: string[]; read: string[] } {
  const key = `terraform-needs:${folderOf(uri)}|${(ctx.settings.terraformVarFiles ?? []).join('\n')}|${(ctx.settings.roots ?? []).join('\n')}`;
  // The same object for every file of the folder (the rounds skip a request they found complete).
  return ctx.files.untracked(() => ctx.files.derive(key, () => folderNeeds(folderOf(uri), ctx)));
}

function folderNeeds(start: string, ctx: ProjectContext): { list: string[]; read: string[] } {
  const list = new Set<string>();
  const read = new Set<string>();
  const visit = (folder: string, depth: number) => {
    list.add(folder);
    const names = ctx.files.list(folder);
    if (names) for (const u of moduleFiles(folder, names)) read.add(u);
    // The searches for callers do not wait for this folder's listing: asked for in the same round (on opening a
    // file, one round trip to the file system fewer before its first analysis).
    for (const a of ancestorsOf(folder, ctx)) {
      const found = searchOf(a, ctx);
      found.folders.forEach((f) => list.add(f));
      found.files.forEach((u) => read.add(u));
    }
    if (!names) return;
    const callers = callersOf(folder, ctx);
    if (!callers.length) for (const u of rootVarFiles(folder, names, ctx)) read.add(u);
    if (depth < ctx.limits.moduleDepth) for (const c of callers) if (!list.has(folderOf(c.uri)) || depth === 0) visit(folderOf(c.uri), depth + 1);
  };
  visit(start, 0);
  return { list: [...list], read: [...read] };
}

/** The folders under an ancestor and their .tf files: what a search for callers there reads. */
function searchOf(ancestor: string, ctx: ProjectContext): { folders: string[]; files: string[] } {
  return ctx.files.derive(`terraform-search:${ancestor}`, () => {
    const folders = foldersUnder(ancestor, ctx);
    return { folders, files: folders.flatMap((f) => moduleFiles(f, ctx.files.list(f) ?? [])) };
  });
}

/** The documents whose analysis may read `uri`: the .tf files of its folder, and of the folders its module
 *  calls point to. */
export function moduleDependents(uri: string, ctx: ProjectContext): string[] {
  if (!TF_FILE.test(uri) && !VARS_FILE.test(uri)) return [];
  const folder = folderOf(uri);
  const out = moduleFiles(folder, ctx.files.list(folder) ?? []);
  for (const call of TF_FILE.test(uri) ? (factsOf(uri, ctx.files)?.calls ?? []) : []) out.push(...moduleFiles(call.target, ctx.files.list(call.target) ?? []));
  return out.filter((u) => u !== uri);
}

const fileName = nameOf;
const relatedAt = (uri: string, span: Span, message: string): RelatedLocation => ({ uri, span, message });

/** The scopes the document's rules are read in: one per way the module is instantiated (as a root module, or by
 *  each caller), each starting from the document's own scope. All share the document's trail and foreign map. */
export function moduleScopes(uri: string, own: Scope, doc: HDoc, ctx: ProjectContext): Scope[] {
  const shared = { foreign: (own.foreign ??= new Map<HVal, Foreign>()), trail: (own.trail ??= []) };
  return instances(folderOf(uri), { uri, facts: factsOfDoc(doc, uri), scope: own }, ctx, shared, 0);
}

interface Shared {
  foreign: Map<HVal, Foreign>;
  trail: RelatedLocation[];
}

/** The instance scopes of the module in `folder`. `own`: the document being analysed, whose text (and own
 *  scope) wins over the project's copy of it. */
function instances(folder: string, own: { uri: string; facts: Facts; scope: Scope } | undefined, ctx: ProjectContext, shared: Shared, depth: number): Scope[] {
  const { files } = ctx;
  const names = files.list(folder) ?? [];
  const others = moduleFiles(folder, names).filter((u) => u !== own?.uri).flatMap((u) => factsOf(u, files) ?? []);
  const base: Scope = own ? { ...own.scope, vars: new Map(own.scope.vars), locals: new Map(own.scope.locals), ...shared } : { vars: new Map(), locals: new Map(), ...shared };
  const declared = new Set([...(own?.facts.declared ?? []), ...others.flatMap((f) => f.declared)]);
  // A copy per use: the same written value may stand in several instances, each with its own scope.
  const foreign = (value: HVal, scope: Scope | undefined, origin: RelatedLocation): HVal => {
    const key = { ...value };
    shared.foreign.set(key, { origin, scope });
    return key;
  };
  for (const f of others) {
    for (const d of f.defaults) if (!base.vars.has(d.name)) base.vars.set(d.name, foreign(d.value, undefined, relatedAt(f.uri, d.span, `the default of var.${d.name} (${fileName(f.uri)})`)));
    for (const l of f.locals) if (!base.locals.has(l.name)) base.locals.set(l.name, foreign(l.value, undefined, relatedAt(f.uri, l.span, `local.${l.name} (${fileName(f.uri)})`)));
  }
  const callers = depth < ctx.limits.moduleDepth ? callersOf(folder, ctx) : [];
  if (!callers.length) {
    // A root module: the variable files, later ones winning.
    for (const vf of rootVarFiles(folder, names, ctx)) {
      for (const v of varValuesOf(vf, files) ?? []) if (declared.has(v.name)) base.vars.set(v.name, foreign(v.value, undefined, relatedAt(vf, v.span, `var.${v.name} is set in ${fileName(vf)}`)));
    }
    return [base];
  }
  const out: Scope[] = [];
  for (const c of callers) {
    // Read again, tracked: the caller is now a dependency of the document.
    factsOf(c.uri, files);
    for (const callerScope of instances(folderOf(c.uri), undefined, ctx, shared, depth + 1)) {
      if (out.length >= MAX_INSTANCES) return out;
      const scope: Scope = { ...base, vars: new Map(base.vars) };
      for (const input of c.call.inputs) {
        if (!declared.has(input.name)) continue;
        // The caller's expression, resolved in the caller's scope.
        scope.vars.set(input.name, foreign(input.value, callerScope, relatedAt(c.uri, input.span, `module.${c.call.name} sets ${input.name} (${fileName(c.uri)})`)));
      }
      out.push(scope);
    }
  }
  return out.length ? out : [base];
}
