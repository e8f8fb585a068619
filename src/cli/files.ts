// Turns the command line's files, directories and globs into the list of files to scan.
// Directories and globs are walked, skipping node_modules, .git and what .gitignore files ignore (the
// shared filter of src/shared/file-filter, the same as the editor's workspace scan), also inside a
// folder named on the command line, as git and ESLint do. A file named on the command line is scanned
// even when it is ignored, as ESLint does.
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import {
  compareInWalkOrder, decodeText, FileFilter, GlobList, isSourceFile, MAX_IGNORE_FILE_BYTES, MatchBudget, PATH_TOO_LONG, PatternQueue, splitGlob,
} from '../shared/file-filter';
import { describeError, readRegularFile } from '../shared/file-filter/read-regular-file';
import { repositoryRoot } from './repository-root';
import type { FileResult } from './scan-file';

/** A problem with a path on the command line (a missing file, a glob that matches nothing): exit code 2. */
export class FileError extends Error {}

export interface FileList {
  /** The absolute paths of the files to scan, sorted, without duplicates. */
  files: string[];
  /** Paths found but not read: folders that cannot be read (an error), paths too long (a notice). */
  unread: FileResult[];
  /** What the .gitignore files lost to the pattern limits, one line each. */
  notices: string[];
}

/** What the walk leaves out besides node_modules and .git. */
export interface IgnoreOptions {
  /** Globs relative to the working folder (`--ignore-pattern`): `dist` is the folder there, `**\/dist` any. */
  ignorePatterns: readonly string[];
  /** Read the .gitignore files and the repository's .git/info/exclude (false: `--no-ignore`, which also drops the patterns). */
  useIgnoreFiles: boolean;
}

const DEFAULT_IGNORES: IgnoreOptions = { ignorePatterns: [], useIgnoreFiles: true };

export function expandPatterns(patterns: string[], cwd: string, ignores: IgnoreOptions = DEFAULT_IGNORES): FileList {
  const walker = new Walker(cwd, ignores);
  for (const pattern of patterns) {
    const before = walker.found();
    const absolute = path.resolve(cwd, pattern);
    if (existsSync(absolute)) {
      if (statOrThrow(absolute, pattern).isDirectory()) walker.walk(absolute);
      else if (isSourceFile(absolute)) walker.files.add(absolute);
    } else {
      const { base, rest, isGlob } = splitGlob(toPosix(absolute));
      if (!isGlob) throw new FileError(`No such file or directory: ${pattern}`);
      const glob = globMatcher(rest, pattern);
      const baseFolder = path.normalize(base || '/');
      if (existsSync(baseFolder)) walker.walk(baseFolder, (file) => glob.matches(toPosix(path.relative(baseFolder, file))));
      if (walker.found() === before) throw new FileError(`No files match the pattern "${pattern}".`);
    }
  }
  if (walker.found() === 0) throw new FileError(`No TypeScript or JavaScript files found in: ${patterns.join(' ')}`);
  return { files: [...walker.files].sort(), unread: [...walker.unread.values()], notices: walker.notices };
}

/** A command-line glob, within the same limits as the patterns read from a workspace. */
function globMatcher(glob: string, shown: string): GlobList {
  let refused: string | undefined;
  const queue = new PatternQueue((notice) => (refused = notice));
  const list = new GlobList(queue, new MatchBudget());
  list.add(`The glob "${shown}"`, [glob]);
  queue.prepareAll();
  if (refused) throw new FileError(refused);
  return list;
}

function statOrThrow(file: string, shown: string) {
  try {
    return statSync(file);
  } catch (error) {
    throw new FileError(`Cannot read ${shown}: ${describeError(error)}`);
  }
}

/** Walks folders with one filter per root (see filterRoot). */
class Walker {
  readonly files = new Set<string>();
  readonly unread = new Map<string, FileResult>();
  readonly notices: string[] = [];
  private readonly trees = new Map<string, GitignoreReader>();

  constructor(
    private readonly cwd: string,
    private readonly ignores: IgnoreOptions,
  ) {}

  found(): number {
    return this.files.size + this.unread.size;
  }

