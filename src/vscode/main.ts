/** SMB Guard's activation bundle (package.json `main` / `browser`): costs next to nothing where there is nothing to
 *  do. It opens the output channel, stands in for the commands and the webview view, and looks at each document by
 *  name and a cheap content sniff; the analysis bundle (readers, wasm, YAML) loads for the first document some
 *  format may claim, or the first command or view the user opens. */
const evaluated = performance.now();

import * as vscode from 'vscode';
import { FORMAT_ASSETS } from '../core/assets';
import { mayClaim } from '../core/sniff';
import { assetReader } from './assets';
import { loadEngine } from './engine-loader';
import { hostKind } from './host-kind';
import type { SmbGuardApi } from './extension';
import { ADVISORY_VIEW_ID, Commands, EXTENSION_SECTION, OUTPUT_CHANNEL_NAME } from './ids';
import { log, setLogger } from './log';
import { analyses, mapEnable, mapRun } from './run-settings';
import { isCandidate } from './selectors';
import { readSetting } from './setting-source';
import { firstTimes, setMarker } from './timeline';

/** What the in-host tests read: the activation figures, and the analysis API once it is loaded. */
export interface BootApi extends Partial<SmbGuardApi> {
  /** From this bundle's evaluation to the end of activate(), in ms. */
  activationMs: number;
  /** From the decision to load the analysis bundle to its activate() returning (wasm included), in ms. */
  engineMs?: number;
  /** The part of engineMs spent reading and evaluating the bundle. */
  engineLoadMs?: number;
  /** Why the analysis bundle loaded (a document, a command, a view); undefined while it has not. */
  engineReason?: string;
  /** Documents looked at and found to be no format's (URIs), while the analysis bundle was not loaded. */
  turnedDown: string[];
  /** When each step towards the first diagnostics first happened (performance.now(), ms): see timeline.ts. */
  marks: Record<string, number>;
  /** Loads the analysis bundle if it is not yet, and returns its API. */
  engine(): Promise<SmbGuardApi>;
}

/** Waits this long after typing in a not-yet-claimed document before sniffing it again (pasted rules). */
const RESNIFF_MS = 500;

const ignore = () => {};

/** `enable`, `run` and `enabledFormats` as the analysis reads them (an untrusted workspace's values ignored). */
function readActivation(uri: vscode.Uri): { on: boolean; enabledFormats: readonly string[] | undefined } {
  const cfg = vscode.workspace.getConfiguration(EXTENSION_SECTION, uri);
  const source = { get: (k: string) => cfg.get<unknown>(k), inspect: (k: string) => cfg.inspect<unknown>(k) };
  const read = (k: string) => readSetting(k, source, vscode.workspace.isTrusted);
  const formats = read('enabledFormats');
  return {
    on: analyses({ run: mapRun(read('run'), ignore), enable: mapEnable(read('enable'), ignore) }),
    enabledFormats: Array.isArray(formats) ? formats.filter((f): f is string => typeof f === 'string') : undefined,
  };
}

/** True when some enabled format may claim the document: language or name first, then the sniff of its head. */
function mayBeOurs(doc: vscode.TextDocument): boolean {
  const { on, enabledFormats } = readActivation(doc.uri);
  return on && isCandidate(doc.uri.scheme, doc.languageId, doc.uri.path, enabledFormats) && mayClaim(doc.uri.toString(), doc.getText());
}

/** Reads the formats' wasm before the analysis bundle loads (the first thing the bundle waits for): in the web host
 *  while it fetches the bundle; in the desktop host at once, two local files of the extension's own. */
function readAssets(context: vscode.ExtensionContext): Map<string, Promise<Uint8Array>> {
  const read = assetReader(context.extensionUri);
  return new Map(
    FORMAT_ASSETS.map((name) => {
      const bytes = read(name);
      // A failed read is the analysis bundle's to report (that format does not load); not an unhandled rejection.
      bytes.catch(ignore);
      return [name, bytes];
    }),
  );
}

