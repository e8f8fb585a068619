// Reads and analyses one file. Runs in a worker, or on the main thread for a few files.
import { readFileSync } from 'node:fs';
import { analyzeSource } from '../analysis/index';
import type { AnalyzeOptions, Finding } from '../analysis/types';

export interface FileResult {
  /** The absolute path. */
  file: string;
  findings: Finding[];
  /** Why the file was not analysed (over the size limit, binary), in words. */
  skipped?: string;
  /** A read error (an I/O problem: exit code 2). */
  error?: string;
}

export function scanFile(file: string, options: AnalyzeOptions): FileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { file, findings: [], error: code ?? (error instanceof Error ? error.message : String(error)) };
  }
  // Like ESLint, drop a byte order mark so that columns match what an editor shows.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = analyzeSource(text, file, options);
  return result.skipped === undefined ? { file, findings: result.findings } : { file, findings: result.findings, skipped: result.skipped };
}
