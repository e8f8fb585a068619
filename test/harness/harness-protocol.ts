// How tests inside the extension host ask the harness outside it for what only a browser can do:
// take a screenshot, press keys, click. A test logs one line with a request; the harness does it and
// writes the answer to a file the test waits for. Shared by both sides, so the format lives in one place.

export const HARNESS_DIR_ENV = 'INTEGRATION_COACH_HARNESS_DIR';
/** The harness runs the suite twice: `main`, then, after reloading the window, `after-reload`. */
export const PASS_FILE = 'pass.json';
export type SuitePass = 'main' | 'after-reload';
/**
 * Where a test that breaks the lesson content on purpose keeps the original (relative to the repository);
 * the runners put it back before they start, should a run have died before the test restored it.
 */
export const CONTENT_BACKUP_FILE = 'test-results/lesson-content.backup.json';
export const CONTENT_FILE = 'content/integration-and-apis.json';
/**
 * The demo workspace's file `npm start` shows first (the demo is a copy of test/fixtures/workspace): a small
 * payment client with the module's mistakes. The suite checks that first screen on the same file.
 */
export const FIRST_SCREEN_FILE = 'src/checkout.ts';
export const REQUEST_MARKER = '@@integration-coach-harness ';

export type HarnessRequest =
  | { id: string; action: 'screenshot'; name: string }
  | { id: string; action: 'press'; keys: string[] }
  | { id: string; action: 'type'; text: string }
  | { id: string; action: 'click'; selector: string; /** search the frames for one with an element matching this selector */ frameWith?: string }
  /** Evaluates a JavaScript expression in the first frame with an element matching `frameWith`; the answer's detail is its JSON value. */
  | { id: string; action: 'evaluate'; expression: string; frameWith: string; /** in the frame's parent: the webview host */ inParent?: boolean };

export interface HarnessAnswer {
  id: string;
  ok: boolean;
  detail?: string;
}

export function parseRequest(line: string): HarnessRequest | undefined {
  const at = line.indexOf(REQUEST_MARKER);
  if (at < 0) return undefined;
  try {
    return JSON.parse(line.slice(at + REQUEST_MARKER.length)) as HarnessRequest;
  } catch {
    return undefined;
  }
}
