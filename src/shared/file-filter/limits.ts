// The limits on patterns read from a workspace (.gitignore files, exclude settings) and from the command
// line, so that no pattern can make the matching run away. Both libraries compile patterns into
// backtracking regular expressions: a pattern with w `*` wildcards can cost about L^w / w! steps on a path
// of L characters (measured: `*a*a*ab` takes 6 ms on a 255-character name, `*a*a*a*a*ab` seconds), and
// each `{…}` group can double that. So every pattern is charged its worst case, and a shared budget
// admits patterns in order until the worst case for one path would exceed about a tenth of a second.

/** Longer pattern lines are skipped. */
export const MAX_PATTERN_LENGTH = 1000;

/** A source (one .gitignore file or one setting) with more patterns than this is skipped whole. */
export const MAX_PATTERNS_PER_SOURCE = 10_000;

/** A larger .gitignore file is not read (10,000 patterns of 100 characters fit). */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * Paths (relative to the folder scanned) longer than this are not matched against any pattern, and so
 * not scanned: it bounds the work of every match. Real source paths are far shorter.
 */
export const MAX_PATH_LENGTH = 512;

/**
 * The worst-case matching steps all admitted patterns may cost together for one path. At about 2 ns a
 * step (measured with both libraries), 1e8 steps is about 0.2 s. A pattern with at most one wildcard
 * costs about a thousand steps, so 10,000 of them fit; one with two wildcards 131,000 (about 760 fit);
 * one with three 22 million (4 fit); one with four or more never fits.
 */
export const MATCH_BUDGET_STEPS = 1e8;

export type PatternKind = 'gitignore' | 'glob';

/**
 * The worst-case steps to match a pattern against one path of MAX_PATH_LENGTH characters: a pass over
 * the path, plus a step for each way its wildcards can split the path, doubled by each alternation
 * (braces, in globs only: a .gitignore takes them literally). A trailing `/**` only takes the rest of
 * the path, so it is not counted.
 */
export function patternCost(pattern: string, kind: PatternKind): number {
  const body = pattern.replace(/\/\*\*\/?$/, '');
  const wildcards = body.match(/\*+/g)?.length ?? 0;
  const alternations = kind === 'glob' ? (body.match(/\{/g)?.length ?? 0) : 0;
  return MAX_PATH_LENGTH + choose(MAX_PATH_LENGTH, wildcards) * 2 ** alternations;
}

/** n choose k, as a float (it only needs to be compared with the budget). */
function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 0; i < k && result < Number.MAX_VALUE; i++) result = (result * (n - i)) / (i + 1);
  return result;
}

/** The matching work still allowed, shared by every pattern source of one scan root. */
export class MatchBudget {
  private remaining: number;

  constructor(steps = MATCH_BUDGET_STEPS) {
    this.remaining = steps;
  }

  /** Takes the pattern's cost from the budget when it fits; false (nothing taken) when it does not. */
  admit(cost: number): boolean {
    if (cost > this.remaining) return false;
    this.remaining -= cost;
    return true;
  }
}
