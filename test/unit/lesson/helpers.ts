// Shared by the lesson tests: find the repository root and read the real content from disk.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, found by walking up from this (bundled) test file. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function readRepoJson(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(repoRoot(), relative), 'utf8')) as unknown;
}

/** A fresh, mutable copy of the real lesson content, to break in a test. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into the raw JSON to break it
export function rawLesson(): any {
  return readRepoJson('content/integration-and-apis.json');
}
