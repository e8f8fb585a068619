// Reconnect and retry strategies written as functions: ioredis `retryStrategy(times)`, node-redis
// `reconnectStrategy(retries)`, a SignalR policy's `nextRetryDelayInMilliseconds(context)`, Bottleneck's
// `failed` handler. The library keeps retrying while the function returns a number; it stops when the
// function returns null, undefined, false or an Error, or throws.
import ts from 'typescript';
import { isFunctionNode, namePath, ownName, unwrap } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { nodeText } from '../run-context';
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

/** Unbounded when nothing in the function can stop the retrying (every path returns a delay). */
export function strategyBound(fn: ts.Node, option: string): Bound {
  const body = (fn as ts.ArrowFunction).body as ts.Node | undefined;
  if (!body) return { capped: 'unknown' };
  const text = nodeText(body);
  if (STOP_TEXT.test(text)) return { capped: true, by: 'library' };
  if (ts.isBlock(body) && !body.statements.some((statement) => ts.isReturnStatement(statement))) return { capped: 'unknown' };
  return { capped: false, reason: 'infinite-option', detail: `its \`${option}\` always returns a delay, so it never stops` };
}

/** Jittered when the function draws a random number; otherwise the shape of the delay it returns. */
export function strategyBackoff(fn: ts.Node, option: string, index: SourceIndex): Backoff {
  const backoff = delayBackoff(fn as ts.FunctionExpression, index);
  if (backoff.kind !== 'library-default') return backoff;
  return { kind: 'library-default', detail: backoff.detail.replace(/^its delay/, `the delay its \`${option}\` returns`) };
}
