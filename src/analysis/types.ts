// The shapes shared by the analysis core and its four hosts (editor, worker, CLI, ESLint plugin).
// Nothing here may import `vscode` or ESLint.
import type { ExportedRetry } from './project/module-summary';
import type { HttpRequest } from './requests';
import type { RetryFacts } from './retry-model';
import type { SourceIndex } from './source-index';
import type { RULE_CATALOG } from './rules/catalog';

/** A rule's id, as the rule catalog (rules/catalog.ts) defines it. */
export type RuleId = (typeof RULE_CATALOG)[number]['id'];

export type Severity = 'off' | 'info' | 'warning' | 'error';

/** A 0-based position, as TypeScript's `getLineAndCharacterOfPosition` and VS Code's `Position` count. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One text replacement, in 0-based positions of the analysed text. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A change the user may choose to apply. Never applied automatically: it changes behaviour. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * It keeps what the code evidently means and only does what the rule asks (jitter added to a wait that
   * exists, a key made once instead of per attempt): the CLI's --fix applies it unattended. Others (a cap,
   * a new header) change what the code does, and stay suggestions for a person to choose.
   */
  safe?: boolean;
}

export interface Finding {
  ruleId: RuleId;
  message: string;
  severity: Exclude<Severity, 'off'>;
  range: Range;
  /** The id of the lesson section that explains the rule (see content/integration-and-apis.json). */
  lessonSection: string;
  fixes?: Fix[];
  /** The id of the message template in the rule's meta (for hosts that report by message id). */
  messageId?: string;
  /** The values filled into the message template. */
  data?: Record<string, string>;
  /**
   * Other places in the same file the finding speaks of: the retry that repeats a request reported at the request
   * (VS Code shows them under the diagnostic, SARIF as related locations).
   */
  related?: RelatedLocation[];
}

/** A place in the analysed file that a finding names, and what it is. */
export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface AnalyzeOptions {
  /** Per-rule severity; a rule absent here runs at its default severity. */
  rules?: Partial<Record<RuleId, Severity>>;
  /**
   * Extra header or option names that count as idempotency keys (matched case-insensitively).
   * Shared by every rule: the ESLint plugin reads it from `settings['integration-coach']`.
   */
  idempotencyHeaders?: string[];
  /** Extra function names to treat as retry helpers. Shared by every rule, like `idempotencyHeaders`. */
  retryHelpers?: string[];
  /** Files larger than this (in bytes of text) are skipped with one informational result flag. */
  maxFileSizeBytes?: number;
  /** Whether files that look minified (lines averaging over 500 characters) are skipped with a notice; default true. */
  skipMinified?: boolean;
  /** Flag every unsafe request without a key, not only retried ones. */
  flagUnretriedRequests?: boolean;
  /**
   * Before parsing, check the file's tokens for anything a retry could be made of, and pass by
   * files that have none (see pre-check/). The findings are the same either way; on a code base,
   * where most files hold no retry, it saves most of the parsing. Default true.
   */
  preCheck?: boolean;
  /**
   * How long the analysis of one file may run, in milliseconds, before it stops and says so in
   * `AnalysisResult.skipped` (reason `time-budget`) instead of running on. Default
   * `DEFAULT_TIME_BUDGET_MS`. A safety net: analysis is linear in the file's size.
   */
  timeBudgetMs?: number;
  /**
   * The project the file belongs to, to follow its imports to retries that live in other files (a client
   * configured elsewhere, an imported retry helper). Built by the host (see src/analysis/project/); without
   * it each file is read alone.
   */
  project?: ProjectContext;
  /**
   * Whether ESLint's directive comments that name this plugin's rules (`// eslint-disable-next-line
   * integration-coach/unbounded-retry`), or every rule, switch findings off as ESLint would: the CLI and the
   * editor then agree with ESLint in one repository. Default true; the ESLint plugin sets it false (ESLint
   * applies them itself, and lists what they suppressed). `integration-coach-disable…` comments always count.
   */
  eslintDirectives?: boolean;
  /**
   * Read the directive comments of files the pre-check passes by too (parsing those that name one), so that a
   * host reporting unused directives (the CLI's --report-unused-disable-directives) sees every one. Default false.
   */
  listDirectives?: boolean;
}

