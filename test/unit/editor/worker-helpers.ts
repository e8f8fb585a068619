// Shared by the tests that drive the real analysis worker (dist/analysis-worker.js, built by
// `node scripts/build.mjs`) through the client, in plain Node. Not a test file itself.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TIME_BUDGET_MS } from '../../../src/analysis/defaults';
import type { WorkerAnalyzeOptions } from '../../../src/editor/protocol';

export const WORKER = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'analysis-worker.js');
export const RETRY = 'async function f() {\n  while (true) {\n    try { return await op(); } catch { await sleep(1000); }\n  }\n}\n';
export const DEFAULT_OPTIONS: WorkerAnalyzeOptions = { timeBudgetMs: DEFAULT_TIME_BUDGET_MS };

export function assertWorkerBuilt(): void {
  assert.ok(existsSync(WORKER), `${WORKER} is missing: run node scripts/build.mjs first`);
}

/** A log that keeps what the client says. */
export function recordingLog() {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, log: { info: (message: string) => infos.push(message), error: (message: string) => errors.push(message) } };
}

/** Polls until the condition holds; generous, for a busy machine. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
