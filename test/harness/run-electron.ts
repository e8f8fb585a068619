// Runs the same integration suite in desktop VS Code through @vscode/test-electron, for developers whose
// machines can download VS Code (not these offline ones, and not CI).
//   npm run test:electron            (VS Code 1.100.3; set VSCODE_VERSION to test another)
import { cpSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { restoreLessonContent } from './content-backup';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  restoreLessonContent(repoRoot);
  const workspace = path.join(repoRoot, 'test-results', 'workspace');
  rmSync(workspace, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
}

main().catch((error: unknown) => {
  console.error('[electron] the integration suite failed:', error);
  process.exit(1);
});
