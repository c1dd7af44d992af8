/** The files around the documents a host analyses, as the host fetched them, plus what formats derive from them.
 *  The host fills it (asynchronously, see prepare.ts) and tells it what changed; analysis only looks things up,
 *  synchronously. It remembers which files each document's analysis read, so a host knows whom a change affects. */
import { folderOf } from './uri';

/** Bounds on what one document's analysis may ask the host for. */
export interface ProjectLimits {
  /** Rounds of requests (each round may depend on what the last one read: a module call names a folder). */
  rounds: number;
  /** Files read for one document, and their total size in UTF-16 code units. */
  files: number;
  chars: number;
  /** Folders listed for one document. */
  folders: number;
  /** Module calls followed from a module to its callers' callers (Terraform). */
  moduleDepth: number;
}

export const PROJECT_LIMITS: ProjectLimits = { rounds: 8, files: 400, chars: 16_000_000, folders: 300, moduleDepth: 4 };

/** What a format may ask of the project while analysing (reads are recorded against the document). */
export interface ProjectFiles {
  /** Names in `folder` (which ends in its separator); sub-folders end in '/'. undefined: not fetched (yet); null:
   *  no such folder. */
  list(folder: string): readonly string[] | null | undefined;
  /** A file's text. undefined: not fetched (yet); null: missing, unreadable, or over the host's size limit. */
  read(uri: string): string | null | undefined;
  /** `compute()` once until a file it read changes: parsed neighbours, a module's variables. The key must name
   *  everything else the result depends on (settings). */
  derive<T>(key: string, compute: () => T): T;
  /** Runs `look` without making what it reads a dependency of the document (a search among many files, most of
   *  which turn out unrelated: what it finds is read again, tracked). */
  untracked<T>(look: () => T): T;
}

/** Settings that name extra files, as the host's settings give them. */
export interface ProjectSettings {
  /** Helm values files over values.yaml, relative to the chart folder (`helm -f`). */
  helmValuesFiles?: readonly string[];
  /** Terraform variable files for root modules, relative to the module folder or absolute (`-var-file`). */
  terraformVarFiles?: readonly string[];
  /** CloudFormation parameter files (`--parameters file://…` JSON, or a CodePipeline template configuration),
   *  relative to the template's folder or absolute: each one a deployment of every template there. */
  cloudformationParameterFiles?: readonly string[];
  /** Compose files merged over each compose file beside them, after compose.override.yaml (`docker compose -f`),
   *  relative to its folder or absolute. */
  composeFiles?: readonly string[];
  /** Folders a search for other files stays within (workspace folders, the CLI's scan root), ending in their
   *  separator: Terraform looks for a module's callers up to there. None: nothing above the document's folder. */
  roots?: readonly string[];
}

/** A format's view during one analysis: the files, the settings, and its limits. */
export interface ProjectContext {
  files: ProjectFiles;
  settings: ProjectSettings;
  limits: ProjectLimits;
}

/** What a format still needs: folders to list and files to read, as URIs. */
export interface FileRequest {
  list: string[];
  read: string[];
}

interface Memo {
  value: unknown;
  reads: Set<string>;
}

export class Project implements ProjectFiles {
  private readonly texts = new Map<string, string | null>();
  private readonly listings = new Map<string, readonly string[] | null>();
  private readonly memos = new Map<string, Memo>();
  /** Memo keys by what they read, so a change drops its memos without looking at all of them. */
  private readonly memosReading = new Map<string, Set<string>>();
  /** Per analysed document, the files (and folders, ending in a separator) its last analysis read. */
  private readonly readsOf = new Map<string, Set<string>>();
  /** Reads being recorded, innermost last: a document's analysis, and derivations inside it; null while
   *  untracked. */
  private readonly recording: (Set<string> | null)[] = [];
  /** Requests found fully fetched, until something is dropped (a format may hand out the same request object for
   *  every file of a folder: checking 2,000 names once per file was most of a large scan's cost). */
  private complete = new WeakSet<object>();

  constructor(readonly limits: ProjectLimits = PROJECT_LIMITS) {}

