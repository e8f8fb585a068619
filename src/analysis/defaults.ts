// The core's default limits, in a module of their own (no TypeScript import) so that the extension host can
// read them without loading the analysis.

/**
 * Files larger than this are skipped (with `AnalysisResult.skipped` saying so): 1 MiB of UTF-8.
 * Hand-written source is far smaller; bigger files are bundles or generated code, where a
 * warning would not help and the parse would cost the editor a noticeable pause.
 */
export const DEFAULT_MAX_FILE_SIZE_BYTES = 1024 * 1024;

/** How long one file's analysis may run before it stops with a notice (`AnalyzeOptions.timeBudgetMs`). */
export const DEFAULT_TIME_BUDGET_MS = 2000;
