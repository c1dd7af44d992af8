/** Loads the analysis bundle (readers, wasm loader, YAML library) next to the activation bundle: with require()
 *  in the desktop extension host, and in the web extension host by evaluating the script as that host evaluates
 *  extensions (CommonJS with `module`, `exports` and a `require` that knows only `vscode`). */
import * as vscode from 'vscode';
import type { Host, SmbGuardApi } from './extension';

export interface EngineModule {
  activate(context: vscode.ExtensionContext, host: Host): Promise<SmbGuardApi>;
}

/** Set by esbuild.mjs: "1" in the web bundle, "" in the desktop one. */
const WEB = process.env.SMB_GUARD_WEB === '1';

export async function loadEngine(context: vscode.ExtensionContext): Promise<EngineModule> {
  if (!WEB) return require(`${__dirname}/engine.js`) as EngineModule;
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'engine.js');
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const module = { exports: {} as Partial<EngineModule> };
  const requireVscode = (id: string): unknown => {
    if (id === 'vscode') return vscode;
    throw new Error(`the SMB Guard analysis bundle asked for ${id}, which the web extension host does not have`);
  };
  new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${uri.toString(true)}`)(module, module.exports, requireVscode);
  if (typeof module.exports.activate !== 'function') throw new Error(`${uri.toString(true)} exports no activate()`);
  return module.exports as EngineModule;
}
