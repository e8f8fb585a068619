// How tests inside the extension host ask the harness outside it for what only a browser can do:
// take a screenshot, press keys, click. A test logs one line with a request; the harness does it and
// writes the answer to a file the test waits for. Shared by both sides, so the format lives in one place.

export const HARNESS_DIR_ENV = 'INTEGRATION_COACH_HARNESS_DIR';
export const REQUEST_MARKER = '@@integration-coach-harness ';

export type HarnessRequest =
  | { id: string; action: 'screenshot'; name: string }
  | { id: string; action: 'press'; keys: string[] }
  | { id: string; action: 'type'; text: string }
  | { id: string; action: 'click'; selector: string; /** search webview frames whose HTML contains this text */ frameWith?: string };

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
