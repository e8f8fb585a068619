// The repository a folder is in: the nearest folder at or above it that holds `.git` (a folder, or the file a
// worktree or submodule has), as `git rev-parse --show-toplevel` answers, without running git.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function repositoryRoot(from: string): string | undefined {
  for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}
