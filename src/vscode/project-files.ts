/** The core's project view in the editor: files fetched through vscode.workspace.fs (desktop and web alike), open
 *  documents' texts over the disk's, and the documents to analyse again when a file they read changes. */
import * as vscode from 'vscode';
import { dependentsOf, folderOf, needsFetching, prepare, Project, projectInput, type AnalyzeInput, type AsyncSource, type ProjectSettings } from '../core/index';
import { readDirectory, readFile, sizeOf } from './files';
import type { GuardSettings } from './settings-map';
import type { Settings } from './settings';
import { mark } from './timeline';

type Input = AnalyzeInput & { project: Project };

export class ProjectFiles implements vscode.Disposable {
  readonly files = new Project();
  private readonly source: AsyncSource;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly settings: Settings,
    private readonly openDocument: (key: string) => vscode.TextDocument | undefined,
    private readonly reanalyze: (key: string) => void,
  ) {
    const maxBytes = (uri: vscode.Uri) => settings.for(uri).maxFileSizeKB * 1024;
    this.source = {
      async list(folder) {
        const entries = await readDirectory(vscode.Uri.parse(folder));
        return entries.map(([name, type]) => (type & vscode.FileType.Directory ? `${name}/` : name)).sort();
      },
      async read(key) {
        const open = openDocument(key);
        if (open) return open.getText();
        const uri = vscode.Uri.parse(key);
        if ((await sizeOf(uri)) > maxBytes(uri)) return null;
        return new TextDecoder().decode(await readFile(uri));
      },
    };
    // Any file: a .tfvars or .env file is read by others though no format claims it. Only files the project holds
    // (or whose folder it listed) cost more than a lookup.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.listeners = [
      this.watcher,
      this.watcher.onDidChange((u) => this.openDocument(u.toString()) || this.changedOnDisk(u)),
      this.watcher.onDidCreate((u) => this.changedOnDisk(u, true)),
      this.watcher.onDidDelete((u) => this.changedOnDisk(u, true)),
    ];
  }

  /** Documents whose fetch just finished: analysed with what it brought, even where the limits left files out
   *  (asking again would fetch the next batch, and the next, past the bounds). */
  private readonly fetched = new Set<string>();

  /** True when everything the document needs is fetched; else fetches it and calls `retry` once it is. */
  ready(input: Input, retry: () => void): boolean {
    const prepared = projectInput(input);
    if (this.fetched.delete(input.uri) || !needsFetching(prepared)) return true;
    const done = () => {
      mark('project files: fetched');
      this.fetched.add(input.uri);
      retry();
    };
    void prepare(prepared, this.source).then(done, done);
    return false;
  }

  /** The settings that name other files, and the workspace folder searches stay within. */
  settingsFor(uri: vscode.Uri, s: GuardSettings): ProjectSettings {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString();
    return { helmValuesFiles: s.helmValuesFiles, terraformVarFiles: s.terraformVarFiles, composeFiles: s.composeFiles, cloudformationParameterFiles: s.cloudformationParameterFiles, roots: folder ? [folder.endsWith('/') ? folder : `${folder}/`] : [] };
  }

  /** An open document's text, as analysed: when it differs from what the project held, its readers are stale. */
  edited(key: string, text: string): void {
    const held = this.files.has(key) ? this.files.read(key) : undefined;
    if (held === text) return;
    const first = held === undefined && !this.files.has(folderOf(key));
    const known = this.files.changed(key);
    this.files.putText(key, text);
    // A document just opened unchanged has nothing new to tell its readers.
    if (!first || known.length) void this.refresh(vscode.Uri.parse(key), known);
  }

  /** The disk's copy of a file changed (or the file appeared or went away). */
  changedOnDisk(uri: vscode.Uri, listing = false): void {
    const key = uri.toString();
    if (!this.files.has(key) && !this.files.has(folderOf(key))) return;
    const known = this.files.changed(key, listing);
    void this.refresh(uri, known);
  }

  /** Analyses again the documents that read `uri`, and those a format says may read it (the folder is listed
   *  first, so the .tf files beside a variables.tf are named though never analysed). */
  private async refresh(uri: vscode.Uri, known: string[]): Promise<void> {
    const key = uri.toString();
    const folder = folderOf(key);
    if (!this.files.has(folder)) {
      this.files.putListing(folder, await this.source.list(folder).catch(() => null));
    }
    const s = this.settings.for(uri);
    for (const d of dependentsOf(key, this.files, known, this.settingsFor(uri, s), s.enabledFormats)) this.reanalyze(d);
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
  }
}
