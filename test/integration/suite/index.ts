/** Mocha runner for the in-host suite: loaded by VS Code's extension host as `extensionTestsPath`. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
// External in the bundle: resolves from the repository's node_modules at run time.
import Mocha from 'mocha';

/** Machine-readable lines the code-server harness (scripts/e2e/run.mjs) reads from the page console. */
export const START_MARKER = 'SMB_GUARD_E2E_START';
export const RESULT_MARKER = 'SMB_GUARD_E2E_RESULT';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  if (process.env.SMB_GUARD_E2E_GREP) mocha.grep(process.env.SMB_GUARD_E2E_GREP);
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(__dirname, name));
  }
  console.log(START_MARKER);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      mocha
        .run((failures) => {
          console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed })}`);
          if (failures > 0) reject(new Error(`${failures} in-host test(s) failed.`));
          else resolve();
        })
        .on('pass', () => passed++)
        .on('fail', () => failed++);
    } catch (err) {
      console.error(err);
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed: failed + 1 })}`);
      reject(err);
    }
  });
}
