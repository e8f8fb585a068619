// The public API of the analysis core. Pure: no `vscode`, no ESLint.
export { analyze, analyzeSource, analyzeSourceFile, DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_TIME_BUDGET_MS, PARSE_OPTIONS, scriptKindFor } from './analyze';
export { mayContainRetry } from './pre-check';
export { rules } from './rules/index';
export type {
  AnalysisResult, AnalyzeOptions, Finding, Fix, JsonSchemaObject, Position, Range, RuleId, RuleMeta, Severity, SkipReason, TextEdit,
} from './types';
