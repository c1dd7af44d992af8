/** Which extension host runs this code, for the log line the web-host UI test reads: VS Code runs the `browser`
 *  bundle in a web worker, where there is no Node `process`; the `main` bundle in a Node process. Read at run
 *  time, not from the build flag, so a bundle that lands in the other host says so. */
export function hostKind(): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? `Node ${node}` : 'web worker';
}
