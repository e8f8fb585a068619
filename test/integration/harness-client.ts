// The test side of the harness protocol (see test/harness/harness-protocol.ts): ask the browser that
// drives the workbench for a screenshot, a key press or a click, and wait for it to be done.
// Under @vscode/test-electron there is no such browser: screenshots are then skipped, and tests that
// need a click say so.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HARNESS_DIR_ENV, REQUEST_MARKER, type HarnessAnswer, type HarnessRequest } from '../harness/harness-protocol';
import { waitUntil } from '../harness/observed-wait';

type RequestBody = HarnessRequest extends infer R ? (R extends HarnessRequest ? Omit<R, 'id'> : never) : never;

let sequence = 0;

export function harnessAvailable(): boolean {
  return Boolean(process.env[HARNESS_DIR_ENV]);
}

export async function askHarness(body: RequestBody): Promise<HarnessAnswer> {
  const dir = process.env[HARNESS_DIR_ENV];
  if (!dir) throw new Error('no browser harness: run this suite with `npm run test:vscode`');
  // Every test file bundles its own copy of this module, so the id must not rely on the counter alone.
  const id = `${process.pid}-${Date.now()}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`;
  console.log(REQUEST_MARKER + JSON.stringify({ id, ...body }));
  const answerFile = path.join(dir, `${id}.json`);
  await waitUntil(() => existsSync(answerFile), Boolean, `the harness to answer ${JSON.stringify(body).slice(0, 200)}`, 30_000);
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as HarnessAnswer;
  if (!answer.ok) throw new Error(`harness ${body.action} failed: ${answer.detail}`);
  return answer;
}

/** Saves a screenshot of the workbench as test-results/screenshots/<name>.png when the browser harness runs. */
export async function screenshot(name: string): Promise<void> {
  if (harnessAvailable()) await askHarness({ action: 'screenshot', name });
}

/** Evaluates an expression in the workbench's own document (toasts, the notification centre, the Problems panel). */
export async function evaluateInWorkbench<T>(expression: string): Promise<T> {
  const answer = await askHarness({ action: 'evaluate', expression, frameWith: '.monaco-workbench' });
  return JSON.parse(answer.detail ?? 'null') as T;
}

/** An element only the lesson webview's own document has, to find its frame among the workbench's. */
export const LESSON_FRAME_MARKER = 'main#lesson';

/** Evaluates an expression inside the lesson webview (as the page itself would) and returns its value. */
export async function evaluateInLesson<T>(expression: string): Promise<T> {
  const answer = await askHarness({ action: 'evaluate', expression, frameWith: LESSON_FRAME_MARKER });
  return JSON.parse(answer.detail ?? 'null') as T;
}

/** Evaluates an expression in the webview host document around the lesson page (VS Code's own iframe host). */
export async function evaluateInLessonHost<T>(expression: string): Promise<T> {
  const answer = await askHarness({ action: 'evaluate', expression, frameWith: LESSON_FRAME_MARKER, inParent: true });
  return JSON.parse(answer.detail ?? 'null') as T;
}

/**
 * Posts a message to the extension exactly as the lesson page's acquireVsCodeApi().postMessage does:
 * through the webview host's __vscode_post_message__ (VS Code hides window.parent from the page itself).
 */
export async function postFromLessonWebview(message: unknown): Promise<void> {
  await evaluateInLessonHost(`window.__vscode_post_message__('onmessage', { message: ${JSON.stringify(message)} })`);
}

/** Like evaluateInLesson, but undefined while the webview is not there yet: for polling. */
export async function probeLesson<T>(expression: string): Promise<T | undefined> {
  try {
    return await evaluateInLesson<T>(expression);
  } catch {
    return undefined;
  }
}

/** Clicks an element of the lesson webview with the mouse, as a user would. */
export async function clickInLesson(selector: string): Promise<void> {
  await askHarness({ action: 'click', selector, frameWith: LESSON_FRAME_MARKER });
}
