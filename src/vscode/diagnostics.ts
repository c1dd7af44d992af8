/** Analyses open documents and workspace files into a DiagnosticCollection and keeps {version, findings} per URI. */
import * as vscode from 'vscode';
import { analyzeText, isSupported, type AnalysisResult, type Companion, type Finding, type Severity } from '../core/index';
import { ProjectFiles } from './project-files';
import { currentCatalog } from './advisory-catalog';
import { readFile, sizeOf } from './files';
import { positionsOf, toRange, type PositionSource } from './convert';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl } from './ids';
import { log } from './log';
import { analysisOrder } from './open-order';
import { digits } from './words';
import { analyses } from './run-settings';
import { isCandidate } from './selectors';
import type { Settings } from './settings';
import type { GuardSettings } from './settings-map';
import { mark } from './timeline';

export interface Entry {
  uri: vscode.Uri;
  /** The document version analysed; undefined when the text was read from disk. */
  version: number | undefined;
  findings: Finding[];
  /** Parallel to `findings` (a skipped file has one diagnostic and no findings). */
  diagnostics: vscode.Diagnostic[];
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(uri: vscode.Uri, source: PositionSource, f: Finding, companions: readonly Companion[] = []): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(source, f.span), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(ruleDocsUrl(f.ruleId)) };
  if (f.related.length) {
    d.relatedInformation = f.related.map((r) => {
      // A place in another file (a Helm values file) is positioned in that file's text.
      const other = r.uri ? companions.find((c) => c.uri === r.uri) : undefined;
      const at = other ? new vscode.Location(vscode.Uri.parse(other.uri), toRange(positionsOf(other.text), r.span)) : new vscode.Location(uri, toRange(source, r.span));
      return new vscode.DiagnosticRelatedInformation(at, r.message);
    });
  }
  return d;
}

function openDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

/** What the budget cut, in the editor's words: how far the text was read, or which stage stopped. */
export function incompleteMessage(cut: NonNullable<AnalysisResult['incomplete']>, positions: PositionSource, budgetMs: number | undefined): string {
  const what =
    cut.stage === 'extraction'
      ? cut.analysedTo
        ? `read it up to line ${toRange(positions, { offset: cut.analysedTo, length: 0 }).start.line}`
        : 'could not read it'
      : cut.stage === 'walk'
        ? 'checked only some of its rules'
        : 'offers fixes for only some findings';
  return `SMB Guard stopped analysing this file after ${cut.afterMs} ms (smbGuard.timeBudgetMs is ${budgetMs ?? 'unset'} ms): it ${what}; findings may be missing. Run the smb-guard CLI for a complete analysis.`;
}

/** How long `settled` waits for the files an analysis asked for. */
const SETTLE_MS = 5000;

