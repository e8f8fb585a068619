// unbounded-retry: a retry with no cap on attempts or elapsed time.
import ts from 'typescript';
import { insertLinesBefore, indentationAt, indentUnit, type OffsetEdit, type OffsetFix, unusedName } from '../edits';
import { hasContinueOutsideCatch, retryingCatch } from '../retry-loops';
import type { RetryConstruct } from '../retry-model';
import { jitterFix, jitterGap } from './retry-without-jitter';
import { type Rule, type RuleContext, shortLabel } from '../rule-kit';
import type { RuleMeta } from '../types';
import { ruleMeta } from './catalog';

// ---------------------------------------------------------------------------------------------
// Meta

/** Its id, lesson section, severity, description and messages: in the rule catalog. */
export const meta: RuleMeta = ruleMeta('unbounded-retry');

// ---------------------------------------------------------------------------------------------
// Defaults

/** The cap the quick fix proposes: five attempts in all. */
const DEFAULT_MAX_ATTEMPTS = 5;

const MESSAGE_FOR_REASON = {
  'no-cap': 'noCap',
  'infinite-option': 'infiniteOption',
  'never-compared': 'neverCompared',
  'modulo-only': 'moduloOnly',
  'delay-only': 'delayOnly',
  'limit-off': 'limitOff',
  'never-advanced': 'neverAdvanced',
  leak: 'leak',
  reset: 'reset',
  'count-per-call': 'countPerCall',
} as const;

// ---------------------------------------------------------------------------------------------
// Check

function check(context: RuleContext): void {
  for (const construct of context.retries.constructs) {
    const bound = construct.bound;
    if (bound.capped !== false) continue;
    // One finding per construct: an unbounded retry that also waits without jitter says both, and its fix does both.
    const gap = jitterGap(construct.backoff);
    const data: Record<string, string> = { construct: shortLabel(construct.label), alsoJitter: gap ? ` ${gap}` : '' };
    if (bound.counter) data.counter = bound.counter;
    const leaks = bound.reason === 'leak' || bound.reason === 'reset';
    if (bound.detail) data[leaks ? 'line' : 'detail'] = bound.detail;
    const fix = combined(capFix(construct, leaks, context), gap ? jitterFix(construct, context) : undefined);
    context.report({ messageId: MESSAGE_FOR_REASON[bound.reason], data, span: construct.report, fixes: fix ? [fix] : undefined });
  }
}

export const rule: Rule = { meta, check };

// ---------------------------------------------------------------------------------------------
// Helpers

/** The cap and the jitter in one change, when their edits do not touch; otherwise the cap alone. */
function combined(cap: OffsetFix | undefined, jitter: OffsetFix | undefined): OffsetFix | undefined {
  if (!cap || !jitter) return cap;
  const overlaps = cap.edits.some((a) => jitter.edits.some((b) => a.start < b.end && b.start < a.end));
  return overlaps ? cap : { title: `${cap.title}, and add full jitter to the wait`, edits: [...cap.edits, ...jitter.edits] };
}

/**
 * Caps a retry loop: a named maximum and a counter before the loop, and a rethrow when the
 * counter reaches the maximum, at the top of the catch that retries (or of the loop body).
 */
function capFix(construct: RetryConstruct, leaks: boolean, context: RuleContext): OffsetFix | undefined {
  const loop = construct.kind === 'loop' ? construct.loop : undefined;
  const anchor = construct.anchor;
  if (!loop || !anchor || !ts.isBlock(loop.statement)) return undefined;
  const sourceFile = context.index.sourceFile;
  const max = unusedName('MAX_ATTEMPTS', context.index.names);
  const counter = unusedName('attempt', context.index.names);
  const edits: OffsetEdit[] = [insertLinesBefore(anchor, [`const ${max} = ${DEFAULT_MAX_ATTEMPTS};`, `let ${counter} = 0;`], sourceFile)];
  const handler = leaks || hasContinueOutsideCatch(loop) ? undefined : retryingCatch(loop);
  if (handler) edits.push(...rethrowInCatch(handler, counter, max, context));
  else edits.push(throwAtTop(loop.statement, counter, max, context));
  return { title: `Cap the retries at ${DEFAULT_MAX_ATTEMPTS} attempts (${max})`, edits };
}

function rethrowInCatch(handler: ts.CatchClause, counter: string, max: string, context: RuleContext): OffsetEdit[] {
  const sourceFile = context.index.sourceFile;
  const edits: OffsetEdit[] = [];
  let errorName: string;
  const variable = handler.variableDeclaration;
  if (variable && ts.isIdentifier(variable.name)) {
    errorName = variable.name.text;
  } else {
    errorName = unusedName('error', context.index.names);
    const keywordEnd = handler.getStart(sourceFile) + 'catch'.length;
    if (variable) return [throwAtTop(handler.block, counter, max, context)];
    edits.push({ start: keywordEnd, end: keywordEnd, newText: ` (${errorName})` });
  }
  edits.push(lineAtBlockStart(handler.block, `if (++${counter} >= ${max}) throw ${errorName};`, context));
  return edits;
}

function throwAtTop(block: ts.Block, counter: string, max: string, context: RuleContext): OffsetEdit {
  return lineAtBlockStart(block, `if (++${counter} > ${max}) throw new Error(\`Gave up after \${${max}} attempts\`);`, context);
}

function lineAtBlockStart(block: ts.Block, line: string, context: RuleContext): OffsetEdit {
  const sourceFile = context.index.sourceFile;
  const text = sourceFile.text;
  const open = block.getStart(sourceFile) + 1;
  const first = block.statements[0];
  const indent = first ? indentationAt(text, first.getStart(sourceFile)) : indentationAt(text, block.getStart(sourceFile)) + indentUnit(text);
  return { start: open, end: open, newText: `\n${indent}${line}` };
}
