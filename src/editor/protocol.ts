// The messages between the extension host and the analysis worker. Plain data only (structured clone).
import type { AnalysisResult, AnalyzeOptions } from '../analysis/types';

/** One text to analyse. `fileName` only picks the script kind (.ts, .tsx, .js, .jsx). */
export interface AnalysisItem {
  fileName: string;
  text: string;
  /** An open document's URI: the worker keeps its tree and parses the next version incrementally. */
  key?: string;
}

export interface AnalyzeRequest {
  id: number;
  items: AnalysisItem[];
  options: AnalyzeOptions;
}

export type AnalyzeReply = { id: number; results: AnalysisResult[] } | { id: number; error: string };
