// The public API of the analysis core. Pure: no `vscode`, no ESLint.
export { analyze, analyzeParsed, analyzeSource, analyzeSourceFile, PARSE_OPTIONS, scriptKindFor, skippedBeforeParse, tooLargeNotice } from './analyze';
export { DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_TIME_BUDGET_MS } from './defaults';
export { mayContainRetry } from './pre-check';
export { analyzeProject, type ProjectFileResult, type ProjectHost } from './project/analyze-project';
export { filesInMemory, type ProjectFiles } from './project/project-files';
export { ProjectIndex, type ProjectIndexOptions } from './project/project-index';
export { rules } from './rules/index';
export type {
  AnalysisResult, AnalyzeOptions, Finding, Fix, JsonSchemaObject, Position, ProjectContext, Range, RuleId, RuleMeta, Severity, SkipReason, TextEdit,
} from './types';
