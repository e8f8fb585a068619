// Reads and analyses one file. Runs in a worker, or on the main thread for a few files.
import { analyzeSource, DEFAULT_MAX_FILE_SIZE_BYTES, tooLargeNotice } from '../analysis/index';
import type { AnalyzeOptions, DisableDirective, Finding, SuppressedFinding } from '../analysis/types';
import { decodeText, encodingOf, maxBytesOnDisk } from '../shared/file-filter/decode-text';
import { projectAt } from '../shared/project-on-disk';
import { withFingerprints } from './fingerprints';
import { readRegularFile } from '../shared/file-filter/read-regular-file';

export interface FileResult {
  /** The absolute path. */
  file: string;
  /** With their keys that survive moved lines (fingerprints.ts), where the file was read. */
  findings: (Finding & { fingerprint?: string })[];
  /** The findings a disable comment switched off (listed as ESLint's suppressedMessages). */
  suppressed?: (SuppressedFinding & { fingerprint?: string })[];
  /** The disable comments that concern this tool's rules and switched nothing off (for --report-unused-disable-directives). */
  unusedDirectives?: DisableDirective[];
  /**
   * Why the file was not (fully) analysed, in words: not a regular file, over the size limit, binary,
   * out of time. A notice: it does not count as a problem.
   */
  skipped?: string;
  /** Why the file could not be read (EACCES, …): a fatal error for this file; the others are still reported. */
  error?: string;
  /** The file's first syntax error, reported as ESLint reports a parsing error (fatal, and no findings). */
  parseError?: { message: string; line: number; column: number };
  /** `--fix-dry-run`: the text with the safe fixes applied (ESLint's `output`), where any applied. */
  output?: string;
}

/** `projectRoot`: follow each file's imports within this folder (the analysis across files); absent, each file is read alone. */
export function scanFile(file: string, options: AnalyzeOptions, projectRoot?: string): FileResult {
  const limit = sizeLimit(options);
  const read = readRegularFile(file, (head) => maxBytesOnDisk(limit, encodingOf(head)));
  switch (read.kind) {
    case 'error':
      return { file, findings: [], error: `Cannot read the file: ${read.reason}` };
    case 'not-regular':
      return { file, findings: [], skipped: `Not a regular file (${read.what}); not read.` };
    case 'too-large':
      return { file, findings: [], skipped: tooLargeNotice(limit) };
  }
  // Like ESLint, no byte order mark, so that columns match what an editor shows.
  return scanText(decodeText(read.bytes), file, options, projectRoot);
}

/** Analyses a file's text (read from disk, or from stdin for `--stdin`), as `file` (its language, its imports). */
export function scanText(text: string, file: string, options: AnalyzeOptions, projectRoot?: string): FileResult {
  const project = projectRoot === undefined ? undefined : projectAt(projectRoot, options, sizeLimit(options));
  const result = analyzeSource(text, file, project ? { ...options, project } : options);
  if (result.syntaxError) {
    const { message, range } = result.syntaxError;
    return { file, findings: [], parseError: { message, line: range.start.line + 1, column: range.start.character + 1 } };
  }
  const scanned: FileResult = { file, findings: withFingerprints(text, result.findings) };
  if (result.skipped !== undefined) scanned.skipped = result.skipped;
  if (result.suppressed) scanned.suppressed = withFingerprints(text, result.suppressed);
  const unused = options.listDirectives ? result.directives?.filter(isUnusedOwnDirective) : undefined;
  if (unused?.length) scanned.unusedDirectives = unused;
  return scanned;
}

/**
 * A disable comment that switched none of this tool's findings off, and that exists for them: its own, or an
 * ESLint one naming its rules. A bare `eslint-disable` may be there for other ESLint rules: it is left alone.
 */
function isUnusedOwnDirective(directive: DisableDirective): boolean {
  return !directive.used && directive.kind !== 'enable' && (directive.source === 'integration-coach' || directive.rules !== 'all');
}

/** The core's size limit, in bytes of UTF-8 text (a limit that is not a number falls back to the default). */
function sizeLimit(options: AnalyzeOptions): number {
  const limit = options.maxFileSizeBytes;
  return limit !== undefined && Number.isFinite(limit) && limit >= 0 ? limit : DEFAULT_MAX_FILE_SIZE_BYTES;
}

