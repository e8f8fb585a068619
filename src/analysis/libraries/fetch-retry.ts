// fetch-retry: `const f = fetchRetry(fetch, { retries, retryDelay, retryOn })`, then `f(url, init)`. Three
// retries a fixed second apart, for every method, by default; each call may override the builder's options.
// A `retryOn` function replaces the count: fetch-retry then asks it alone whether to go round (its index.js
// checks `retries` only where `retryOn` is not a function), so one that never reads the attempt number it is
// handed first retries every failure it accepts forever.
import ts from 'typescript';
import { findProperty, isFunctionNode, namePath } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { callsNamed, type SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibraryFacts, LibrarySpec } from './library-spec';
import {
  calledAtOnce, calledAtOnceName, countBound, decidesWithoutCounting, delayBackoff, holderName, isImportedEntry, isRequireOf, libraryConstruct, option, optionsAt, plainCalleeName, retriedFunction, retriesZero, shortExpression,
  type Options,
} from './option-reading';

export const fetchRetry: LibrarySpec = {
  id: 'fetch-retry',
  docs: 'https://github.com/jonbern/fetch-retry#example (retries 3, retryDelay 1000, retries network errors of every method)',
  modules: ['fetch-retry', 'fetch-retry-ts'],
  entries: ['default', 'fetchBuilder'],
  names: ['fetchRetry'],
  options: { attempts: 'retries', delay: 'retryDelay' },
  defaults: { retries: 3, delay: 'a fixed 1000 ms', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site)) return false;
    const name = plainCalleeName(site);
    const byImport = name !== undefined && (isImportedEntry(index, name, fetchRetry) || (name === 'fetchRetry' && isGlobalBuilderCall(site, index)));
    if (!byImport && !isRequireOf(site.expression, fetchRetry.modules)) return false;
    readWrapper(site, index, facts);
    return true;
  },
};

/**
 * `fetchRetry(fetch, …)` with `fetchRetry` neither imported nor defined in the file (a script tag's
 * global): the builder, given the fetch it wraps. A function of the file's own by that name is not it.
 */
function isGlobalBuilderCall(call: ts.CallExpression, index: SourceIndex): boolean {
  const wrapped = call.arguments[0];
  return !index.imports.has('fetchRetry') && !index.functions.has('fetchRetry') && !index.declarations.has('fetchRetry')
    && wrapped !== undefined && /fetch/i.test(namePath(wrapped) ?? '');
}

const JITTERED_DELAY = 'retryDelay: (attempt) => Math.random() * Math.min(30_000, 1000 * 2 ** attempt)';

/**
 * The wrapper's builder options are defaults, and each call may override them (`f(url, { retries: 0 })`,
 * `f(url, { retryDelay: (n) => Math.random() * … })`). So the calls of the wrapper in this file are read
 * too: a call with `retries: 0` is not retried, a call with its own `retryDelay` is judged (and reported)
 * on that call, and the builder's delay is reported only if some call uses it (or the wrapper is not
 * called here, say because it is exported).
 */
function readWrapper(call: ts.CallExpression, index: SourceIndex, facts: LibraryFacts): void {
  const options = optionsAt(call, 1, index);
  // A wrapper built and called at once (`fetchRetry(fetch)(url, init)`) has that one use, and goes by its builder's name.
  const atOnce = calledAtOnce(call);
  const holder = atOnce ? calledAtOnceName(call) : holderName(call);
  const uses = atOnce ? [atOnce] : holder ? callsNamed(index, holder.slice(holder.lastIndexOf('.') + 1)).filter((use) => namePath(use.expression) === holder) : [];
  const notRetried = new Set<ts.Node>();
  let builderDelayUsed = uses.length === 0;
  for (const use of uses) {
    const own = optionsAt(use, 1, index);
    if (retriesZero(own, 'retries', index) || (own !== 'opaque' && !option(own, 'retries') && retriesZero(options, 'retries', index))) {
      notRetried.add(use);
      continue;
    }
    const ownDelay = option(own, 'retryDelay');
    if (own === 'opaque') continue;
    if (!ownDelay) {
      builderDelayUsed = true;
      continue;
    }
    // A call's own `retryOn` replaces the builder's, a list of statuses included.
    const bound = (option(own, 'retryOn') ? retryOnBound(own, index) : retryOnBound(options, index))
      ?? (option(own, 'retries') ? countBound(own, 'retries', fetchRetry.defaults.retries) : countBound(options, 'retries', fetchRetry.defaults.retries));
    const label = atOnce ? 'fetch-retry call' : `fetch-retry call \`${holder}(…)\``;
    facts.constructs.push(libraryConstruct(use, 'library', label, index, bound, delayOption(ownDelay, own as ts.ObjectLiteralExpression, index), []));
  }
  const label = holder && !atOnce ? `fetch-retry wrapper \`${holder}\`` : 'fetch-retry wrapper';
  // The wrapper's own waits, where every use of it waits as it was built (a use with its own delay is read at the use).
  const backoff: Backoff = options === 'opaque' || !builderDelayUsed ? { kind: 'unknown' } : builderBackoff(call, options, index);
  if (!retriesZero(options, 'retries', index) || uses.length > notRetried.size) {
    facts.constructs.push(libraryConstruct(call, 'library', label, index, retryOnBound(options, index) ?? countBound(options, 'retries', fetchRetry.defaults.retries), backoff, []));
  }
  if (holder) facts.clients.push({ name: holder, label, coversPost: fetchRetry.defaults.retriesPost === true, notRetried, backoff, only: atOnce && new Set([atOnce]), at: firstLineSpan(call, index.sourceFile) });
}

/**
 * The bound a `retryOn` function sets, where the options hold one in sight: none when it never reads its first
 * parameter (the attempt number) nor a counter of its own; else its own (undefined: the count decides).
 */
function retryOnBound(options: Options, index: SourceIndex): Bound | undefined {
  if (options === 'opaque') return undefined;
  const retryOn = option(options, 'retryOn');
  const fn = retryOn ? retriedFunction(retryOn, index)[0] : undefined;
  if (!fn || !isFunctionNode(fn)) return undefined;
  if (!decidesWithoutCounting(fn)) return { capped: true, by: 'library' };
  return { capped: false, reason: 'infinite-option', detail: 'its `retryOn` function never reads the attempt number, and fetch-retry ignores `retries` when `retryOn` is a function' };
}

function builderBackoff(call: ts.CallExpression, options: Exclude<Options, 'opaque'>, index: SourceIndex): Backoff {
  const retryDelay = option(options, 'retryDelay');
  if (retryDelay) return delayOption(retryDelay, options as ts.ObjectLiteralExpression, index);
  return { kind: 'library-default', detail: `fetch-retry waits ${fetchRetry.defaults.delay} between attempts by default`, fix: { title: 'Set a jittered `retryDelay`', target: typeof options === 'string' ? call : options, property: JITTERED_DELAY } };
}

/** A `retryDelay` set explicitly (on the builder or on a call): judged as written, with a fix that replaces it. */
function delayOption(delay: ts.Expression, options: ts.ObjectLiteralExpression, index: SourceIndex): Backoff {
  const backoff = delayBackoff(delay, index);
  if (backoff.kind !== 'library-default') return backoff;
  const detail = backoff.detail.replace(/^its delay/, `its \`retryDelay: ${shortExpression(delay)}\``);
  return { kind: 'library-default', detail, fix: { title: 'Make `retryDelay` jittered', target: options, property: JITTERED_DELAY, replace: findProperty(options, 'retryDelay') } };
}
