// Shared by the lesson tests: find the repository root and read the real content from disk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo-root';

export { repoRoot };

export function readRepoJson(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(repoRoot(), relative), 'utf8')) as unknown;
}

/** A fresh, mutable copy of the real lesson content, to break in a test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into the raw JSON to break it
export function rawLesson(): any {
  return readRepoJson('content/integration-and-apis.json');
}
