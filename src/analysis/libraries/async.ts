// async (caolan/async): `async.retry(opts, task, callback)`, `retry(task)`, `async.retryable(opts, task)`. The
// options are `{ times, interval, errorFilter }` or a number of times; without them it makes 5 attempts with no
// wait at all between them. `interval` may be a function of the retry count.
import ts from 'typescript';
import { calleeObject, isArithmeticOperator, isFunctionNode, namePath, numericValue, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { calleeName, countBound, delayBackoff, isImportedEntry, libraryConstruct, moduleOf, option, type Options, optionsAt, plainCalleeName, retriedFunction } from './option-reading';

/** `times` counts attempts: 5 attempts are 4 retries. */
const DEFAULT_TIMES = 5;

export const asyncLibrary: LibrarySpec = {
  id: 'async',
  title: 'async (caolan)',
  docs: 'https://caolan.github.io/async/v3/docs.html#retry (opts = { times: 5, interval: 0 } or a number of times; interval may be a function of the retry count)',
  modules: ['async', 'async-es', 'async/retry', 'async/retryable', 'async-es/retry', 'async-es/retryable'],
  entries: ['default', 'retry', 'retryable'],
  names: [],
  options: { attempts: 'times', delay: 'interval' },
  defaults: { retries: DEFAULT_TIMES - 1, delay: 'none: every attempt follows the last at once', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || !isAsyncRetry(site, index)) return false;
    // `retry(task)`, `retry(task, callback)`, `retry(opts, task, callback)`: the options come first when they are not the task.
    const first = site.arguments[0];
    const optionsFirst = first !== undefined && !isFunctionNode(unwrap(first)) && site.arguments.length >= 2;
    const options = optionsFirst ? optionsAt(site, 0, index) : 'absent';
    const times = optionsFirst && isCount(first) ? first : undefined;
    const bound = times ? { capped: true as const, by: 'library' as const } : countBound(options, 'times', DEFAULT_TIMES - 1);
    const label = `async \`${calleeName(site)}\` call`;
    facts.constructs.push(libraryConstruct(site, 'library', label, index, bound, intervalBackoff(site, times ? 'absent' : options, index), retriedFunction(site.arguments[optionsFirst ? 1 : 0], index)));
    return true;
  },
};

/**
 * A number of times as the first argument: a number written out, a length (`candidates.length`) or arithmetic
 * (`servers.length * 2`). A name alone may hold the options object, so it is not taken for one.
 */
function isCount(argument: ts.Expression): boolean {
  const value = unwrap(argument);
  if (numericValue(value) !== undefined) return true;
  if (ts.isPropertyAccessExpression(value)) return value.name.text === 'length';
  return ts.isBinaryExpression(value) && isArithmeticOperator(value.operatorToken.kind);
}


/** `async.retry(…)` on the module or its default import, or `retry(…)` imported from it by name or by path. */
function isAsyncRetry(call: ts.CallExpression, index: SourceIndex): boolean {
  const name = calleeName(call);
  if (name !== 'retry' && name !== 'retryable') return false;
  const object = calleeObject(call);
  if (object) {
    const path = namePath(object);
    return path !== undefined && asyncLibrary.modules.includes(moduleOf(index, path) ?? '');
  }
  const plain = plainCalleeName(call);
  return plain !== undefined && isImportedEntry(index, plain, asyncLibrary);
}

const JITTERED_INTERVAL = 'interval: (retryCount) => Math.random() * Math.min(30_000, 100 * 2 ** retryCount)';

/** The wait `interval` sets: none without it (async retries at once), else judged as written. */
function intervalBackoff(call: ts.CallExpression, options: Options, index: SourceIndex): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  const interval = option(options, 'interval');
  if (interval) return delayBackoff(interval, index);
  return {
    kind: 'library-default',
    detail: 'async retries at once, with no wait between attempts, unless `interval` is set',
    fix: typeof options === 'string' ? undefined : { title: 'Set a jittered `interval`', target: options, property: JITTERED_INTERVAL },
  };
}
