// .gitignore semantics from the `ignore` package, for a tree of .gitignore files. Each file's patterns are
// relative to its own folder; they are rewritten relative to the root (`*.log` in pkg/ becomes
// `pkg/**/*.log`, `/local.ts` becomes `pkg/local.ts`) and added to one matcher after those of the folders
// above, so that the last matching pattern wins as in git (a deeper file's over a shallower one's), `!`
// re-includes, and nothing below an ignored folder can be re-included. Paths are posix, relative to the
// tree's root.
import ignore from 'ignore';
import { type MatchBudget, patternCost } from './limits';
import { admitPatterns, type NoticeSink } from './patterns';
import { PreparedInSlices } from './prepared-in-slices';

/** Case-insensitive where the file system usually is, as git's core.ignorecase defaults there. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

export class GitignoreTree {
  private readonly matcher = ignore({ ignorecase: IGNORE_CASE });
  private empty = true;
  /** Rules are compiled (by `ignore`, on first use) a slice at a time; see PreparedInSlices. */
  private readonly pending = new PreparedInSlices();

  constructor(
    private readonly budget: MatchBudget,
    private readonly onNotice: NoticeSink,
  ) {}

  /**
   * Adds the text of the .gitignore in `folder` ('' for the root). Add a folder's file before those below
   * it (in a walk's order): that is the order of precedence, and patterns are admitted in that order
   * until the matching budget is spent.
   */
  add(folder: string, text: string, name: string): void {
    const lines = text.split(/\r?\n|\r/).filter(isPattern);
    const cost = (line: string) => patternCost(relativeToRoot(line, folder), 'gitignore');
    const patterns = admitPatterns({ name, patterns: lines, cost }, this.budget, this.onNotice);
    if (patterns.length === 0) return;
    this.empty = false;
    this.pending.push(
      patterns.map((pattern) => relativeToRoot(pattern, folder)),
      (slice) => {
        this.matcher.add(slice);
        // `ignore` compiles a rule on its first test and V8 compiles that to machine code on the second
        // (two paths: `ignore` keeps each path's answer).
        for (const path of WARM_UP_PATHS) this.matcher.test(path);
      },
    );
  }

  /** Compiles up to `count` more patterns; true when all are compiled. Lets a caller spread the work. */
  prepare(count: number): boolean {
    return this.pending.prepare(count);
  }

  /** Whether git would ignore the path: by its own patterns, or because a folder above it is ignored. */
  isIgnored(path: string, isFolder: boolean): boolean {
    if (this.empty) return false;
    this.pending.prepareAll();
    return this.matcher.ignores(isFolder ? `${path}/` : path);
  }
}

/** A .gitignore line that is a pattern: not blank (git trims unescaped trailing spaces) and not a comment. */
function isPattern(line: string): boolean {
  return line.trim() !== '' && !line.startsWith('#');
}

/** Paths no real pattern is about, to make `ignore` compile its rules. */
const WARM_UP_PATHS = ['\u0001/\u0001', '\u0002/\u0002'];

/**
 * A pattern of the .gitignore in `folder`, relative to the root instead. Git's rules: a pattern with a
 * slash at its start or middle is anchored to its file's folder; one without matches at any depth below it.
 */
export function relativeToRoot(pattern: string, folder: string): string {
  if (folder === '') return pattern;
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  const anchored = body.replace(/\/$/, '').includes('/');
  const prefix = escapePattern(folder) + (anchored ? '/' : '/**/');
  return `${negated ? '!' : ''}${prefix}${anchored ? body.replace(/^\//, '') : body}`;
}

/** A folder path as a pattern that matches only itself: gitignore's special characters escaped. */
function escapePattern(path: string): string {
  return path.replace(/[\\*?[\]!#]/g, '\\$&');
}
