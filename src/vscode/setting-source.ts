/** Where a setting's value comes from, and which settings an untrusted workspace may not set. Imports nothing,
 *  so the activation bundle reads `smbGuard.enable` and `smbGuard.run` the same way the analysis does. */

/**
 * Settings that can hide findings or cost time. In an untrusted workspace their workspace and folder values
 * are ignored (package.json lists them in `restrictedConfigurations`, and `readSetting` filters them too).
 * `enable` and `run` can switch analysis off; `interfaces` can mark interfaces internal, which hides findings on
 * them; `publicHostPrefix` turns internet errors into warnings; Helm values files and the advisory overlay change what a finding is and what it says.
 */
export const RESTRICTED_SETTINGS = ['enable', 'run', 'severity', 'enabledFormats', 'documentation', 'exclude', 'maxFileSizeKB', 'timeBudgetMs', 'services', 'interfaces', 'publicHostPrefix', 'publicHostPrefixV6', 'helm.valuesFiles', 'terraform.varFiles', 'compose.files', 'cloudformation.parameterFiles', 'advisories.overlay'] as const;

/** The parts of `WorkspaceConfiguration.inspect()` that `readSetting` uses. */
export interface InspectedValue {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** The reads of one `WorkspaceConfiguration`, so the choice below runs without VS Code. */
export interface SettingSource {
  get: (key: string) => unknown;
  inspect: (key: string) => InspectedValue | undefined;
}

/**
 * A setting's value: as VS Code resolves it (folder over workspace over user, objects merged), except that in
 * an untrusted workspace a restricted setting keeps only the user's value or the default, so a cloned
 * repository's `.vscode/settings.json` cannot switch findings off or make analysis slow. VS Code already drops
 * those values for settings listed in `restrictedConfigurations`; this holds even where a host does not.
 */
export function readSetting(key: string, source: SettingSource, trusted: boolean): unknown {
  if (trusted || !(RESTRICTED_SETTINGS as readonly string[]).includes(key)) return source.get(key);
  const v = source.inspect(key);
  return v?.globalValue ?? v?.defaultValue;
}
