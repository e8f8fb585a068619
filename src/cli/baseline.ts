// The baseline: the findings a team accepts for now (`--baseline-write FILE`), so that CI fails on new ones
// only (`--baseline FILE`). A finding is kept by its file (relative to the baseline's folder, so the file
// can be committed), its rule and its fingerprint (fingerprints.ts): moving lines, or the whole function,
// keeps it. Each entry excuses one finding; a finding no entry excuses counts. Excused findings are listed
// as suppressed (ESLint's `suppressedMessages`, kind "external"), never dropped.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeError } from '../shared/file-filter/read-regular-file';
import type { FileResult } from './scan-file';

/** A baseline larger than this is refused (its findings would be a code base's whole history). */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
const VERSION = 1;

interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
}

/** A baseline that cannot be used: its path and what is wrong, in one line (exit code 2). */
export class BaselineError extends Error {}

/** Writes every finding of the results as the baseline; returns how many. */
export function writeBaseline(baselineFile: string, results: readonly FileResult[]): number {
  const folder = path.dirname(baselineFile);
  const findings = results
    .flatMap((result) => result.findings.flatMap((finding) => (finding.fingerprint ? [{ file: relativeTo(folder, result.file), ruleId: finding.ruleId, fingerprint: finding.fingerprint }] : [])))
    .sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(baselineFile, `${JSON.stringify({ version: VERSION, tool: 'integration-coach', findings }, null, 2)}\n`);
  } catch (error) {
    throw new BaselineError(`Cannot write the baseline ${path.relative(process.cwd(), baselineFile) || baselineFile}: ${describeError(error)}.`);
  }
  return findings.length;
}

/** The results with the findings the baseline excuses moved to their suppressed findings. */
export function applyBaseline(baselineFile: string, results: readonly FileResult[]): FileResult[] {
  const folder = path.dirname(baselineFile);
  const excuses = new Map<string, number>();
  for (const entry of readBaseline(baselineFile)) {
    const key = `${entry.file}\0${entry.ruleId}\0${entry.fingerprint}`;
    excuses.set(key, (excuses.get(key) ?? 0) + 1);
  }
  const justification = `in the baseline ${path.basename(baselineFile)}`;
  return results.map((result) => {
    const file = relativeTo(folder, result.file);
    const excused = result.findings.filter((finding) => {
      const key = `${file}\0${finding.ruleId}\0${finding.fingerprint ?? ''}`;
      const left = excuses.get(key) ?? 0;
      if (left === 0) return false;
      excuses.set(key, left - 1);
      return true;
    });
    if (excused.length === 0) return result;
    return {
      ...result,
      findings: result.findings.filter((finding) => !excused.includes(finding)),
      suppressed: [...(result.suppressed ?? []), ...excused.map((finding) => ({ ...finding, suppressions: [{ kind: 'external' as const, justification }] }))],
    };
  });
}

function readBaseline(baselineFile: string): BaselineEntry[] {
  const shown = path.relative(process.cwd(), baselineFile) || baselineFile;
  let text: string;
  try {
    if (statSync(baselineFile).size > MAX_BASELINE_BYTES) throw new Error(`larger than ${MAX_BASELINE_BYTES} bytes`);
    text = readFileSync(baselineFile, 'utf8');
  } catch (error) {
    throw new BaselineError(`Cannot read the baseline ${shown}: ${describeError(error)}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`The baseline ${shown} is not JSON (${(error as Error).message}); write a new one with --baseline-write.`);
  }
  const findings = (parsed as { version?: unknown; findings?: unknown } | null)?.findings;
  if ((parsed as { version?: unknown } | null)?.version !== VERSION || !Array.isArray(findings) || !findings.every(isEntry)) {
    throw new BaselineError(`The baseline ${shown} is not one --baseline-write writes (version ${VERSION}, a list of findings with file, ruleId and fingerprint); write a new one.`);
  }
  return findings;
}

function isEntry(value: unknown): value is BaselineEntry {
  const entry = value as Partial<BaselineEntry> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.file === 'string' && typeof entry.ruleId === 'string' && typeof entry.fingerprint === 'string';
}

/** A path as the baseline keeps it: relative to its folder, with forward slashes. */
function relativeTo(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}