/** A comment that switches findings off (src/analysis/suppressions.ts). */
export interface DisableDirective {
  /** `integration-coach-disable…` or ESLint's `eslint-disable…`. */
  source: 'integration-coach' | 'eslint';
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** The rules it names ('all' when it names none; empty when it names none of ours that exist). */
  rules: RuleId[] | 'all';
  /** The text after ` -- `: why. */
  justification: string;
  /** Where the comment is. */
  range: Range;
  /** Whether it switched a finding of this analysis off. */
  used: boolean;
}

/** A finding a directive switched off, with the directive's reason (the shape of ESLint's `suppressedMessages`). */
export interface SuppressedFinding extends Finding {
  /** `directive`: a comment; `external`: a host's own list (the CLI's baseline). */
  suppressions: { kind: 'directive' | 'external'; justification: string }[];
}

/** What the analysis asks of a project about a file's imports (src/analysis/project/project-index.ts answers). */
export interface ProjectContext {
  /** What each imported name stands for in retry terms, by local name, where its module could be read. `imports`: local name → `module` or `module#export`. */
  importedRetries(fileName: string, imports: ReadonlyMap<string, string>): ReadonlyMap<string, ExportedRetry>;
  /** Whether the file's imports (read from its text, before any parse) bring in anything that retries. */
  importsRetries(fileName: string, text: string): boolean;
  /**
   * A file's own analysis, offered to the index as what the file exports (its summary for the files that import
   * it), so that a module the host analyses is not parsed a second time when another file imports it.
   */
  noteAnalysis?(fileName: string, text: string, reading: FileReading): void;
  /**
   * The parse the index made of the file as a module, with the retries and requests it read there, when the host's
   * analysis of this text would read it the same: the host takes it instead of parsing and reading again (given once).
   */
  takeParse?(fileName: string, text: string, options: AnalyzeOptions): KeptReading | undefined;
  /** The pre-check's answer for a file's own text, kept with what the index read of it as a module (`decide` works it out). */
  ownRetryCandidate?(fileName: string, text: string, options: AnalyzeOptions, decide: () => boolean): boolean;
}

/** What one analysis of a file read: its index, its retries and requests, and what its imports stood for. */
export interface FileReading {
  index: SourceIndex;
  facts: RetryFacts;
  requests: readonly HttpRequest[];
  imported: ReadonlyMap<string, ExportedRetry>;
  options: AnalyzeOptions;
}

/** A module's parse and what the project index read of it, for the host's analysis of the same text. */
export type KeptReading = Pick<FileReading, 'index' | 'facts' | 'requests'>;

/** Why a file has no (or no complete) analysis. */
export type SkipReason = 'too-large' | 'binary' | 'minified' | 'time-budget' | 'too-deep' | 'failed';

export interface AnalysisResult {
  findings: Finding[];
  /** The findings a directive comment switched off (only where a directive did). */
  suppressed?: SuppressedFinding[];
  /** The file's directive comments, each marked used or not (only where the file holds any). */
  directives?: DisableDirective[];
  /**
   * The first syntax error of a file that was parsed (TypeScript's parser recovers from it, so findings may
   * still come). The CLI reports it as ESLint reports a parsing error: fatal, in place of the findings.
   */
  syntaxError?: { message: string; range: Range };
  /** Set when the file was not analysed, with the reason in words (for example, over the size limit). */
  skipped?: string;
  /** The reason for `skipped`, for hosts that treat the cases differently. */
  skipReason?: SkipReason;
}

/**
 * What a rule says about itself, made from its entry in the rule catalog (rules/catalog.ts). The
 * ESLint plugin builds its `meta` from this, and the CLI its SARIF rule list.
 */
export interface RuleMeta {
  id: RuleId;
  /** One sentence, in the course module's words. */
  description: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  /** Message id → text template; `{{name}}` placeholders are filled from the finding's data. */
  messages: Record<string, string>;
  /** The lesson section that explains the rule. */
  lessonSection: string;
  /**
   * JSON Schema of the rule's options object (one object; ESLint wraps it in an array).
   * The option names are those of `AnalyzeOptions`, so a host can merge them in unchanged.
   */
  schema: JsonSchemaObject;
  /** Words code scanning filters by (SARIF `properties.tags`). */
  tags: string[];
}

/** The small subset of JSON Schema that rule options use. */
export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, { type: string; description: string; items?: { type: string }; default?: unknown }>;
  additionalProperties: false;
}
