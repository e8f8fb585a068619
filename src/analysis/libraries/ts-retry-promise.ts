// ts-retry-promise: `retry(fn, { retries, delay, backoff, timeout })`. Ten retries 100 ms apart, all within a
// 60 s timeout; `'INFINITELY'` lifts either limit. Its FIXED, LINEAR and EXPONENTIAL backoffs have no jitter.
import ts from 'typescript';
import { stringValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isImportedEntry, libraryConstruct, option, optionsAt, plainCalleeName, requiredEntryCall, retriedFunction, retriesZero, type Options } from './option-reading';

export const tsRetryPromise: LibrarySpec = {
  id: 'ts-retry-promise',
  docs: 'https://github.com/normartin/ts-retry-promise#readme (retries 10, delay 100, backoff FIXED, timeout 60000)',
  modules: ['ts-retry-promise'],
  entries: ['retry'],
  names: ['INFINITELY'],
  options: { attempts: 'retries', totalTime: 'timeout', delay: 'delay' },
  defaults: { retries: 10, delay: 'a fixed 100 ms', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const required = requiredEntryCall(site, tsRetryPromise);
    const name = plainCalleeName(site) ?? required;
    if (!ts.isCallExpression(site) || !name || (!required && !isImportedEntry(index, name, tsRetryPromise))) return false;
    const options = optionsAt(site, 1, index);
    if (options === 'opaque' || retriesZero(options, 'retries', index)) return true;
    facts.constructs.push(libraryConstruct(site, 'library', `ts-retry-promise \`${name}\` call`, index, bound(options), backoff(options), retriedFunction(site.arguments[0], index)));
    return true;
  },
};

/** Unlimited only when both the count and the timeout are lifted. */
function bound(options: Exclude<Options, 'opaque'>): Bound {
  if (hasSpreadOptions(options)) return { capped: 'unknown' };
  const forever = (key: string) => stringValue(option(options, key)) === 'INFINITELY';
  if (forever('retries') && forever('timeout')) return { capped: false, reason: 'infinite-option', detail: "`retries` and `timeout` both `'INFINITELY'`" };
  return { capped: true, by: forever('retries') ? 'deadline' : 'library' };
}

function backoff(options: Exclude<Options, 'opaque'>): Backoff {
  if (hasSpreadOptions(options) && option(options, 'backoff') === undefined) return { kind: 'unknown' };
  const strategy = option(options, 'backoff');
  if (strategy && stringValue(strategy) === undefined) return { kind: 'unknown' };
  return { kind: 'library-default', detail: `ts-retry-promise's \`${stringValue(strategy) ?? 'FIXED'}\` backoff has no jitter` };
}
