// @lifeomic/attempt: `retry(async (context) => …, { maxAttempts, delay, factor, jitter, timeout })`.
// Three attempts 200 ms apart by default, with no jitter unless `jitter: true`. `maxAttempts: 0` means
// no limit on attempts; a non-zero `timeout` then still ends the retry (a deadline over all attempts).
import ts from 'typescript';
import { numericValue, unwrap } from '../ast';
import { fieldDefault, type SourceIndex } from '../source-index';
import type { Backoff, Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, fallbackValue, isImportedEntry, isTrue, libraryConstruct, option, optionsAt, plainCalleeName, requiredEntryCall, retriedFunction, type Options } from './option-reading';

export const lifeomicAttempt: LibrarySpec = {
  id: 'lifeomic-attempt',
  title: '@lifeomic/attempt',
  docs: 'https://github.com/lifeomic/attempt#usage (delay 200, maxAttempts 3 (0: no limit), factor 0, timeout 0, jitter false)',
  modules: ['@lifeomic/attempt'],
  entries: ['retry'],
  names: [],
  options: { attempts: 'maxAttempts', totalTime: 'timeout', delay: 'delay', jitter: 'jitter' },
  defaults: { retries: 2, delay: '200 ms, fixed (factor 0)', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const required = requiredEntryCall(site, lifeomicAttempt);
    const name = plainCalleeName(site) ?? required;
    if (!ts.isCallExpression(site) || !name || (!required && !isImportedEntry(index, name, lifeomicAttempt))) return false;
    const options = optionsAt(site, 1, index);
    const bound = attemptBound(options, index);
    if (bound === 'no-retry') return true;
    facts.constructs.push(libraryConstruct(site, 'library', `@lifeomic/attempt \`${name}\` call`, index, bound, attemptBackoff(options, site, index), retriedFunction(site.arguments[0], index)));
    return true;
  },
};

/** An option's number, also where it is read from the class's defaults object (`this.configuration.maxAttempts`). */
function numberOption(options: Options, name: string, index: SourceIndex): number | undefined {
  const value = option(options, name);
  return value === undefined ? undefined : numericValue(value) ?? fallbackValue(value, index);
}

function attemptBound(options: Options, index: SourceIndex): Bound | 'no-retry' {
  const attempts = numberOption(options, 'maxAttempts', index);
  if (attempts === 1) return 'no-retry';
  if (attempts !== 0) return countBound(options, 'maxAttempts', 3);
  const timeout = numberOption(options, 'timeout', index);
  if (timeout !== undefined && timeout > 0) return { capped: true, by: 'deadline' };
  if (option(options, 'timeout') !== undefined && timeout === undefined) return { capped: 'unknown' };
  return { capped: false, reason: 'infinite-option', detail: '`maxAttempts: 0` (no limit) and no `timeout` (unset or 0)' };
}

function attemptBackoff(options: Options, site: ts.CallExpression, index: SourceIndex): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  const jitter = option(options, 'jitter');
  if (isTrue(jitter) || (jitter && ts.isPropertyAccessExpression(unwrap(jitter)) && isTrue(fieldDefault(unwrap(jitter) as ts.PropertyAccessExpression, index)))) return { kind: 'jittered' };
  // A delay function of one's own, or a jitter flag we cannot read, may well randomise.
  if (option(options, 'calculateDelay') !== undefined || option(options, 'jitter') !== undefined) return { kind: 'unknown' };
  return {
    kind: 'library-default',
    detail: '@lifeomic/attempt waits without jitter unless `jitter: true` is set',
    fix: { title: 'Set `jitter: true`', target: options === 'absent' ? site : options, property: 'jitter: true' },
  };
}