  /** Adds the source files under `root` that the filter keeps and `wanted` (if given) accepts. */
  walk(root: string, wanted?: (file: string) => boolean): void {
    const tree = this.treeFor(root);
    tree.loadDown(root);
    const stack: string[] = [root];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      // A folder's .gitignore is read as the walk enters it: in walk order, as the editor reads them.
      tree.load(dir);
      const entries = this.readFolder(dir);
      const subdirs: string[] = [];
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        const isFolder = isFolderEntry(entry, full);
        if (isFolder === undefined) continue;
        if (!isFolder && (!isSourceFile(entry.name) || (wanted && !wanted(full)))) continue;
        const exclusion = tree.filter.exclusion(tree.relative(full), isFolder);
        if (exclusion === 'too-long') this.unread.set(full, { file: full, findings: [], skipped: PATH_TOO_LONG });
        else if (exclusion !== undefined) continue;
        else if (isFolder) subdirs.push(full);
        else this.files.add(full);
      }
      // Depth first, in name order (compareInWalkOrder): the first subfolder on top of the stack.
      for (const subdir of subdirs.reverse()) stack.push(subdir);
    }
  }

  private readFolder(dir: string): Dirent[] {
    try {
      return readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareInWalkOrder(a.name, b.name));
    } catch (error) {
      this.unread.set(dir, { file: dir, findings: [], error: `Cannot read the folder: ${describeError(error)}` });
      return [];
    }
  }

  private treeFor(dir: string): GitignoreReader {
    const root = filterRoot(dir);
    let tree = this.trees.get(root);
    if (!tree) {
      tree = new GitignoreReader(root, this.ignores.useIgnoreFiles, (notice) => this.notices.push(notice));
      if (this.ignores.useIgnoreFiles && this.ignores.ignorePatterns.length > 0) tree.filter.excludes.add('--ignore-pattern', this.ignores.ignorePatterns.map((pattern) => fromRoot(root, this.cwd, pattern)));
      this.trees.set(root, tree);
    }
    return tree;
  }
}

/**
 * true for a folder, false for anything else to consider as a file (a FIFO or a link to a device too:
 * the scan says why it does not read it), undefined to pass by silently (a link to a folder, which may
 * loop, or a dangling link).
 */
function isFolderEntry(entry: Dirent, full: string): boolean | undefined {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(full).isDirectory() ? undefined : false;
  } catch {
    return undefined;
  }
}

/**
 * Where .gitignore files are read from: the nearest folder at or above `dir` that holds a `.git` (a
 * folder, or a file in a worktree). Outside a repository: the current folder when `dir` is in it (so
 * that `integration-coach src test` in a project reads the project's .gitignore), else `dir` itself.
 */
function filterRoot(dir: string): string {
  const repository = repositoryRoot(dir);
  if (repository !== undefined) return repository;
  const cwd = process.cwd();
  const fromCwd = path.relative(cwd, dir);
  return fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? dir : cwd;
}

/**
 * A pattern relative to the working folder as one relative to the filter's root: `dist` run in `packages/a`
 * is `packages/a/dist`; one that starts with `**\/` matches anywhere as it is.
 */
function fromRoot(root: string, cwd: string, pattern: string): string {
  const prefix = toPosix(path.relative(root, cwd));
  const bare = pattern.replace(/^\.\//, '').replace(/\/$/, '');
  if (bare.startsWith('**/') || prefix === '' || prefix.startsWith('..')) return bare;
  return `${prefix}/${bare}`;
}

/** The filter of one root, with its .gitignore files read as the walk reaches their folders. */
class GitignoreReader {
  readonly filter: FileFilter;
  private readonly loaded = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly useIgnoreFiles: boolean,
    private readonly onNotice: (notice: string) => void,
  ) {
    this.filter = new FileFilter(onNotice);
    // git reads the repository's own exclude file before any .gitignore, as lines of the root's.
    if (useIgnoreFiles) this.read(path.join(root, '.git', 'info', 'exclude'), root);
  }

  /** The path relative to the root, posix. */
  relative(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  /** Reads the .gitignore files from the root down to `dir`, parents first. */
  loadDown(dir: string): void {
    const parent = path.dirname(dir);
    if (dir !== this.root && parent !== dir) this.loadDown(parent);
    this.load(dir);
  }

  load(dir: string): void {
    if (this.loaded.has(dir) || !this.useIgnoreFiles) return;
    this.loaded.add(dir);
    this.read(path.join(dir, '.gitignore'), dir);
  }

  /** Reads an ignore file whose lines apply from `dir` down. */
  private read(file: string, dir: string): void {
    if (!existsSync(file)) return;
    const shown = path.relative(process.cwd(), file) || file;
    const read = readRegularFile(file, () => MAX_IGNORE_FILE_BYTES);
    if (read.kind === 'read') this.filter.gitignore.add(this.relative(dir), decodeText(read.bytes), shown);
    else if (read.kind === 'too-large') this.onNotice(`${shown}: not used: larger than ${MAX_IGNORE_FILE_BYTES} bytes.`);
    else if (read.kind === 'not-regular') this.onNotice(`${shown}: not used: ${read.what}, not a regular file.`);
    else this.onNotice(`${shown}: not used: cannot read it (${read.reason}).`);
  }
}

function toPosix(file: string): string {
  return path.sep === '\\' ? file.replace(/\\/g, '/') : file;
}
