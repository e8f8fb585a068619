// The integration suite's entry point, loaded by VS Code's extension host in test mode.
// Same contract as @vscode/test-electron: export run(), reject when a test fails.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { HARNESS_DIR_ENV, PASS_FILE, type SuitePass } from '../harness/harness-protocol';

/** Which pass the harness runs: the main suite, or the checks that need a reloaded window. */
function currentPass(): SuitePass {
  const file = path.join(process.env[HARNESS_DIR_ENV] ?? '', PASS_FILE);
  if (!process.env[HARNESS_DIR_ENV] || !existsSync(file)) return 'main';
  return (JSON.parse(readFileSync(file, 'utf8')) as { pass: SuitePass }).pass;
}

export async function run(): Promise<void> {
  console.log(`[integration] running inside VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`);
  // INTEGRATION_GREP runs only the tests whose titles match (while working on one feature); CI never sets it.
  const grep = process.env.INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const pass = currentPass();
  const suiteDir = path.join(__dirname, pass === 'main' ? 'suite' : 'suite-after-reload');
  console.log(`[integration] pass "${pass}": ${suiteDir}`);
  for (const file of readdirSync(suiteDir).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }
  const failures = await new Promise<{ failures: number; passes: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ failures: runner.stats?.failures ?? 1, passes: runner.stats?.passes ?? 0 }));
  });
  console.log(`integration-${pass}: ${failures.passes} passed, ${failures.failures} failed`);
  if (failures.failures > 0) throw new Error(`${failures.failures} integration test(s) failed`);
}
