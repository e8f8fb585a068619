// The settings and files that exclude files from the workspace scan (files.exclude, search.exclude,
// integrationCoach.exclude, the .gitignore files), turned into the shared filter of src/shared/file-filter,
// the same as the CLI's. vscode.workspace.findFiles gets only a fixed exclude (the folders no scan walks)
// and the filter judges what it finds, on the extension host, in slices. No `vscode` import.
import { ALWAYS_SKIPPED_FOLDERS } from '../shared/file-filter';

/** The exclude glob findFiles gets: folders no scan walks. Passing it makes findFiles drop files.exclude, which the filter applies. */
export const FIND_FILES_EXCLUDE = `**/{${ALWAYS_SKIPPED_FOLDERS.join(',')}}/**`;

/** The patterns of a `files.exclude`-style object that are switched on (`true`; `when` clauses are skipped). */
export function enabledPatterns(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([pattern]) => pattern);
}

/** Paths relative to a folder, compared folder by folder in name order: the order of a depth-first walk, as the CLI walks. */
export function compareInWalkOrder(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}
