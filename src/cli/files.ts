// Turns the command line's files, directories and globs into the list of files to scan.
// Directories and globs are walked, skipping node_modules, .git and what .gitignore files ignore.
// A file named on the command line is scanned even when it is ignored, as ESLint does.
import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { globToRegExp, isGlob } from './glob';

/** The extensions the scanner reads. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** A problem with a path on the command line (a missing file, an unreadable folder): exit code 2. */
export class FileError extends Error {}

export function isSourceFile(file: string): boolean {
  const dot = file.lastIndexOf('.');
  return dot !== -1 && SOURCE_EXTENSIONS.includes(file.slice(dot).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(file);
}

/** The absolute paths of the files to scan, sorted, without duplicates. */
export function expandPatterns(patterns: string[], cwd: string): string[] {
  const ignores = new IgnoreRules();
  const files = new Set<string>();
  for (const pattern of patterns) {
    const before = files.size;
    const absolute = path.resolve(cwd, pattern);
    if (existsSync(absolute)) {
      const stats = statOrThrow(absolute, pattern);
      if (stats.isDirectory()) walk(absolute, ignores, (file) => files.add(file));
      else if (isSourceFile(absolute)) files.add(absolute);
    } else if (isGlob(pattern)) {
      const { base, matcher } = splitGlob(toPosix(absolute));
      if (existsSync(base)) {
        walk(base, ignores, (file) => {
          if (matcher.test(toPosix(file))) files.add(file);
        });
      }
      if (files.size === before) throw new FileError(`No files match the pattern "${pattern}".`);
    } else {
      throw new FileError(`No such file or directory: ${pattern}`);
    }
  }
  if (files.size === 0) throw new FileError(`No TypeScript or JavaScript files found in: ${patterns.join(' ')}`);
  return [...files].sort();
}

function statOrThrow(file: string, shown: string) {
  try {
    return statSync(file);
  } catch (error) {
    throw new FileError(`Cannot read ${shown}: ${describe(error)}`);
  }
}

/** The folder part before the first glob segment, and a matcher for whole absolute paths. */
function splitGlob(posixPattern: string): { base: string; matcher: RegExp } {
  const segments = posixPattern.split('/');
  const firstGlob = segments.findIndex((segment) => isGlob(segment));
  const base = segments.slice(0, firstGlob).join('/') || '/';
  return { base: path.normalize(base), matcher: globToRegExp(posixPattern) };
}

function walk(root: string, ignores: IgnoreRules, onFile: (file: string) => void): void {
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new FileError(`Cannot read directory ${path.relative(process.cwd(), dir) || '.'}: ${describe(error)}`);
    }
    const rules = ignores.rulesFor(dir);
    const subdirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Linked files are scanned; linked folders are not followed (they may loop).
        try {
          isFile = statSync(full).isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (isDir) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !isIgnored(rules, full, true)) subdirs.push(full);
      } else if (isFile && isSourceFile(entry.name) && !isIgnored(rules, full, false)) {
        onFile(full);
      }
    }
    // Depth first, in name order (the list is sorted at the end anyway).
    stack.push(...subdirs.reverse());
  }
}

// ---------------------------------------------------------------------------------------------
// .gitignore

interface IgnoreRule {
  /** The folder of the .gitignore file, as a posix path. */
  base: string;
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/**
 * The .gitignore rules in force in each folder: those of the folder's own .gitignore after its
 * parents' (up to the repository root, the nearest folder with a `.git`). The last matching
 * rule wins; `!` re-includes. Not read: `.git/info/exclude` and the global excludes file.
 */
export class IgnoreRules {
  private readonly cache = new Map<string, IgnoreRule[]>();

  rulesFor(dir: string): IgnoreRule[] {
    const cached = this.cache.get(dir);
    if (cached) return cached;
    const parent = path.dirname(dir);
    const inherited = parent === dir || existsSync(path.join(dir, '.git')) ? [] : this.rulesFor(parent);
    const own = readGitignore(dir);
    const rules = own.length > 0 ? [...inherited, ...own] : inherited;
    this.cache.set(dir, rules);
    return rules;
  }
}

function readGitignore(dir: string): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  return parseGitignore(text, toPosix(dir));
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    rules.push({ base, regex: globToRegExp(anchored ? line : `**/${line}`), negate, dirOnly });
  }
  return rules;
}

function isIgnored(rules: IgnoreRule[], file: string, isDir: boolean): boolean {
  if (rules.length === 0) return false;
  const posix = toPosix(file);
  let ignored = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    if (ignored !== rule.negate) continue; // only a rule that would change the answer matters
    if (!posix.startsWith(rule.base === '/' ? '/' : `${rule.base}/`)) continue;
    const relative = rule.base === '/' ? posix.slice(1) : posix.slice(rule.base.length + 1);
    if (rule.regex.test(relative)) ignored = !rule.negate;
  }
  return ignored;
}

function toPosix(file: string): string {
  return path.sep === '\\' ? file.replace(/\\/g, '/') : file;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
