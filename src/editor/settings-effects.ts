// What the `integrationCoach.*` settings decide beyond how findings are shown: which files the editor
// reads, and what the analysis of each is given. No `vscode` import, so the unit tests call these.
// A setting that feeds either one steers file access or the cost of analysis, so a workspace must not
// set it before it is trusted: package.json lists such settings in capabilities.untrustedWorkspaces
// .restrictedConfigurations, and test/unit/manifest.test.ts derives that list from these functions.
// Read every such setting through them, not straight from EditorSettings, or the check cannot see it.
import type { RuleId, Severity } from '../analysis/types';
import type { WorkerAnalyzeOptions } from './protocol';

export interface EditorSettings {
  run: 'onType' | 'onSave';
  debounceMs: number;
  rules: Partial<Record<RuleId, Severity>>;
  idempotencyHeaders: string[];
  retryHelpers: string[];
  maxFileSizeKb: number;
  /** How long one file's analysis may run before it stops with a notice (milliseconds). */
  timeBudgetMs: number;
  exclude: string[];
  /** Follow imports into the document's workspace folder (analysis across files). */
  crossFile: boolean;
}

/** Which files the editor reads: those no exclude glob matches, up to the size limit. */
export interface FileSelection {
  exclude: readonly string[];
  maxFileSizeBytes: number;
}

export function fileSelectionOf(settings: EditorSettings): FileSelection {
  return { exclude: settings.exclude, maxFileSizeBytes: settings.maxFileSizeKb * 1024 };
}

/**
 * The options the analysis core takes. Rule severities stay on the editor's side (see diagnostics.ts).
 * The name lists cost time in proportion to their length on every file (each name is looked for in
 * the text), and a short retry helper name makes the pre-check pass every file on to the parser.
 */
export function analyzeOptionsOf(settings: EditorSettings): WorkerAnalyzeOptions {
  return {
    idempotencyHeaders: settings.idempotencyHeaders,
    retryHelpers: settings.retryHelpers,
    maxFileSizeBytes: fileSelectionOf(settings).maxFileSizeBytes,
    timeBudgetMs: settings.timeBudgetMs,
    crossFile: settings.crossFile,
  };
}
