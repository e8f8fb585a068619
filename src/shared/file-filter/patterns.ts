// Reads the patterns of one source (a .gitignore file or an exclude setting) within the limits, and says
// in one notice what it left out and why.
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

/** The patterns of a source that may be used, in order. Charges each to the budget. */
export function admitPatterns(source: PatternSource, budget: MatchBudget, onNotice: NoticeSink): string[] {
  const { name, patterns } = source;
  if (patterns.length > MAX_PATTERNS_PER_SOURCE) {
    onNotice(`${name}: not used: it has ${patterns.length} patterns, more than the ${MAX_PATTERNS_PER_SOURCE} read from one source.`);
    return [];
  }
  let tooLong = 0;
  let tooCostly = 0;
  const admitted: string[] = [];
  for (const pattern of patterns) {
    if (pattern.length > MAX_PATTERN_LENGTH) tooLong++;
    else if (!budget.admit(source.cost(pattern))) tooCostly++;
    else admitted.push(pattern);
  }
  if (tooLong + tooCostly > 0) {
    const reasons = [
      tooLong ? `${tooLong} longer than ${MAX_PATTERN_LENGTH} characters` : '',
      tooCostly ? `${tooCostly} with more wildcards or braces than can be matched safely` : '',
    ].filter(Boolean);
    onNotice(`${name}: ${tooLong + tooCostly} of ${patterns.length} patterns not used (${reasons.join('; ')}).`);
  }
  return admitted;
}