  // The host's side.

  putText(uri: string, text: string | null): void {
    if (this.texts.get(uri) === text && this.texts.has(uri)) return;
    this.forget(uri);
    this.texts.set(uri, text);
  }

  putListing(folder: string, names: readonly string[] | null): void {
    this.forget(folder);
    this.listings.set(folder, names);
  }

  /** True when the host has fetched this file or folder (whatever it found). */
  has(uriOrFolder: string): boolean {
    return this.texts.has(uriOrFolder) || this.listings.has(uriOrFolder);
  }

  /** A file changed, appeared or went away: its text and what was derived from it are dropped (and its folder's
   *  listing when it appeared or went away), to be fetched again. Returns the documents whose last analysis read
   *  it (or listed its folder, when `listing`). */
  changed(uri: string, listing = false): string[] {
    const hit = [...this.dependents(uri), ...(listing ? this.dependents(folderOf(uri)) : [])];
    this.complete = new WeakSet();
    this.forget(uri);
    this.texts.delete(uri);
    if (listing) {
      this.forget(folderOf(uri));
      this.listings.delete(folderOf(uri));
    }
    return [...new Set(hit)];
  }

  /** The documents whose last analysis read `uri` (a file, or a folder ending in its separator). */
  dependents(uri: string): string[] {
    const out: string[] = [];
    for (const [doc, reads] of this.readsOf) if (doc !== uri && reads.has(uri)) out.push(doc);
    return out;
  }

  /** The files a document's last analysis read, besides itself. */
  readsBy(doc: string): string[] {
    return [...(this.readsOf.get(doc) ?? [])].filter((u) => u !== doc && !/[\\/]$/.test(u));
  }

  /** A document no longer analysed (closed, deleted): its reads no longer make it a dependent. */
  drop(doc: string): void {
    this.readsOf.delete(doc);
  }

  // The core's side.

  list(folder: string): readonly string[] | null | undefined {
    this.note(folder);
    return this.listings.get(folder);
  }

  read(uri: string): string | null | undefined {
    this.note(uri);
    return this.texts.get(uri);
  }

  derive<T>(key: string, compute: () => T): T {
    const memo = this.memos.get(key);
    if (memo) {
      if (this.recording[this.recording.length - 1]) for (const r of memo.reads) this.note(r);
      return memo.value as T;
    }
    const reads = new Set<string>();
    // A derivation records its own reads even inside an untracked search: they decide when it is stale.
    const value = this.recordInto(reads, compute);
    this.memos.set(key, { value, reads });
    for (const r of reads) {
      let keys = this.memosReading.get(r);
      if (!keys) this.memosReading.set(r, (keys = new Set()));
      keys.add(key);
    }
    if (this.recording[this.recording.length - 1]) for (const r of reads) this.note(r);
    return value;
  }

  untracked<T>(look: () => T): T {
    return this.recordInto(null, look);
  }

  /** True when `request` was found fully fetched before and nothing was dropped since; `mark` records that it is. */
  isComplete(request: object): boolean {
    return this.complete.has(request);
  }

  markComplete(request: object): void {
    this.complete.add(request);
  }

  /** Runs one document's analysis, recording what it reads as that document's dependencies. */
  analysing<T>(doc: string, run: () => T): T {
    const reads = new Set<string>();
    try {
      return this.recordInto(reads, run);
    } finally {
      this.readsOf.set(doc, reads);
    }
  }

  private recordInto<T>(reads: Set<string> | null, run: () => T): T {
    this.recording.push(reads);
    try {
      return run();
    } finally {
      this.recording.pop();
    }
  }

  private note(uri: string): void {
    const top = this.recording[this.recording.length - 1];
    top?.add(uri);
  }

  /** Drops what was derived from `uri`. */
  private forget(uri: string): void {
    const keys = this.memosReading.get(uri);
    if (!keys) return;
    this.memosReading.delete(uri);
    // Dropped memos cascade: a memo built on one that read `uri` read `uri` too (its reads include the inner's).
    for (const key of keys) this.memos.delete(key);
  }
}
