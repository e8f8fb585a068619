// Reconnect and retry strategies written as functions: ioredis `retryStrategy(times)`, node-redis
// `reconnectStrategy(retries)`, a SignalR policy's `nextRetryDelayInMilliseconds(context)`, Bottleneck's
// `failed` handler. The library keeps retrying while the function returns a number; it stops when the
// function returns null, undefined, false or an Error, or throws.
import ts from 'typescript';
import { isFunctionNode, namePath, ownName, SKIP_CHILDREN, unwrap, walkTree } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { codeText, nodeText } from '../run-context';
import type { SourceIndex } from '../source-index';
import { delayBackoff } from './option-reading';

/** Words that show a way to stop: a non-number return, a throw, an `if` that may return nothing. */
const STOP_TEXT = /\bnull\b|\bundefined\b|\bvoid\b|Error\b|\bthrow\b|\bfalse\b|return\s*;|\breturn\s*$/m;

/** The function a strategy option holds: inline, a method, or a local function named there. */
export function strategyFunction(value: ts.Expression | undefined, index: SourceIndex): ts.Node | undefined {
  if (!value) return undefined;
  if (ts.isMethodDeclaration(value as ts.Node)) return value;
  const inner = unwrap(value);
  if (isFunctionNode(inner)) return inner;
  const path = namePath(inner);
  const name = path === undefined ? undefined : ownName(path);
  const local = name ? index.functions.get(name) : undefined;
  return local?.length === 1 ? local[0] : undefined;
}

/** A block body without a `return`: the strategy returns undefined, which stops the retrying at once. */
export function strategyReturnsNothing(fn: ts.Node): boolean {
  const body = (fn as ts.ArrowFunction).body as ts.Node | undefined;
  return body !== undefined && ts.isBlock(body) && !/\breturn\b/.test(nodeText(body));
}

/**
 * Unbounded when nothing in the function can stop the retrying (every path returns a delay), or when
 * the function stops only for some errors: every test in it reads the error alone (`if (options.error
 * === null || options.error.code === 'ECONNREFUSED') return 1000;`), so the errors a down server gives
 * are retried for ever. A test of anything else (the attempt, the time spent, a flag) may be a cap.
 */
export function strategyBound(fn: ts.Node, option: string): Bound {
  const body = (fn as ts.ArrowFunction).body as ts.Node | undefined;
  if (!body) return { capped: 'unknown' };
  if (STOP_TEXT.test(codeText(body))) {
    return testsOnlyTheError(body)
      ? { capped: false, reason: 'infinite-option', detail: `its \`${option}\` stops only for some errors and returns a delay for every attempt at the others` }
      : { capped: true, by: 'library' };
  }
  if (ts.isBlock(body) && !body.statements.some((statement) => ts.isReturnStatement(statement))) return { capped: 'unknown' };
  return { capped: false, reason: 'infinite-option', detail: `its \`${option}\` always returns a delay, so it never stops` };
}

/** A name that holds the failure a strategy is given: `err`, `error`, `options.error`, `e`. */
const ERROR_PART = /^(e|err|error|cause)$/;
/** How many nodes of a strategy are read for its tests; a longer strategy is taken to have a cap. */
const MAX_STRATEGY_NODES = 400;

/** Whether the body has tests, and every one of them reads only the error (its code, message, or whether there is one). */
export function testsOnlyTheError(body: ts.Node): boolean {
  let tests = 0;
  let nodes = 0;
  let other = false;
  walkTree(body, undefined, (node) => {
    if (other || ++nodes > MAX_STRATEGY_NODES) {
      other = true;
      return SKIP_CHILDREN;
    }
    const condition = ts.isIfStatement(node) || ts.isConditionalExpression(node) ? (ts.isIfStatement(node) ? node.expression : node.condition)
      : ts.isSwitchStatement(node) ? node.expression : undefined;
    if (condition) {
      tests++;
      if (!readsOnlyTheError(condition)) other = true;
    }
    return undefined;
  });
  return tests > 0 && !other;
}

function readsOnlyTheError(condition: ts.Expression): boolean {
  let only = true;
  walkTree(condition, undefined, (node) => {
    if (!only) return SKIP_CHILDREN;
    // `err instanceof FatalError`: the class on the right names a kind of error, not something else read.
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      if (!readsOnlyTheError(node.left)) only = false;
      return SKIP_CHILDREN;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isIdentifier(node)) {
      const path = namePath(node);
      if (path !== undefined && !(ts.isIdentifier(node) && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
        if (!path.split('.').some((part) => ERROR_PART.test(part)) && path !== 'undefined') only = false;
        return SKIP_CHILDREN;
      }
    }
    return undefined;
  });
  return only;
}

/** Jittered when the function draws a random number; otherwise the shape of the delay it returns. */
export function strategyBackoff(fn: ts.Node, option: string, index: SourceIndex): Backoff {
  const backoff = delayBackoff(fn as ts.FunctionExpression, index);
  if (backoff.kind !== 'library-default') return backoff;
  return { kind: 'library-default', detail: backoff.detail.replace(/^its delay/, `the delay its \`${option}\` returns`) };
}
