// The core's rules as ESLint rules. Each one is made with typescript-eslint's RuleCreator from the
// core's meta (description, messages, options schema, lesson link), so nothing is typed twice.
// In the `Program` visitor the rule takes the TypeScript SourceFile that typescript-eslint's
// parser already made, runs the core once per file (the four rules share one analysis), and
// reports its own findings. Without typescript-eslint's parser (espree, say) it parses the text.
import type { TSESLint } from '@typescript-eslint/utils';
// ESLintUtils.RuleCreator, from its own entry point: bundled into the plugin (a few kilobytes), so that
// JavaScript-only users need no typescript-eslint; it loads in a sixth of the time of the whole package.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import ts from 'typescript';
import { analyzeSource, analyzeSourceFile, DEFAULT_MAX_FILE_SIZE_BYTES, ProjectIndex, rules as ruleMetas } from '../analysis/index';
import { SHARED_OPTIONS } from '../analysis/rules/catalog';
import type { AnalysisResult, AnalyzeOptions, Fix, Position, RuleId, RuleMeta } from '../analysis/types';
import { ruleDocsUrl } from '../docs/rule-docs';
import { configOf, ignoredBy, type LoadedConfig } from '../shared/config-file';
import { filesOnDisk, projectAt } from '../shared/project-on-disk';

/**
 * The options an ESLint user may set on a rule: those of its core schema (AnalyzeOptions names).
 * `retryHelpers` and `idempotencyHeaders` are deprecated here: they change what every rule sees, so
 * they belong in `settings['integration-coach']`; for one release a rule's own value is merged in.
 */
export type RuleOptions = Pick<AnalyzeOptions, 'retryHelpers' | 'idempotencyHeaders' | 'flagUnretriedRequests'>;

/**
 * What every rule shares, set once in `settings: { 'integration-coach': { … } }`. `crossFile: false` reads
 * each file alone; by default imports are followed within ESLint's working folder.
 */
export type SharedSettings = Pick<AnalyzeOptions, 'retryHelpers' | 'idempotencyHeaders' | 'timeBudgetMs'> & { crossFile?: boolean };

export interface IntegrationCoachDocs {
  /** In `configs.recommended`. */
  recommended: boolean;
}

/** A finding whose message id is not in the rule's meta is reported whole with this id. */
const FINDING = 'finding';
/** The message of a suggestion: the fix's own title. */
const SUGGESTION = 'applySuggestion';
/** The notice that a file was not fully checked (time budget, nesting), reported once per file at its start. */
const NOT_FULLY_CHECKED = 'notFullyChecked';
/** Reasons reported as a notice on the file; ESLint goes on with the other files, as with a parsing error. */
const NOTICED_REASONS: ReadonlySet<string> = new Set(['time-budget', 'too-deep']);

/** Where ESLint users set what every rule shares: `settings: { 'integration-coach': { retryHelpers, idempotencyHeaders, timeBudgetMs, crossFile } }`. */
export const SETTINGS_KEY = 'integration-coach';

const metaById = new Map<string, RuleMeta>(ruleMetas.map((meta) => [meta.id, meta]));

/** The docs URL is the rule's page on the web (docs/rules/<rule-id>.md, made from the catalog and the lesson), never written by hand. */
const createRule = RuleCreator<IntegrationCoachDocs>((name) => ruleDocsUrl(metaById.get(name)!.id));

export type IntegrationCoachRule = TSESLint.RuleModule<string, [RuleOptions], IntegrationCoachDocs>;

