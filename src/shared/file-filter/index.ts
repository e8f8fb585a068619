// Which files of a folder a scan reads: one filter for the CLI and the editor's workspace scan, so that
// they agree. Paths are posix, relative to the folder scanned (its root: the repository root for the CLI,
// the workspace folder for the editor). Nothing here reads files: the hosts read the .gitignore files
// and settings their own way and hand over the text.
import { GitignoreTree } from './gitignore';
import { GlobList } from './globs';
import { MatchBudget, MAX_DEPTH, MAX_NAME_LENGTH, MAX_PATH_LENGTH } from './limits';
import { type NoticeSink, PatternQueue } from './patterns';
import { ALWAYS_SKIPPED_FOLDERS } from './source-files';

export { GitignoreTree } from './gitignore';
export { GlobList, splitGlob } from './globs';
export { MAX_DEPTH, MAX_IGNORE_FILE_BYTES, MAX_NAME_LENGTH, MAX_PATH_LENGTH, MAX_PATTERN_LENGTH, MAX_PATTERNS_PER_SOURCE, MatchBudget } from './limits';
export { type NoticeSink, PatternQueue } from './patterns';
export { ALWAYS_SKIPPED_FOLDERS, isSourceFile, SOURCE_EXTENSIONS } from './source-files';
export { decodeText } from './decode-text';
export { compareInWalkOrder } from './walk-order';

/** Why a path is not scanned. */
export type Exclusion = 'always-skipped' | 'excluded' | 'gitignored' | 'too-long';

/** How the CLI and the editor word a path they leave out for its length. */
export const PATH_TOO_LONG = `Path deeper than ${MAX_DEPTH} folders, longer than ${MAX_PATH_LENGTH} characters or with a name longer than ${MAX_NAME_LENGTH} (below the folder scanned); not read.`;

export class FileFilter {
  /** The .gitignore files of the tree; add each folder's before those below it. */
  readonly gitignore: GitignoreTree;
  /** Exclude globs (settings), matched against the path and the folders above it. */
  readonly excludes: GlobList;

  private readonly queue: PatternQueue;

  /**
   * Sources are admitted in the order they are added, both kinds, until the budget of the paths they
   * apply to is spent: the globs' and the root .gitignore's apply to every path, a nested .gitignore's
   * to the paths below its folder (see MatchBudget).
   */
  constructor(onNotice: NoticeSink, budget = new MatchBudget()) {
    this.queue = new PatternQueue(onNotice);
    this.gitignore = new GitignoreTree(this.queue, budget);
    this.excludes = new GlobList(this.queue, budget);
  }

  /** Why the path is not scanned (or walked, for a folder), or undefined when it is. */
  exclusion(path: string, isFolder: boolean): Exclusion | undefined {
    if (tooLong(path)) return 'too-long';
    // Folders are judged as a walk reaches them (fileExclusion judges a file found otherwise).
    if (isFolder && ALWAYS_SKIPPED_FOLDERS.includes(path.slice(path.lastIndexOf('/') + 1))) return 'always-skipped';
    if (this.excludes.excludes(path)) return 'excluded';
    if (this.gitignore.isIgnored(path, isFolder)) return 'gitignored';
    return undefined;
  }

  /**
   * Why a file found without a walk (by a file search, or open in the editor) is not scanned: as
   * `exclusion`, and also when it is inside a folder a walk never enters.
   */
  fileExclusion(path: string): Exclusion | undefined {
    const folders = path.split('/').slice(0, -1);
    if (folders.some((name) => ALWAYS_SKIPPED_FOLDERS.includes(name))) return 'always-skipped';
    return this.exclusion(path, false);
  }

  /** Compiles up to `count` more patterns; true when all are. For a caller that must not block long. */
  prepare(count: number): boolean {
    return this.queue.prepare(count);
  }
}

/** Beyond the bounds within which every match stays cheap (see limits.ts). */
function tooLong(path: string): boolean {
  if (path.length > MAX_PATH_LENGTH) return true;
  const names = path.split('/');
  return names.length > MAX_DEPTH + 1 || names.some((name) => name.length > MAX_NAME_LENGTH);
}
