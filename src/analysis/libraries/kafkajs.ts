// kafkajs: `new Kafka({ clientId, brokers, retry })`, and `kafka.producer({ retry })` / `kafka.consumer({ retry })`
// in a file that imports kafkajs. The retrier makes `retries` (5) attempts after the first, from
// `initialRetryTime` (300 ms) growing by `multiplier` (2) up to `maxRetryTime` (30 s), each wait
// randomised by `factor` (0.2). Reported: `retries` written as forever (`Infinity`,
// `Number.MAX_SAFE_INTEGER`), and `factor: 0`, which takes the randomness out of the waits.
import ts from 'typescript';
import { calleeName, numericValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { fileImports, isFromLibrary, libraryConstruct, option, resolveObject } from './option-reading';

const MODULES = ['kafkajs'];
const CLIENT = 'Kafka';
const CLIENT_PARTS = /^(producer|consumer|admin)$/;

export const kafkajs: LibrarySpec = {
  id: 'kafkajs',
  docs: 'https://kafka.js.org/docs/configuration#retry (retries 5, initialRetryTime 300 ms, multiplier 2, maxRetryTime 30000 ms, factor 0.2 randomisation)',
  modules: MODULES,
  entries: [CLIENT],
  names: [CLIENT],
  options: { attempts: 'retries', totalTime: 'maxRetryTime', delay: 'initialRetryTime', jitter: 'factor' },
  defaults: { retries: 5, delay: '300 ms, doubling to 30 s', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site) ?? '';
    const isClient = ts.isNewExpression(site) && name === CLIENT && isFromLibrary(site, index, kafkajs);
    if (!isClient && !(ts.isCallExpression(site) && CLIENT_PARTS.test(name) && fileImports(index, MODULES))) return false;
    const options = site.arguments?.[0] ? resolveObject(site.arguments[0], index) : undefined;
    const retry = options ? resolveObject(option(options, 'retry') ?? options, index) : undefined;
    if (!options || !retry || option(options, 'retry') === undefined) return isClient;
    const retries = numericValue(option(retry, 'retries'));
    const forever = retries === Infinity;
    const unrandomised = numericValue(option(retry, 'factor')) === 0;
    if (!forever && !unrandomised) return true;
    const bound: Bound = forever ? { capped: false, reason: 'infinite-option', detail: '`retries` has no practical end' } : { capped: true, by: 'library' };
    const backoff: Backoff = unrandomised ? { kind: 'library-default', detail: '`factor: 0` takes the randomness out of its waits' } : { kind: 'jittered' };
    facts.constructs.push(libraryConstruct(site, 'library', `kafkajs \`${isClient ? 'new Kafka' : name}(…)\` retry`, index, bound, backoff, []));
    return true;
  },
};