function createCoreRule(meta: RuleMeta): IntegrationCoachRule {
  return createRule<[RuleOptions], string>({
    name: meta.id,
    meta: {
      type: 'problem',
      docs: { description: meta.description, recommended: true },
      messages: { ...meta.messages, [FINDING]: '{{message}}', [SUGGESTION]: '{{title}}', [NOT_FULLY_CHECKED]: '{{message}}' },
      schema: [meta.schema as unknown as JSONSchema4],
      hasSuggestions: true,
      // The fixes that are safe unattended (Fix.safe) are also fixes for `eslint --fix`, as for the CLI's --fix.
      fixable: 'code',
      defaultOptions: [{}],
    },
    create(context, [options]) {
      return {
        Program() {
          const { result, source } = analysisOf(context, options);
          if (result.skipReason === 'failed') throw new Error(`Integration Coach: ${result.skipped} (while linting ${context.filename})`);
          if (result.skipReason && NOTICED_REASONS.has(result.skipReason) && !sourcesNoticed.has(source)) {
            sourcesNoticed.add(source);
            context.report({ loc: { line: 1, column: 0 }, messageId: NOT_FULLY_CHECKED, data: { message: result.skipped } });
          }
          for (const finding of result.findings) {
            if (finding.ruleId !== meta.id) continue;
            const known = finding.messageId !== undefined && finding.messageId in meta.messages;
            const safe = finding.fixes?.find((fix) => fix.safe);
            context.report({
              loc: { start: toEslintPosition(finding.range.start), end: toEslintPosition(finding.range.end) },
              messageId: known ? finding.messageId! : FINDING,
              data: known ? finding.data : { message: finding.message },
              ...(safe ? { fix: (fixer: TSESLint.RuleFixer) => edited(fixer, context, safe) } : {}),
              suggest: finding.fixes?.map((fix) => ({
                messageId: SUGGESTION,
                data: { title: fix.title },
                fix: (fixer) => edited(fixer, context, fix),
              })),
            });
          }
        },
      };
    },
  });
}

/** A core fix as ESLint's edits, at the offsets of the linted text. */
function edited(fixer: TSESLint.RuleFixer, context: Context, fix: Fix): TSESLint.RuleFix[] {
  return fix.edits.map((edit) => fixer.replaceTextRange([indexOf(context, edit.range.start), indexOf(context, edit.range.end)], edit.newText));
}

export const rules = Object.fromEntries(ruleMetas.map((meta) => [meta.id, createCoreRule(meta)])) as Record<RuleId, IntegrationCoachRule>;

// ---------------------------------------------------------------------------------------------
// One analysis per file and options, shared by the four rules

type Context = Readonly<TSESLint.RuleContext<string, [RuleOptions]>>;

/** One analysis, and the source it is of (the parser's SourceFile, or the SourceCode without one). */
interface SharedAnalysis {
  result: AnalysisResult;
  source: object;
}

/** Keyed by the source; then by the options (rules with other options get another analysis). */
const analyses = new WeakMap<object, Map<string, SharedAnalysis>>();

/** Sources whose time-budget notice one of the rules has reported: one notice per file, whatever the options. */
const sourcesNoticed = new WeakSet<object>();

/** Every rule runs, at one severity: each ESLint rule keeps its own findings, ESLint sets the severity. */
const ALL_RULES = Object.fromEntries(ruleMetas.map((meta) => [meta.id, 'warning'])) as AnalyzeOptions['rules'];

function analysisOf(context: Context, options: RuleOptions): SharedAnalysis {
  const sourceCode = context.sourceCode;
  const sourceFile = parsedSourceFile(sourceCode);
  const key = sourceFile ?? sourceCode;
  let byOptions = analyses.get(key);
  if (!byOptions) analyses.set(key, (byOptions = new Map()));
  const fileConfig = configOfSource(key, context.filename);
  if (fileConfig && ignoredBy(fileConfig, context.filename, warnOnce)) return { result: { findings: [] }, source: key };
  const shared = withFileConfig(sharedSettings(context.settings), fileConfig);
  const analyzeOptions = analyzeOptionsOf(shared, options);
  const optionsKey = JSON.stringify(analyzeOptions, Object.keys(analyzeOptions).sort());
  let analysis = byOptions.get(optionsKey);
  if (!analysis) {
    if (shared.crossFile !== false) analyzeOptions.project = projectOf(context, analyzeOptions);
    const result = sourceFile ? analyzeSourceFile(sourceFile, analyzeOptions) : analyzeSource(sourceCode.text, context.filename, analyzeOptions);
    analysis = { result, source: key };
    byOptions.set(optionsKey, analysis);
  }
  return analysis;
}

