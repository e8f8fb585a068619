// The module's artefact: "a one-page decision note with assumption, evidence, and chosen action".
// Plain text assembly, no `vscode`: the command gathers the evidence and this file writes the page.
import * as path from 'node:path';
import type { PracticeResult } from '../lesson/messages';

export interface NoteFinding {
  ruleId: string;
  /** Workspace-relative path, for reading. */
  path: string;
  /** A link with a #L<line> fragment, for following: relative to the note's folder (see evidenceLink). */
  link: string;
  /** 1-based. */
  line: number;
  message: string;
}

export interface DecisionNoteInput {
  workspaceName: string;
  date: Date;
  /** The module's assumptions, verbatim (from the lesson content). */
  assumptions: readonly string[];
  findings: readonly NoteFinding[];
  /** The simulator's figures, when the reader ran it in the lesson. */
  practice?: PracticeResult;
}

/** A page holds this many finding lines per rule; the rest are counted, not listed. */
const FINDINGS_PER_RULE = 5;

const PRESET_NAMES: Record<PracticeResult['preset'], string> = {
  'retry-storm': 'Retry storm',
  'capped-jitter': 'Capped + jitter',
  queue: 'Queue',
  custom: 'custom settings',
};

/**
 * The link from the note to a finding's line. Relative to the note's own folder, so it still leads there once
 * the note is committed and read in a clone, on GitHub or in the Markdown preview; each path segment is
 * percent-encoded (a space or a `#` in a name would end the link or start its fragment). A file with no path on
 * disk (an unsaved editor), or a note with no folder, keeps its absolute URI: there is nothing to be relative to.
 */
export function evidenceLink(noteFolder: string | undefined, file: { scheme: string; path: string; uri: string }, line: number): string {
  if (noteFolder === undefined || file.scheme !== 'file') return `${file.uri}#L${line}`;
  const relative = path.posix.relative(noteFolder, file.path);
  return `${relative.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

function evidenceFromFindings(findings: readonly NoteFinding[]): string[] {
  if (findings.length === 0) return ['- Integration Coach reports no retry or idempotency findings in the workspace (open files and the last scan).'];
  const byRule = new Map<string, NoteFinding[]>();
  for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const lines: string[] = [];
  for (const [ruleId, list] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`- **${ruleId}**: ${list.length} finding${list.length === 1 ? '' : 's'}`);
    for (const finding of list.slice(0, FINDINGS_PER_RULE)) lines.push(`  - [${finding.path}:${finding.line}](${finding.link})`);
    if (list.length > FINDINGS_PER_RULE) lines.push(`  - and ${list.length - FINDINGS_PER_RULE} more (see the Problems panel)`);
  }
  return lines;
}

function evidenceFromPractice(practice: PracticeResult | undefined): string[] {
  if (!practice) return ['- Simulator: not run yet (lesson, "Optional practice").'];
  const { peakAmplification, recoverySeconds, duplicates, lost } = practice.summary;
  const recovery = recoverySeconds === null ? 'did not recover within the run' : `recovered ${recoverySeconds.toFixed(1)} s after B did`;
  return [`- Simulator (${PRESET_NAMES[practice.preset]}): peak load on B ${peakAmplification.toFixed(1)}× the client rate; ${recovery}; ${duplicates} duplicates; ${lost} lost.`];
}

export function buildDecisionNote(input: DecisionNoteInput): string {
  const day = input.date.toISOString().slice(0, 10);
  return [
    `# Decision note: retries and idempotency in ${input.workspaceName}`,
    '',
    `*${day} · Integration and APIs, artefact*`,
    '',
    '## Context',
    'Which call or message does this note decide on, who depends on it, and what happens to them when it is slow or down?',
    '',
    '## Assumptions (keep or strike)',
    ...input.assumptions.map((assumption) => `- [ ] ${assumption}`),
    '',
    '## Evidence',
    ...evidenceFromFindings(input.findings),
    ...evidenceFromPractice(input.practice),
    '',
    '## Options considered',
    '1. **Synchronous call**: simple to follow; the caller waits, so failures cascade. Needs timeouts, capped retries with jittered backoff, and idempotency keys on unsafe requests.',
    '2. **Asynchronous message**: decouples the services and absorbs slowness in a queue; adds coordination work (ordering, duplicates, replay, schema versions).',
    '',
    '## Chosen action',
    '- Decision: ',
    '- Why this option, given the evidence: ',
    '',
    '## How we will know it works (signals)',
    '- Retry rate and attempts per request, against the cap',
    '- Load on the dependency during its incidents (amplification)',
    '- Duplicate operations caught by idempotency keys',
    '- Time to recover after the dependency recovers',
    '',
  ].join('\n');
}
