// The test side of the harness protocol (see test/harness/harness-protocol.ts): ask the browser that
// drives the workbench for a screenshot, a key press or a click, and wait for it to be done.
// Under @vscode/test-electron there is no such browser: screenshots are then skipped, and tests that
// need a click say so.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HARNESS_DIR_ENV, REQUEST_MARKER, type HarnessAnswer, type HarnessRequest } from '../harness/harness-protocol';
import { waitFor } from './wait';

type RequestBody = HarnessRequest extends infer R ? (R extends HarnessRequest ? Omit<R, 'id'> : never) : never;

let sequence = 0;

export function harnessAvailable(): boolean {
  return Boolean(process.env[HARNESS_DIR_ENV]);
}

export async function askHarness(body: RequestBody): Promise<HarnessAnswer> {
  const dir = process.env[HARNESS_DIR_ENV];
  if (!dir) throw new Error('no browser harness: run this suite with `npm run test:vscode`');
  const id = `${process.pid}-${++sequence}`;
  console.log(REQUEST_MARKER + JSON.stringify({ id, ...body }));
  const answerFile = path.join(dir, `${id}.json`);
  await waitFor(() => existsSync(answerFile), `the harness to answer ${body.action}`, 30_000);
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as HarnessAnswer;
  if (!answer.ok) throw new Error(`harness ${body.action} failed: ${answer.detail}`);
  return answer;
}

/** Saves a screenshot of the workbench as test-results/screenshots/<name>.png when the browser harness runs. */
export async function screenshot(name: string): Promise<void> {
  if (harnessAvailable()) await askHarness({ action: 'screenshot', name });
}
