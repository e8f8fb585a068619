// promise-retry (and its fork @gar/promise-retry): node-retry's options around a promise,
// `promiseRetry((retry, number) => op().catch(retry), { retries, randomize })`, or with the options first.
import ts from 'typescript';
import { isFunctionNode, unwrap } from '../ast';
import { callsHandedRetryOnlyOnRefusal } from '../refusals';
import type { LibrarySpec } from './library-spec';
import {
  calleeName, countBound, isImportedEntry, libraryConstruct, optionsAt, plainCalleeName, randomizeOption, requiredEntryCall, retriedFunction, retriesZero,
} from './option-reading';

export const promiseRetry: LibrarySpec = {
  id: 'promise-retry',
  docs: 'https://github.com/IndigoUnited/node-promise-retry#promiseretryfn-options (retries 10, factor 2, minTimeout 1000, maxTimeout Infinity, randomize false)',
  modules: ['promise-retry', '@gar/promise-retry'],
  entries: ['default'],
  names: ['promiseRetry'],
  options: { attempts: 'retries', totalTime: 'maxRetryTime', delay: 'minTimeout', jitter: 'randomize' },
  defaults: { retries: 10, delay: '1 s, doubling, no cap', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    const required = requiredEntryCall(site, promiseRetry);
    if (!ts.isCallExpression(site) || (!required && (!name || (!isImportedEntry(index, name, promiseRetry) && !(name === 'promiseRetry' && !index.imports.has(name)))))) return false;
    // Either order: `promiseRetry(fn, options)` or `promiseRetry(options, fn)`.
    const functionFirst = site.arguments[0] !== undefined && isFunctionNode(unwrap(site.arguments[0]));
    const [fnPosition, optionsPosition] = functionFirst || site.arguments.length < 2 ? [0, 1] : [1, 0];
    const options = optionsAt(site, optionsPosition, index);
    if (retriesZero(options, 'retries', index)) return true;
    const bound = countBound(options, 'retries', promiseRetry.defaults.retries);
    const retried = retriedFunction(site.arguments[fnPosition], index);
    const construct = libraryConstruct(site, 'library', `\`${required ?? calleeName(site)}\` call`, index, bound, randomizeOption(site, options, 'promise-retry'), retried);
    // The callback goes round by calling the `retry` it is handed first: called only on a refusal, nothing was done twice.
    if (retried.length === 1 && callsHandedRetryOnlyOnRefusal(retried[0]!, 0)) construct.onlyOnRefusal = true;
    facts.constructs.push(construct);
    return true;
  },
};
