/**
 * Checks a value against data/schema.json at run time. The core cannot ship ajv (a dev dependency), so this reads
 * the few keywords the schema uses; the unit tests run ajv on the same samples and require the same verdicts.
 */

/** The schema's string patterns, written here as literals so the ReDoS test checks them; a test holds this table
 *  to schema.json. No pattern is ever compiled from data. */
export const SCHEMA_PATTERNS: Readonly<Record<string, RegExp>> = {
  "^(CVSS:[34]\\.[01]/)?[A-Za-z]{1,3}:[A-Za-z]{1,2}(/[A-Za-z]{1,3}:[A-Za-z]{1,2})*$": /^(CVSS:[34]\.[01]\/)?[A-Za-z]{1,3}:[A-Za-z]{1,2}(\/[A-Za-z]{1,3}:[A-Za-z]{1,2})*$/u,
  "^CVE-[0-9]{4}-[0-9]{4,19}$": /^CVE-[0-9]{4}-[0-9]{4,19}$/u,
  "^CWE-[0-9]{1,5}$": /^CWE-[0-9]{1,5}$/u,
  "^KB[0-9]{6,7}$": /^KB[0-9]{6,7}$/u,
  "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/u,
  "^[A-Za-z0-9][A-Za-z0-9._-]{1,40}$": /^[A-Za-z0-9][A-Za-z0-9._-]{1,40}$/u,
  "^https://[^\\s]+$": /^https:\/\/[^\s]+$/u,
};

export interface SchemaProblem {
  /** JSON path to the offending value, e.g. ['advisories', 3, 'kev', 'asOf']. */
  path: (string | number)[];
  message: string;
}

type Schema = Record<string, unknown>;

/** Past this many problems the rest are dropped: one bad overlay should not flood the Problems panel. */
const MAX_PROBLEMS = 50;
/** The schema nests a few levels; a deeper value is not valid data, and recursion stays bounded. */
const MAX_DEPTH = 12;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

/** Every problem of `value` against `schema` (a definition of `root`), at most MAX_PROBLEMS. */
export function checkSchema(root: Schema, value: unknown, schema: Schema = root): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  visit(root, schema, value, [], out, 0);
  return out.slice(0, MAX_PROBLEMS);
}

function resolve(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  // Only local '#/definitions/name' references occur in our schema.
  const name = ref.replace(/^#\/definitions\//, '');
  const defs = root.definitions as Record<string, Schema> | undefined;
  return defs?.[name] ?? {};
}

function visit(root: Schema, raw: Schema, v: unknown, path: (string | number)[], out: SchemaProblem[], depth: number): void {
  if (out.length >= MAX_PROBLEMS) return;
  if (depth > MAX_DEPTH) {
    out.push({ path, message: 'nested too deeply' });
    return;
  }
  const s = resolve(root, raw);
  const fail = (message: string) => out.push({ path, message });
  if (Array.isArray(s.enum)) {
    if (!s.enum.some((e) => e === v)) fail(`must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    return;
  }
  if (typeof s.type === 'string' && !matchesType(v, s.type)) {
    fail(`must be ${s.type === 'integer' ? 'an integer' : `a${/^[aeiou]/.test(s.type) ? 'n' : ''} ${s.type}`}`);
    return;
  }
  if (typeof v === 'string') {
    if (typeof s.minLength === 'number' && v.length < s.minLength) fail(s.minLength === 1 ? 'must not be empty' : `must have at least ${s.minLength} characters`);
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
    if (typeof s.pattern === 'string' && !SCHEMA_PATTERNS[s.pattern]?.test(v)) fail(`must match ${s.pattern}`);
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) fail(`must be at least ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) fail(`must be at most ${s.maximum}`);
  }
  if (Array.isArray(v) && s.items && typeof s.items === 'object') {
    v.forEach((item, i) => visit(root, s.items as Schema, item, [...path, i], out, depth + 1));
  }
  if (typeOf(v) === 'object') {
    const obj = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required as string[] | undefined) ?? []) {
      if (!(key in obj)) out.push({ path, message: `is missing required property "${key}"` });
    }
    for (const [key, child] of Object.entries(obj)) {
      if (key in props) visit(root, props[key], child, [...path, key], out, depth + 1);
      else if (s.additionalProperties === false) out.push({ path: [...path, key], message: `is not a known property` });
    }
  }
}

/** "advisories[3].kev.asOf" */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}
