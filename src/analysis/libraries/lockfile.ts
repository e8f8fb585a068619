// lockfile (npm's, by isaacs): `lockFile.lock(path, { retries, retryWait }, cb)` and `lockSync(path, { retries })`.
// By default a lock held by another process fails at once (retries 0). `retries: n` tries n more times,
// each `retryWait` ms after the last (the same wait every time, no randomness), or at once without it;
// `lockSync` never waits. Processes that queue for one lock then poll it in lockstep.
import ts from 'typescript';
import { namePath, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, delayBackoff, isImportedEntry, libraryConstruct, moduleOf, option, type Options, optionsAt, plainCalleeName, promisifiedFunction, requiredEntryCall, retriesZero } from './option-reading';

export const lockfile: LibrarySpec = {
  id: 'lockfile',
  docs: 'https://github.com/npm/lockfile#readme (opts.retries: retry n times before giving up, 0 by default; opts.retryWait: wait n ms before retrying, used by lock only)',
  modules: ['lockfile'],
  entries: ['lock', 'lockSync'],
  names: [],
  options: { attempts: 'retries', delay: 'retryWait' },
  defaults: { retries: 0, delay: 'none: at once unless `retryWait` is set, always at once for `lockSync`', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = ts.isCallExpression(site) ? lockEntry(site, index) : undefined;
    if (!name) return false;
    const options = optionsAt(site, 1, index);
    // Without options, or with a count of 0 (the default), a held lock fails at once: no retry.
    if (options === 'absent' || options === 'opaque' || option(options, 'retries') === undefined || retriesZero(options, 'retries', index)) return true;
    facts.constructs.push(libraryConstruct(site, 'library', `lockfile \`${name}\` call`, index, countBound(options, 'retries', 0), lockBackoff(name, options, index), []));
    return true;
  },
};

/**
 * The entry a lock call makes: `lockFile.lock(…)` on the module or its default import, `require('lockfile').lock(…)`,
 * `lock(…)` imported by name, or a promise-returning copy (`const lock = util.promisify(lockfile.lock.bind(lockfile))`).
 */
function lockEntry(call: ts.CallExpression, index: SourceIndex): string | undefined {
  const plain = plainCalleeName(call);
  const promisified = plain === undefined ? undefined : promisifiedFunction(index, plain);
  const callee = promisified ?? unwrap(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : plain;
  if (name === undefined || !lockfile.entries.includes(name)) return undefined;
  if (!promisified && requiredEntryCall(call, lockfile)) return name;
  if (ts.isPropertyAccessExpression(callee)) {
    const path = namePath(callee.expression);
    return path !== undefined && lockfile.modules.includes(moduleOf(index, path) ?? '') ? name : undefined;
  }
  return plain !== undefined && isImportedEntry(index, plain, lockfile) ? name : undefined;
}

/** The wait between tries: `retryWait` as written (the same each time), or none (`lockSync` ignores it). */
function lockBackoff(name: string, options: Exclude<Options, 'absent' | 'opaque'>, index: SourceIndex): Backoff {
  const wait = name === 'lockSync' ? undefined : option(options, 'retryWait');
  if (wait) return delayBackoff(wait, index);
  return { kind: 'library-default', detail: `lockfile's \`${name}\` tries again at once, with no wait, unless \`retryWait\` is set (${name === 'lockSync' ? 'which `lockSync` ignores' : 'and then waits it exactly'})` };
}