/** The configuration file of each linted source, looked up once for the four rules that share its analysis. */
const sourceConfigs = new WeakMap<object, { loaded: LoadedConfig | undefined }>();

function configOfSource(source: object, filename: string): LoadedConfig | undefined {
  let known = sourceConfigs.get(source);
  if (!known) sourceConfigs.set(source, (known = { loaded: configOf(filename, warnOnce) }));
  return known.loaded;
}

/** A notice about a configuration file (a wrong value, and the default used), once per run on stderr, as ESLint warns of a deprecated rule. */
function warnOnce(notice: string): void {
  if (noticesShown.has(notice)) return;
  noticesShown.add(notice);
  console.warn(`integration-coach: ${notice}`);
}
const noticesShown = new Set<string>();

/**
 * The shared settings over the project's configuration file (integration-coach.config.json): names of
 * helpers and headers add up, a setting wins over the file. Severities stay ESLint's own.
 */
function withFileConfig(shared: SharedSettings, loaded: LoadedConfig | undefined): SharedSettings & { maxFileSizeBytes?: number } {
  if (!loaded) return shared;
  const { config } = loaded;
  const merged: SharedSettings & { maxFileSizeBytes?: number } = { ...shared };
  for (const name of SHARED_OPTIONS) {
    const names = [...new Set([...(config[name] ?? []), ...(shared[name] ?? [])])];
    if (names.length > 0) merged[name] = names;
  }
  if (merged.timeBudgetMs === undefined && config.timeBudgetMs !== undefined) merged.timeBudgetMs = config.timeBudgetMs;
  if (merged.crossFile === undefined && config.crossFile !== undefined) merged.crossFile = config.crossFile;
  if (config.maxFileSizeBytes !== undefined) merged.maxFileSizeBytes = config.maxFileSizeBytes;
  return merged;
}

/** Project indexes over typed linting's programs: a new program (the files changed) gets a new index. */
const programProjects = new WeakMap<object, ProjectIndex>();

/**
 * The project the file's imports are followed in, within ESLint's working folder. With typed linting, the
 * texts come from typescript-eslint's program (what the type checker sees, no second read of the disk),
 * and the index lives as long as the program. Otherwise it is this thread's index, whose modules are read
 * again when they change on disk (ESLint may run as a server in an editor, where files change while it lives).
 */
function projectOf(context: Context, options: AnalyzeOptions): ProjectIndex {
  const program = (context.sourceCode.parserServices as Partial<{ program: { getSourceFile(file: string): { text: string } | undefined } | null }> | undefined)?.program;
  if (!program) return projectAt(context.cwd, options, DEFAULT_MAX_FILE_SIZE_BYTES, true);
  let index = programProjects.get(program);
  if (!index) {
    const disk = filesOnDisk(DEFAULT_MAX_FILE_SIZE_BYTES, true);
    const inProgram = (file: string) => program.getSourceFile(file)?.text;
    index = new ProjectIndex({
      root: context.cwd,
      analyzeOptions: options,
      files: {
        readFile: (file) => inProgram(file) ?? disk.readFile(file),
        fileExists: (file) => inProgram(file) !== undefined || disk.fileExists!(file),
        directoryExists: disk.directoryExists,
        // A file of the program is as the program has it for the index's whole life.
        versionOf: (file) => (inProgram(file) !== undefined ? 'program' : disk.versionOf!(file)),
      },
    });
    programProjects.set(program, index);
  }
  return index;
}

/** The core's options for one rule: the shared settings, with the rule's own (deprecated) names merged in. */
export function analyzeOptionsOf(shared: SharedSettings & { maxFileSizeBytes?: number }, options: RuleOptions): AnalyzeOptions {
  const { crossFile: _crossFile, ...coreSettings } = shared;
  // ESLint applies its own directives (and lists what they switched off, and the unused ones): the core leaves them.
  const result: AnalyzeOptions = { ...coreSettings, rules: ALL_RULES, eslintDirectives: false };
  if (options.flagUnretriedRequests) result.flagUnretriedRequests = true;
  for (const name of SHARED_OPTIONS) {
    const names = [...new Set([...(shared[name] ?? []), ...(options[name] ?? [])])];
    if (names.length > 0) result[name] = names;
  }
  return result;
}

