// The messages between the extension host and the analysis worker. Plain data only (structured clone).
import type { AnalysisResult, AnalyzeOptions, SkipReason } from '../analysis/types';

/** One text to analyse. `fileName` only picks the script kind (.ts, .tsx, .js, .jsx). */
export interface AnalysisItem {
  fileName: string;
  text: string;
  /** An open document's URI: the worker keeps its tree and parses the next version incrementally. */
  key?: string;
  /** The workspace folder the file is in (absolute, `/` separators): its imports are followed within it when `crossFile` is on. */
  projectRoot?: string;
}

/**
 * The options of one request. The budget is required: the client derives its timeouts from it. `crossFile`:
 * follow imports within each item's `projectRoot`.
 */
export type WorkerAnalyzeOptions = Omit<AnalyzeOptions, 'project'> & { timeBudgetMs: number; crossFile?: boolean };

export interface AnalyzeRequest {
  id: number;
  items: AnalysisItem[];
  options: WorkerAnalyzeOptions;
  /**
   * The texts of the open documents with unsaved changes, by path (`/` separators): imports are read from these
   * rather than from the disk. All of them each time, so that a fresh worker knows them too.
   */
  unsaved?: Record<string, string>;
}

/**
 * The worker answers each item as soon as it is analysed, in the request's order, so the client knows
 * which item the worker is on when it stops answering: that one is stopped, the others are sent again.
 */
export interface ItemReply {
  id: number;
  result: AnalysisResult & ModulesRead;
}

/** The project files an analysis read through the file's imports (`/` separators): when one changes, the file is analysed again. */
export interface ModulesRead {
  modulesRead?: string[];
}

/** Sent once the worker has loaded TypeScript: the first item's timeout starts then, not at the start. */
export interface ReadyReply {
  ready: true;
}

export type WorkerReply = ItemReply | ReadyReply;

/**
 * Why the editor's side has no (or no complete) result, beyond the core's reasons:
 * `timed-out`: the worker was stopped on this file (it ran past its timeout);
 * `worker-crashed`: the worker died while on this file;
 * `stopped-twice`: this content stopped the worker twice, so it is not sent again until it changes;
 * `superseded`: a newer request for the same document replaced this one before it was sent.
 */
export type EditorSkipReason = SkipReason | 'timed-out' | 'worker-crashed' | 'stopped-twice' | 'superseded';

export interface EditorAnalysisResult extends Omit<AnalysisResult, 'skipReason'>, ModulesRead {
  skipReason?: EditorSkipReason;
}
