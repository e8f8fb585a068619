// .gitignore semantics from the `ignore` package, for a tree of .gitignore files: each one's patterns are
// relative to its own folder, a deeper file's last matching pattern wins over a shallower one's, `!`
// re-includes, and nothing below an ignored folder can be re-included (git does not even look there).
// Paths are posix, relative to the tree's root ('' is the root itself).
import ignore, { type Ignore } from 'ignore';
import type { MatchBudget } from './limits';
import { admitPatterns, linesOf, type NoticeSink } from './patterns';
import { PreparedInSlices } from './prepared-in-slices';

/** Case-insensitive where the file system usually is, as git's core.ignorecase defaults there. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

interface IgnoreFile {
  /** The folder of the .gitignore, relative to the root, with a trailing slash ('' for the root). */
  prefix: string;
  matcher: Ignore;
}

export class GitignoreTree {
  /** By folder (relative to the root, '' for the root). */
  private readonly files = new Map<string, IgnoreFile>();
  private readonly ignoredFolders = new Map<string, boolean>();
  /** Rules are compiled (by `ignore`, on first use) a slice at a time; see PreparedInSlices. */
  private readonly pending = new PreparedInSlices();

  constructor(
    private readonly budget: MatchBudget,
    private readonly onNotice: NoticeSink,
  ) {}

  /**
   * Adds the text of the .gitignore in `folder`. Add a folder's file before those below it (in a walk's
   * order): patterns are admitted in order until the matching budget is spent.
   */
  add(folder: string, text: string, name: string): void {
    const patterns = admitPatterns({ name, kind: 'gitignore', patterns: linesOf(text) }, this.budget, this.onNotice);
    if (patterns.length === 0) return;
    const matcher = ignore({ ignorecase: IGNORE_CASE });
    this.files.set(folder, { prefix: folder === '' ? '' : `${folder}/`, matcher });
    this.pending.push(patterns, (slice) => {
      matcher.add(slice);
      // `ignore` compiles a rule on its first test and V8 compiles that to machine code on the second
      // (two paths: `ignore` keeps each path's answer).
      for (const path of WARM_UP_PATHS) matcher.test(path);
    });
    this.ignoredFolders.clear();
  }

  /** Compiles up to `count` more patterns; true when all are compiled. Lets a caller spread the work. */
  prepare(count: number): boolean {
    return this.pending.prepare(count);
  }

  /** Whether git would ignore the path: by its own patterns, or because a folder above it is ignored. */
  isIgnored(path: string, isFolder: boolean): boolean {
    if (this.files.size === 0) return false;
    this.pending.prepareAll();
    const parent = parentOf(path);
    if (parent !== undefined && this.isIgnoredFolder(parent)) return true;
    return this.matchesItself(path, isFolder);
  }

  private isIgnoredFolder(folder: string): boolean {
    let ignored = this.ignoredFolders.get(folder);
    if (ignored === undefined) {
      ignored = this.isIgnored(folder, true);
      this.ignoredFolders.set(folder, ignored);
    }
    return ignored;
  }

  /** The deepest .gitignore with a pattern that matches the path decides. */
  private matchesItself(path: string, isFolder: boolean): boolean {
    for (const folder of foldersAbove(path)) {
      const file = this.files.get(folder);
      if (!file) continue;
      const relative = path.slice(file.prefix.length) + (isFolder ? '/' : '');
      const { ignored, unignored } = file.matcher.test(relative);
      if (ignored || unignored) return ignored;
    }
    return false;
  }
}

/** Paths no real pattern is about, to make `ignore` compile its rules. */
const WARM_UP_PATHS = ['\u0001/\u0001', '\u0002/\u0002'];

/** The folders that hold a path, the nearest first, down to the root (''). */
function* foldersAbove(path: string): Generator<string> {
  for (let folder = parentOf(path); folder !== undefined; folder = parentOf(folder)) yield folder;
}

/** The folder that holds a path, '' for a path at the root, undefined for the root itself. */
function parentOf(path: string): string | undefined {
  if (path === '') return undefined;
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
