/** Reads `smbGuard.*` per resource and tells listeners when it changes (or the workspace becomes trusted), so
 *  results refresh without a reload. */
import * as vscode from 'vscode';
import { EXTENSION_SECTION } from './ids';
import { readSetting, toGuardSettings, type GuardSettings, type RawSettings } from './settings-map';

const KEYS: (keyof RawSettings)[] = ['trustedSources', 'services', 'broadPrivatePrefix', 'broadPrivatePrefixV6', 'severity', 'enabledFormats', 'documentation', 'exclude', 'maxFileSizeKB', 'debounceMs', 'timeBudgetMs', 'interfaces', 'publicHostPrefix', 'publicHostPrefixV6', 'helm.valuesFiles', 'terraform.varFiles', 'compose.files', 'cloudformation.parameterFiles', 'run', 'enable'];

export class Settings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any `smbGuard.*` (or `files.exclude`) value changes. */
  readonly onDidChange = this.changed.event;
  /** Keyed by workspace folder, since every setting but debounceMs is resource-scoped. */
  private readonly cache = new Map<string, GuardSettings>();
  private readonly warned = new Set<string>();
  private readonly listeners: vscode.Disposable[];

  constructor() {
    const refresh = () => {
      this.cache.clear();
      this.changed.fire();
    };
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(EXTENSION_SECTION) || e.affectsConfiguration('files.exclude')) refresh();
      }),
      // The workspace's own values of the restricted settings apply from now on.
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    ];
  }

  /** Settings for a document or file; folder-level values win over user values as usual. */
  for(uri?: vscode.Uri): GuardSettings {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    const key = folder?.uri.toString() ?? '';
    let s = this.cache.get(key);
    if (!s) {
      const cfg = vscode.workspace.getConfiguration(EXTENSION_SECTION, folder?.uri ?? uri);
      const raw: RawSettings = {};
      const source = { get: (k: string) => cfg.get<unknown>(k), inspect: (k: string) => cfg.inspect<unknown>(k) };
      for (const k of KEYS) raw[k] = readSetting(k, source, vscode.workspace.isTrusted);
      s = toGuardSettings(raw);
      this.cache.set(key, s);
      this.warn(s.warnings);
    }
    return s;
  }

  /** Each distinct problem once per session: a broken setting should not nag on every keystroke. */
  private warn(lines: string[]): void {
    const fresh = lines.filter((l) => !this.warned.has(l));
    if (!fresh.length) return;
    for (const l of fresh) this.warned.add(l);
    void vscode.window.showWarningMessage(`SMB Guard ignored some settings: ${fresh.join(' ')}`, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', EXTENSION_SECTION);
    });
  }

  dispose(): void {
    this.listeners.forEach((l) => l.dispose());
    this.changed.dispose();
  }
}
