// Comments that switch findings off:
//   // integration-coach-disable-next-line [rule-id[, rule-id…]]   the next line; no ids = every rule
//   /* integration-coach-disable rule-id[, rule-id…] */               the whole file; no ids = every rule
// Found with one regular expression over the text, and only when the text mentions the marker.
import type { Finding, RuleId } from './types';

const MARKER = 'integration-coach-disable';
const COMMENT = /(?:\/\/|\/\*)\s*integration-coach-disable(-next-line)?\b([^\n]*?)(?:\*\/|$)/gm;

export interface Suppressions {
  /** Rules off for the whole file; `'all'` for every rule. */
  file: Set<RuleId | 'all'>;
  /** 0-based line → rules off on that line. */
  lines: Map<number, Set<RuleId | 'all'>>;
}

export function findSuppressions(text: string): Suppressions | undefined {
  if (!text.includes(MARKER)) return undefined;
  const suppressions: Suppressions = { file: new Set(), lines: new Map() };
  for (const match of text.matchAll(COMMENT)) {
    const ids = parseIds(match[2] ?? '');
    if (match[1]) {
      const line = lineOf(text, match.index ?? 0) + 1;
      const set = suppressions.lines.get(line) ?? new Set();
      ids.forEach((id) => set.add(id));
      suppressions.lines.set(line, set);
    } else {
      ids.forEach((id) => suppressions.file.add(id));
    }
  }
  return suppressions;
}

/** `unbounded-retry, retry-without-jitter -- reason` → the ids; nothing → all. A `--` starts a free-text reason. */
function parseIds(rest: string): (RuleId | 'all')[] {
  const ids = rest.split('--')[0]!.split(/[\s,]+/).filter((id) => /^[a-z]+(-[a-z]+)+$/.test(id));
  return ids.length === 0 ? ['all'] : (ids as RuleId[]);
}

/** The 0-based line of an offset, counting line breaks as TypeScript does: \n, \r\n and a lone \r. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

export function isSuppressed(finding: Finding, suppressions: Suppressions | undefined): boolean {
  if (!suppressions) return false;
  if (suppressions.file.has('all') || suppressions.file.has(finding.ruleId)) return true;
  const line = suppressions.lines.get(finding.range.start.line);
  return line !== undefined && (line.has('all') || line.has(finding.ruleId));
}
