/** "Restrict the source" with no trusted sources set: ask for the network, and offer to keep it as the setting. */
import * as vscode from 'vscode';
import { networkProblem } from './fix-edits';
import { EXTENSION_SECTION } from './ids';

export async function askNetwork(ruleId: string): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: `Restrict the source (${ruleId})`,
    prompt: 'Which network may reach SMB here? The rule will accept SMB from this network only.',
    placeHolder: 'e.g. 10.20.0.0/24 or fd00:20::/64',
    ignoreFocusOut: true,
    validateInput: networkProblem,
  });
  return v === undefined ? undefined : v.trim();
}

/** After the fix: offer to save the network as smbGuard.trustedSources for the file's folder (not awaited). */
export function offerToSave(uri: vscode.Uri, network: string): void {
  const config = vscode.workspace.getConfiguration(EXTENSION_SECTION, uri);
  const current = config.get<string[]>('trustedSources') ?? [];
  if (current.includes(network)) return;
  const save = 'Save as Trusted Source';
  void vscode.window
    .showInformationMessage(`SMB Guard: save ${network} in smbGuard.trustedSources, so "Restrict the source" uses it without asking?`, save)
    .then((pick) => {
      if (pick !== save) return;
      const target = vscode.workspace.getWorkspaceFolder(uri) ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
      return config.update('trustedSources', [...current, network], target);
    });
}
