// The core's rules as ESLint rules. Each one is made with typescript-eslint's RuleCreator from the
// core's meta (description, messages, options schema, lesson link), so nothing is typed twice.
// In the `Program` visitor the rule takes the TypeScript SourceFile that typescript-eslint's
// parser already made, runs the core once per file (the four rules share one analysis), and
// reports its own findings. Without typescript-eslint's parser (espree, say) it parses the text.
import type { TSESLint } from '@typescript-eslint/utils';
// ESLintUtils.RuleCreator, from its own entry point: it loads in a sixth of the time of the whole package.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import ts from 'typescript';
import { analyzeSource, analyzeSourceFile, rules as ruleMetas } from '../analysis/index';
import type { AnalysisResult, AnalyzeOptions, Position, RuleId, RuleMeta } from '../analysis/types';
import { lessonLink } from '../lesson-link';

/** The options an ESLint user may set on a rule: those of its core schema (AnalyzeOptions names). */
export type RuleOptions = Pick<AnalyzeOptions, 'retryHelpers' | 'idempotencyHeaders' | 'flagUnretriedRequests'>;

export interface IntegrationCoachDocs {
  /** In `configs.recommended`. */
  recommended: boolean;
}

/** A finding whose message id is not in the rule's meta is reported whole with this id. */
const FINDING = 'finding';
/** The message of a suggestion: the fix's own title. */
const SUGGESTION = 'applySuggestion';
/** The notice that the analysis stopped at its time budget, reported once per file at its start. */
const STOPPED = 'analysisStopped';

/** Where ESLint users set what every rule shares: `settings: { 'integration-coach': { timeBudgetMs } }`. */
export const SETTINGS_KEY = 'integration-coach';

const metaById = new Map<string, RuleMeta>(ruleMetas.map((meta) => [meta.id, meta]));

/** The docs URL is the lesson link of the rule's section, never written by hand. */
const createRule = RuleCreator<IntegrationCoachDocs>((name) => lessonLink(metaById.get(name)!.lessonSection));

export type IntegrationCoachRule = TSESLint.RuleModule<string, [RuleOptions], IntegrationCoachDocs>;

function createCoreRule(meta: RuleMeta): IntegrationCoachRule {
  return createRule<[RuleOptions], string>({
    name: meta.id,
    meta: {
      type: 'problem',
      docs: { description: meta.description, recommended: true },
      messages: { ...meta.messages, [FINDING]: '{{message}}', [SUGGESTION]: '{{title}}', [STOPPED]: '{{message}}' },
      schema: [meta.schema as unknown as JSONSchema4],
      hasSuggestions: true,
      defaultOptions: [{}],
    },
    create(context, [options]) {
      return {
        Program() {
          const { result, source } = analysisOf(context, options);
          if (result.skipReason === 'failed') throw new Error(`Integration Coach: ${result.skipped} (while linting ${context.filename})`);
          if (result.skipReason === 'time-budget' && !sourcesNoticed.has(source)) {
            sourcesNoticed.add(source);
            context.report({ loc: { line: 1, column: 0 }, messageId: STOPPED, data: { message: result.skipped } });
          }
          for (const finding of result.findings) {
            if (finding.ruleId !== meta.id) continue;
            const known = finding.messageId !== undefined && finding.messageId in meta.messages;
            context.report({
              loc: { start: toEslintPosition(finding.range.start), end: toEslintPosition(finding.range.end) },
              messageId: known ? finding.messageId! : FINDING,
              data: known ? finding.data : { message: finding.message },
              suggest: finding.fixes?.map((fix) => ({
                messageId: SUGGESTION,
                data: { title: fix.title },
                fix: (fixer) => fix.edits.map((edit) => fixer.replaceTextRange([indexOf(context, edit.range.start), indexOf(context, edit.range.end)], edit.newText)),
              })),
            });
          }
        },
      };
    },
  });
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
  const analyzeOptions: AnalyzeOptions = { ...options, ...sharedSettings(context), rules: ALL_RULES };
  const optionsKey = JSON.stringify(analyzeOptions, Object.keys(analyzeOptions).sort());
  let analysis = byOptions.get(optionsKey);
  if (!analysis) {
    const result = sourceFile ? analyzeSourceFile(sourceFile, analyzeOptions) : analyzeSource(sourceCode.text, context.filename, analyzeOptions);
    analysis = { result, source: key };
    byOptions.set(optionsKey, analysis);
  }
  return analysis;
}

/** The options every rule shares, from `settings['integration-coach']`; a value of the wrong type is ignored. */
function sharedSettings(context: Context): Pick<AnalyzeOptions, 'timeBudgetMs'> {
  const settings = (context.settings as Record<string, unknown>)[SETTINGS_KEY] as Record<string, unknown> | undefined;
  const budget = settings?.timeBudgetMs;
  return typeof budget === 'number' && budget > 0 ? { timeBudgetMs: budget } : {};
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
