/**
 * NixOS option definitions in a parsed file: every `a.b.c = value;` with its full option path, however it is
 * nested (`networking.firewall.allowedTCPPorts = …` or `networking = { firewall = { … }; }`), through module
 * functions, `let`, `with`, `mkIf` (kept as a condition), `mkMerge`, `mkForce`/`mkDefault`/`mkOverride`. A name bound
 * by `let` is followed to its value. Anything else (`if`, `//`, other functions) is not read: never guessed.
 */
import type { Binding, NixValue, PathPart } from './parse';
import { MAX_DEPTH } from './parse';

export interface Definition {
  /** The option path, without a leading `config.`, and its parts with their spans (in outer bindings too). */
  path: string[];
  parts: PathPart[];
  /** The parts written in this binding (the ones a fix may rewrite), and the binding itself. */
  binding: Binding;
  /** The value, with `mkForce`, `mkDefault` and names bound by `let` looked through. */
  value: NixValue;
  /** `mkIf` conditions around it, as written. */
  conditions: string[];
}

const PASS_THROUGH = new Set(['mkForce', 'mkDefault', 'mkOverride', 'mkBefore', 'mkAfter', 'mkOrder', 'lib.mkForce', 'lib.mkDefault', 'lib.mkOverride', 'lib.mkBefore', 'lib.mkAfter', 'lib.mkOrder']);
const MK_IF = new Set(['mkIf', 'lib.mkIf']);
const MK_MERGE = new Set(['mkMerge', 'lib.mkMerge']);
/** How many `let` names one value may go through (a = b; b = c; …), so a cycle ends. */
const MAX_HOPS = 16;

type Env = ReadonlyMap<string, NixValue>;

/** Looks through the wrappers that keep a value (mkForce, mkDefault, `let` names); mkIf adds its condition. */
export function resolve(text: string, value: NixValue, env: Env, conditions: string[] = []): { value: NixValue; conditions: string[] } {
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    if (value.kind === 'ref' && env.has(value.name)) value = env.get(value.name) as NixValue;
    else if (value.kind === 'apply' && value.fn && PASS_THROUGH.has(value.fn)) value = value.args[value.args.length - 1];
    else if (value.kind === 'apply' && value.fn && MK_IF.has(value.fn) && value.args.length === 2) {
      const cond = value.args[0].span;
      conditions = [...conditions, `mkIf ${text.slice(cond.offset, cond.offset + cond.length)}`];
      value = value.args[1];
    } else break;
  }
  return { value, conditions };
}

/** Every definition in the file, in order. */
export function definitions(text: string, root: NixValue): Definition[] {
  const out: Definition[] = [];
  const walk = (value: NixValue, prefix: PathPart[], env: Env, conditions: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const r = resolve(text, value, env, conditions);
    const v = r.value;
    switch (v.kind) {
      case 'lambda':
      case 'with':
        walk(v.body, prefix, env, r.conditions, depth + 1);
        return;
      case 'let':
        walk(v.body, prefix, bind(env, v.bindings), r.conditions, depth + 1);
        return;
      case 'apply':
        if (v.fn && MK_MERGE.has(v.fn) && v.args.length === 1) {
          const list = resolve(text, v.args[0], env).value;
          if (list.kind === 'list') for (const item of list.items) walk(item, prefix, env, r.conditions, depth + 1);
        }
        return;
      case 'attrs':
        for (const b of v.bindings) {
          if (b.path.some((p) => p.name === undefined)) continue;
          let parts = [...prefix, ...b.path];
          // A module's `config = { … }` holds the same options as a plain module's body.
          if (prefix.length === 0 && parts[0].name === 'config') parts = parts.slice(1);
          const path = parts.map((p) => p.name as string);
          if (prefix.length === 0 && (path[0] === 'options' || path[0] === 'imports')) continue;
          const inner = resolve(text, b.value, env, r.conditions);
          if (inner.value.kind === 'attrs' || (inner.value.kind === 'apply' && inner.value.fn && MK_MERGE.has(inner.value.fn))) {
            walk(b.value, parts, env, r.conditions, depth + 1);
          } else {
            out.push({ path, parts, binding: b, value: inner.value, conditions: inner.conditions });
          }
        }
        return;
    }
  };
  walk(root, [], new Map(), [], 0);
  return out;
}

/** The names a `let` binds (single names only), on top of the names already bound. */
function bind(env: Env, bindings: Binding[]): Env {
  const next = new Map(env);
  for (const b of bindings) if (b.path.length === 1 && b.path[0].name !== undefined) next.set(b.path[0].name, b.value);
  return next;
}

/** `networking.firewall.interfaces."br0"` → the parts as written, for messages. */
export function pathText(parts: PathPart[], text: string): string {
  return parts.map((p) => text.slice(p.span.offset, p.span.offset + p.span.length)).join('.');
}
