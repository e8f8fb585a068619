// `npm start`: VS Code with the extension in development mode on the demo workspace, opening at once on a
// sample file with its warnings and the lesson beside it (see src/editor/first-screen.ts).
// Uses desktop VS Code (`code`) when it is on PATH, else the local code-server (installed on first use),
// and prints the URL to open and what to try first. Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { FIRST_SCREEN_ENV } from '../../src/commands';
import { CODE_SERVER_VERSION, ensureCodeServer, startCodeServer } from './code-server';
import { FIRST_SCREEN_FILE } from './harness-protocol';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cacheDir = path.join(repoRoot, '.vscode-test');

/** The demo is a copy of the fixture workspace, so playing with it never changes the tests' fixtures. */
function demoWorkspace(): string {
  const target = path.join(cacheDir, 'demo-workspace');
  if (!existsSync(target)) cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), target, { recursive: true });
  return target;
}

const FIRST_SCREEN = { [FIRST_SCREEN_ENV]: FIRST_SCREEN_FILE };

/** What to try first, printed under the URL. */
const WHAT_TO_TRY = [
  `${FIRST_SCREEN_FILE} opens with its warnings underlined and the lesson beside it, at the section the first warning links to.`,
  'Hover an underlined line: the warning, a two-line lesson excerpt and "Open lesson section".',
  'Press Ctrl+. (Cmd+. on macOS) on it for the quick fixes, and follow the link to the lesson.',
  'Then: Help > Get Started > "Learn integration with Integration Coach" (the walkthrough), or',
  'F1 > "Integration Coach: Quick Check" for the module\'s seven questions.',
];

function hasDesktopCode(): boolean {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const workspace = demoWorkspace();
  if (hasDesktopCode() && !process.env.INTEGRATION_COACH_USE_CODE_SERVER) {
    console.log(`Opening VS Code with the extension in development mode on ${workspace}`);
    spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, workspace, path.join(workspace, FIRST_SCREEN_FILE)], { stdio: 'inherit', env: { ...process.env, ...FIRST_SCREEN } });
    console.log(`\nWhat to try first:\n${WHAT_TO_TRY.map((line) => `  ${line}`).join('\n')}`);
    return;
  }
  const entry = ensureCodeServer(cacheDir);
  const server = await startCodeServer(entry, workspace, FIRST_SCREEN, Number(process.env.PORT ?? 8080));
  const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
  // Opening the file activates the extension (on its language), which then puts the lesson beside it.
  const payload = [['extensionDevelopmentPath', remote(repoRoot)], ['openFile', remote(path.join(workspace, FIRST_SCREEN_FILE))], ['skipWelcome', 'true']];
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) is running with Integration Coach in development mode.`);
  console.log(`Open this URL in a browser:\n\n  ${url}\n\nWhat to try first:\n${WHAT_TO_TRY.map((line) => `  ${line}`).join('\n')}\n\nPress Ctrl+C to stop.`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (code) => {
    console.log(`code-server exited (${code})`);
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error('Could not start VS Code:', error instanceof Error ? error.message : error);
  process.exit(1);
});
