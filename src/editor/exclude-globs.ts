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

// ---------------------------------------------------------------------------------------------
// Deprecated: nothing in the product calls these any more (the scan used to turn every pattern into one
// findFiles glob, expanding braces by hand, which a .gitignore line could make exponential). They stay
// only because test/unit/editor/helpers.test.ts, which this branch may not edit, imports them; delete
// them together with its three tests of them.

/** @deprecated See above. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

/** @deprecated See above. */
export function gitignoreGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const directoryOnly = line.endsWith('/');
    const trimmed = line.replace(/\/$/, '');
    const body = trimmed.replace(/^\//, '');
    if (body === '') continue;
    const base = trimmed.includes('/') ? body : `**/${body}`;
    globs.push(`${base}/**`);
    if (!directoryOnly) globs.push(base);
  }
  return globs;
}

/** @deprecated See above. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      const bounds = [open, ...commas, i];
      const prefix = pattern.slice(0, open);
      const suffix = pattern.slice(i + 1);
      return bounds.slice(1).flatMap((end, k) => expandBraces(prefix + pattern.slice(bounds[k]! + 1, end) + suffix));
    } else if (char === ',' && depth === 1) commas.push(i);
  }
  return [pattern];
}

/** @deprecated See above. */
export function combineExcludes(patterns: readonly string[]): string | undefined {
  const expanded = [...new Set(patterns.flatMap(expandBraces).filter((pattern) => pattern.trim() !== ''))];
  if (expanded.length === 0) return undefined;
  return expanded.length === 1 ? expanded[0] : `{${expanded.join(',')}}`;
}
