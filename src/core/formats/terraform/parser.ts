/** The tree-sitter Terraform grammar, loaded once from wasm bytes the host hands over (no fs, no fetch). */
// esbuild.mjs aliases this to the package's CommonJS build: its ESM build reads import.meta.url, which our
// CommonJS bundles leave undefined, and then fails in Node before any option is read.
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { Budget } from '../../analysis/budget';
import { TERRAFORM_GRAMMAR, TREE_SITTER_RUNTIME } from '../../assets';
import type { AssetLoader } from '../format';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the runtime and the grammar; repeated calls share one load. A failed load can be retried. */
export function initTerraformParser(load: AssetLoader): Promise<void> {
  loading ??= (async () => {
    const [runtime, grammar] = await Promise.all([load(TREE_SITTER_RUNTIME).then(compiled), load(TERRAFORM_GRAMMAR).then(compiled)]);
    // Compiled and instantiated at once, not asynchronously: each asynchronous step waited behind whatever else
    // the editor's extension host had queued (some 150 ms before a first diagnostic; done at once, the whole load
    // takes a few ms). The hook also keeps Emscripten from locating the runtime on disk or over the network.
    const instantiateWasm = (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
      const instance = new WebAssembly.Instance(runtime, imports);
      done(instance, runtime);
      return instance.exports;
    };
    await Parser.init({ instantiateWasm, locateFile: (name: string) => name } as object);
    const language = Language.loadSync(grammar);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** The module, compiled at once (0.3 ms for both: the engine compiles functions when first called). A browser's
 *  main thread refuses that for more than 4 KB; there it is compiled asynchronously. */
function compiled(bytes: Uint8Array): WebAssembly.Module | Promise<WebAssembly.Module> {
  // (Read from a file, never shared memory: the cast only tells the DOM typings so.)
  const own = bytes as Uint8Array<ArrayBuffer>;
  try {
    return new WebAssembly.Module(own);
  } catch {
    return WebAssembly.compile(own);
  }
}

export function parserReady(): boolean {
  return parser !== undefined;
}

/** Without a budget (the CLI) a parse still stops after this long, plus PARSE_MS_PER_KB: tree-sitter's error
 *  recovery is quadratic on some inputs (a word followed by 20,000 spaces took 5.5 s), and a scan must end. */
const PARSE_LIMIT_MS = 10_000;
const PARSE_MS_PER_KB = 10;

/** Parses a JS string; node indexes are UTF-16 code units into it (web-tree-sitter parses strings as UTF-16).
 *  Undefined before the grammar is loaded, or when the budget (or the limit above) ran out first: tree-sitter then
 *  returns no tree at all. */
export function parseHclTree(text: string, budget?: Budget): Tree | undefined {
  if (!parser) return undefined;
  const limit = Date.now() + PARSE_LIMIT_MS + (text.length / 1024) * PARSE_MS_PER_KB;
  // Called seldom (every 100 ms or so in a slow recovery): each call reads the clock.
  const progressCallback = () => Date.now() > limit || !!budget?.check('extraction', 0);
  return parser.parse(quietBlankRuns(text), null, { progressCallback }) ?? undefined;
}

/** White space this long is handed to tree-sitter as a block comment of the same length. Its error recovery
 *  rescans white space after an error once per hundred characters: a word followed by 20,000 spaces took 5.5 s,
 *  400,000 would take hours, and the progress callback comes only between those scans. Comments cost nothing. */
const LONG_BLANK = 256;

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The text with each long white-space run outside comments and one-line strings written as comments of the
 *  same length: every offset stays (the walk reads offsets, never rows). Runs inside a block comment stay: a
 *  comment in a comment would end it early. */
export function quietBlankRuns(text: string): string {
  const n = text.length;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 34) {
      for (i++; i < n && text.charCodeAt(i) !== 34 && text.charCodeAt(i) !== 10; i++) if (text.charCodeAt(i) === 92) i++;
      i++;
    } else if (c === 35 || (c === 47 && next === 47)) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && next === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (isBlank(c)) {
      let j = i;
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      if (j - i >= LONG_BLANK) {
        out += text.slice(last, i) + asComment(text.slice(i, j));
        last = j;
      }
      i = j;
    } else i++;
  }
  return last ? out + text.slice(last) : text;
}

/** A white-space run as comments of the same length: its first and last line break stay (a newline ends an HCL
 *  attribute), what lies between them becomes one comment, and so does a long stretch within a line. */
function asComment(run: string): string {
  const within = (s: string) => (s.length >= LONG_BLANK ? `/*${s.slice(2, -2)}*/` : s);
  const first = run.indexOf('\n');
  const last = run.lastIndexOf('\n');
  if (first < 0) return within(run);
  const between = last - first - 1 >= 4 ? `/*${run.slice(first + 3, last - 2)}*/` : run.slice(first + 1, last);
  return `${within(run.slice(0, first))}\n${between}${first === last ? '' : '\n'}${within(run.slice(last + 1))}`;
}
