// Runs the integration suite inside a real VS Code 1.100.3 (code-server), driven headless by Chromium.
//   node out/test/harness/run-code-server.js
// Exits 0 when every test passed, 1 otherwise (a failed test, a workbench that never enters
// extension-development mode, a crash, a time-out). Leaves screenshots in test-results/screenshots/.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CODE_SERVER_VERSION, ensureCodeServer, startCodeServer, type RunningCodeServer } from './code-server';
import { HARNESS_DIR_ENV, parseRequest, type HarnessAnswer, type HarnessRequest } from './harness-protocol';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const resultsDir = path.join(repoRoot, 'test-results');
const screenshotDir = path.join(resultsDir, 'screenshots');
const DEV_HOST_TIMEOUT_MS = 45_000;
const SUITE_TIMEOUT_MS = 15 * 60_000;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

async function main(): Promise<number> {
  const entry = ensureCodeServer(path.join(repoRoot, '.vscode-test'));
  const requestsDir = path.join(resultsDir, 'harness-requests');
  rmSync(requestsDir, { recursive: true, force: true });
  mkdirSync(requestsDir, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const workspace = copyFixtureWorkspace();
    server = await startCodeServer(entry, workspace, { [HARNESS_DIR_ENV]: requestsDir });
    console.log(`[harness] code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) listening on 127.0.0.1:${server.port}`);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const exitCode = await runSuite(page, server.port, workspace, requestsDir);
    await page.screenshot({ path: path.join(screenshotDir, 'workbench-end.png') }).catch(() => undefined);
    return exitCode;
  } finally {
    await browser?.close().catch(() => undefined);
    server?.stop();
  }
}

/** Tests may edit files; each run works on a fresh copy of the fixture workspace. */
function copyFixtureWorkspace(): string {
  const target = path.join(resultsDir, 'workspace');
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), target, { recursive: true });
  return target;
}

async function runSuite(page: Page, port: number, workspace: string, requestsDir: string): Promise<number> {
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const onLine = (line: string) => {
    const request = parseRequest(line);
    if (request) void answer(page, request, requestsDir);
    else console.log(`  ${line}`);
  };
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => onLine(format(...args)));
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('@@integration-coach-harness')) onLine(text);
  });

  const remote = (file: string) => `vscode-remote://127.0.0.1:${port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'test', 'integration', 'index'))],
    ['skipWelcome', 'true'],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  try {
    await page.waitForFunction(() => document.title.includes('Extension Development Host'), undefined, { timeout: DEV_HOST_TIMEOUT_MS });
  } catch {
    await page.screenshot({ path: path.join(screenshotDir, 'workbench-no-dev-host.png') }).catch(() => undefined);
    console.error(`[harness] the workbench never entered extension-development mode (title: "${await page.title()}")`);
    return 1;
  }
  console.log('[harness] workbench is in extension-development mode; running the suite');
  const timeout = new Promise<number>((resolve) =>
    setTimeout(() => {
      console.error(`[harness] the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes`);
      resolve(1);
    }, SUITE_TIMEOUT_MS).unref(),
  );
  return Promise.race([finished, timeout]);
}

/** Carries out a test's request in the browser and writes the answer the test is waiting for. */
async function answer(page: Page, request: HarnessRequest, requestsDir: string): Promise<void> {
  const reply: HarnessAnswer = { id: request.id, ok: true };
  try {
    reply.detail = await perform(page, request);
  } catch (error) {
    reply.ok = false;
    reply.detail = error instanceof Error ? error.message : String(error);
  }
  writeFileSync(path.join(requestsDir, `${request.id}.json`), JSON.stringify(reply));
}

async function perform(page: Page, request: HarnessRequest): Promise<string | undefined> {
  switch (request.action) {
    case 'screenshot': {
      const file = path.join(screenshotDir, `${request.name}.png`);
      await page.screenshot({ path: file });
      return file;
    }
    case 'press':
      for (const key of request.keys) await page.keyboard.press(key);
      return undefined;
    case 'type':
      await page.keyboard.type(request.text);
      return undefined;
    case 'click':
      return clickInPageOrWebview(page, request.selector, request.frameWith);
  }
}

async function clickInPageOrWebview(page: Page, selector: string, frameWith?: string): Promise<string> {
  const frames = frameWith ? page.frames() : [page.mainFrame()];
  for (const frame of frames) {
    if (frameWith && !(await frame.content().catch(() => '')).includes(frameWith)) continue;
    const target = frame.locator(selector).first();
    if ((await target.count()) > 0) {
      await target.click({ timeout: 10_000 });
      return frame.url();
    }
  }
  throw new Error(`nothing matches ${selector}${frameWith ? ` in a frame containing "${frameWith}"` : ''}`);
}

if (!existsSync('/usr/bin/chromium')) {
  console.error('[harness] /usr/bin/chromium is missing: install the Debian package "chromium" (.ci/run does)');
  process.exit(1);
}
main().then(
  (code) => {
    console.log(`[harness] suite finished with exit code ${code}; screenshots in ${path.relative(repoRoot, screenshotDir)}/`);
    process.exit(code);
  },
  (error: unknown) => {
    console.error('[harness] failed:', error);
    process.exit(1);
  },
);
