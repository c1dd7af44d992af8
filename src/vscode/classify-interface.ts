/** "Treat IFACE as internal / internet-facing": writes smbGuard.interfaces for the file's workspace folder. */
import * as vscode from 'vscode';
import { EXTENSION_SECTION } from './ids';

export type InterfaceClass = 'internet' | 'internal';

/** The quick fixes' titles, one per class. */
export function classifyTitle(name: string, cls: InterfaceClass): string {
  return cls === 'internal' ? `Treat ${name} as internal (smbGuard.interfaces)` : `Treat ${name} as internet-facing (smbGuard.interfaces)`;
}

/** Adds `name → cls` to smbGuard.interfaces in the folder that holds `uri` (user settings for a loose file),
 *  keeping the entries already there. The settings watcher re-analyses every open file. */
export async function classifyInterface(uri: unknown, name: unknown, cls: unknown): Promise<boolean> {
  if (typeof uri !== 'string' || typeof name !== 'string' || !name || (cls !== 'internet' && cls !== 'internal')) return false;
  const resource = vscode.Uri.parse(uri);
  const folder = vscode.workspace.getWorkspaceFolder(resource);
  const config = vscode.workspace.getConfiguration(EXTENSION_SECTION, resource);
  const seen = config.inspect<Record<string, string>>('interfaces');
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  const current = (folder ? seen?.workspaceFolderValue : seen?.globalValue) ?? {};
  await config.update('interfaces', { ...current, [name]: cls }, target);
  return true;
}
