/** The formats' packaged assets (wasm) in the extension's dist/wasm. */
import * as vscode from 'vscode';
import { readFile } from './files';

export function assetReader(extensionUri: vscode.Uri): (name: string) => Promise<Uint8Array> {
  const folder = vscode.Uri.joinPath(extensionUri, 'dist', 'wasm');
  return (name) => readFile(vscode.Uri.joinPath(folder, name));
}
