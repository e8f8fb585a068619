// The worker's memory of the documents it analysed last: typing changes a few characters, so the
// next version is parsed incrementally from the previous tree (ts.updateSourceFile, as the TypeScript
// language service does), which roughly halves the time from a keystroke to diagnostics on a large file.
// Only the worker imports this file: it needs TypeScript.
import ts from 'typescript';
import { analyzeParsed, analyzeSource, PARSE_OPTIONS, scriptKindFor, skippedBeforeParse } from '../analysis/index';
import type { AnalysisResult, AnalyzeOptions } from '../analysis/types';

/** Open documents kept; more are rarely edited at once, and each tree costs memory. */
const MAX_DOCUMENTS = 16;

export class SourceFileCache {
  private readonly files = new Map<string, ts.SourceFile>();

  /** Analyses a document's text; `key` (the document's URI) lets the next version reuse this one's tree. */
  analyse(key: string | undefined, text: string, fileName: string, options: AnalyzeOptions): AnalysisResult {
    // Too large, binary or minified: the core's own answer, and no tree kept.
    const skipped = skippedBeforeParse(text, options);
    if (skipped) {
      if (key !== undefined) this.files.delete(key);
      return skipped;
    }
    if (key === undefined) return analyzeSource(text, fileName, options);
    return analyzeParsed(() => this.parse(key, text, fileName), options);
  }

  private parse(key: string, text: string, fileName: string): ts.SourceFile {
    const previous = this.files.get(key);
    this.files.delete(key); // re-inserted last: the map's order is the least recently used first
    const sourceFile = previous && previous.fileName === fileName
      ? ts.updateSourceFile(previous, text, changeRange(previous.text, text))
      : ts.createSourceFile(fileName, text, PARSE_OPTIONS, true, scriptKindFor(fileName));
    this.files.set(key, sourceFile);
    if (this.files.size > MAX_DOCUMENTS) this.files.delete(this.files.keys().next().value!);
    return sourceFile;
  }
}

/** The one span that differs between two texts: the common prefix and suffix are kept. */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - end - start), after.length - end - start);
}
