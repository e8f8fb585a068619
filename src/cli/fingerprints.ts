// A finding's key that survives moved lines, for SARIF's partialFingerprints and the baseline: a hash of
// its rule, the code it points at (spaces folded, so re-indenting keeps it) and its place among the findings
// of the file with the same rule and code. Adding or removing lines elsewhere in the file changes none.
import { createHash } from 'node:crypto';
import type { Finding } from '../analysis/types';
import { lineStartsOf, offsetOf } from '../shared/text-offsets';

/** The version of the key: a change of how it is made must not match keys made the old way. */
const KEY_VERSION = 'v1';
/** How much of the code a finding points at goes into its key (a construct's head, not its body). */
const MAX_CODE = 400;

export type Fingerprinted<T extends Finding> = T & { fingerprint: string };

/** The findings with their keys; `text` is the file's text the findings were made from. */
export function withFingerprints<T extends Finding>(text: string, findings: readonly T[]): Fingerprinted<T>[] {
  // Most files have no findings: their lines are not worth counting.
  if (findings.length === 0) return [];
  const lineStarts = lineStartsOf(text);
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const { start, end } = finding.range;
    const from = offsetOf(lineStarts, text, start);
    const to = Math.min(offsetOf(lineStarts, text, end), from + MAX_CODE);
    const code = text.slice(from, Math.max(from, to)).replace(/\s+/g, ' ').trim();
    const identity = `${finding.ruleId}\0${code}`;
    const ordinal = seen.get(identity) ?? 0;
    seen.set(identity, ordinal + 1);
    const fingerprint = createHash('sha256').update(`${KEY_VERSION}\0${identity}\0${ordinal}`).digest('hex').slice(0, 32);
    return { ...finding, fingerprint };
  });
}
