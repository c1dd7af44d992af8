/** Fetching what a document's analysis needs, in bounded rounds: the format says what it needs given what is
 *  known, the host fetches what is missing, and again, until nothing is missing or the limits are reached. The
 *  same rounds run synchronously (the CLI's file system, tests) and asynchronously (vscode.workspace.fs). */
import type { FormatModule } from '../formats/format';
import type { FileRequest, Project, ProjectContext, ProjectSettings } from './project';

/** How a host lists a folder and reads a file. null: missing, unreadable or too large (the host's size limit). */
export interface FileSource<R = string[] | null, T = string | null> {
  list(folder: string): R;
  read(uri: string): T;
}
export type SyncSource = FileSource;
export type AsyncSource = FileSource<Promise<string[] | null>, Promise<string | null>>;

export interface PrepareInput {
  uri: string;
  text: string;
  format: FormatModule | undefined;
  project: Project;
  settings?: ProjectSettings;
}

export const contextOf = (project: Project, settings: ProjectSettings = {}): ProjectContext => ({ files: project, settings, limits: project.limits });

/** The rounds: each yields what is missing, after the host fetched the last round's. Bounded by the limits: the
 *  rounds, and the files and folders asked for (the first ones asked win). */
export function* rounds(input: PrepareInput): Generator<FileRequest, void, void> {
  const { format, project } = input;
  if (!format?.project) return;
  const ctx = contextOf(project, input.settings);
  const { limits } = project;
  const asked = new Set<string>();
  let files = 0;
  let folders = 0;
  for (let round = 0; round < limits.rounds; round++) {
    const need = project.analysing(input.uri, () => format.project!.needs(input.uri, input.text, ctx));
    if (project.isComplete(need)) return;
    const list = need.list.filter((f) => !project.has(f) && !asked.has(f)).slice(0, Math.max(0, limits.folders - folders));
    const read = need.read.filter((u) => u !== input.uri && !project.has(u) && !asked.has(u)).slice(0, Math.max(0, limits.files - files));
    if (!list.length && !read.length) {
      // Only what the host could fetch at all counts: asked-for files the limits left out stay unfetched.
      // The document's own text counts only when the host put it there: the request may serve its neighbours.
      if (need.list.every((f) => project.has(f)) && need.read.every((u) => project.has(u))) project.markComplete(need);
      return;
    }
    list.forEach((f) => asked.add(f));
    read.forEach((u) => asked.add(u));
    folders += list.length;
    files += read.length;
    yield { list, read };
  }
}

/** True when the document's analysis needs files the project has not fetched yet. */
export function needsFetching(input: PrepareInput): boolean {
  return !rounds(input).next().done;
}

/** Fetches synchronously what the document needs into the project. */
export function prepareSync(input: PrepareInput, source: SyncSource): void {
  const budget = { chars: 0 };
  const safe = <T>(f: () => T | null): T | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  for (const r of rounds(input)) fill(input.project, r, (f) => safe(() => source.list(f)), (u) => safe(() => source.read(u)), budget);
}

/** Fetches what the document needs into the project, each round's files at once. */
export async function prepare(input: PrepareInput, source: AsyncSource): Promise<void> {
  const budget = { chars: 0 };
  for (const r of rounds(input)) {
    const [lists, texts] = await Promise.all([Promise.all(r.list.map((f) => source.list(f).catch(() => null))), Promise.all(r.read.map((u) => source.read(u).catch(() => null)))]);
    fill(input.project, r, (_, i) => lists[i], (_, i) => texts[i], budget);
  }
}

/** `budget.chars`: what this document's rounds have read so far. */
function fill(project: Project, r: FileRequest, list: (f: string, i: number) => string[] | null, read: (u: string, i: number) => string | null, budget: { chars: number }): void {
  r.list.forEach((f, i) => project.putListing(f, list(f, i)));
  r.read.forEach((u, i) => {
    const text = read(u, i);
    // Over the character budget: the file counts as unreadable, as an over-size file does.
    budget.chars += text?.length ?? 0;
    project.putText(u, budget.chars > project.limits.chars ? null : text);
  });
}
