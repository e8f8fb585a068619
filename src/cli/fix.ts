// `--fix` and `--fix-dry-run`: the fixes that are safe to apply unattended (Fix.safe: jitter added to a wait
// that exists, a key made once instead of per attempt) are applied to the text; the others stay suggestions
// for a person. One fix per finding, the first safe one; a fix whose edits overlap one already taken waits
// for the next run, as ESLint does with overlapping fixes.
import type { Finding } from '../analysis/types';
import { lineStartsOf, offsetOf } from '../shared/text-offsets';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The findings that have a fix --fix would apply. */
export function safelyFixable(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.fixes?.some((fix) => fix.safe));
}

/** The text with the safe fixes of the findings applied, and how many fixes were. */
export function applySafeFixes(text: string, findings: readonly Finding[]): { output: string; applied: number } {
  const lineStarts = lineStartsOf(text);
  const fixes = findings.flatMap((finding) => {
    const fix = finding.fixes?.find((candidate) => candidate.safe);
    if (!fix || fix.edits.length === 0) return [];
    const edits = fix.edits.map((edit) => ({ start: offsetOf(lineStarts, text, edit.range.start), end: offsetOf(lineStarts, text, edit.range.end), newText: edit.newText }));
    return [{ edits, start: Math.min(...edits.map((edit) => edit.start)), end: Math.max(...edits.map((edit) => edit.end)) }];
  }).sort((a, b) => a.start - b.start);
  const taken: OffsetEdit[] = [];
  let applied = 0;
  let reached = -1;
  for (const fix of fixes) {
    if (fix.start < reached) continue;
    taken.push(...fix.edits);
    reached = fix.end;
    applied++;
  }
  let output = text;
  for (const edit of taken.sort((a, b) => b.start - a.start || b.end - a.end)) output = output.slice(0, edit.start) + edit.newText + output.slice(edit.end);
  return { output, applied };
}
