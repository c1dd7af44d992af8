/** Reading files: `file:` URIs with Node's fs in the desktop extension host, every other URI (and every URI in the
 *  web extension host) through vscode.workspace.fs. Each workspace.fs call first asks the editor's main thread to
 *  activate the scheme's provider, one round trip per call (tens of ms each when the editor runs in a browser, as
 *  with code-server), though the desktop host then reads the very same disk. */
import * as vscode from 'vscode';

/** Set by esbuild.mjs: "1" in the web bundles, "" in the desktop ones (the web bundles then hold no `fs`). */
const WEB = process.env.SMB_GUARD_WEB === '1';

type NodeFs = typeof import('node:fs/promises');
let nodeFs: NodeFs | undefined;

function local(uri: vscode.Uri): NodeFs | undefined {
  if (WEB) return undefined;
  return uri.scheme === 'file' ? (nodeFs ??= require('node:fs/promises') as NodeFs) : undefined;
}

export async function readFile(uri: vscode.Uri): Promise<Uint8Array> {
  const fs = local(uri);
  return fs ? new Uint8Array(await fs.readFile(uri.fsPath)) : vscode.workspace.fs.readFile(uri);
}

/** `readFile`, done before returning where the file is local: for a few small files the caller needs next (an
 *  asynchronous read takes several turns of the event loop, each queued behind whatever else is waiting). */
export function readFileNow(uri: vscode.Uri): Promise<Uint8Array> {
  if (WEB || uri.scheme !== 'file') return readFile(uri);
  try {
    return Promise.resolve(new Uint8Array((require('node:fs') as typeof import('node:fs')).readFileSync(uri.fsPath)));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** The size in bytes. */
export async function sizeOf(uri: vscode.Uri): Promise<number> {
  const fs = local(uri);
  return fs ? (await fs.stat(uri.fsPath)).size : (await vscode.workspace.fs.stat(uri)).size;
}

/** A folder's entries, folders marked as workspace.fs marks them (a link to a folder counts as one). */
export async function readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
  const fs = local(uri);
  if (!fs) return vscode.workspace.fs.readDirectory(uri);
  const entries = await fs.readdir(uri.fsPath, { withFileTypes: true });
  return Promise.all(
    entries.map(async (e): Promise<[string, vscode.FileType]> => {
      if (!e.isSymbolicLink()) return [e.name, e.isDirectory() ? vscode.FileType.Directory : e.isFile() ? vscode.FileType.File : vscode.FileType.Unknown];
      const target = await fs.stat(vscode.Uri.joinPath(uri, e.name).fsPath).catch(() => undefined);
      const type = target?.isDirectory() ? vscode.FileType.Directory : target?.isFile() ? vscode.FileType.File : vscode.FileType.Unknown;
      return [e.name, type | vscode.FileType.SymbolicLink];
    }),
  );
}
