// The settings and files that exclude files from analysis in the editor (files.exclude, search.exclude,
// integrationCoach.exclude, the .gitignore files), turned into the shared filter of src/shared/file-filter,
// the same as the CLI's. vscode.workspace.findFiles gets only a fixed exclude (the folders no scan walks)
// and the filter judges what it finds, on the extension host, in slices. No `vscode` import.
import { ALWAYS_SKIPPED_FOLDERS, compareInWalkOrder, FileFilter, type NoticeSink } from '../shared/file-filter';

/** The exclude glob findFiles gets: folders no scan walks. Passing it makes findFiles drop files.exclude, which the filter applies. */
export const FIND_FILES_EXCLUDE = `**/{${ALWAYS_SKIPPED_FOLDERS.join(',')}}/**`;

/** Patterns compiled between two pauses (about 100 µs each, measured, for thousands of .gitignore lines). */
const PATTERNS_PER_SLICE = 100;

/** The patterns of a `files.exclude`-style object that are switched on (`true`; `when` clauses are skipped). */
export function enabledPatterns(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([pattern]) => pattern);
}

/** What a workspace folder's filter is made of, read the editor's way. */
export interface FolderExclusions {
  /** Exclude settings by name (files.exclude, search.exclude, integrationCoach.exclude), in the order their budget is spent. */
  settings: readonly { name: string; globs: readonly string[] }[];
  /** The folders, relative to the workspace folder ('' for itself), that hold a .gitignore; in any order. */
  gitignoreFolders: readonly string[];
  /** A .gitignore's text and its name in notices, or undefined when it is not read (the reader says why). */
  readGitignore(folder: string): Promise<{ text: string; name: string } | undefined>;
  /** The repository's own exclude file (`.git/info/exclude` of the workspace folder), read as lines of its root, before its .gitignore. */
  readGitExclude?(): Promise<{ text: string; name: string } | undefined>;
}

/**
 * The folder's filter: its exclude settings, then its .gitignore files in the CLI's walk order, each
 * read only where the walk would reach it. Compiles a slice of patterns at a time, calling `pause`
 * between slices to let other work in.
 */
export async function buildFolderFilter(sources: FolderExclusions, onNotice: NoticeSink, pause: () => Promise<void>): Promise<FileFilter> {
  const filter = new FileFilter(onNotice);
  for (const { name, globs } of sources.settings) filter.excludes.add(name, globs);
  // As git and the CLI read them: the exclude file first, so that the root .gitignore's lines come after it.
  const gitExclude = await sources.readGitExclude?.();
  if (gitExclude) filter.gitignore.add('', gitExclude.text, gitExclude.name);
  for (const folder of [...sources.gitignoreFolders].sort(compareInWalkOrder)) {
    // git does not read a .gitignore in an ignored folder, nor does the CLI's walk reach one there or too deep.
    if (folder !== '' && filter.exclusion(folder, true) !== undefined) continue;
    const read = await sources.readGitignore(folder);
    if (read) filter.gitignore.add(folder, read.text, read.name);
    while (!filter.prepare(PATTERNS_PER_SLICE)) await pause();
  }
  while (!filter.prepare(PATTERNS_PER_SLICE)) await pause();
  return filter;
}