export function activate(context: vscode.ExtensionContext): BootApi {
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  setLogger(channel);
  const standIns: vscode.Disposable[] = [];
  let loading: Promise<SmbGuardApi> | undefined;
  const timeline = firstTimes(() => performance.now(), (step, ms) => log.debug(`${step} at ${(ms - evaluated).toFixed(1)} ms`));
  setMarker(timeline.mark);
  const api: BootApi = { activationMs: 0, turnedDown: [], marks: timeline.marks, engine: () => load('the API was asked for') };

  function load(reason: string, first?: vscode.Uri): Promise<SmbGuardApi> {
    loading ??= (async () => {
      const started = performance.now();
      api.engineReason = reason;
      log.info(`loading the readers: ${reason}`);
      timeline.mark('engine: load');
      const assets = readAssets(context);
      const engine = await loadEngine(context);
      api.engineLoadMs = performance.now() - started;
      timeline.mark('engine: bundle evaluated');
      const real = await engine.activate(context, {
        log: channel,
        mark: timeline.mark,
        asset: (name) => assets.get(name),
        first: first?.toString(),
        beforeRegister: () => standIns.splice(0).forEach((d) => d.dispose()),
      });
      timeline.mark('engine: activated');
      api.engineMs = performance.now() - started;
      Object.assign(api, real);
      log.info(`readers loaded in ${Math.round(api.engineMs)} ms (the bundle ${Math.round(api.engineLoadMs)} ms, then parsers and activation)`);
      return real;
    })();
    loading.catch((e) => log.error(`the readers did not load: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return loading;
  }

  const consider = (doc: vscode.TextDocument) => {
    if (loading || doc.isClosed) return;
    if (!mayBeOurs(doc)) {
      // Bounded: the in-host tests read it; a long session keeps only the latest.
      if (api.turnedDown.push(doc.uri.toString()) > 100) api.turnedDown.shift();
      return;
    }
    timeline.mark('sniffed: may be ours');
    log.debug(`${doc.uri.toString()} may hold firewall rules`);
    void load(`${vscode.workspace.asRelativePath(doc.uri)} may hold firewall rules`, doc.uri);
  };
  const considerOpen = () => vscode.workspace.textDocuments.forEach(consider);
  const typed = new Map<vscode.TextDocument, ReturnType<typeof setTimeout>>();

  // Commands contributed in package.json load the readers, then run; the real ones replace these stand-ins.
  const contributed: { command: string }[] = context.extension.packageJSON?.contributes?.commands ?? [];
  for (const { command } of contributed) {
    if (command === Commands.showOutput) continue;
    standIns.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        await load(`the command ${command}`);
        return vscode.commands.executeCommand(command, ...args);
      }),
    );
  }
  // A webview view opened first is handed to the real provider once it exists.
  standIns.push(
    vscode.window.registerWebviewViewProvider(ADVISORY_VIEW_ID, {
      resolveWebviewView: async (view) => (await load(`the ${ADVISORY_VIEW_ID} view`)).advisoryView.resolveWebviewView(view),
    }),
  );

  context.subscriptions.push(
    channel,
    { dispose: () => standIns.splice(0).forEach((d) => d.dispose()) },
    { dispose: () => typed.forEach((t) => clearTimeout(t)) },
    vscode.commands.registerCommand(Commands.showOutput, () => channel.show(true)),
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.workspace.onDidChangeTextDocument(({ document: doc }) => {
      if (loading || typed.has(doc)) return;
      typed.set(doc, setTimeout(() => typed.delete(doc) && consider(doc), RESNIFF_MS));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(EXTENSION_SECTION) && considerOpen()),
    vscode.workspace.onDidGrantWorkspaceTrust(considerOpen),
  );
  considerOpen();
  api.activationMs = performance.now() - evaluated;
  log.info(`activated in ${api.activationMs.toFixed(1)} ms in the ${hostKind()} extension host${loading ? '' : '; no document needs the readers yet'}`);
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
