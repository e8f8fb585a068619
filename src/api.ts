// The public Node API (`integration-coach/api`): the analysis core, as the editor, the CLI and
// the ESLint plugin use it. TypeScript is the caller's own (it is not bundled).
export {
  analyze, analyzeProject, analyzeSource, analyzeSourceFile, DEFAULT_MAX_FILE_SIZE_BYTES, filesInMemory, mayContainRetry, ProjectIndex, rules,
} from './analysis/index';
export type {
  AnalysisResult, AnalyzeOptions, Finding, Fix, JsonSchemaObject, Position, ProjectContext, ProjectFileResult, ProjectFiles, ProjectHost,
  ProjectIndexOptions, Range, RuleId, RuleMeta, Severity, TextEdit,
} from './analysis/index';
export { lessonLink } from './lesson-link';
