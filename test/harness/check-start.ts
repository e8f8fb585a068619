// `npm start` as a newcomer meets it: runs the development launcher (out/test/harness/start-dev.js) on a free
// port, opens the URL it prints in Chromium, and waits for the first screen it promises: a warning underlined
// in the demo's file and the lesson rendered beside it. Saves test-results/screenshots/npm-start.png.
//   node out/test/harness/check-start.js
// Exits 0 when that screen came, 1 otherwise. Part of `npm run test:vscode`, after the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { frameContaining, launchChromium, WORKBENCH_VIEWPORT } from './browser';
import { waitUntil } from './observed-wait';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const screenshot = path.join(repoRoot, 'test-results', 'screenshots', 'npm-start.png');
/** code-server's first start, the extension's activation and the worker's first analysis, on a busy machine. */
const FIRST_SCREEN_TIMEOUT_MS = 180_000;
const URL_TIMEOUT_MS = 120_000;

/** Starts the launcher in its own process group (it starts code-server in another) and reads the URL it prints. */
function startLauncher(): { launcher: ChildProcess; url: Promise<string> } {
  const launcher = spawn(process.execPath, [path.join(__dirname, 'start-dev.js')], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    // Port 0: code-server picks a free one and the launcher prints it. No desktop VS Code, even where there is one.
    env: { ...process.env, PORT: '0', INTEGRATION_COACH_USE_CODE_SERVER: '1' },
  });
  const url = new Promise<string>((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within ${URL_TIMEOUT_MS / 1000} s:\n${printed}`)), URL_TIMEOUT_MS);
    launcher.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    launcher.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${printed}`)));
  });
  return { launcher, url };
}

/** What the first screen shows so far: underlined warnings in the editor, and whether the lesson has rendered. */
async function firstScreen(page: Page): Promise<{ warnings: number; lesson: boolean }> {
  const warnings = await page
    .evaluate(() => document.querySelectorAll('.editor-group-container .monaco-editor .squiggly-warning').length)
    .catch(() => 0); // the workbench is still loading
  const lesson = await frameContaining(page, 'main#lesson[aria-busy="false"] .section').then(() => true, () => false);
  return { warnings, lesson };
}

async function main(): Promise<void> {
  const { launcher, url } = startLauncher();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: WORKBENCH_VIEWPORT });
    await page.goto(await url);
    await waitUntil(() => firstScreen(page), (seen) => seen.warnings > 0 && seen.lesson, 'a warning underlined and the lesson beside it', FIRST_SCREEN_TIMEOUT_MS, 500);
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`[check-start] npm start's first screen shows a warning and the lesson: ${path.relative(repoRoot, screenshot)}`);
  } finally {
    await browser.close();
    // The launcher stops code-server's process group on SIGTERM.
    if (launcher.pid) process.kill(-launcher.pid, 'SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[check-start] npm start did not show its first screen:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
