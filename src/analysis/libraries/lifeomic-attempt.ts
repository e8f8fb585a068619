// @lifeomic/attempt: `retry(async (context) => …, { maxAttempts, delay, factor, jitter, timeout })`.
// Three attempts 200 ms apart by default, with no jitter unless `jitter: true`. `maxAttempts: 0` means
// no limit on attempts; a non-zero `timeout` then still ends the retry (a deadline over all attempts).
import ts from 'typescript';
import { numericValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, isImportedEntry, isTrue, libraryConstruct, option, optionsAt, plainCalleeName, retriedFunction, type Options } from './option-reading';

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
    const name = plainCalleeName(site);
    if (!ts.isCallExpression(site) || !name || !isImportedEntry(index, name, lifeomicAttempt)) return false;
    const options = optionsAt(site, 1, index);
    const bound = attemptBound(options);
    if (bound === 'no-retry') return true;
    facts.constructs.push(libraryConstruct(site, 'library', `@lifeomic/attempt \`${name}\` call`, index, bound, attemptBackoff(options, site), retriedFunction(site.arguments[0], index)));
    return true;
  },
};

function attemptBound(options: Options): Bound | 'no-retry' {
  const attempts = numericValue(option(options, 'maxAttempts'));
  if (attempts === 1) return 'no-retry';
  if (attempts !== 0) return countBound(options, 'maxAttempts', 3);
  const timeout = numericValue(option(options, 'timeout'));
  if (timeout !== undefined && timeout > 0) return { capped: true, by: 'deadline' };
  return option(options, 'timeout') === undefined ? { capped: false, reason: 'infinite-option', detail: '`maxAttempts: 0` (no limit) and no `timeout`' } : { capped: 'unknown' };
}

function attemptBackoff(options: Options, site: ts.CallExpression): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  if (isTrue(option(options, 'jitter'))) return { kind: 'jittered' };
  // A delay function of one's own, or a jitter flag we cannot read, may well randomise.
  if (option(options, 'calculateDelay') !== undefined || option(options, 'jitter') !== undefined) return { kind: 'unknown' };
  return {
    kind: 'library-default',
    detail: '@lifeomic/attempt waits without jitter unless `jitter: true` is set',
    fix: { title: 'Set `jitter: true`', target: options === 'absent' ? site : options, property: 'jitter: true' },
  };
}
