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
import { analyze, analyzeSourceFile, rules as ruleMetas } from '../analysis/index';
import type { AnalyzeOptions, Finding, Position, RuleId, RuleMeta } from '../analysis/types';
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
      messages: { ...meta.messages, [FINDING]: '{{message}}', [SUGGESTION]: '{{title}}' },
      schema: [meta.schema as unknown as JSONSchema4],
      hasSuggestions: true,
      defaultOptions: [{}],
    },
    create(context, [options]) {
      return {
        Program() {
          for (const finding of findingsOf(context, options)) {
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

/** Keyed by the parser's SourceFile (or the SourceCode, without one); then by the options. */
const analyses = new WeakMap<object, Map<string, Finding[]>>();

/** Every rule runs, at one severity: each ESLint rule keeps its own findings, ESLint sets the severity. */
const ALL_RULES = Object.fromEntries(ruleMetas.map((meta) => [meta.id, 'warning'])) as AnalyzeOptions['rules'];

function findingsOf(context: Context, options: RuleOptions): Finding[] {
  const sourceCode = context.sourceCode;
  const sourceFile = parsedSourceFile(sourceCode);
  const key = sourceFile ?? sourceCode;
  let byOptions = analyses.get(key);
  if (!byOptions) analyses.set(key, (byOptions = new Map()));
  const optionsKey = JSON.stringify(options, Object.keys(options).sort());
  let findings = byOptions.get(optionsKey);
  if (!findings) {
    const analyzeOptions: AnalyzeOptions = { ...options, rules: ALL_RULES };
    findings = sourceFile ? analyzeSourceFile(sourceFile, analyzeOptions) : analyze(sourceCode.text, context.filename, analyzeOptions);
    byOptions.set(optionsKey, findings);
  }
  return findings;
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
