// Reads the patterns of one source (a .gitignore file or an exclude setting) within the limits, and says
// in one notice what it left out and why.
import { MAX_PATTERN_LENGTH, MAX_PATTERNS_PER_SOURCE, type MatchBudget, type PatternKind, patternCost } from './limits';

/** Receives one message per source that lost patterns to a limit. */
export type NoticeSink = (message: string) => void;

export interface PatternSource {
  /** How the source is named in a notice: a .gitignore's path, or a setting's name. */
  name: string;
  kind: PatternKind;
  /** The patterns; for a .gitignore, its lines (blank lines and comments are dropped here). */
  patterns: readonly string[];
}

/** The patterns of a source that may be used, in order. Charges each to the budget. */
export function admitPatterns(source: PatternSource, budget: MatchBudget, onNotice: NoticeSink): string[] {
  const patterns = source.kind === 'gitignore' ? source.patterns.filter(isGitignorePattern) : source.patterns.filter((pattern) => pattern.trim() !== '');
  if (patterns.length > MAX_PATTERNS_PER_SOURCE) {
    onNotice(`${source.name}: not used: it has ${patterns.length} patterns, more than the ${MAX_PATTERNS_PER_SOURCE} read from one source.`);
    return [];
  }
  let tooLong = 0;
  let tooCostly = 0;
  const admitted: string[] = [];
  for (const pattern of patterns) {
    if (pattern.length > MAX_PATTERN_LENGTH) tooLong++;
    else if (!budget.admit(patternCost(pattern, source.kind))) tooCostly++;
    else admitted.push(pattern);
  }
  if (tooLong + tooCostly > 0) {
    const reasons = [
      tooLong ? `${tooLong} longer than ${MAX_PATTERN_LENGTH} characters` : '',
      tooCostly ? `${tooCostly} with more wildcards or braces than the matching budget allows` : '',
    ].filter(Boolean);
    onNotice(`${source.name}: ${tooLong + tooCostly} of ${patterns.length} patterns not used (${reasons.join('; ')}).`);
  }
  return admitted;
}

/** A .gitignore line that is a pattern: not blank (git trims unescaped trailing spaces) and not a comment. */
function isGitignorePattern(line: string): boolean {
  return line.trim() !== '' && !line.startsWith('#');
}

/** The lines of a text file, whatever its line ends. */
export function linesOf(text: string): string[] {
  return text.split(/\r?\n|\r/);
}
