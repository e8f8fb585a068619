// undici's retry handler: `new RetryAgent(dispatcher, opts)`, `interceptors.retry(opts)`, `new RetryHandler(…)`.
// Five retries of idempotent methods (not POST), waiting 0.5 s doubling to 30 s, with no jitter and no
// option to add it.
import ts from 'typescript';
import { calleeName, calleeObject, namePath } from '../ast';
import type { LibrarySpec } from './library-spec';
import { countBound, holderName, isFromLibrary, libraryConstruct, option, optionsAt, requestsEndAtDeadline, retriesZero } from './option-reading';
import { nodeText } from '../run-context';

export const undici: LibrarySpec = {
  id: 'undici',
  docs: 'https://undici.nodejs.org/#/docs/api/RetryHandler (maxRetries 5, minTimeout 500, timeoutFactor 2, maxTimeout 30000; GET, HEAD, OPTIONS, PUT, DELETE, TRACE)',
  modules: ['undici'],
  entries: ['RetryAgent', 'RetryHandler', 'interceptors'],
  names: ['RetryAgent', 'RetryHandler'],
  options: { attempts: 'maxRetries', delay: 'minTimeout' },
  defaults: { retries: 5, delay: '0.5 s, doubling to 30 s', jitter: false, retriesPost: false, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site);
    const isAgent = ts.isNewExpression(site) && name === 'RetryAgent';
    const object = ts.isCallExpression(site) ? calleeObject(site) : undefined;
    const isInterceptor = name === 'retry' && object !== undefined && /(^|\.)interceptors$/.test(namePath(object) ?? '');
    if ((!isAgent && !isInterceptor) || !isFromLibrary(site, index, undici)) return false;
    const options = optionsAt(site, isAgent ? 1 : 0, index);
    if (options === 'opaque' || retriesZero(options, 'maxRetries', index)) return true;
    const detail = `undici's retry handler waits ${undici.defaults.delay} with no jitter (it has no option for it)`;
    let bound = countBound(options, 'maxRetries', undici.defaults.retries);
    // `maxRetries: Infinity` where every request through the agent is aborted by a timer: retried until that deadline.
    const holder = isAgent ? holderName(site) : undefined;
    if (bound.capped === false && holder && requestsEndAtDeadline(holder, index)) bound = { capped: true, by: 'request-deadline' };
    const label = isAgent ? '`new RetryAgent(…)`' : '`interceptors.retry(…)`';
    const construct = libraryConstruct(site, 'library', label, index, bound, { kind: 'library-default', detail }, []);
    facts.constructs.push(construct);
    // The agent re-sends the requests made through it: POSTs too where its `methods` name them.
    const methods = options ? option(options, 'methods') : undefined;
    if (holder && methods && /['"`](post|patch)['"`]/i.test(nodeText(methods))) facts.clients.push({ name: holder, label: `\`${holder}\` agent (${label})`, coversPost: true, backoff: construct.backoff, at: construct.report });
    return true;
  },
};
