/** The WebAssembly API the Terraform reader uses. The core's TypeScript library is ES2022 alone (no DOM, no Node
 *  types, so nothing host-only slips in); every host it runs in (Node, the browser, web workers) has this API. */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array<ArrayBuffer>);
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
  type Imports = Record<string, Record<string, unknown>>;
  function compile(bytes: Uint8Array<ArrayBuffer>): Promise<Module>;
}
