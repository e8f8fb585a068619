// User globs (command-line patterns, files.exclude, search.exclude, integrationCoach.exclude), matched by
// picomatch on posix paths relative to a folder. As in VS Code, `*` matches dot files too, braces nest,
// and there is no negation or extglob syntax.
import picomatch from 'picomatch/posix';
import { type MatchBudget, patternCost } from './limits';
import type { PatternQueue } from './patterns';

const OPTIONS: picomatch.PicomatchOptions = { dot: true, noextglob: true, nonegate: true };

type Matcher = (path: string) => boolean;

export class GlobList {
  private readonly matchers: Matcher[] = [];
  private readonly excludedFolders = new Map<string, boolean>();

  /**
   * @param queue admits and compiles the globs a slice at a time (shared with the root's other sources).
   * @param budget the budget of every path: a glob applies to all of them.
   */
  constructor(
    private readonly queue: PatternQueue,
    private readonly budget: MatchBudget,
  ) {}

  /** Adds a source's globs (within the limits; see limits.ts). */
  add(name: string, globs: readonly string[]): void {
    const patterns = globs.filter((glob) => glob.trim() !== '');
    this.queue.add({ name, patterns, cost: (glob) => patternCost(glob, 'glob'), budget: this.budget }, (admitted) => {
      for (const glob of admitted) this.matchers.push(compile(glob));
    });
    this.excludedFolders.clear();
  }

  /** Whether a glob matches the path itself. */
  matches(path: string): boolean {
    this.queue.prepareAll();
    return this.matchers.some((matcher) => matcher(path));
  }

  /** Whether a glob matches the path or a folder above it, as VS Code's excludes do (`**\/dist` hides what is in dist). */
  excludes(path: string): boolean {
    if (this.matches(path)) return true;
    const slash = path.lastIndexOf('/');
    return slash !== -1 && this.excludesFolder(path.slice(0, slash));
  }

  private excludesFolder(folder: string): boolean {
    let excluded = this.excludedFolders.get(folder);
    if (excluded === undefined) {
      excluded = this.excludes(folder);
      this.excludedFolders.set(folder, excluded);
    }
    return excluded;
  }
}

/** A glob picomatch cannot read matches nothing (it is still charged to the budget). */
function compile(glob: string): Matcher {
  try {
    return picomatch(glob, OPTIONS);
  } catch {
    return () => false;
  }
}

/** The folder part of a glob before its first wildcard, and the rest (picomatch's reading). */
export function splitGlob(glob: string): { base: string; rest: string; isGlob: boolean } {
  const { base, glob: rest, isGlob } = picomatch.scan(glob, { nonegate: true });
  return { base, rest, isGlob };
}
