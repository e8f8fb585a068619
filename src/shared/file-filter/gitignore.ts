// .gitignore semantics from the `ignore` package, for a tree of .gitignore files. Each file's patterns are
// relative to its own folder; they are rewritten relative to the root (`*.log` in pkg/ becomes
// `pkg/**/*.log`, `/local.ts` becomes `pkg/local.ts`). A path is matched, as git matches it, only against
// the files of the folders above it: one matcher holds their patterns, the root's first, so that the last
// matching pattern wins as in git (a deeper file's over a shallower one's), `!` re-includes, and nothing
// below an ignored folder can be re-included. The files of other folders cannot match the path (their
// patterns are anchored below their own folder), so leaving them out changes no answer, only the work.
// Paths are posix, relative to the tree's root.
import ignore, { type Ignore } from 'ignore';
import { type MatchBudget, patternCost } from './limits';
import type { PatternQueue } from './patterns';

/** Case-insensitive where the file system usually is, as git's core.ignorecase defaults there. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/**
 * How many folders' matchers are kept at once. Each holds the patterns of its chain of .gitignore files
 * (up to a budget's worth) and the answers for the paths below it; the walks and the scan go folder by
 * folder, so the recent ones are those asked again, and one dropped is built again from its chain.
 */
const MATCHERS_KEPT = 256;

/** The .gitignore of one folder. */
interface IgnoreFile {
  /** The file of the nearest folder above with one: its patterns apply here too. */
  above: IgnoreFile | undefined;
  /** Charged for this file's patterns, below the budget of the file above. */
  budget: MatchBudget;
  /** This file's admitted patterns, relative to the root, compiled. */
  rules: Ignore;
}

export class GitignoreTree {
  /** By folder ('' for the root). */
  private readonly files = new Map<string, IgnoreFile>();
  /** For the folders of the files: the patterns of the file and those above it, in one matcher. */
  private readonly matchers = new Map<IgnoreFile, Ignore>();

  /**
   * @param queue admits and compiles the patterns a slice at a time (shared with the root's other sources).
   * @param budget what applies to every path (the exclude globs) is charged to it; each file's own budget is below it.
   */
  constructor(
    private readonly queue: PatternQueue,
    private readonly budget: MatchBudget,
  ) {}

  /**
   * Adds the text of the .gitignore in `folder` ('' for the root). Add a folder's file before those below
   * it (in a walk's order): a file's patterns and budget follow those of the files already added above it.
   */
  add(folder: string, text: string, name: string): void {
    const patterns = text.split(/\r?\n|\r/).filter(isPattern);
    if (patterns.length === 0) return;
    const file = this.fileOf(folder);
    const cost = (pattern: string) => patternCost(relativeToRoot(pattern, folder), 'gitignore');
    this.queue.add({ name, patterns, cost, budget: file.budget }, (admitted) => {
      file.rules.add(warmedUp(admitted.map((pattern) => relativeToRoot(pattern, folder))));
      // A matcher holds copies of its chain's rules, taken when it was built.
      this.matchers.clear();
    });
  }

  /** Whether git would ignore the path: by its own patterns, or because a folder above it is ignored. */
  isIgnored(path: string, isFolder: boolean): boolean {
    if (this.files.size === 0) return false;
    this.queue.prepareAll();
    const file = this.nearestAbove(path);
    return file !== undefined && this.matcherOf(file).ignores(isFolder ? `${path}/` : path);
  }

  private fileOf(folder: string): IgnoreFile {
    let file = this.files.get(folder);
    if (!file) {
      const above = folder === '' ? undefined : this.nearestAbove(folder);
      file = { above, budget: (above?.budget ?? this.budget).below(), rules: newMatcher() };
      this.files.set(folder, file);
    }
    return file;
  }

  /** The file of the nearest folder above the path (the file of a folder applies to what is below it, not to the folder). */
  private nearestAbove(path: string): IgnoreFile | undefined {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const file = this.files.get(path.slice(0, slash));
      if (file) return file;
    }
    return this.files.get('');
  }

  private matcherOf(file: IgnoreFile): Ignore {
    let matcher = this.matchers.get(file);
    if (!matcher) {
      const chain: Ignore[] = [];
      for (let link: IgnoreFile | undefined = file; link; link = link.above) chain.unshift(link.rules);
      // `add` takes the rules already compiled (and warmed up), not their text.
      matcher = newMatcher().add(chain);
      if (this.matchers.size >= MATCHERS_KEPT) this.matchers.delete(this.matchers.keys().next().value!);
      this.matchers.set(file, matcher);
    }
    return matcher;
  }
}

function newMatcher(): Ignore {
  return ignore({ ignorecase: IGNORE_CASE });
}

/** A .gitignore line that is a pattern: not blank (git trims unescaped trailing spaces) and not a comment. */
function isPattern(line: string): boolean {
  return line.trim() !== '' && !line.startsWith('#');
}

/**
 * The patterns, compiled and tested twice. `ignore` compiles a rule on its first test, and V8 compiles
 * that to machine code on the second; done on the first real paths, that is a long pause for thousands
 * of rules. The compiled rules are shared by every matcher they are added to. The warm-up paths match
 * no real file's (their name starts with a control character), so every rule of the slice runs.
 */
function warmedUp(patterns: string[]): Ignore {
  const slice = newMatcher().add(patterns);
  for (const path of WARM_UP_PATHS) slice.test(path);
  return slice;
}

const WARM_UP_NAME = '\u0001integration-coach-warm-up';
/** Two paths, as `ignore` keeps each path's answer (a second test of one path runs no rule). */
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
