// @microsoft/fetch-event-source: `fetchEventSource(url, { method, body, onmessage, onerror, signal })`. On any error
// (a failed request, a bad response, an exception in a callback) it asks `onerror`: a handler that throws stops it, one
// that returns a number waits that many milliseconds, and without one (or one that returns nothing) it tries again after
// the same 1 s (or the interval the server sent in a `retry:` field), for as long as the page lives. Decision: a stream
// left on that default, or whose handler never throws, is reported (unbounded, fixed wait); a handler that rethrows
// stops it (silent), and one that throws only for some errors still retries the others forever. Options out of sight
// say nothing. No key finding is made for the POST it sends again: a stream's body is usually a question to a model,
// which changes nothing when asked twice.
import ts from 'typescript';
import { calleeName } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { codeText } from '../run-context';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt } from './option-reading';
import { strategyBackoff, strategyFunction, testsOnlyTheError } from './strategy-function';

const ON_ERROR = 'onerror';
const DEFAULT_WAIT: Backoff = { kind: 'library-default', detail: 'fetch-event-source waits the same 1 s before every retry' };
/** What stops the stream from a handler: a throw, or aborting its signal. */
const STOPS = /\bthrow\b|\.abort\(/;

export const fetchEventSource: LibrarySpec = {
  id: 'fetch-event-source',
  title: '@microsoft/fetch-event-source',
  docs: 'https://github.com/Azure/fetch-event-source#readme (onerror: rethrow to stop, return an interval in ms to retry after it; without it every error is retried after 1 s, DefaultRetryInterval)',
  modules: ['@microsoft/fetch-event-source'],
  entries: ['fetchEventSource'],
  names: ['fetchEventSource'],
  options: { delay: ON_ERROR, strategy: ON_ERROR },
  defaults: { retries: 'unlimited', delay: '1 s, the same each time (or the server\'s `retry:`)', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (calleeName(site) !== 'fetchEventSource' || !isFromLibrary(site, index, fetchEventSource)) return false;
    const options = optionsAt(site, 1, index);
    if (options === 'opaque' || options === 'absent') return true;
    const given = option(options, ON_ERROR);
    if (given === undefined && hasSpreadOptions(options)) return true;
    const handler = strategyFunction(given, index);
    if (given !== undefined && !handler) return true;
    const body = handler ? (handler as ts.ArrowFunction).body as ts.Node | undefined : undefined;
    if (body && alwaysThrows(body)) return true;
    facts.constructs.push(libraryConstruct(site, 'library', '`fetchEventSource(…)`', index, handlerBound(body),
      handler && body && ts.isBlock(body) && body.statements.some(ts.isReturnStatement) ? strategyBackoff(handler, ON_ERROR, index) : DEFAULT_WAIT, []));
    return true;
  },
};

/**
 * `onerror(err) { log(err); throw err; }`: the first error ends the stream. A throw among the handler's own statements
 * is reached on every path unless one returns first (`if (retriable) return 2000; throw err;` retries some errors).
 */
function alwaysThrows(body: ts.Node): boolean {
  return ts.isBlock(body) && body.statements.some((statement) => ts.isThrowStatement(statement)) && !/\breturn\b/.test(codeText(body));
}

function handlerBound(body: ts.Node | undefined): Bound {
  if (!body || !STOPS.test(codeText(body))) {
    return { capped: false, reason: 'infinite-option', detail: body ? 'its `onerror` never throws, so every error is retried' : 'no `onerror`: every error is retried' };
  }
  return testsOnlyTheError(body)
    ? { capped: false, reason: 'infinite-option', detail: 'its `onerror` throws only for some errors and retries the others' }
    : { capped: true, by: 'library' };
}
