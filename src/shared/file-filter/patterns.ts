// The patterns of a folder's sources (.gitignore files, exclude settings), admitted within the limits and
// compiled a slice at a time, in the order the sources were added (the order the budget is spent in).
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
}

interface QueuedSource {
  source: PatternSource;
  /** Receives the admitted patterns, a slice at a time, to compile them. */
  use(admitted: readonly string[]): void;
  done: number;
  tooLong: number;
  tooCostly: number;
}

export class PatternQueue {
  private readonly queue: QueuedSource[] = [];

  constructor(
    private readonly budget: MatchBudget,
    private readonly onNotice: NoticeSink,
  ) {}

  add(source: PatternSource, use: (admitted: readonly string[]) => void): void {
    if (source.patterns.length > MAX_PATTERNS_PER_SOURCE) {
      this.onNotice(`${source.name}: not used: it has ${source.patterns.length} patterns, more than the ${MAX_PATTERNS_PER_SOURCE} read from one source.`);
    } else if (source.patterns.length > 0) {
      this.queue.push({ source, use, done: 0, tooLong: 0, tooCostly: 0 });
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
    if (pattern.length > MAX_PATTERN_LENGTH) queued.tooLong++;
    else if (!this.budget.admit(queued.source.cost(pattern))) queued.tooCostly++;
    else return true;
    return false;
  }

  private report({ source, tooLong, tooCostly }: QueuedSource): void {
    if (tooLong + tooCostly === 0) return;
    const reasons = [
      tooLong ? `${tooLong} longer than ${MAX_PATTERN_LENGTH} characters` : '',
      tooCostly ? `${tooCostly} with more wildcards or braces than can be matched safely` : '',
    ].filter(Boolean);
    this.onNotice(`${source.name}: ${tooLong + tooCostly} of ${source.patterns.length} patterns not used (${reasons.join('; ')}).`);
  }
}
