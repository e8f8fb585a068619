// The repository root: the nearest folder above this (bundled) test file that holds package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
