/** The "SMB Guard" output channel, for every piece of the adapter: set once by the activation bundle and handed
 *  to the analysis bundle when it loads (the two bundles share no module instances). Until then, the console. */
import type * as vscode from 'vscode';

export type Logger = Pick<vscode.LogOutputChannel, 'trace' | 'debug' | 'info' | 'warn' | 'error'>;

const consoleLogger: Logger = {
  trace: () => {},
  debug: () => {},
  info: (m: string) => console.log(`SMB Guard: ${m}`),
  warn: (m: string) => console.warn(`SMB Guard: ${m}`),
  error: (m: string | Error) => console.error(`SMB Guard: ${m}`),
};

export let log: Logger = consoleLogger;

export function setLogger(logger: Logger): void {
  log = logger;
}
