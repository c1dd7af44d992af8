/** The formats' packaged assets (wasm) in the extension's dist/wasm. */
import * as vscode from 'vscode';
import { readFileNow } from './files';

export function assetReader(extensionUri: vscode.Uri): (name: string) => Promise<Uint8Array> {
  const folder = vscode.Uri.joinPath(extensionUri, 'dist', 'wasm');
  // Two files of the extension's own (300 KB): read at once where they are local.
  return (name) => readFileNow(vscode.Uri.joinPath(folder, name));
}
