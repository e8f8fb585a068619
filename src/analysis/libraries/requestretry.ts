// requestretry: a drop-in for `request` that sends each request again on a network error or a 5xx answer,
// `request({ url, method, maxAttempts, retryDelay, delayStrategy }, callback)`, also as `request.post(…)`.
// Five attempts a fixed 5 s apart by default, for every method: the request itself is what repeats.
import ts from 'typescript';
import { findProperty, numericValue, rootName, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { delayBackoff, libraryConstruct, moduleOf, option, type Options, resolveObject } from './option-reading';

export const requestretry: LibrarySpec = {
  id: 'requestretry',
  docs: 'https://github.com/FGRibreau/node-request-retry#usage (maxAttempts 5, retryDelay 5000, retryStrategy HTTPOrNetworkError: 5xx and network errors, every method)',
  modules: ['requestretry', '@hmcts/requestretry'],
  entries: ['default'],
  names: [],
  options: { attempts: 'maxAttempts', delay: 'retryDelay', strategy: 'delayStrategy' },
  defaults: { retries: 4, delay: 'a fixed 5000 ms', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || !fromRequestretry(site, index)) return false;
    const options = requestOptions(site, index);
    // `maxAttempts: 1` sends once.
    if (numericValue(option(options, 'maxAttempts')) === 1) return true;
    const label = `requestretry call \`${rootName(site.expression)}(…)\``;
    const bound = options === 'opaque' ? { capped: 'unknown' as const } : { capped: true as const, by: 'library' as const };
    const construct = libraryConstruct(site, 'library', label, index, bound, requestBackoff(site, options, index), [site]);
    // The wait set in the options (kept in a `const` a few lines up, as often as not) is the setting to change: the finding points there.
    const setting = typeof options === 'string' ? undefined : findProperty(options, 'delayStrategy') ?? findProperty(options, 'retryDelay');
    if (setting) construct.report = firstLineSpan(setting, index.sourceFile);
    facts.constructs.push(construct);
    return true;
  },
};

/** `request(…)`, `request.post(…)` where `request` is requestretry's default import or `require`. */
function fromRequestretry(call: ts.CallExpression, index: SourceIndex): boolean {
  const root = rootName(call.expression);
  return root !== undefined && requestretry.modules.includes(moduleOf(index, root) ?? '');
}

/** The request's options: the first argument, or the second after a URL (`request(url, options, callback)`). */
function requestOptions(call: ts.CallExpression, index: SourceIndex): Options {
  const [first, second] = call.arguments;
  if (!first) return 'absent';
  const firstObject = resolveObject(first, index);
  if (firstObject) return firstObject;
  if (ts.isStringLiteralLike(unwrap(first)) || ts.isTemplateExpression(unwrap(first))) return second ? resolveObject(second, index) ?? (isCallback(second) ? 'absent' : 'opaque') : 'absent';
  return 'opaque';
}

function isCallback(argument: ts.Expression): boolean {
  const inner = unwrap(argument);
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
}

const JITTERED_STRATEGY = 'delayStrategy: () => Math.floor(Math.random() * 5000)';

/** `delayStrategy` decides each wait when set, else `retryDelay`, else a fixed 5 s. */
function requestBackoff(call: ts.CallExpression, options: Options, index: SourceIndex): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  const strategy = option(options, 'delayStrategy');
  if (strategy) return delayBackoff(strategy, index);
  const delay = option(options, 'retryDelay');
  const fixOn = typeof options === 'string' ? undefined : options;
  const fix = fixOn ? { title: 'Set a jittered `delayStrategy`', target: fixOn, property: JITTERED_STRATEGY, replace: findProperty(fixOn, 'retryDelay') } : undefined;
  if (delay) {
    const written = delayBackoff(delay, index);
    return written.kind === 'library-default' ? { ...written, fix } : written;
  }
  return { kind: 'library-default', detail: `requestretry waits ${requestretry.defaults.delay} between attempts by default`, fix: fix ?? { title: 'Set a jittered `delayStrategy`', target: call, property: JITTERED_STRATEGY } };
}
