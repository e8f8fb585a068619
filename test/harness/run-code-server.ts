// Runs the integration suite inside a real VS Code 1.100.3 (code-server), driven headless by Chromium.
//   node out/test/harness/run-code-server.js
// Exits 0 when every test passed, 1 otherwise (a failed test, a workbench that never enters
// extension-development mode, a crash, a time-out). Leaves screenshots in test-results/screenshots/.
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { frameContaining, launchChromium, WORKBENCH_VIEWPORT } from './browser';
import { restoreLessonContent } from './content-backup';
import { CODE_SERVER_VERSION, ensureCodeServer, startCodeServer, type RunningCodeServer } from './code-server';
import { ensureSystemPackages } from '../../scripts/system-packages.mjs';
import { HARNESS_DIR_ENV, PASS_FILE, parseRequest, type HarnessAnswer, type HarnessRequest, type SuitePass } from './harness-protocol';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const resultsDir = path.join(repoRoot, 'test-results');
const screenshotDir = path.join(resultsDir, 'screenshots');
const DEV_HOST_TIMEOUT_MS = 45_000;
const SUITE_TIMEOUT_MS = 15 * 60_000;

/** How the lesson webview starts its console lines (webview/main.ts, webview/vscode-api.ts). */
const WEBVIEW_LOG_PREFIX = 'Integration Coach:';

/** What a signal must stop: code-server runs in its own process group and would outlive the harness. */
let runningServer: RunningCodeServer | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[harness] ${signal}: stopping code-server`);
    runningServer?.stop();
    process.exit(130);
  });
}

async function main(): Promise<number> {
  restoreLessonContent(repoRoot);
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
    runningServer = server;
    console.log(`[harness] code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) listening on 127.0.0.1:${server.port}`);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: WORKBENCH_VIEWPORT });
    const session = await prepareSession(page, requestsDir);
    const url = workbenchUrl(server.port, workspace);
    let exitCode = 1;
    for (const pass of ['main', 'after-reload'] satisfies SuitePass[]) {
      writeFileSync(path.join(requestsDir, PASS_FILE), JSON.stringify({ pass }));
      console.log(`[harness] ${pass === 'main' ? 'opening the workbench' : 'reloading the window'} (suite pass "${pass}")`);
      // The second pass loads the page again. (Developer: Reload Window would be closer to a user, but in
      // extension-test mode the ended test host takes its webview editors with it, so nothing is restored.)
      exitCode = await runPass(page, () => page.goto(url), session);
      if (exitCode !== 0) break;
    }
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

interface Session {
  /** Resolves with the exit code the workbench reports for the pass under way. */
  nextExit(): Promise<number>;
}

/** Wires the page to the harness once: the workbench's exit and log hooks, and the tests' requests. */
async function prepareSession(page: Page, requestsDir: string): Promise<Session> {
  let finish: (code: number) => void = () => undefined;
  // A request can reach us twice (through the automation log and the page console): act once per id.
  const handled = new Set<string>();
  const onLine = (line: string) => {
    const request = parseRequest(line);
    if (!request) console.log(`  ${line}`);
    else if (!handled.has(request.id)) {
      handled.add(request.id);
      void answer(page, request, requestsDir);
    }
  };
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => onLine(format(...args)));
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('@@integration-coach-harness')) onLine(text);
    // The lesson webview's own warnings (a dropped message, say) appear nowhere else.
    else if (text.startsWith(WEBVIEW_LOG_PREFIX)) console.log(`  [webview] ${text}`);
  });
  return { nextExit: () => new Promise<number>((resolve) => (finish = resolve)) };
}

function workbenchUrl(port: number, workspace: string): string {
  const remote = (file: string) => `vscode-remote://127.0.0.1:${port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'test', 'integration', 'index'))],
    ['skipWelcome', 'true'],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function runPass(page: Page, open: () => Promise<unknown>, session: Session): Promise<number> {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const finished = session.nextExit().then((code) => {
    console.log(`[harness] the suite pass ended with ${code} after ${seconds()}`);
    return code;
  });
  await open();
  try {
    await page.waitForFunction(() => document.title.includes('Extension Development Host'), undefined, { timeout: DEV_HOST_TIMEOUT_MS });
  } catch {
    await page.screenshot({ path: path.join(screenshotDir, 'workbench-no-dev-host.png') }).catch(() => undefined);
    console.error(`[harness] the workbench never entered extension-development mode within ${seconds()} (title: "${await page.title()}")`);
    return 1;
  }
  console.log(`[harness] workbench is in extension-development mode after ${seconds()}; running the suite`);
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
  // Written aside and renamed, so the test never reads a half-written answer.
  const file = path.join(requestsDir, `${request.id}.json`);
  writeFileSync(`${file}.partial`, JSON.stringify(reply));
  renameSync(`${file}.partial`, file);
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
    case 'evaluate': {
      const found = await frameContaining(page, request.frameWith);
      const frame = request.inParent ? found.parentFrame() : found;
      if (!frame) throw new Error(`the frame with ${request.frameWith} has no parent`);
      return JSON.stringify(await frame.evaluate(request.expression));
    }
  }
}

async function clickInPageOrWebview(page: Page, selector: string, frameWith?: string): Promise<string> {
  const frame = frameWith ? await frameContaining(page, frameWith) : page.mainFrame();
  const target = frame.locator(selector).first();
  if ((await target.count()) === 0) throw new Error(`nothing matches ${selector}${frameWith ? ` in the frame with ${frameWith}` : ''}`);
  await target.click({ timeout: 10_000 });
  return frame.url();
}

const systemReady = ensureSystemPackages('test');
if (systemReady !== 0) process.exit(systemReady);
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
