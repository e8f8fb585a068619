// exponential-backoff: `backOff(fn, { numOfAttempts, jitter })`. No jitter unless `jitter: 'full'`.
import ts from 'typescript';
import { findProperty, stringValue } from '../ast';
import type { Backoff } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, isImportedEntry, libraryConstruct, option, optionsAt, plainCalleeName, requiredEntryCall, retriedFunction, spreadsOutOfSight } from './option-reading';

/** numOfAttempts counts the first attempt too. */
const EXPONENTIAL_BACKOFF_ATTEMPTS = 10;

export const exponentialBackoff: LibrarySpec = {
  id: 'exponential-backoff',
  docs: 'https://github.com/coveooss/exponential-backoff#ibackoffoptions (numOfAttempts 10, startingDelay 100, jitter "none")',
  modules: ['exponential-backoff'],
  entries: ['backOff'],
  names: ['backOff'],
  options: { attempts: 'numOfAttempts', delay: 'startingDelay', jitter: 'jitter' },
  defaults: { retries: EXPONENTIAL_BACKOFF_ATTEMPTS - 1, delay: '100 ms, doubling', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    const required = requiredEntryCall(site, exponentialBackoff);
    if (!ts.isCallExpression(site) || (!name && !required)) return false;
    if (!required && !isImportedEntry(index, name!, exponentialBackoff) && (name !== 'backOff' || index.functions.has(name) || index.imports.has(name!))) return false;
    const options = optionsAt(site, 1, index);
    // `{ ...retryOptions, retry }`: a local object spread in is read; one out of sight may set the jitter.
    const jitter = option(options, 'jitter', index);
    const existing = typeof options === 'string' ? undefined : findProperty(options, 'jitter');
    const backoff: Backoff = options === 'opaque' || (jitter === undefined && spreadsOutOfSight(options, index)) ? { kind: 'unknown' }
      : stringValue(jitter) === 'full' ? { kind: 'jittered' }
      : jitter !== undefined && stringValue(jitter) === undefined ? { kind: 'unknown' }
      : { kind: 'library-default', detail: "exponential-backoff adds no jitter unless `jitter: 'full'` is set", fix: { title: "Set `jitter: 'full'`", target: typeof options === 'string' ? site : options, property: "jitter: 'full'", replace: existing } };
    facts.constructs.push(libraryConstruct(site, 'library', '`backOff` call', index, countBound(options, 'numOfAttempts', EXPONENTIAL_BACKOFF_ATTEMPTS), backoff, retriedFunction(site.arguments[0], index)));
    return true;
  },
};