/** The settings read so far, per ESLint settings object: the four rules (and every file of a config) share one. */
const settingsRead = new WeakMap<object, SharedSettings>();

/**
 * `settings['integration-coach']`, checked once per settings object. A wrong value is a mistake in the
 * user's config, as ESLint treats invalid rule options: it stops the run with a message that names it.
 */
export function sharedSettings(settings: Readonly<Record<string, unknown>>): SharedSettings {
  let shared = settingsRead.get(settings);
  if (!shared) settingsRead.set(settings, (shared = readSharedSettings(settings[SETTINGS_KEY])));
  return shared;
}

const SETTING_NAMES = ['retryHelpers', 'idempotencyHeaders', 'timeBudgetMs', 'crossFile'] as const satisfies readonly (keyof SharedSettings)[];

function readSharedSettings(value: unknown): SharedSettings {
  if (value === undefined) return {};
  const where = `settings['${SETTINGS_KEY}']`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Integration Coach: ${where} must be an object, not ${describeValue(value)}.`);
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(SETTING_NAMES as readonly string[]).includes(key));
  if (unknown.length > 0) throw new Error(`Integration Coach: ${where} has no setting ${unknown.map((key) => JSON.stringify(key)).join(', ')}; the settings are ${SETTING_NAMES.join(', ')}.`);
  const shared: SharedSettings = {};
  for (const name of SHARED_OPTIONS) {
    const names = record[name];
    if (names === undefined) continue;
    if (!Array.isArray(names) || !names.every((entry) => typeof entry === 'string' && entry.length > 0)) {
      throw new Error(`Integration Coach: ${where}.${name} must be an array of non-empty strings, not ${describeValue(names)}.`);
    }
    shared[name] = names as string[];
  }
  const budget = record.timeBudgetMs;
  if (budget !== undefined) {
    if (typeof budget !== 'number' || !(budget > 0)) throw new Error(`Integration Coach: ${where}.timeBudgetMs must be a positive number of milliseconds, not ${describeValue(budget)}.`);
    shared.timeBudgetMs = budget;
  }
  const crossFile = record.crossFile;
  if (crossFile !== undefined) {
    if (typeof crossFile !== 'boolean') throw new Error(`Integration Coach: ${where}.crossFile must be true or false, not ${describeValue(crossFile)}.`);
    shared.crossFile = crossFile;
  }
  return shared;
}

/** A wrong value as the message quotes it: JSON where it has one (cut to 60 characters), otherwise its type. */
function describeValue(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // A BigInt or a cycle: the type says enough.
  }
  text ??= typeof value;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * The SourceFile typescript-eslint's parser made for this text, if it made one with our
 * TypeScript: syntax kinds are numbered per TypeScript version, so a SourceFile from another
 * copy of TypeScript (a different version) is not used; the text is parsed again instead.
 */
export function parsedSourceFile(sourceCode: Context['sourceCode']): ts.SourceFile | undefined {
  const services = sourceCode.parserServices as Partial<{ esTreeNodeToTSNodeMap: { get(node: unknown): unknown } }> | undefined;
  const node = services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast) as ts.Node | undefined;
  if (!node || node.kind !== ts.SyntaxKind.SourceFile) return undefined;
  const sourceFile = node as ts.SourceFile;
  return sourceFile.text === sourceCode.text ? sourceFile : undefined;
}

/** Core positions are 0-based lines and characters; ESLint's lines are 1-based, columns 0-based. */
function toEslintPosition(position: Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.character };
}

function indexOf(context: Context, position: Position): number {
  return context.sourceCode.getIndexFromLoc(toEslintPosition(position));
}
