// .gitignore semantics from the `ignore` package, for a tree of .gitignore files. Each file's patterns are
// relative to its own folder; they are rewritten relative to the root (`*.log` in pkg/ becomes
// `pkg/**/*.log`, `/local.ts` becomes `pkg/local.ts`) and added to one matcher after those of the folders
// above, so that the last matching pattern wins as in git (a deeper file's over a shallower one's), `!`
// re-includes, and nothing below an ignored folder can be re-included. Paths are posix, relative to the
// tree's root.
import ignore from 'ignore';
import { patternCost } from './limits';
import type { PatternQueue } from './patterns';

/** Case-insensitive where the file system usually is, as git's core.ignorecase defaults there. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

export class GitignoreTree {
  private readonly matcher = ignore({ ignorecase: IGNORE_CASE });
  private empty = true;

  /** @param queue admits and compiles the patterns a slice at a time (shared with the folder's other sources). */
  constructor(private readonly queue: PatternQueue) {}

  /**
   * Adds the text of the .gitignore in `folder` ('' for the root). Add a folder's file before those below
   * it (in a walk's order): that is the order of precedence, and of the matching budget.
   */
  add(folder: string, text: string, name: string): void {
    const patterns = text.split(/\r?\n|\r/).filter(isPattern);
    this.empty &&= patterns.length === 0;
    const cost = (pattern: string) => patternCost(relativeToRoot(pattern, folder), 'gitignore');
    this.queue.add({ name, patterns, cost }, (admitted) => {
      this.matcher.add([WARM_UP_STOP, ...admitted.map((pattern) => relativeToRoot(pattern, folder))]);
      for (const path of WARM_UP_PATHS) this.matcher.test(path);
    });
  }

  /** Whether git would ignore the path: by its own patterns, or because a folder above it is ignored. */
  isIgnored(path: string, isFolder: boolean): boolean {
    if (this.empty) return false;
    this.queue.prepareAll();
    return this.matcher.ignores(isFolder ? `${path}/` : path);
  }
}

/** A .gitignore line that is a pattern: not blank (git trims unescaped trailing spaces) and not a comment. */
function isPattern(line: string): boolean {
  return line.trim() !== '' && !line.startsWith('#');
}

/**
 * `ignore` compiles a rule on its first test, and V8 compiles that to machine code on the second; done
 * on the first real paths, that is a long pause for thousands of rules. So each slice of rules is tested
 * twice as it is added: `ignore` tries the rules from the last one back and stops at the first that
 * matches, and WARM_UP_STOP, added before each slice, matches both warm-up paths (by their last name), so
 * only the new slice runs. It re-includes a file of that name, which no real file has.
 */
const WARM_UP_NAME = '\u0001integration-coach-warm-up';
const WARM_UP_STOP = `!${WARM_UP_NAME}`;
/** Two paths, as `ignore` keeps each path's answer; the second's folder is the first, already answered. */
const WARM_UP_PATHS = [WARM_UP_NAME, `${WARM_UP_NAME}/${WARM_UP_NAME}`];

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
