// The limits on patterns read from a workspace (.gitignore files, exclude settings) and from the command
// line, so that no pattern can make the matching run away. Both libraries compile patterns into
// backtracking regular expressions, whose worst case grows with the ways a pattern can match a path.
// So paths are bounded (depth, name and length), every pattern is charged its worst case, and a budget
// admits patterns in order until the worst case for one path is spent. One path is matched against the
// exclude globs and the .gitignore files of the folders above it, not those of other folders, so that is
// what one budget covers: a monorepo's 700 package .gitignore files each have the budget left by the
// root's, not a 700th of it.

/** Longer pattern lines are skipped. */
export const MAX_PATTERN_LENGTH = 1000;

/** A source (one .gitignore file or one setting) with more patterns than this is skipped whole. */
export const MAX_PATTERNS_PER_SOURCE = 10_000;

/** A larger .gitignore file is not read (10,000 patterns of 100 characters fit). */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * Paths (relative to the folder scanned) deeper, longer or with a longer name than these are not
 * matched against any pattern, and so not scanned: they bound the work of every match. File systems
 * allow names of at most 255 bytes; real source paths are far shallower and shorter.
 */
export const MAX_DEPTH = 32;
export const MAX_NAME_LENGTH = 255;
export const MAX_PATH_LENGTH = 512;

/** A glob with more brace groups than this is not used: each group can double the ways to match. */
export const MAX_BRACE_GROUPS = 6;

/**
 * What the admitted patterns that apply to one path may cost together (the exclude globs and the
 * .gitignore files of the folders above it), in units of about a microsecond for one match of one path
 * made to be worst. A path is matched, with the folders above it, up to MAX_DEPTH + 1 times, so this
 * bounds one path at about 0.4 s even when every folder above it is new (and one that shares its folders,
 * below the same .gitignore, with files already matched at a few milliseconds).
 */
export const MATCH_BUDGET = 12_000;

export type PatternKind = 'gitignore' | 'glob';

/**
 * A pattern's worst-case cost in budget units, or Infinity for a glob that cannot be matched safely.
 * Measured on paths made to be worst: what makes a backtracking matcher slow is the number of ways a
 * pattern can split a path. Each `**` segment can start at any of up to MAX_DEPTH folders. In a glob, a
 * `*` can end at any of up to MAX_NAME_LENGTH characters of a name, and each brace group doubles the ways.
 * Two `*` in one segment multiply when a later segment makes picomatch try each split again
 * (`**` "/" `*a*` "/" `**` "/" `*ab`: 78 ms; with `*a*ab` last, 3 s), and three multiply again (`**` "/"
 * `*a*a*ab`: 72 ms), so a glob may have one `*` per segment, or two in its last (`*.test.*.ts`, charged
 * TWO_STARS_IN_A_NAME times one: see below). `ignore` matches the `*` of a .gitignore line without
 * backtracking (`*a*a*a*a*a*a*a*ab`: 0.1 ms on a 10,000-character name), a pass over the name each, and
 * takes braces literally. A trailing `/**` takes the rest of the path without choice.
 */
export function patternCost(pattern: string, kind: PatternKind): number {
  const segments = pattern.replace(/\/\*\*\/?$/, '').replace(/^!/, '').split('/');
  const globstars = segments.filter(isGlobstar).length;
  const starRuns = segments.filter((segment) => !isGlobstar(segment)).map(starRunsIn);
  if (kind === 'gitignore') return 1 + starRuns.reduce((sum, runs) => sum + runs, 0) * (MAX_NAME_LENGTH / 100) + MAX_DEPTH ** globstars / 50;
  const braces = pattern.match(/\{/g)?.length ?? 0;
  const last = segments[segments.length - 1];
  const lastRuns = isGlobstar(last) ? 0 : starRunsIn(last);
  const earlierRuns = segments.slice(0, -1).filter((segment) => !isGlobstar(segment)).map(starRunsIn);
  if (braces > MAX_BRACE_GROUPS || lastRuns > 2 || earlierRuns.some((runs) => runs > 1)) return Number.POSITIVE_INFINITY;
  const nameWays = starRuns.some((runs) => runs > 0) ? MAX_NAME_LENGTH : 1;
  const lastNameWays = lastRuns === 2 ? TWO_STARS_IN_A_NAME : 1;
  return 1 + (GLOBSTAR_WAYS ** globstars * nameWays * lastNameWays * 2 ** braces) / 20;
}

// How much two `*` in the last segment multiply a glob's charge, measured the same way on names of 255
// characters: "**" "/" "*ab" takes 0.02 ms and "**" "/" "*a*ab" 0.9 ms (charged 1.2 ms with this factor);
// "**" "/a/" "**" "/" "*a*ab" takes 0.9 ms and is charged 9.8 ms, so it fits, alone, in the budget.
const TWO_STARS_IN_A_NAME = 12;

// How much each globstar of a glob multiplies picomatch's worst case, measured on paths made to be worst
// (globs of the form "**" "/a/" "**" "/*.ts" against 32 folders named a): 2 globstars take 0.14 ms, 4 take
// 15 ms, 6 take 0.5 s, 10 take 55 s: a factor of about 6 to 10 a globstar. With 8, a glob like
// "src/" "**" "/test/" "**" "/*.ts" is charged about 0.8 ms, well inside the budget; four or more are refused.
const GLOBSTAR_WAYS = 8;

/** How many runs of `*` a segment has (`*.test.*.ts`: two). */
function starRunsIn(segment: string): number {
  return segment.match(/\*+/g)?.length ?? 0;
}

function isGlobstar(segment: string): boolean {
  return /^\*\*+$/.test(segment);
}

/**
 * The matching work allowed for the paths of a scan root, as a tree: the root's budget pays for what
 * applies to every path (the exclude globs, the root .gitignore) and each nested .gitignore gets one
 * `below` that of the nearest .gitignore above it. A pattern is admitted only when every chain of budgets
 * from the root down through its own stays within `units`, whatever order the sources come in.
 */
export class MatchBudget {
  /** What the patterns admitted here cost. */
  private spent = 0;
  /** The most that one chain of the budgets below this one has spent. */
  private spentBelow = 0;

  constructor(
    /** What one chain may spend: a pattern that costs more can never be matched safely. */
    readonly units = MATCH_BUDGET,
    private readonly above?: MatchBudget,
  ) {}

  /** The budget of patterns that apply only to some of this one's paths (a nested .gitignore's). */
  below(): MatchBudget {
    return new MatchBudget(this.units, this);
  }

  /** Takes the pattern's cost when every chain through this budget can pay it; false (nothing taken) when one cannot. */
  admit(cost: number): boolean {
    if (this.spentAbove() + this.spent + this.spentBelow + cost > this.units) return false;
    this.spent += cost;
    this.above?.chainBelowSpent(this.spent + this.spentBelow);
    return true;
  }

  /** A chain of the budgets below this one has spent `spent`: what every chain through this one and above has spent grows with it. */
  private chainBelowSpent(spent: number): void {
    if (spent <= this.spentBelow) return;
    this.spentBelow = spent;
    this.above?.chainBelowSpent(this.spent + this.spentBelow);
  }

  private spentAbove(): number {
    let spent = 0;
    for (let budget = this.above; budget; budget = budget.above) spent += budget.spent;
    return spent;
  }
}
