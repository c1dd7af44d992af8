/** Waiting helpers for in-host tests: wait for the condition, never for a fixed time. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'smb-guard.smb-guard';
export const SOURCE = 'SMB Guard';

export const codeOf = (d: vscode.Diagnostic): string | number | undefined =>
  typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;

export const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

const describe = (ds: vscode.Diagnostic[]) =>
  JSON.stringify(ds.map((d) => ({ code: codeOf(d), severity: d.severity, line: d.range.start.line, message: d.message })));

/** Resolves with our diagnostics for `uri` once `predicate` holds; checks now and on every change. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeout = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let sub: vscode.Disposable | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      sub?.dispose();
      if (timer) clearTimeout(timer);
    };
    const check = () => {
      const ds = ours(uri);
      if (!predicate(ds)) return false;
      finish();
      resolve(ds);
      return true;
    };
    if (check()) return;
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}; diagnostics now: ${describe(ours(uri))}`));
    }, timeout);
  });
}

/** Polls `check` (for state that has no change event, such as `Extension.isActive`). */
export async function waitUntil(check: () => boolean, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host suite needs a workspace folder (test/integration/workspace copy)');
  return folder.uri;
}

let scratchCount = 0;
/** A fresh copy of a workspace file under its own folder, so a test can edit and save it freely. */
export async function scratchCopy(relative: string): Promise<vscode.Uri> {
  const root = workspaceRoot();
  const source = vscode.Uri.joinPath(root, relative);
  const name = relative.split('/').pop() ?? relative;
  const target = vscode.Uri.joinPath(root, `scratch-${process.pid}-${++scratchCount}`, name);
  await vscode.workspace.fs.copy(source, target, { overwrite: true });
  return target;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}
