// p-retry: `pRetry(fn, { retries, randomize, maxRetryTime })`.
import ts from 'typescript';
import { numericValue } from '../ast';
import type { LibrarySpec } from './library-spec';
import {
  calleeName, countBound, isImportedEntry, libraryConstruct, option, optionsAt, plainCalleeName, randomizeOption, requiredEntryCall, retriedFunction, retriesZero,
} from './option-reading';

export const pRetry: LibrarySpec = {
  id: 'p-retry',
  docs: 'https://github.com/sindresorhus/p-retry#options (retries 10, factor 2, minTimeout 1000, randomize false)',
  modules: ['p-retry'],
  entries: ['default', 'pRetry'],
  names: ['pRetry'],
  options: { attempts: 'retries', totalTime: 'maxRetryTime', delay: 'minTimeout', jitter: 'randomize' },
  defaults: { retries: 10, delay: '1 s, doubling, no cap', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    const required = requiredEntryCall(site, pRetry);
    if (!ts.isCallExpression(site) || (!required && (!name || (!isImportedEntry(index, name, pRetry) && !(name === 'pRetry' && !index.imports.has(name)))))) return false;
    const options = optionsAt(site, 1, index);
    if (retriesZero(options, 'retries', index)) return true;
    let bound = countBound(options, 'retries', pRetry.defaults.retries);
    const maxRetryTime = numericValue(option(options, 'maxRetryTime'));
    if (bound.capped === false && maxRetryTime !== undefined && maxRetryTime !== Infinity) bound = { capped: true, by: 'deadline' };
    facts.constructs.push(libraryConstruct(site, 'library', `\`${required ?? calleeName(site)}\` call`, index, bound, randomizeOption(site, options, 'p-retry'), retriedFunction(site.arguments[0], index)));
    return true;
  },
};