export class DiagnosticsManager implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('smbGuard');
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Latest read per file, so a slow read never overwrites a newer one. */
  private readonly reads = new Map<string, number>();
  private generation = 0;
  /** Files a workspace scan found: analysed from disk whenever they are not open. */
  readonly tracked = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listeners: vscode.Disposable[];
  /** The files around the analysed documents (values files, a module's variables), and who read which. */
  private readonly project: ProjectFiles;

  /** `first`: the document that made the readers load, analysed before the other open ones. */
  constructor(
    private readonly settings: Settings,
    first?: string,
  ) {
    const ws = vscode.workspace;
    // A file others read changed (typed, saved, closed unsaved, or on disk): they are analysed again.
    this.project = new ProjectFiles(settings, openDocument, (uri) => this.reanalyze(uri));
    this.listeners = [
      this.project,
      ws.onDidOpenTextDocument((d) => this.analyzeDocument(d)),
      // `smbGuard.run: onSave` waits for the save; `off` (or `enable: false`) analyses nothing.
      ws.onDidChangeTextDocument((e) => e.contentChanges.length && this.settings.for(e.document.uri).run === 'onType' && this.schedule(e.document)),
      ws.onDidSaveTextDocument((d) => this.analyzeDocument(d)),
      ws.onDidCloseTextDocument((d) => this.close(d)),
      ws.onDidDeleteFiles((e) => e.files.forEach((u) => this.forget(u))),
      ws.onDidRenameFiles((e) => e.files.forEach((f) => this.renamed(f.oldUri, f.newUri))),
    ];
    const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].flatMap((e) => (e ? [e.document.uri.toString()] : []));
    for (const d of analysisOrder(ws.textDocuments, (doc) => doc.uri.toString(), first ? [first, ...editors] : editors)) this.analyzeDocument(d);
  }

  entry(uri: string): Entry | undefined {
    return this.entries.get(uri);
  }

  allEntries(): Entry[] {
    return [...this.entries.values()];
  }

  /** True while some open document is one SMB Guard analyses. */
  hasOpenSupported(): boolean {
    return [...this.entries.values()].some((e) => e.version !== undefined);
  }

  /** The entry for a document's current version, analysing now if an edit is still waiting for its debounce. */
  current(doc: vscode.TextDocument): Entry | undefined {
    const e = this.entries.get(doc.uri.toString());
    if (e?.version === doc.version) return e;
    // With `smbGuard.run: onSave` an edited file waits for its save; its old fixes no longer fit the text.
    if (this.settings.for(doc.uri).run !== 'onType') return undefined;
    this.analyzeDocument(doc);
    const fresh = this.entries.get(doc.uri.toString());
    return fresh?.version === doc.version ? fresh : undefined;
  }

  /** `current`, waiting (up to SETTLE_MS) when the analysis first needs other files fetched: an edit can make a
   *  format ask for more (Fix All's next pass must not stop for that). */
  settled(doc: vscode.TextDocument): Promise<Entry | undefined> {
    const now = this.current(doc);
    if (now || this.settings.for(doc.uri).run !== 'onType') return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (e: Entry | undefined) => {
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      };
      const timer = setTimeout(() => done(this.cached(doc)), SETTLE_MS);
      const sub = this.changed.event(() => {
        const e = this.cached(doc);
        if (e) done(e);
      });
    });
  }

  /** The entry only when it matches the document as it is now; never analyses (for hovers and cursor moves). */
  cached(doc: vscode.TextDocument): Entry | undefined {
    const e = this.entries.get(doc.uri.toString());
    return e?.version === doc.version ? e : undefined;
  }

  analyzeDocument(doc: vscode.TextDocument, force = false): void {
    const key = doc.uri.toString();
    this.cancel(key);
    if (!force && this.entries.get(key)?.version === doc.version) return;
    const s = this.settings.for(doc.uri);
    if (!analyses(s)) return this.remove(key);
    const text = doc.getText();
    // Any document's text may be what others read (a .tfvars file no format claims).
    this.project.edited(key, text);
    if (!isCandidate(doc.uri.scheme, doc.languageId, doc.uri.path, s.enabledFormats)) return this.remove(key);
    if (text.length > s.maxFileSizeKB * 1024) {
      // Claimed by name, or because an earlier analysis claimed it: a file skipped for its size costs no detection
      // pattern over its text.
      return this.entries.has(key) || isSupported(key, '', s.enabledFormats) ? this.skip(doc.uri, doc.version, text.length, s) : this.remove(key);
    }
    this.store(doc.uri, doc.version, text, doc, s, () => doc.isClosed || this.analyzeDocument(doc, true));
  }

  /** Analyse a file from disk unless it is open (the editor's text wins over the disk's). */
  async analyzeFile(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const open = openDocument(key);
    if (open) return this.analyzeDocument(open);
    const s = this.settings.for(uri);
    if (!analyses(s)) return this.remove(key);
    const gen = ++this.generation;
    this.reads.set(key, gen);
    let text: string | undefined;
    let size = 0;
    try {
      size = await sizeOf(uri);
      // Too large to read: claim it by name only, so an unrelated big file costs one stat.
      if (size <= s.maxFileSizeKB * 1024) text = new TextDecoder().decode(await readFile(uri));
    } catch {
      if (this.reads.get(key) === gen) this.forget(uri);
      return;
    }
    if (this.reads.get(key) !== gen || openDocument(key)) return;
    this.reads.delete(key);
    if (text === undefined) return isSupported(key, '', s.enabledFormats) ? this.skip(uri, undefined, size, s) : this.remove(key);
    this.project.edited(key, text);
    this.store(uri, undefined, text, positionsOf(text), s, () => void this.analyzeFile(uri));
  }

  /** Settings changed: everything is re-analysed with the new options. */
  reanalyzeAll(): void {
    for (const d of vscode.workspace.textDocuments) this.analyzeDocument(d, true);
    for (const e of [...this.entries.values()]) if (e.version === undefined) void this.analyzeFile(e.uri);
  }

  /** Drop a file (or everything under a deleted folder). */
  forget(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}/`;
    for (const key of [...this.entries.keys(), ...this.tracked]) {
      if (key !== uri.toString() && !key.startsWith(prefix)) continue;
      this.tracked.delete(key);
      this.remove(key);
      this.project.files.drop(key);
    }
  }

  /** A dependent of a changed file: analysed again, from the editor when open, else from disk. */
  private reanalyze(key: string): void {
    const open = openDocument(key);
    if (open) this.analyzeDocument(open, true);
    else void this.analyzeFile(vscode.Uri.parse(key));
  }

  /** `retry` analyses the file again once the files it needs are fetched. */
  private store(uri: vscode.Uri, version: number | undefined, text: string, positions: PositionSource, s: GuardSettings, retry: () => void): void {
    const input = { uri: uri.toString(), text, enabledFormats: s.enabledFormats, options: { ...s.options, advisoryCatalog: currentCatalog() }, project: this.project.files, projectSettings: this.project.settingsFor(uri, s) };
    mark('analysis: asked');
    if (!this.project.ready(input, retry)) return mark('analysis: waits for project files');
    mark('analysis: start');
    const started = Date.now();
    const result = analyzeText(input);
    mark('analysis: done');
    log.trace(`${uri.toString()}: ${result.format ?? 'no format'}, ${result.findings.length} findings in ${Date.now() - started} ms`);
    if (!result.format) return this.remove(uri.toString());
    const companions: Companion[] = (result.reads ?? []).flatMap((u) => {
      const t = this.project.files.read(u);
      return typeof t === 'string' ? [{ uri: u, text: t }] : [];
    });
    const diagnostics = result.findings.map((f) => toDiagnostic(uri, positions, f, companions));
    const findings = result.findings;
    if (result.incomplete) {
      // Parallel arrays: the notice goes after the findings and has no finding of its own.
      diagnostics.push(this.notice(incompleteMessage(result.incomplete, positions, s.options.timeBudgetMs)));
    }
    this.set({ uri, version, findings, diagnostics });
  }

  private skip(uri: vscode.Uri, version: number | undefined, size: number, s: GuardSettings): void {
    const kb = digits(Math.round(size / 1024));
    const d = this.notice(`SMB Guard did not analyse this file: it is about ${kb} KB, over smbGuard.maxFileSizeKB (${s.maxFileSizeKB} KB). Raise that setting to analyse it.`);
    this.set({ uri, version, findings: [], diagnostics: [d] });
  }

  /** An information diagnostic on the first line, about the analysis rather than the rules. */
  private notice(message: string): vscode.Diagnostic {
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Information);
    d.source = DIAGNOSTIC_SOURCE;
    return d;
  }

  private set(e: Entry): void {
    this.entries.set(e.uri.toString(), e);
    this.collection.set(e.uri, e.diagnostics);
    mark('diagnostics: set');
    this.changed.fire();
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.collection.delete(e.uri);
    this.changed.fire();
  }

  /** Debounce typing; a newer edit cancels the pending run, and a run for an outdated version is dropped. */
  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cancel(key);
    const version = doc.version;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (!doc.isClosed && doc.version === version) this.analyzeDocument(doc);
    }, this.settings.for(doc.uri).debounceMs);
    this.timers.set(key, timer);
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  private close(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cancel(key);
    // Its readers go back to the disk's text (the closed buffer may have held unsaved edits).
    this.project.changedOnDisk(doc.uri);
    // A scanned file goes back to its on-disk state (the closed buffer may have held unsaved edits).
    if (this.tracked.has(key)) void this.analyzeFile(doc.uri);
    else {
      this.remove(key);
      this.project.files.drop(key);
    }
  }

  private renamed(from: vscode.Uri, to: vscode.Uri): void {
    const wasTracked = this.tracked.has(from.toString());
    this.forget(from);
    if (wasTracked) {
      this.tracked.add(to.toString());
      void this.analyzeFile(to);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const l of this.listeners) l.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}
