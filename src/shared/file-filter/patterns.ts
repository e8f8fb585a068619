// The patterns of a scan root's sources (.gitignore files, exclude settings), admitted within the limits
// and compiled a slice at a time, in the order the sources were added (the order the budget is spent in).
// A caller on a busy thread (the extension host) prepares a slice and yields between slices; a caller
// that does not care (the CLI) lets the first match prepare everything. Each source that loses patterns
// to a limit gets one notice saying how many and why.
import { MAX_PATTERN_LENGTH, MAX_PATTERNS_PER_SOURCE, type MatchBudget } from './limits';

/** Receives one message per source that lost patterns to a limit. */
export type NoticeSink = (message: string) => void;

export interface PatternSource {
  /** How the source is named in a notice: a .gitignore's path, or a setting's name. */
  name: string;
  patterns: readonly string[];
  /** The pattern's worst-case matching cost, in budget units (see limits.ts). */
  cost(pattern: string): number;
  /** The budget of the paths the source applies to, charged for each pattern admitted. */
  budget: MatchBudget;
}

/** Why a pattern is not used. */
type Refusal = 'too-long' | 'too-costly' | 'budget-spent';

/** How a notice words each refusal, after the number of patterns refused for it. */
const REFUSAL_WORDING: Record<Refusal, string> = {
  'too-long': `longer than ${MAX_PATTERN_LENGTH} characters`,
  'too-costly': 'with more wildcards or braces than can be matched safely',
  'budget-spent': 'left out because the matching budget is spent',
};

interface QueuedSource {
  source: PatternSource;
  /** Receives the admitted patterns, a slice at a time, to compile them. */
  use(admitted: readonly string[]): void;
  done: number;
  refused: Record<Refusal, number>;
}

export class PatternQueue {
  private readonly queue: QueuedSource[] = [];

  constructor(private readonly onNotice: NoticeSink) {}

  add(source: PatternSource, use: (admitted: readonly string[]) => void): void {
    if (source.patterns.length > MAX_PATTERNS_PER_SOURCE) {
      this.onNotice(`${source.name}: not used: it has ${source.patterns.length} patterns, more than the ${MAX_PATTERNS_PER_SOURCE} read from one source.`);
    } else if (source.patterns.length > 0) {
      this.queue.push({ source, use, done: 0, refused: { 'too-long': 0, 'too-costly': 0, 'budget-spent': 0 } });
    }
  }

  /** Admits and compiles up to `count` more patterns; true when none is left. */
  prepare(count: number): boolean {
    let left = count;
    while (left > 0 && this.queue.length > 0) {
      const queued = this.queue[0]!;
      const slice = queued.source.patterns.slice(queued.done, queued.done + left);
      queued.use(slice.filter((pattern) => this.admit(queued, pattern)));
      queued.done += slice.length;
      left -= slice.length;
      if (queued.done === queued.source.patterns.length) {
        this.queue.shift();
        this.report(queued);
      }
    }
    return this.queue.length === 0;
  }

  prepareAll(): void {
    this.prepare(Number.POSITIVE_INFINITY);
  }

  private admit(queued: QueuedSource, pattern: string): boolean {
    const refusal = refusalOf(queued.source, pattern);
    if (refusal) queued.refused[refusal]++;
    return refusal === undefined;
  }

  private report({ source, refused }: QueuedSource): void {
    const reasons = (Object.keys(refused) as Refusal[]).filter((refusal) => refused[refusal] > 0);
    if (reasons.length === 0) return;
    const total = reasons.reduce((sum, refusal) => sum + refused[refusal], 0);
    const wording = reasons.map((refusal) => `${refused[refusal]} ${REFUSAL_WORDING[refusal]}`);
    this.onNotice(`${source.name}: ${total} of ${source.patterns.length} patterns not used (${wording.join('; ')}).`);
  }
}

/**
 * Why the pattern is not used, or undefined when it is admitted (and charged to the budget). Too costly
 * is for a pattern that a whole budget could not pay for; one that fits a budget, but not what the
 * patterns before it left, is told apart, as it would work in a shallower folder or with fewer settings.
 */
function refusalOf({ cost, budget }: PatternSource, pattern: string): Refusal | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return 'too-long';
  const charge = cost(pattern);
  if (charge > budget.units) return 'too-costly';
  return budget.admit(charge) ? undefined : 'budget-spent';
}
